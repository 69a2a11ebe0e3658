"""Forwarders' leases in the row: one UPDATE renews them all, and a silent holder's task
is taken over by exactly one of several forwarders (compare-and-set)."""

from __future__ import annotations

import itertools
import time

from meshforge.domain.records import UpstreamRun
from meshforge.domain.status import Status
from meshforge.store.tasks import TaskStore
from tests.support.rows import new_task_row

_ids = itertools.count(10_000)


def held(store: TaskStore, holder: str) -> str:
    task_id = f"3d_{next(_ids):048x}"
    store.create(new_task_row(task_id))
    assert store.mark_submitted(task_id, None) and store.mark_queued(task_id)
    assert store.claim(task_id, holder)
    return task_id


def test_only_one_forwarder_takes_over_a_silent_holders_task(store: TaskStore) -> None:
    task_id = held(store, "dead")
    later = time.time() + 60  # the dead holder's heartbeat is older than this
    assert not store.take_over(task_id, "a", holder="dead", stale=time.time() - 60)
    assert store.take_over(task_id, "a", holder="dead", stale=later)
    assert not store.take_over(task_id, "b", holder="dead", stale=later)
    task = store.get(task_id)
    assert task is not None and task.worker_id == "a" and task.attempts == 1


def test_upstream_state_is_written_only_by_the_holder(store: TaskStore) -> None:
    task_id = held(store, "mine")
    run = UpstreamRun("tripo", ids=("up-1",), since=1.0)
    assert not store.record_upstream(task_id, "other", run)
    assert store.record_upstream(task_id, "mine", run)
    task = store.get(task_id)
    assert task is not None and task.upstream == run


def test_one_renewal_covers_every_held_task(store: TaskStore) -> None:
    mine = [held(store, "fwd") for _ in range(3)]
    other = held(store, "someone-else")
    before = time.time()
    time.sleep(0.01)
    store.renew_leases("fwd")
    beats = {task_id: store.get(task_id).heartbeat_at for task_id in [*mine, other]}  # type: ignore[union-attr]
    assert all(beats[t] > before for t in mine) and beats[other] < before
    assert store.count_in_status(Status.IN_PROGRESS) >= 4
