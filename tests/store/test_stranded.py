"""Tasks a database blip left short of the queue are queued by the executors' sweep."""

from __future__ import annotations

import time

from meshforge.domain.status import Status
from meshforge.executor.recovery import queue_stranded
from meshforge.store.artifacts import ArtifactStore
from meshforge.store.db import make_engine
from meshforge.store.migrate import upgrade_to_head
from meshforge.store.tasks import TaskStore
from tests.support.rows import new_task_row


def test_only_old_tasks_with_nothing_to_wait_for_are_queued(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade_to_head(engine)
    store = TaskStore(engine, ArtifactStore(engine))
    old, now = int(time.time()) - 300, int(time.time())
    rows = {
        "3d_" + "1" * 48: {"status": Status.SUBMITTED.value, "submit_time": old},
        "3d_" + "2" * 48: {"submit_time": old, "input_key": "inputs/x/image.png"},
        "3d_" + "3" * 48: {"submit_time": old, "image_url": "https://example.com/a.png"},
        "3d_" + "4" * 48: {"status": Status.SUBMITTED.value, "submit_time": now},
        "3d_" + "5" * 48: {"status": Status.QUEUED.value, "submit_time": old},
    }
    for task_id, values in rows.items():
        store.create({**new_task_row(task_id), **values})
    queued = queue_stranded(store)
    assert sorted(queued) == ["3d_" + "1" * 48, "3d_" + "2" * 48]
    statuses = {task_id: store.get(task_id).status for task_id in rows}  # type: ignore[union-attr]
    assert statuses == {
        "3d_" + "1" * 48: Status.QUEUED,
        "3d_" + "2" * 48: Status.QUEUED,
        "3d_" + "3" * 48: Status.NOT_START,  # its image is still being fetched
        "3d_" + "4" * 48: Status.SUBMITTED,  # its submit may still be under way
        "3d_" + "5" * 48: Status.QUEUED,
    }
    engine.dispose()
