"""API keys: created once, shown once, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets
import time

from sqlalchemy import Engine, insert, select, update

from meshforge.domain.records import ApiKey
from meshforge.store.tables import api_keys

KEY_PREFIX = "mf_"


def hash_secret(secret: str) -> str:
    # Keys carry 256 random bits, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


class KeyStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, name: str) -> tuple[ApiKey, str]:
        """Make a key; returns the record and the plaintext, which is never stored."""
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        now = int(time.time())
        with self._engine.begin() as conn:
            row_id = conn.execute(
                insert(api_keys).values(
                    name=name, key_hash=hash_secret(secret), prefix=secret[:10], created_at=now
                )
            ).inserted_primary_key
        assert row_id is not None
        return ApiKey(int(row_id[0]), name, secret[:10], now, None), secret

    def list(self) -> list[ApiKey]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(api_keys).order_by(api_keys.c.id)).mappings().all()
        return [
            ApiKey(r["id"], r["name"], r["prefix"], r["created_at"], r["revoked_at"]) for r in rows
        ]

    def revoke(self, key_id: int) -> bool:
        with self._engine.begin() as conn:
            result = conn.execute(
                update(api_keys)
                .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=int(time.time()))
            )
        return result.rowcount == 1

    def count_active(self) -> int:
        return sum(1 for k in self.list() if k.revoked_at is None)

    def authenticate(self, secret: str) -> int | None:
        """The key id for a live key, or None."""
        query = select(api_keys.c.id).where(
            api_keys.c.key_hash == hash_secret(secret), api_keys.c.revoked_at.is_(None)
        )
        with self._engine.connect() as conn:
            value = conn.execute(query).scalar()
        return None if value is None else int(value)
