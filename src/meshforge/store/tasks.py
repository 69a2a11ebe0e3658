"""The task table: the single source of truth for every task's state.

Every status change goes through `transition`, a compare-and-set UPDATE guarded by the
allowed moves in domain.status, so two processes can never both move one task.
Worker-side writes are also guarded by worker_id, so a stale worker from an earlier
attempt cannot overwrite the current one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    case,
    func,
    insert,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.exc import IntegrityError

from meshforge.domain.records import Artifact, Asset, Task, UpstreamRun
from meshforge.domain.status import Status, sources_of
from meshforge.store.artifacts import ArtifactStore
from meshforge.store.dispatch import REPUBLISH_AFTER_S
from meshforge.store.rows import to_task
from meshforge.store.tables import tasks


class DuplicateIdempotencyKey(Exception):
    """Another task of this key already holds this Idempotency-Key."""


class TaskStore:
    def __init__(
        self,
        engine: Engine,
        artifacts: ArtifactStore,
        *,
        republish_after_s: float = REPUBLISH_AFTER_S,
    ) -> None:
        """`republish_after_s`: when a QUEUED task is due at the broker again."""
        self._engine = engine
        self._republish_after_s = republish_after_s
        self._artifacts = artifacts

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
            "cached": 0,
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
        return None if row is None else to_task(row)

    def find_idempotent(self, key_id: int, idempotency_key: str) -> Task | None:
        query = select(tasks).where(
            tasks.c.key_id == key_id, tasks.c.idempotency_key == idempotency_key
        )
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else to_task(row)

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
            return [to_task(r) for r in conn.execute(query).mappings()]

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

    def ids_in_status(
        self,
        *statuses: Status,
        limit: int | None = None,
        models: Collection[str] | None = None,
        other_than: Collection[str] = (),
    ) -> list[str]:
        """Ids in queue order (oldest queued first): for dispatch and restart recovery.

        `models` keeps only tasks of those models; `other_than` drops tasks of those."""
        query = select(tasks.c.id).where(tasks.c.status.in_([s.value for s in statuses]))
        if models is not None:
            query = query.where(tasks.c.model.in_(list(models)))
        if other_than:
            query = query.where(tasks.c.model.not_in(list(other_than)))
        query = query.order_by(tasks.c.queued_at, tasks.c.submit_time, tasks.c.id).limit(limit)
        with self._engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def stranded_before_queue(self, submitted_before: int) -> list[Task]:
        """Tasks accepted before `submitted_before` that never reached the queue though
        nothing is left to wait for: SUBMITTED, or NOT_START with their input stored (a
        database blip between a submit's steps leaves them so)."""
        query = select(tasks).where(
            tasks.c.submit_time < submitted_before,
            or_(
                tasks.c.status == Status.SUBMITTED.value,
                and_(tasks.c.status == Status.NOT_START.value, tasks.c.input_key.is_not(None)),
            ),
        )
        with self._engine.connect() as conn:
            return [to_task(r) for r in conn.execute(query).mappings()]

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
        with self._engine.begin() as conn:
            return _transition_in(conn, task_id, target, expected, held_by, values)

    # ---- lifecycle steps built on transition ------------------------------------------

    def mark_submitted(
        self, task_id: str, input_key: str | None, cache_key: str | None = None
    ) -> bool:
        """NOT_START -> SUBMITTED once the input is stored; `cache_key` names the result."""
        return self.transition(task_id, Status.SUBMITTED, input_key=input_key, cache_key=cache_key)

    def mark_queued(self, task_id: str) -> bool:
        """SUBMITTED -> QUEUED; due at the broker's republisher if the publish is lost."""
        now = time.time()
        return self.transition(
            task_id,
            Status.QUEUED,
            expected=[Status.SUBMITTED],
            queued_at=now,
            dispatch_due_at=now + self._republish_after_s,
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
            dispatch_due_at=None,  # a worker has it: nothing to publish again
        )

    def heartbeat(self, task_id: str, worker_id: str) -> None:
        """The worker holding an IN_PROGRESS task says it is still alive."""
        self._update_while_held(task_id, worker_id, heartbeat_at=time.time())

    def _update_while_held(
        self, task_id: str, worker_id: str, *conditions: Any, **values: Any
    ) -> bool:
        """Update a task only while it is IN_PROGRESS under this worker (not a status move);
        True if the row was updated."""
        with self._engine.begin() as conn:
            result = conn.execute(
                update(tasks)
                .where(
                    tasks.c.id == task_id,
                    tasks.c.status == Status.IN_PROGRESS.value,
                    tasks.c.worker_id == worker_id,
                    *conditions,
                )
                .values(**values)
            )
        return result.rowcount == 1

    def stale_in_progress(self, older_than: float) -> list[Task]:
        """IN_PROGRESS tasks whose worker has not sent a heartbeat since `older_than`."""
        query = select(tasks).where(
            tasks.c.status == Status.IN_PROGRESS.value,
            or_(tasks.c.heartbeat_at.is_(None), tasks.c.heartbeat_at < older_than),
        )
        with self._engine.connect() as conn:
            return [to_task(r) for r in conn.execute(query).mappings()]

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
        """IN_PROGRESS -> SUCCESS with its outputs, and their artifacts, in one transaction:
        a SUCCESS row always has servable files, and a worker that no longer holds the
        task (a stale run) records nothing at all."""
        values = {
            "progress": 100,
            "finish_time": int(time.time()),
            "outputs": json.dumps([a.to_json() for a in outputs]),
            "thumbnail_token": None if thumbnail is None else thumbnail.token,
        }
        with self._engine.begin() as conn:
            moved = _transition_in(
                conn, task_id, Status.SUCCESS, [Status.IN_PROGRESS], worker_id, values
            )
            if moved:
                self._artifacts.add(stored, conn)
        return moved

    def succeed_from_cache(
        self,
        task_id: str,
        outputs: Sequence[Asset],
        thumbnail_token: str | None,
        stored: Sequence[Artifact],
    ) -> bool:
        """SUBMITTED -> SUCCESS with outputs shared from a cached task: nothing runs."""
        self._artifacts.add(stored)
        now = int(time.time())
        return self.transition(
            task_id,
            Status.SUCCESS,
            expected=[Status.SUBMITTED],
            progress=100,
            start_time=now,
            finish_time=now,
            cached=1,
            outputs=json.dumps([a.to_json() for a in outputs]),
            thumbnail_token=thumbnail_token,
        )

    def cached_result(self, cache_key: str, alive_after: int) -> Task | None:
        """The newest SUCCESS with this cache key whose files outlive `alive_after`."""
        query = (
            select(tasks)
            .where(
                tasks.c.cache_key == cache_key,
                tasks.c.status == Status.SUCCESS.value,
                tasks.c.expires_at > alive_after,
            )
            .order_by(tasks.c.finish_time.desc())
            .limit(1)
        )
        with self._engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else to_task(row)

    # ---- forwarded tasks (engines/upstream) -------------------------------------------

    def record_upstream(self, task_id: str, worker_id: str, run: UpstreamRun) -> bool:
        """Store a forwarded task's upstream state while this forwarder holds it."""
        return self._update_while_held(task_id, worker_id, upstream=json.dumps(run.to_json()))

    def take_over(self, task_id: str, worker_id: str, *, holder: str | None, stale: float) -> bool:
        """Become the holder of an IN_PROGRESS task whose holder's lease ran out (its last
        heartbeat is before `stale`); compare-and-set, so one taker wins."""
        conditions = [
            tasks.c.id == task_id,
            tasks.c.status == Status.IN_PROGRESS.value,
            tasks.c.worker_id == holder if holder is not None else tasks.c.worker_id.is_(None),
            or_(tasks.c.heartbeat_at.is_(None), tasks.c.heartbeat_at < stale),
        ]
        with self._engine.begin() as conn:
            result = conn.execute(
                update(tasks)
                .where(*conditions)
                .values(worker_id=worker_id, heartbeat_at=time.time())
            )
        return result.rowcount == 1

    def renew_leases(self, worker_id: str) -> None:
        """One heartbeat for every task this worker (a forwarder) holds."""
        with self._engine.begin() as conn:
            conn.execute(
                update(tasks)
                .where(tasks.c.worker_id == worker_id, tasks.c.status == Status.IN_PROGRESS.value)
                .values(heartbeat_at=time.time())
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
            dispatch_due_at=time.time() + self._republish_after_s,
            **values,
        )

    def hand_back(self, task_id: str, worker_id: str) -> bool:
        """IN_PROGRESS -> QUEUED from a graceful stop: the attempt is not counted.

        Only while this worker holds the task, so a task that just finished stays finished.
        """
        return self.requeue(task_id, worker_id, give_back_attempt=True)

    def ping(self) -> None:
        with self._engine.connect() as conn:
            conn.execute(select(1))


def _transition_in(
    conn: Connection,
    task_id: str,
    target: Status,
    expected: Iterable[Status] | None,
    held_by: str | None,
    values: Mapping[str, Any],
) -> bool:
    """The compare-and-set UPDATE of `TaskStore.transition`, inside the caller's transaction."""
    sources = sources_of(target)
    if expected is not None:
        sources = sources & frozenset(expected)
    if not sources:
        return False
    conditions = [tasks.c.id == task_id, tasks.c.status.in_([s.value for s in sources])]
    if held_by is not None:
        conditions.append(tasks.c.worker_id == held_by)
    result = conn.execute(update(tasks).where(*conditions).values(status=target.value, **values))
    return result.rowcount == 1
