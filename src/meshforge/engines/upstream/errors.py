"""What can go wrong talking to a provider, sorted by what the forwarder does about it."""

from __future__ import annotations

KEY_REFUSED_REASON = "the upstream provider refused the operator's key"


class UpstreamError(Exception):
    """Base of the provider errors."""


class UpstreamBusy(UpstreamError):
    """Try again later: a 429, a 5xx, a timeout or a dropped connection.

    `retry_after`: the provider's Retry-After in seconds, if it sent one. `maybe_done`:
    the request may have reached the provider (a 500 or a read timeout), so a submit
    without an idempotency key must not simply be sent again.
    """

    def __init__(self, detail: str, retry_after: float | None = None, maybe_done: bool = False):
        super().__init__(detail)
        self.retry_after = retry_after
        self.maybe_done = maybe_done


class UpstreamKeyRefused(UpstreamError):
    """The provider answered 401: the operator's key is wrong or revoked."""


class UpstreamRejected(UpstreamError):
    """The provider refused the request for good (a 4xx); the message is its reason."""
