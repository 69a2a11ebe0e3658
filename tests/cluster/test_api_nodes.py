"""Background work of two API nodes on one PostgreSQL database: each unit done once, by
one node, and taken over when its node is gone (item 2 of issue 14)."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable

from meshforge.domain.status import Status
from meshforge.store.webhooks import WebhookState
from tests.cluster.conftest import NodeStores
from tests.support.rows import new_task_row

_ids = itertools.count(1)


def queued_task(node: NodeStores, **values: object) -> str:
    task_id = f"3d_{next(_ids):048x}"
    node.tasks.create({**new_task_row(task_id), **values})
    assert node.tasks.mark_submitted(task_id, None) and node.tasks.mark_queued(task_id)
    return task_id


def at_once(*calls: Callable[[], list[str]]) -> list[list[str]]:
    """Run the calls in threads started together; their results in order."""
    results: list[list[str]] = [[] for _ in calls]
    start = threading.Barrier(len(calls))

    def run(index: int) -> None:
        start.wait()
        results[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_each_due_task_is_republished_by_exactly_one_node(
    two_nodes: tuple[NodeStores, NodeStores],
) -> None:
    a, b = two_nodes
    ids = {queued_task(a) for _ in range(40)}
    later = time.time() + 3600  # every task is due (its publish was lost)
    claimed: list[str] = []
    while True:  # racing rounds of small batches, as the nodes' republishers run
        got_a, got_b = at_once(
            lambda: a.dispatch.claim_due(later, limit=7),
            lambda: b.dispatch.claim_due(later, limit=7),
        )
        if not got_a and not got_b:
            break
        claimed += got_a + got_b
    assert len(claimed) == len(set(claimed)) and set(claimed) == ids


def test_a_task_is_due_at_the_broker_until_a_worker_claims_it(
    two_nodes: tuple[NodeStores, NodeStores],
) -> None:
    a, b = two_nodes
    waiting, running = queued_task(a), queued_task(a)
    assert b.tasks.claim(running, "celery-worker-1-1")
    later = time.time() + 3600
    assert b.dispatch.claim_due(later) == [waiting]  # the claimed task is never republished
    assert a.dispatch.claim_due(later + 3600, again_after_s=60) == [waiting]
    # A worker that dies has its task re-queued: due at the broker again.
    assert a.tasks.requeue(running, "celery-worker-1-1")
    assert running in b.dispatch.claim_due(later + 7200)


def test_retention_lease_is_held_by_one_node_and_taken_over_when_it_dies(
    two_nodes: tuple[NodeStores, NodeStores],
) -> None:
    a, b = two_nodes
    now = time.time()
    assert at_once(
        lambda: ["a"] if a.leases.acquire("retention-test", "node-a", 60, now) else [],
        lambda: ["b"] if b.leases.acquire("retention-test", "node-b", 60, now) else [],
    ) in (
        [["a"], []],
        [[], ["b"]],
    )
    holder = a.leases.holder("retention-test", now)
    other, other_store = ("node-b", b) if holder == "node-a" else ("node-a", a)
    assert not other_store.leases.acquire("retention-test", other, 60, now + 30)
    assert (a if holder == "node-a" else b).leases.acquire("retention-test", holder, 60, now + 30)
    # The holder dies (renews no more): once its lease runs out, the other node takes over.
    assert not other_store.leases.acquire("retention-test", other, 60, now + 80)
    assert other_store.leases.acquire("retention-test", other, 60, now + 91)
    assert a.leases.holder("retention-test", now + 91) == other


def test_each_webhook_is_claimed_by_one_node_and_again_only_after_its_lease(
    two_nodes: tuple[NodeStores, NodeStores],
) -> None:
    a, b = two_nodes
    pending = {"callback_url": "https://example.com/hook", "webhook_state": "pending"}
    ids = set()
    for _ in range(12):
        task_id = queued_task(a, **pending)
        assert a.tasks.fail(task_id, "done")
        ids.add(task_id)
    now = time.time()
    got_a, got_b = at_once(
        lambda: [t.id for t in a.webhooks.claim_due(now, 15, limit=8)],
        lambda: [t.id for t in b.webhooks.claim_due(now, 15, limit=8)],
    )
    assert not set(got_a) & set(got_b) and set(got_a) | set(got_b) == ids
    assert not a.webhooks.claim_due(now + 10, 15) and not b.webhooks.claim_due(now + 10, 15)
    # A node that died mid-send never recorded it: after the lease another node sends it.
    task = a.tasks.get(got_a[0])
    assert task is not None and task.webhook_state == WebhookState.PENDING.value
    assert got_a[0] in [t.id for t in b.webhooks.claim_due(now + 16, 15)]


def test_an_image_fetch_is_taken_over_once_when_its_node_is_gone(
    two_nodes: tuple[NodeStores, NodeStores],
) -> None:
    a, b = two_nodes
    now = time.time()
    task_id = f"3d_{next(_ids):048x}"
    a.tasks.create(
        {**new_task_row(task_id), "image_url": "https://x/y.png", "dispatch_due_at": now + 40}
    )
    assert not b.dispatch.claim_due_fetches(now)  # node a is fetching it
    got = at_once(
        lambda: a.dispatch.claim_due_fetches(now + 41),
        lambda: b.dispatch.claim_due_fetches(now + 41),
    )
    assert sorted(got, key=len) == [[], [task_id]]
    assert a.tasks.get(task_id).status is Status.NOT_START  # type: ignore[union-attr]
