"""The artifacts table: what each /redirect/{token} serves, until its retention ends."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Engine, insert, select, update

from meshforge.domain.records import Artifact
from meshforge.store.rows import to_artifact
from meshforge.store.tables import artifacts


class ArtifactStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, stored: Sequence[Artifact], conn: Connection | None = None) -> None:
        """Record artifacts, inside `conn`'s transaction when given."""
        if not stored:
            return
        rows = [{**a.__dict__, "deleted": 0} for a in stored]
        if conn is not None:
            conn.execute(insert(artifacts), rows)
            return
        with self._engine.begin() as own:
            own.execute(insert(artifacts), rows)

    def get(self, token: str) -> tuple[Artifact, bool] | None:
        """The artifact and whether its file was already deleted."""
        with self._engine.connect() as conn:
            row = conn.execute(select(artifacts).where(artifacts.c.token == token)).mappings()
            found = row.first()
        if found is None:
            return None
        return to_artifact(found), bool(found["deleted"])

    def expired(self, now: int, limit: int = 500) -> list[Artifact]:
        query = (
            select(artifacts)
            .where(artifacts.c.deleted == 0, artifacts.c.expires_at <= now)
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [to_artifact(r) for r in conn.execute(query).mappings()]

    def get_many(self, tokens: Sequence[str]) -> dict[str, Artifact]:
        """The live (not deleted) artifacts among `tokens`, by token."""
        query = select(artifacts).where(
            artifacts.c.token.in_(list(tokens)), artifacts.c.deleted == 0
        )
        with self._engine.connect() as conn:
            return {r["token"]: to_artifact(r) for r in conn.execute(query).mappings()}

    def file_in_use(self, storage_key: str, now: int) -> bool:
        """Whether a live artifact still serves this file (cached tasks share files)."""
        query = select(artifacts.c.token).where(
            artifacts.c.storage_key == storage_key,
            artifacts.c.deleted == 0,
            artifacts.c.expires_at > now,
        )
        with self._engine.connect() as conn:
            return conn.execute(query.limit(1)).first() is not None

    def mark_deleted(self, token: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(artifacts).where(artifacts.c.token == token).values(deleted=1))
