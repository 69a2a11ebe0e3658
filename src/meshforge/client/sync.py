"""The blocking client."""

from __future__ import annotations

import contextlib
import os
import pathlib
import random
import time
from collections.abc import Generator
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


class Client(ClientBase):
    """A blocking client for meshforge and other servers of the Siray 3D task API.

    >>> with Client("http://127.0.0.1:8000", "mf_...") as client:  # doctest: +SKIP
    ...     result = client.generate("meshforge/text-to-3d", prompt="a chair", output_dir="out")
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
        self._http = httpx.Client(**self._http_options(request_timeout))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def submit(
        self, model: str, *, idempotency_key: str | None = None, **options: Unpack[SubmitOptions]
    ) -> str:
        """Create a task and return its id. Unset options take the server's defaults."""
        body = build_submit_body(model, options)
        headers = self._submit_headers(idempotency_key)
        response = self._request("POST", GENERATIONS_PATH, json=body, headers=headers)
        return read_submitted_task_id(response)

    def get(self, task_id: str) -> Task:
        """The task's current state."""
        return parse_task(read_data(self._request("GET", task_path(task_id))))

    def wait(
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
        `on_update` gets every state seen. Raises TaskFailedError on FAILURE (unless
        raise_on_failure is False) and WaitTimeoutError after `timeout` seconds (None: no
        limit). Rate limits, overload and network errors are retried with back-off,
        honouring Retry-After; a dropped stream is resumed.
        """
        session = self._wait_session(task_id, poll_interval, timeout, raise_on_failure)
        while session.result is None:
            time.sleep(session.delay)
            try:
                with contextlib.closing(self._watch_round(session)) as states:
                    for task in states:
                        if on_update is not None and session.is_news(task):
                            on_update(task)
                        if session.after_task(task):
                            break
            except MeshforgeClientError as error:
                session.after_error(error)
        return session.result

    def download(self, task: str | Task, directory: str | os.PathLike[str]) -> list[DownloadedFile]:
        """Stream every output of a finished task into `directory` under the server's names."""
        finished = task if isinstance(task, Task) else self.get(task)
        require_outputs(finished)
        taken: set[pathlib.Path] = set()
        target = pathlib.Path(directory)
        return [self._download_one(url, target, taken) for url in finished.outputs]

    def generate(
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
        task_id = self.submit(model, idempotency_key=idempotency_key, **options)
        task = self.wait(task_id, poll_interval=poll_interval, timeout=timeout, on_update=on_update)
        return GenerationResult(task=task, files=tuple(self.download(task, output_dir)))

    def list_tasks(
        self, *, status: str | None = None, limit: int | None = None, after: str | None = None
    ) -> TaskPage:
        """One page of this key's tasks, newest first."""
        params = list_params(status, limit, after)
        return parse_task_page(read_data(self._request("GET", GENERATIONS_PATH, params=params)))

    def cancel(self, task_id: str) -> Task:
        """Cancel a task that has not finished; it becomes FAILURE with reason 'canceled'."""
        data = read_data(self._request("POST", task_path(task_id, "/cancel")))
        if isinstance(data, dict) and "status" in data:
            return parse_task(data)
        return self.get(task_id)

    def models(self) -> list[ModelInfo]:
        """The models the server offers."""
        return parse_models(read_data(self._request("GET", MODELS_PATH)))

    def _request(
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
                return self._send(request)
            except MeshforgeClientError as error:
                attempt += 1
                time.sleep(request_retry_delay(self.retry, attempt, error, self._rng))

    def _send(self, request: httpx.Request) -> httpx.Response:
        """One request; HTTP errors and network failures become typed errors."""
        try:
            response = self._http.send(request)
        except httpx.TransportError as exc:
            raise self._connection_error(exc) from exc
        if response.status_code >= 400:
            raise error_from_response(response)
        return response

    def _watch_round(self, session: WaitSession) -> Generator[Task, None, None]:
        """The task states one request of wait() shows: a stream's events, or one reply."""
        with self._connection_errors():
            response = self._http.send(self._watch_request(self._http, session), stream=True)
        with contextlib.closing(response):
            if not session.stream_opened(response):
                with self._connection_errors():
                    response.read()
                yield from session.answer(response)
                return
            with session.following_stream():
                for line in response.iter_lines():
                    yield from session.feed(line)

    def _download_one(
        self, url: str, directory: pathlib.Path, taken: set[pathlib.Path]
    ) -> DownloadedFile:
        attempt = 0
        while True:
            try:
                return self._stream_to_disk(url, directory, taken)
            except MeshforgeClientError as error:
                attempt += 1
                time.sleep(request_retry_delay(self.retry, attempt, error, self._rng))

    def _stream_to_disk(
        self, url: str, directory: pathlib.Path, taken: set[pathlib.Path]
    ) -> DownloadedFile:
        # Output URLs are public (and may redirect to presigned storage): no API key.
        try:
            with self._http.stream("GET", url) as response:
                if response.status_code >= 400:
                    response.read()
                    raise error_from_response(response)
                content_type = response.headers.get("content-type", "")
                name = choose_filename(
                    response.headers.get("content-disposition"), url, content_type
                )
                path = unique_path(directory, name, taken)
                with PartFile(path) as part:
                    for chunk in response.iter_bytes(CHUNK_SIZE):
                        part.write(chunk)
                taken.add(path)
        except httpx.TransportError as exc:
            raise self._connection_error(exc) from exc
        return DownloadedFile(url=url, path=path, size=part.size, content_type=content_type)
