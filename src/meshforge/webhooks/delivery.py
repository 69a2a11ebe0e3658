"""One webhook POST to a checked, pinned address; True when the receiver answered 2xx."""

from __future__ import annotations

import logging

import httpx

from meshforge.inputs import addresses
from meshforge.inputs.fetch import build_pinned_request

log = logging.getLogger(__name__)


def post_webhook(
    url: str, body: bytes, headers: dict[str, str], *, allow_private: bool, timeout_s: float
) -> bool:
    target = httpx.URL(url)
    host = target.raw_host.decode("ascii")
    port = target.port or (443 if target.scheme == "https" else 80)
    try:
        found = addresses.resolve_host(host, port, timeout_s)
    except addresses.ResolutionError:
        log.info("webhook host %s does not resolve", host)
        return False
    policy = addresses.allow_any_address if allow_private else addresses.is_public_address
    if not found or not all(policy(address) for address in found):
        log.warning("webhook to %s refused: not a public address", host)
        return False
    all_headers = {**headers, "Content-Type": "application/json", "User-Agent": "meshforge"}
    with httpx.Client(trust_env=False, follow_redirects=False) as client:
        request = build_pinned_request(
            client,
            target,
            found[0],
            timeout_s,
            method="POST",
            content=body,
            extra_headers=all_headers,
        )
        try:
            response = client.send(request)
        except httpx.HTTPError as exc:
            log.info("webhook to %s failed: %s", host, type(exc).__name__)
            return False
    return 200 <= response.status_code < 300
