"""Standard Webhooks signatures: HMAC-SHA256 over "<id>.<timestamp>.<body>"."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from pathlib import Path

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def load_or_create_secret(path: Path) -> tuple[str, bool]:
    """The server's webhook secret, created on first use; (secret, was_created)."""
    if path.exists():
        return path.read_text().strip(), False
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = new_secret()
    path.write_text(secret + "\n")
    path.chmod(0o600)
    return secret, True


def server_secret(configured: str, path: Path) -> tuple[str, bool]:
    """MESHFORGE_WEBHOOK_SECRET when set (a cluster's nodes share it), else the one kept
    in the data directory, created on first use; (secret, was_created)."""
    if configured:
        return configured, False
    return load_or_create_secret(path)


def signature_headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three headers a Standard Webhooks receiver verifies."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": f"v1,{digest}",
    }
