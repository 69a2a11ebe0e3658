"""The asyncio client: the same API as Client, awaitable."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import pathlib
import random
from collections.abc import AsyncGenerator
from types import TracebackType
from typing import Any, Unpack

import httpx

from meshforge.client.base import (
    DEFAULT_WAIT_TIMEOUT,
    UNSET,
    ClientBase,
    Unset,
    UpdateCallback,
    require_outputs,
)
from meshforge.client.downloads import CHUNK_SIZE, PartFile, choose_filename, unique_path
from meshforge.client.errors import MeshforgeClientError
from meshforge.client.following import WaitSession
from meshforge.client.models import (
    DownloadedFile,
    GenerationResult,
    ModelInfo,
    Task,
    TaskPage,
    parse_models,
    parse_task,
    parse_task_page,
)
from meshforge.client.protocol import (
    GENERATIONS_PATH,
    MODELS_PATH,
    SubmitOptions,
    build_submit_body,
    error_from_response,
    list_params,
    read_data,
    read_submitted_task_id,
    task_path,
)
from meshforge.client.retry import RetryPolicy, request_retry_delay


class AsyncClient(ClientBase):
    """An asyncio client for meshforge and other servers of the Siray 3D task API.

    >>> async with AsyncClient() as client:  # doctest: +SKIP
    ...     task_id = await client.submit("meshforge/text-to-3d", prompt="a chair")
    ...     task = await client.wait(task_id)
    """

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        poll_interval: float | None = None,
        wait_timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        request_timeout: httpx.Timeout | float | None = None,
        retry: RetryPolicy | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(
            base_url,
            api_key,
            poll_interval=poll_interval,
            wait_timeout=wait_timeout,
            retry=retry,
            rng=rng,
        )
        self._http = httpx.AsyncClient(**self._http_options(request_timeout))

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def submit(
        self, model: str, *, idempotency_key: str | None = None, **options: Unpack[SubmitOptions]
    ) -> str:
        """Create a task and return its id. Unset options take the server's defaults."""
        body = build_submit_body(model, options)
        headers = self._submit_headers(idempotency_key)
        response = await self._request("POST", GENERATIONS_PATH, json=body, headers=headers)
        return read_submitted_task_id(response)

    async def get(self, task_id: str) -> Task:
        """The task's current state."""
        return parse_task(read_data(await self._request("GET", task_path(task_id))))

    async def wait(
        self,
        task_id: str,
        *,
        poll_interval: float | None = None,
        timeout: float | None | Unset = UNSET,
        on_update: UpdateCallback | None = None,
        raise_on_failure: bool = True,
    ) -> Task:
        """Follow the task until it is SUCCESS or FAILURE and return it.

        Follows the task's event stream where the server offers one (meshforge does), so
        the result comes the moment it exists; else polls every `poll_interval` seconds.
        `on_update` (a function or a coroutine function) gets every state seen. Raises
        TaskFailedError on FAILURE (unless raise_on_failure is False) and WaitTimeoutError
        after `timeout` seconds (None: no limit). Rate limits, overload and network errors
        are retried with back-off, honouring Retry-After; a dropped stream is resumed.
        """
        session = self._wait_session(task_id, poll_interval, timeout, raise_on_failure)
        while session.result is None:
            await asyncio.sleep(session.delay)
            try:
                async with contextlib.aclosing(self._watch_round(session)) as states:
                    async for task in states:
                        if on_update is not None and session.is_news(task):
                            await _call(on_update, task)
                        if session.after_task(task):
                            break
            except MeshforgeClientError as error:
                session.after_error(error)
        return session.result

    async def download(
        self, task: str | Task, directory: str | os.PathLike[str]
    ) -> list[DownloadedFile]:
        """Stream every output of a finished task into `directory` under the server's names."""
        finished = task if isinstance(task, Task) else await self.get(task)
        require_outputs(finished)
        taken: set[pathlib.Path] = set()
        target = pathlib.Path(directory)
        # One at a time: parallel streams would race for the same filenames.
        return [await self._download_one(url, target, taken) for url in finished.outputs]

    async def generate(
        self,
        model: str,
        *,
        output_dir: str | os.PathLike[str],
        idempotency_key: str | None = None,
        poll_interval: float | None = None,
        timeout: float | None | Unset = UNSET,
        on_update: UpdateCallback | None = None,
        **options: Unpack[SubmitOptions],
    ) -> GenerationResult:
        """Submit, wait and download in one call; raises TaskFailedError on FAILURE."""
        task_id = await self.submit(model, idempotency_key=idempotency_key, **options)
        task = await self.wait(
            task_id, poll_interval=poll_interval, timeout=timeout, on_update=on_update
        )
        return GenerationResult(task=task, files=tuple(await self.download(task, output_dir)))

    async def list_tasks(
        self, *, status: str | None = None, limit: int | None = None, after: str | None = None
    ) -> TaskPage:
        """One page of this key's tasks, newest first."""
        params = list_params(status, limit, after)
        return parse_task_page(
            read_data(await self._request("GET", GENERATIONS_PATH, params=params))
        )

    async def cancel(self, task_id: str) -> Task:
        """Cancel a task that has not finished; it becomes FAILURE with reason 'canceled'."""
        data = read_data(await self._request("POST", task_path(task_id, "/cancel")))
        if isinstance(data, dict) and "status" in data:
            return parse_task(data)
        return await self.get(task_id)

    async def models(self) -> list[ModelInfo]:
        """The models the server offers."""
        return parse_models(read_data(await self._request("GET", MODELS_PATH)))

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """Send an API request, retrying rate limits, overload and network errors."""
        request = self._http.build_request(
            method, path, json=json, params=params, headers=headers or self._headers()
        )
        attempt = 0
        while True:
            try:
                return await self._send(request)
            except MeshforgeClientError as error:
                attempt += 1
                await asyncio.sleep(request_retry_delay(self.retry, attempt, error, self._rng))

    async def _send(self, request: httpx.Request) -> httpx.Response:
        """One request; HTTP errors and network failures become typed errors."""
        try:
            response = await self._http.send(request)
        except httpx.TransportError as exc:
            raise self._connection_error(exc) from exc
        if response.status_code >= 400:
            raise error_from_response(response)
        return response

    async def _watch_round(self, session: WaitSession) -> AsyncGenerator[Task, None]:
        """The task states one request of wait() shows: a stream's events, or one reply."""
        with self._connection_errors():
            response = await self._http.send(self._watch_request(self._http, session), stream=True)
        async with contextlib.aclosing(response):
            if not session.stream_opened(response):
                with self._connection_errors():
                    await response.aread()
                for task in session.answer(response):
                    yield task
                return
            with session.following_stream():
                async for line in response.aiter_lines():
                    for task in session.feed(line):
                        yield task

    async def _download_one(
        self, url: str, directory: pathlib.Path, taken: set[pathlib.Path]
    ) -> DownloadedFile:
        attempt = 0
        while True:
            try:
                return await self._stream_to_disk(url, directory, taken)
            except MeshforgeClientError as error:
                attempt += 1
                await asyncio.sleep(request_retry_delay(self.retry, attempt, error, self._rng))

    async def _stream_to_disk(
        self, url: str, directory: pathlib.Path, taken: set[pathlib.Path]
    ) -> DownloadedFile:
        # Output URLs are public (and may redirect to presigned storage): no API key.
        try:
            async with self._http.stream("GET", url) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise error_from_response(response)
                content_type = response.headers.get("content-type", "")
                name = choose_filename(
                    response.headers.get("content-disposition"), url, content_type
                )
                path = unique_path(directory, name, taken)
                with PartFile(path) as part:
                    async for chunk in response.aiter_bytes(CHUNK_SIZE):
                        part.write(chunk)
                taken.add(path)
        except httpx.TransportError as exc:
            raise self._connection_error(exc) from exc
        return DownloadedFile(url=url, path=path, size=part.size, content_type=content_type)


async def _call(on_update: UpdateCallback, task: Task) -> None:
    """Call the callback, awaiting it when it is a coroutine function."""
    if inspect.isawaitable(outcome := on_update(task)):
        await outcome
