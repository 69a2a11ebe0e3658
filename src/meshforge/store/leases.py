"""Named leases in the database: work that one node of several does at a time.

A lease is a row (name, holder, expires_at). Taking it is one compare-and-set UPDATE
that succeeds for its current holder (a renewal) or for anyone once it has expired, so
when the holding node dies another takes the work over after at most one lease time.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine, or_, select, update
from sqlalchemy.exc import IntegrityError

from meshforge.store.tables import leases


class LeaseStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def acquire(self, name: str, holder: str, ttl_s: float, now: float | None = None) -> bool:
        """Take or renew the lease `name` for `ttl_s`; True while `holder` has it."""
        moment = time.time() if now is None else now
        self._ensure_row(name)
        with self._engine.begin() as conn:
            result = conn.execute(
                update(leases)
                .where(
                    leases.c.name == name,
                    or_(leases.c.holder == holder, leases.c.expires_at < moment),
                )
                .values(holder=holder, expires_at=moment + ttl_s)
            )
        return result.rowcount == 1

    def release(self, name: str, holder: str) -> None:
        """Give the lease up early (a graceful stop), so another node need not wait."""
        with self._engine.begin() as conn:
            conn.execute(
                update(leases)
                .where(leases.c.name == name, leases.c.holder == holder)
                .values(expires_at=0.0)
            )

    def holder(self, name: str, now: float | None = None) -> str | None:
        """Who holds `name` now (None when nobody or the lease ran out)."""
        moment = time.time() if now is None else now
        with self._engine.connect() as conn:
            row = conn.execute(
                leases.select().where(leases.c.name == name, leases.c.expires_at >= moment)
            ).first()
        return None if row is None else str(row.holder)

    def _ensure_row(self, name: str) -> None:
        """The row exists, expired, before the first CAS (a twin insert loses harmlessly)."""
        with self._engine.connect() as conn:
            if conn.execute(select(leases.c.name).where(leases.c.name == name)).first():
                return
        try:
            with self._engine.begin() as conn:
                conn.execute(leases.insert().values(name=name, holder="", expires_at=0.0))
        except IntegrityError:
            pass
