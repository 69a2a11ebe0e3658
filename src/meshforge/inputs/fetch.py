"""Fetch an image URL without letting the URL reach the server's own network (SSRF).

Every hop is resolved and checked against the address policy, then the connection is
pinned to the checked address (the Host header and TLS SNI/certificate check keep the
original name), so a DNS answer that changes between check and connect cannot steer us.
Redirects are followed by hand so each one is checked the same way.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from meshforge.errors import InvalidRequest, PayloadTooLarge
from meshforge.inputs import addresses
from meshforge.inputs.addresses import AddressPolicy, IPAddress
from meshforge.inputs.images import ImageLimits, check_image

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_REQUEST_HEADERS = {
    "Accept": "image/png, image/jpeg, image/webp",
    # Compressed bodies would let a small download expand past our byte limit.
    "Accept-Encoding": "identity",
    "User-Agent": "meshforge-image-fetch/1",
}


class ImageFetchError(InvalidRequest):
    """The image URL could not be fetched; the message says what to fix."""


class _Deadline:
    """One clock for the whole fetch, redirects included."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._end = time.monotonic() + timeout_s

    def remaining(self) -> float:
        return max(0.0, self._end - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self._end

    def error(self) -> ImageFetchError:
        return ImageFetchError(f"fetching the image URL took longer than {self.timeout_s:g} s")

    def check(self) -> None:
        if self.expired():
            raise self.error()


def fetch_image(
    url: str,
    *,
    limits: ImageLimits,
    allow_private: bool = False,
    timeout_s: float = 10.0,
    max_redirects: int = 5,
    is_allowed_address: AddressPolicy | None = None,
) -> bytes:
    """Download `url` safely and return its bytes once check_image accepts them.

    `is_allowed_address` replaces the default public-only policy (tests use it);
    `allow_private=True` allows every address.
    """
    policy = (
        addresses.allow_any_address
        if allow_private
        else (is_allowed_address or addresses.is_public_address)
    )
    deadline = _Deadline(timeout_s)
    current = _parse_fetch_url(url)
    with httpx.Client(follow_redirects=False, trust_env=False, verify=True) as client:
        for _hop in range(max_redirects + 1):
            checked = _checked_addresses(current, policy, deadline)
            outcome = _get_once(client, current, checked, limits, deadline)
            if isinstance(outcome, bytes):
                check_image(outcome, limits)
                return outcome
            current = _parse_fetch_url(str(outcome))
    raise ImageFetchError(f"the image URL redirected more than {max_redirects} times")


def build_pinned_request(
    client: httpx.Client,
    url: httpx.URL,
    address: IPAddress,
    timeout_s: float,
    *,
    method: str = "GET",
    content: bytes | None = None,
    extra_headers: dict[str, str] | None = None,
) -> httpx.Request:
    """A request for `url` that connects to `address` but presents the original host name
    (so DNS cannot change between the address check and the connection)."""
    headers = dict(_REQUEST_HEADERS) if method == "GET" else {}
    headers.update(extra_headers or {})
    headers["Host"] = url.netloc.decode("ascii")
    extensions: dict[str, object] = {}
    host = url.raw_host.decode("ascii")
    if url.scheme == "https" and addresses.parse_ip_literal(host) is None:
        # TLS must send and verify the original name, not the pinned IP.
        extensions["sni_hostname"] = host
    return client.build_request(
        method,
        url.copy_with(host=str(address)),
        headers=headers,
        content=content,
        extensions=extensions,
        timeout=httpx.Timeout(max(timeout_s, 0.001)),
    )


def _parse_fetch_url(raw: str) -> httpx.URL:
    try:
        url = httpx.URL(raw)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise ImageFetchError("the image URL is not a valid URL") from exc
    if url.scheme not in ("http", "https"):
        raise ImageFetchError("the image URL must use http:// or https://")
    if not url.raw_host:
        raise ImageFetchError("the image URL has no host name")
    return url


def _checked_addresses(
    url: httpx.URL, policy: AddressPolicy, deadline: _Deadline
) -> list[IPAddress]:
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        found = addresses.resolve_host(host, port, deadline.remaining())
    except addresses.ResolutionError as exc:
        if exc.timed_out:
            raise deadline.error() from exc
        raise ImageFetchError(f"the image URL's host name {host!r} does not resolve") from exc
    # One bad address is enough to refuse: we cannot choose which one a retry would use.
    if not all(policy(address) for address in found):
        raise ImageFetchError(
            "the image URL points to a private or loopback address, "
            "which this server does not fetch"
        )
    return found


def _get_once(
    client: httpx.Client,
    url: httpx.URL,
    checked: list[IPAddress],
    limits: ImageLimits,
    deadline: _Deadline,
) -> bytes | httpx.URL:
    """One GET: the body, or the next URL when the server redirects."""
    for index, address in enumerate(checked):
        request = build_pinned_request(client, url, address, deadline.remaining())
        try:
            with _http_errors_as_fetch_errors(deadline):
                response = client.send(request, stream=True)
        except ImageFetchError:
            if index + 1 < len(checked) and not deadline.expired():
                continue  # e.g. no IPv6 route: try the host's next address
            raise
        try:
            with _http_errors_as_fetch_errors(deadline), _abort_at(deadline, response):
                return _read_response(response, url, limits, deadline)
        finally:
            response.close()
    raise ImageFetchError("the image URL's host has no address to connect to")


def _read_response(
    response: httpx.Response, url: httpx.URL, limits: ImageLimits, deadline: _Deadline
) -> bytes | httpx.URL:
    status = response.status_code
    if status in _REDIRECT_STATUSES:
        location = response.headers.get("location")
        if not location:
            raise ImageFetchError(f"the image URL answered HTTP {status} without a Location")
        return url.join(location)
    if not 200 <= status < 300:
        raise ImageFetchError(f"the image URL answered HTTP {status}")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise ImageFetchError(
            f"the image URL answered with Content-Encoding {encoding}; serve the image uncompressed"
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise PayloadTooLarge(_too_large(limits))
    body = bytearray()
    for chunk in response.iter_raw():
        body.extend(chunk)
        if len(body) > limits.max_bytes:
            raise PayloadTooLarge(_too_large(limits))
        deadline.check()
    deadline.check()  # an aborted close-delimited body looks complete; it is not
    return bytes(body)


@contextmanager
def _http_errors_as_fetch_errors(deadline: _Deadline) -> Iterator[None]:
    try:
        yield
    except httpx.HTTPError as exc:
        if isinstance(exc, httpx.TimeoutException) or deadline.expired():
            raise deadline.error() from exc
        if isinstance(exc, httpx.ConnectError):
            raise ImageFetchError(
                "could not connect to the image URL's server (connection refused, "
                "unreachable, or its TLS certificate is not valid for the host name)"
            ) from exc
        raise ImageFetchError("the image URL's server sent an invalid HTTP response") from exc


@contextmanager
def _abort_at(deadline: _Deadline, response: httpx.Response) -> Iterator[None]:
    """Cut the connection when the deadline passes, even mid-read of a trickling body.

    httpx's read timeout applies per read, so a server sending one byte a second would
    otherwise keep us far past the deadline.
    """
    timer = threading.Timer(deadline.remaining(), _shutdown_socket, args=(response,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _shutdown_socket(response: httpx.Response) -> None:
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


def _too_large(limits: ImageLimits) -> str:
    return (
        f"the image at the URL is larger than {limits.max_bytes} bytes "
        f"({limits.max_bytes / 2**20:g} MiB), the limit"
    )
