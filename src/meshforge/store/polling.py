"""The polling hot path: key check and task read in one pre-compiled query.

Every polling client hits this; bench/api measures it against a bare endpoint. It runs
pre-compiled SQL on a pooled DBAPI connection because SQLAlchemy's execution layer costs
twice the query itself here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, bindparam, select

from meshforge.domain.records import Task
from meshforge.store.rows import to_task
from meshforge.store.tables import api_keys, tasks

# Built once: constructing a joined select costs more than running it on SQLite.
_TASK_FOR_KEY_HASH = (
    select(api_keys.c.id.label("live_key_id"), tasks)
    .select_from(
        api_keys.outerjoin(
            tasks, and_(tasks.c.id == bindparam("task_id"), tasks.c.key_id == api_keys.c.id)
        )
    )
    .where(api_keys.c.key_hash == bindparam("key_hash"), api_keys.c.revoked_at.is_(None))
)


class PollingReader:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        compiled = _TASK_FOR_KEY_HASH.compile(dialect=engine.dialect)
        self._sql = str(compiled)
        self._positional = bool(compiled.positional)
        assert not compiled.positional or compiled.positiontup == ["task_id", "key_hash"]

    def task_for_key_hash(self, key_hash: str, task_id: str) -> tuple[bool, Task | None]:
        """(is the key live, its task or None)."""
        try:
            values, names = self._read(task_id, key_hash)
        except self._engine.dialect.loaded_dbapi.OperationalError:
            values, names = self._read(task_id, key_hash)  # a stale pooled connection
        if values is None:
            return False, None
        row = dict(zip(names, values, strict=True))
        return True, None if row["id"] is None else to_task(row)

    def _read(self, task_id: str, key_hash: str) -> tuple[Any, list[str]]:
        raw = self._engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute(self._sql, self._params(task_id, key_hash))
            values = cursor.fetchone()
            names = [column[0] for column in cursor.description]
            cursor.close()
        except self._engine.dialect.loaded_dbapi.OperationalError:
            raw.invalidate()  # drop it from the pool so the retry gets a fresh one
            raise
        finally:
            raw.close()  # back to the pool
        return values, names

    def _params(self, task_id: str, key_hash: str) -> Any:
        if self._positional:
            return (task_id, key_hash)
        return {"task_id": task_id, "key_hash": key_hash}
