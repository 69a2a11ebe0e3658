"""HTTP to a provider: the operator's key on every call, and every failure sorted into
retry later (UpstreamBusy), wrong key (UpstreamKeyRefused) or refused (UpstreamRejected).

The key goes only into the Authorization header; error texts carry the provider's own
message and the path, never headers, so no key reaches a log line or a task row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from meshforge.client.protocol import parse_retry_after
from meshforge.engines.upstream.errors import (
    UpstreamBusy,
    UpstreamKeyRefused,
    UpstreamRejected,
)

ErrorMessage = Callable[[Any], str]  # the provider's reason, from its JSON error body

TIMEOUT = httpx.Timeout(30.0, connect=10.0)
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)


class ProviderHttp:
    """An async client for one provider's base URL and key."""

    def __init__(self, base_url: str, api_key: str, error_message: ErrorMessage) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=TIMEOUT,
            limits=LIMITS,
        )
        # Output files come from public URLs (often a CDN): fetched without the key.
        self._files = httpx.AsyncClient(timeout=TIMEOUT, limits=LIMITS, follow_redirects=True)
        self._error_message = error_message

    async def close(self) -> None:
        await self._client.aclose()
        await self._files.aclose()

    async def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """The JSON of a 2xx answer; raises an UpstreamError for anything else."""
        try:
            response = await self._client.request(method, path, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise UpstreamBusy(f"{method} {path}: cannot connect ({type(exc).__name__})") from None
        except httpx.TransportError as exc:  # sent, but no (whole) answer came back
            raise UpstreamBusy(
                f"{method} {path}: no answer ({type(exc).__name__})", maybe_done=True
            ) from None
        self._raise_for_status(method, path, response)
        try:
            return response.json()
        except ValueError:
            raise UpstreamBusy(
                f"{method} {path}: the answer was not JSON", maybe_done=True
            ) from None

    async def download(self, url: str, max_bytes: int) -> bytes:
        """A file from an output URL (absolute, or relative to the base URL)."""
        absolute = self._client.base_url.join(url)
        try:
            async with self._files.stream("GET", absolute) as response:
                self._raise_for_status("GET", "a model file", response)
                return await _read_capped(response, max_bytes)
        except httpx.TransportError as exc:
            raise UpstreamBusy(f"downloading the model failed ({type(exc).__name__})") from None

    def _raise_for_status(self, method: str, path: str, response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        if status in (429, 503):  # refused before doing anything: safe to send again
            raise UpstreamBusy(f"{method} {path}: HTTP {status}", retry_after_s(response))
        if status >= 500:
            raise UpstreamBusy(
                f"{method} {path}: HTTP {status}", retry_after_s(response), maybe_done=True
            )
        if status == 401:
            raise UpstreamKeyRefused(f"{method} {path}: HTTP 401")
        raise UpstreamRejected(self._reason(response))

    def _reason(self, response: httpx.Response) -> str:
        try:
            message = self._error_message(response.json())
        except (ValueError, AttributeError, TypeError, KeyError):
            message = ""
        return (message or f"HTTP {response.status_code}")[:500]


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    data = bytearray()
    async for chunk in response.aiter_bytes():
        data.extend(chunk)
        if len(data) > max_bytes:
            raise UpstreamRejected(f"the model file is larger than {max_bytes} bytes")
    return bytes(data)


def retry_after_s(response: httpx.Response) -> float | None:
    """Retry-After as seconds (delta-seconds or an HTTP date), None when absent or bad."""
    return parse_retry_after(response.headers.get("retry-after"))
