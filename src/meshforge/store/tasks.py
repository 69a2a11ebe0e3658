"""The task table: the single source of truth for every task's state.

Every status change goes through `transition`, a compare-and-set UPDATE guarded by the
allowed moves in tasks.status, so two processes can never both move one task.
Worker-side writes are also guarded by worker_id, so a stale worker from an earlier
attempt cannot overwrite the current one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    Engine,
    RowMapping,
    and_,
    bindparam,
    case,
    func,
    insert,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.exc import IntegrityError

from meshforge.store.tables import api_keys, artifacts, tasks
from meshforge.tasks.models import Artifact, Asset, Task
from meshforge.tasks.status import Status, sources_of

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


WEBHOOK_PENDING, WEBHOOK_DELIVERED, WEBHOOK_FAILED = "pending", "delivered", "failed"


class DuplicateIdempotencyKey(Exception):
    """Another task of this key already holds this Idempotency-Key."""


class TaskStore:
    def __init__(self, engine: Engine, read_engine: Engine | None = None) -> None:
        self._engine = engine
        self._read_engine = read_engine or engine
        compiled = _TASK_FOR_KEY_HASH.compile(dialect=engine.dialect)
        self._hot_sql = str(compiled)
        self._hot_positional = bool(compiled.positional)
        assert not compiled.positional or compiled.positiontup == ["task_id", "key_hash"]

    # ---- creation and reads -------------------------------------------------------

    def create(self, values: Mapping[str, Any]) -> Task:
        row = {
            "progress": 0,
            "start_time": 0,
            "finish_time": 0,
            "queued_at": 0.0,
            "fail_reason": "",
            "attempts": 0,
            "outputs": "[]",
            "webhook_attempts": 0,
            **values,
        }
        row["params"] = json.dumps(row["params"], sort_keys=True)
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(tasks).values(**row))
        except IntegrityError as exc:
            if row.get("idempotency_key"):
                raise DuplicateIdempotencyKey(row["idempotency_key"]) from exc
            raise
        task = self.get(row["id"])
        assert task is not None
        return task

    def get(self, task_id: str, key_id: int | None = None) -> Task | None:
        query = select(tasks).where(tasks.c.id == task_id)
        if key_id is not None:
            query = query.where(tasks.c.key_id == key_id)
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else _to_task(row)

    def get_for_key_hash(self, key_hash: str, task_id: str) -> tuple[bool, Task | None]:
        """(is the key live, its task or None) in one query: the polling hot path.

        Runs pre-compiled SQL on a pooled DBAPI connection: SQLAlchemy's execution layer
        costs twice the query itself here (bench/api).
        """
        try:
            values, names = self._hot_read(task_id, key_hash)
        except self._read_engine.dialect.loaded_dbapi.OperationalError:
            values, names = self._hot_read(task_id, key_hash)  # a stale pooled connection
        if values is None:
            return False, None
        row = dict(zip(names, values, strict=True))
        return True, None if row["id"] is None else _to_task(row)

    def _hot_read(self, task_id: str, key_hash: str) -> tuple[Any, list[str]]:
        raw = self._read_engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute(self._hot_sql, self._hot_params(task_id, key_hash))
            values = cursor.fetchone()
            names = [column[0] for column in cursor.description]
            cursor.close()
        except self._read_engine.dialect.loaded_dbapi.OperationalError:
            raw.invalidate()  # drop it from the pool so the retry gets a fresh one
            raise
        finally:
            raw.close()  # back to the pool
        return values, names

    def _hot_params(self, task_id: str, key_hash: str) -> Any:
        if self._hot_positional:
            return (task_id, key_hash)
        return {"task_id": task_id, "key_hash": key_hash}

    def find_idempotent(self, key_id: int, idempotency_key: str) -> Task | None:
        query = select(tasks).where(
            tasks.c.key_id == key_id, tasks.c.idempotency_key == idempotency_key
        )
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else _to_task(row)

    def request_hash(self, task_id: str) -> str | None:
        with self._engine.connect() as conn:
            value = conn.execute(select(tasks.c.request_hash).where(tasks.c.id == task_id)).scalar()
        return None if value is None else str(value)

    def release_idempotency_key(self, task_id: str) -> None:
        """Forget an expired Idempotency-Key so the same key can start a new task."""
        with self._engine.begin() as conn:
            conn.execute(update(tasks).where(tasks.c.id == task_id).values(idempotency_key=None))

    def list_for_key(
        self, key_id: int, *, status: Status | None, limit: int, after: str | None
    ) -> list[Task]:
        """Newest first; `after` is the id of the last task of the previous page."""
        query = select(tasks).where(tasks.c.key_id == key_id)
        if status is not None:
            query = query.where(tasks.c.status == status.value)
        if after is not None:
            cursor = self.get(after, key_id)
            if cursor is None:
                return []
            query = query.where(
                tuple_(tasks.c.submit_time, tasks.c.id) < (cursor.submit_time, cursor.id)
            )
        query = query.order_by(tasks.c.submit_time.desc(), tasks.c.id.desc()).limit(limit)
        with self._engine.connect() as conn:
            return [_to_task(r) for r in conn.execute(query).mappings()]

    def queue_position(self, task: Task) -> int:
        """1-based place in the queue of a QUEUED task (1 = next to run)."""
        ahead = select(func.count()).where(
            tasks.c.status == Status.QUEUED.value,
            or_(
                tasks.c.queued_at < task.queued_at,
                and_(tasks.c.queued_at == task.queued_at, tasks.c.id < task.id),
            ),
        )
        with self._engine.connect() as conn:
            return int(conn.execute(ahead).scalar_one()) + 1

    def counts_by_status(self) -> dict[Status, int]:
        """How many tasks are in each status (every status present, zero included)."""
        query = select(tasks.c.status, func.count()).group_by(tasks.c.status)
        with self._engine.connect() as conn:
            found = {Status(status): int(count) for status, count in conn.execute(query)}
        return {status: found.get(status, 0) for status in Status}

    def count_in_status(self, *statuses: Status) -> int:
        query = select(func.count()).where(tasks.c.status.in_([s.value for s in statuses]))
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def ids_in_status(self, *statuses: Status, limit: int | None = None) -> list[str]:
        """Ids in queue order (oldest queued first): for dispatch and restart recovery."""
        query = (
            select(tasks.c.id)
            .where(tasks.c.status.in_([s.value for s in statuses]))
            .order_by(tasks.c.queued_at, tasks.c.submit_time, tasks.c.id)
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return list(conn.execute(query).scalars())

    # ---- the one guarded transition -------------------------------------------------

    def transition(
        self,
        task_id: str,
        target: Status,
        *,
        expected: Iterable[Status] | None = None,
        held_by: str | None = None,
        **values: Any,
    ) -> bool:
        """Move a task to `target` if its current status allows it; True if it moved.

        `expected` narrows the allowed sources further; `held_by` makes the write
        succeed only for the worker that holds the task.
        """
        sources = sources_of(target)
        if expected is not None:
            sources = sources & frozenset(expected)
        if not sources:
            return False
        conditions = [tasks.c.id == task_id, tasks.c.status.in_([s.value for s in sources])]
        if held_by is not None:
            conditions.append(tasks.c.worker_id == held_by)
        with self._engine.begin() as conn:
            result = conn.execute(
                update(tasks).where(*conditions).values(status=target.value, **values)
            )
        return result.rowcount == 1

    # ---- lifecycle steps built on transition ------------------------------------------

    def mark_submitted(self, task_id: str, input_key: str | None) -> bool:
        return self.transition(task_id, Status.SUBMITTED, input_key=input_key)

    def mark_queued(self, task_id: str) -> bool:
        return self.transition(
            task_id, Status.QUEUED, expected=[Status.SUBMITTED], queued_at=time.time()
        )

    def claim(self, task_id: str, worker_id: str) -> bool:
        """QUEUED -> IN_PROGRESS for this worker; a new attempt starts at 0%."""
        return self.transition(
            task_id,
            Status.IN_PROGRESS,
            worker_id=worker_id,
            start_time=int(time.time()),
            heartbeat_at=time.time(),
            progress=0,
            attempts=tasks.c.attempts + 1,
        )

    def heartbeat(self, task_id: str, worker_id: str) -> None:
        """The worker holding an IN_PROGRESS task says it is still alive."""
        self._update_while_held(task_id, worker_id, heartbeat_at=time.time())

    def _update_while_held(
        self, task_id: str, worker_id: str, *conditions: Any, **values: Any
    ) -> None:
        """Update a task only while it is IN_PROGRESS under this worker (not a status move)."""
        with self._engine.begin() as conn:
            conn.execute(
                update(tasks)
                .where(
                    tasks.c.id == task_id,
                    tasks.c.status == Status.IN_PROGRESS.value,
                    tasks.c.worker_id == worker_id,
                    *conditions,
                )
                .values(**values)
            )

    def stale_in_progress(self, older_than: float) -> list[Task]:
        """IN_PROGRESS tasks whose worker has not sent a heartbeat since `older_than`."""
        query = select(tasks).where(
            tasks.c.status == Status.IN_PROGRESS.value,
            or_(tasks.c.heartbeat_at.is_(None), tasks.c.heartbeat_at < older_than),
        )
        with self._engine.connect() as conn:
            return [_to_task(r) for r in conn.execute(query).mappings()]

    def set_progress(self, task_id: str, worker_id: str, progress: int) -> None:
        """Raise progress (never lower it) while this worker runs the task; max 99%."""
        value = max(0, min(99, progress))
        self._update_while_held(task_id, worker_id, tasks.c.progress < value, progress=value)

    def succeed(
        self,
        task_id: str,
        worker_id: str,
        outputs: Sequence[Asset],
        thumbnail: Asset | None,
        stored: Sequence[Artifact],
    ) -> bool:
        """IN_PROGRESS -> SUCCESS with its outputs; artifacts are recorded first so a
        SUCCESS row always has servable files."""
        self.add_artifacts(stored)
        return self.transition(
            task_id,
            Status.SUCCESS,
            held_by=worker_id,
            progress=100,
            finish_time=int(time.time()),
            outputs=json.dumps([a.to_json() for a in outputs]),
            thumbnail_token=None if thumbnail is None else thumbnail.token,
        )

    def fail(self, task_id: str, reason: str, *, worker_id: str | None = None) -> bool:
        return self.transition(
            task_id,
            Status.FAILURE,
            held_by=worker_id,
            fail_reason=reason,
            finish_time=int(time.time()),
        )

    def requeue(
        self, task_id: str, worker_id: str | None = None, *, give_back_attempt: bool = False
    ) -> bool:
        """IN_PROGRESS -> QUEUED after the worker running it died; progress restarts.

        The row is no longer held, so a late write from the old worker does nothing.
        `give_back_attempt`: the run was stopped on purpose, so it does not count and the
        task keeps its place at the head of the queue.
        """
        values: dict[str, Any] = {}
        if give_back_attempt:
            values["attempts"] = case((tasks.c.attempts > 0, tasks.c.attempts - 1), else_=0)
        else:
            values["queued_at"] = time.time()
        return self.transition(
            task_id,
            Status.QUEUED,
            expected=[Status.IN_PROGRESS],
            held_by=worker_id,
            worker_id=None,
            heartbeat_at=None,
            progress=0,
            **values,
        )

    def hand_back(self, task_id: str, worker_id: str) -> bool:
        """IN_PROGRESS -> QUEUED from a graceful stop: the attempt is not counted.

        Only while this worker holds the task, so a task that just finished stays finished.
        """
        return self.requeue(task_id, worker_id, give_back_attempt=True)

    # ---- webhooks ----------------------------------------------------------------------

    def claim_due_webhooks(self, now: float, lease_s: float, limit: int = 20) -> list[Task]:
        """Finished tasks whose webhook is due, each claimed for lease_s seconds."""
        due = and_(
            tasks.c.webhook_state == WEBHOOK_PENDING,
            tasks.c.status.in_([Status.SUCCESS.value, Status.FAILURE.value]),
            or_(tasks.c.webhook_next_at.is_(None), tasks.c.webhook_next_at <= now),
        )
        with self._engine.connect() as conn:
            ids = list(conn.execute(select(tasks.c.id).where(due).limit(limit)).scalars())
        claimed = []
        for task_id in ids:
            with self._engine.begin() as conn:
                result = conn.execute(
                    update(tasks)
                    .where(tasks.c.id == task_id, due)
                    .values(webhook_next_at=now + lease_s)
                )
            if result.rowcount == 1 and (task := self.get(task_id)) is not None:
                claimed.append(task)
        return claimed

    def record_webhook_attempt(
        self, task_id: str, delivered: bool, backoff_s: Sequence[float], now: float
    ) -> None:
        """Delivered, or retry after the next back-off step, or give up after the last."""
        task = self.get(task_id)
        if task is None:
            return
        attempts = task.webhook_attempts + 1
        if delivered:
            values: dict[str, Any] = {"webhook_state": WEBHOOK_DELIVERED}
        elif attempts > len(backoff_s):
            values = {"webhook_state": WEBHOOK_FAILED}
        else:
            values = {"webhook_next_at": now + backoff_s[attempts - 1]}
        with self._engine.begin() as conn:
            conn.execute(
                update(tasks)
                .where(tasks.c.id == task_id)
                .values(webhook_attempts=attempts, **values)
            )

    # ---- artifacts -----------------------------------------------------------------

    def add_artifacts(self, stored: Sequence[Artifact]) -> None:
        if not stored:
            return
        with self._engine.begin() as conn:
            conn.execute(insert(artifacts), [{**a.__dict__, "deleted": 0} for a in stored])

    def get_artifact(self, token: str) -> tuple[Artifact, bool] | None:
        """The artifact and whether its file was already deleted."""
        with self._engine.connect() as conn:
            row = conn.execute(select(artifacts).where(artifacts.c.token == token)).mappings()
            found = row.first()
        if found is None:
            return None
        return _to_artifact(found), bool(found["deleted"])

    def expired_artifacts(self, now: int, limit: int = 500) -> list[Artifact]:
        query = (
            select(artifacts)
            .where(artifacts.c.deleted == 0, artifacts.c.expires_at <= now)
            .limit(limit)
        )
        with self._engine.connect() as conn:
            return [_to_artifact(r) for r in conn.execute(query).mappings()]

    def mark_artifact_deleted(self, token: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(artifacts).where(artifacts.c.token == token).values(deleted=1))

    def ping(self) -> None:
        with self._engine.connect() as conn:
            conn.execute(select(1))


def _to_task(row: Mapping[Any, Any]) -> Task:
    return Task(
        id=row["id"],
        key_id=row["key_id"],
        model=row["model"],
        status=Status(row["status"]),
        progress=row["progress"],
        params=json.loads(row["params"]),
        seed=row["seed"],
        submit_time=row["submit_time"],
        start_time=row["start_time"],
        finish_time=row["finish_time"],
        fail_reason=row["fail_reason"],
        attempts=row["attempts"],
        worker_id=row["worker_id"],
        image_url=row["image_url"],
        input_key=row["input_key"],
        outputs=tuple(Asset.from_json(a) for a in json.loads(row["outputs"])),
        thumbnail_token=row["thumbnail_token"],
        expires_at=row["expires_at"],
        queued_at=row["queued_at"],
        callback_url=row["callback_url"],
        webhook_state=row["webhook_state"],
        webhook_attempts=row["webhook_attempts"],
        heartbeat_at=row["heartbeat_at"] or 0.0,
    )


def _to_artifact(row: RowMapping) -> Artifact:
    return Artifact(
        token=row["token"],
        task_id=row["task_id"],
        storage_key=row["storage_key"],
        filename=row["filename"],
        content_type=row["content_type"],
        expires_at=row["expires_at"],
    )
