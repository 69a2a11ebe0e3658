"""TaskStore.hand_back: a graceful stop puts a running task back without counting the run."""

from __future__ import annotations

import itertools

import pytest

from meshforge.domain.records import Task
from meshforge.domain.status import Status
from meshforge.store.tasks import TaskStore
from tests.support.rows import new_task_row

_ids = itertools.count()


def _queued_task(store: TaskStore) -> str:
    task_id = f"3d_{next(_ids):048x}"
    store.create(new_task_row(task_id))
    assert store.mark_submitted(task_id, None) and store.mark_queued(task_id)
    return task_id


def _running_task(store: TaskStore, worker_id: str = "w1") -> str:
    task_id = _queued_task(store)
    assert store.claim(task_id, worker_id)
    store.set_progress(task_id, worker_id, 40)
    return task_id


def _get(store: TaskStore, task_id: str) -> Task:
    task = store.get(task_id)
    assert task is not None
    return task


def test_hand_back_requeues_without_counting_the_attempt(store: TaskStore) -> None:
    task_id = _running_task(store)
    before = _get(store, task_id)
    assert before.attempts == 1 and before.progress == 40

    assert store.hand_back(task_id, "w1")

    after = _get(store, task_id)
    assert after.status is Status.QUEUED
    assert after.attempts == 0
    assert after.progress == 0 and after.worker_id is None and after.heartbeat_at == 0.0
    assert after.queued_at == before.queued_at  # it keeps its place in the queue
    assert store.claim(task_id, "w2")  # the next start runs it, as attempt 1
    assert _get(store, task_id).attempts == 1


def test_hand_back_keeps_earlier_crashes_counted(store: TaskStore) -> None:
    task_id = _running_task(store)
    assert store.requeue(task_id, "w1")  # a crash: the attempt stays counted
    assert store.claim(task_id, "w2")
    assert _get(store, task_id).attempts == 2
    assert store.hand_back(task_id, "w2")
    assert _get(store, task_id).attempts == 1


def test_hand_back_by_another_worker_changes_nothing(store: TaskStore) -> None:
    task_id = _running_task(store, "w1")
    before = _get(store, task_id)
    assert not store.hand_back(task_id, "w2")
    assert _get(store, task_id) == before


@pytest.mark.parametrize("status", [Status.QUEUED, Status.SUCCESS, Status.FAILURE])
def test_hand_back_of_a_task_not_in_progress_changes_nothing(
    store: TaskStore, status: Status
) -> None:
    task_id = _running_task(store, "w1")
    if status is Status.QUEUED:
        assert store.requeue(task_id, "w1")
    elif status is Status.SUCCESS:
        assert store.succeed(task_id, "w1", [], None, [])
    else:
        assert store.fail(task_id, "boom", worker_id="w1")
    before = _get(store, task_id)
    assert before.status is status
    assert not store.hand_back(task_id, "w1")
    assert _get(store, task_id) == before


def test_hand_back_never_makes_attempts_negative(store: TaskStore) -> None:
    task_id = _queued_task(store)
    assert store.transition(task_id, Status.IN_PROGRESS, worker_id="w1")  # attempts still 0
    assert store.hand_back(task_id, "w1")
    assert _get(store, task_id).attempts == 0


def test_late_writes_of_the_handed_back_worker_do_nothing(store: TaskStore) -> None:
    """The worker may still finish or fail in the moment before the server stops it."""
    task_id = _running_task(store, "w1")
    assert store.hand_back(task_id, "w1")
    before = _get(store, task_id)
    store.set_progress(task_id, "w1", 80)
    store.heartbeat(task_id, "w1")
    assert not store.succeed(task_id, "w1", [], None, [])
    assert not store.fail(task_id, "engine error", worker_id="w1")
    assert _get(store, task_id) == before
