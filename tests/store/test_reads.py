"""The API's reads (store/reads*.py: SQLite in process, asyncpg on PostgreSQL) return the
very rows the task store's own queries return, on both databases."""

from __future__ import annotations

import asyncio
import itertools
import json

from meshforge.domain.status import Status
from meshforge.store.artifacts import ArtifactStore
from meshforge.store.db import make_engine
from meshforge.store.keys import KeyStore, hash_secret
from meshforge.store.migrate import upgrade_to_head
from meshforge.store.reads import Reads
from meshforge.store.reads_asyncpg import AsyncpgReads
from meshforge.store.reads_local import LocalReads
from meshforge.store.tasks import TaskStore

ASSET = {
    "token": "tok",
    "format": "glb",
    "filename": "model.glb",
    "content_type": "model/gltf-binary",
    "bytes": 10,
    "triangles": 12,
    "vertices": 8,
}


async def _open(database_url: str, store_engine: object) -> Reads:
    if database_url.startswith("sqlite"):
        return LocalReads(store_engine)  # type: ignore[arg-type]
    return await AsyncpgReads.open(database_url)


def _seed(store: TaskStore, key_ids: list[int]) -> list[str]:
    """Tasks of two keys, in several statuses, some sharing a submit second."""
    ids = []
    for i in range(14):
        task_id = f"3d_{i:048d}"
        store.create(
            {
                "id": task_id,
                "key_id": key_ids[i % 2],
                "model": "test/cube",
                "status": Status.NOT_START.value,
                "params": {"prompt": f"object {i}", "output_formats": ["glb"]},
                "seed": i,
                "submit_time": 1_000 + i // 3,
                "expires_at": 9_999_999_999,
                "outputs": json.dumps([ASSET] if i % 4 == 0 else []),
            }
        )
        if i % 3 != 2:
            store.mark_submitted(task_id, None)
            store.mark_queued(task_id)
        ids.append(task_id)
    return ids


def test_reads_return_the_stores_rows(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade_to_head(engine)
    store, keys = TaskStore(engine, ArtifactStore(engine)), KeyStore(engine)
    (first, first_secret), (second, _) = keys.create("a"), keys.create("b")
    revoked, revoked_secret = keys.create("c")
    keys.revoke(revoked.id)
    ids = _seed(store, [first.id, second.id])

    async def check() -> None:
        reads = await _open(database_url, engine)
        try:
            live, gone = hash_secret(first_secret), hash_secret(revoked_secret)
            assert await reads.key_id_for_hash(live) == first.id
            assert await reads.key_id_for_hash(gone) is None
            assert await reads.task_for_key_hash(live, ids[0]) == (True, store.get(ids[0]))
            assert await reads.task_for_key_hash(live, ids[1]) == (True, None)  # not its own
            assert await reads.task_for_key_hash(gone, ids[0]) == (False, None)
            assert await reads.task_for_key_hash(hash_secret("mf_x"), "") == (False, None)
            for task_id in ids:
                task = store.get(task_id)
                assert task is not None
                if task.status is Status.QUEUED:
                    assert await reads.queue_position(task) == store.queue_position(task)
            await _check_pages(reads, store, first.id, ids)
            await _check_concurrent_polls(reads, store, [live, gone], ids)
            await _check_concurrent_pages(reads, store, [first.id, second.id], ids)
        finally:
            await reads.close()

    asyncio.run(check())
    engine.dispose()


async def _check_pages(reads: Reads, store: TaskStore, key_id: int, ids: list[str]) -> None:
    cursors = [None, ids[4], ids[8], "3d_" + "9" * 48]  # the last: no such task
    for status, limit, after in itertools.product(
        [None, Status.QUEUED, Status.NOT_START], [1, 3, 20], cursors
    ):
        expected = store.list_for_key(key_id, status=status, limit=limit, after=after)
        assert await reads.tasks_of_key(key_id, status, limit, after) == expected


async def _check_concurrent_polls(
    reads: Reads, store: TaskStore, key_hashes: list[str], ids: list[str]
) -> None:
    """Polls that arrive together (batched into one statement on PostgreSQL) each get
    their own answer: live or not, their own task or None."""
    cases = [(key_hash, task_id) for key_hash in key_hashes for task_id in [*ids, ""]]
    answers = await asyncio.gather(*(reads.task_for_key_hash(k, t) for k, t in cases))
    live_key_tasks = {task_id for task_id in ids[::2]}  # _seed gives the first key these
    for (key_hash, task_id), answer in zip(cases, answers, strict=True):
        if key_hash != key_hashes[0]:
            assert answer == (False, None)
        elif task_id in live_key_tasks:
            assert answer == (True, store.get(task_id))
        else:
            assert answer == (True, None)


async def _check_concurrent_pages(
    reads: Reads, store: TaskStore, key_ids: list[int], ids: list[str]
) -> None:
    """Pages asked together (one statement per shape on PostgreSQL, identical ones asked
    once) each get their own rows, as the store's own query gives them."""
    cases = [
        (key_id, status, limit, after)
        for key_id in key_ids
        for status in [None, Status.QUEUED]
        for limit in [2, 20]
        for after in [None, ids[5], ids[6], "3d_" + "9" * 48]
    ]
    cases += cases[:7]  # twins of cases already in the batch
    answers = await asyncio.gather(*(reads.tasks_of_key(*case) for case in cases))
    for (key_id, status, limit, after), answer in zip(cases, answers, strict=True):
        assert answer == store.list_for_key(key_id, status=status, limit=limit, after=after)
