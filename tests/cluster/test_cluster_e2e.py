"""The whole cluster of scripts/cluster.sh under faults (issue 14, "Done when"): tasks go
in through both API nodes and are polled through the other; one worker node and one API
node are SIGKILLed, the broker is stopped for 10 s and the database cut for 10 s. In the
end every accepted task is SUCCESS or FAILURE, every output downloads from either API
node, and every webhook arrived once, signed with the shared secret. It runs with both
brokers Celery is deployed on: a Redis of the cluster's own (stopped and started again)
and the machine's RabbitMQ (reached through a proxy that cuts it off for the outage)."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from kombu import Connection

from tests.cluster.receiver import WebhookReceiver
from tests.conftest import POSTGRES_ADMIN_URL
from tests.support.server import FIXTURE_ENGINES, wait_for
from tests.support.tcp_proxy import FaultyTcpProxy
from tools.cluster.launch import Cluster, ClusterSpec

pytestmark = pytest.mark.slow

OUTAGE_S = 10.0
TERMINAL = ("SUCCESS", "FAILURE")
SLOW = {"model": "test/slow", "prompt": "4"}  # sleeps 4 s
QUICK = {"model": "test/cube", "prompt": "x"}


RABBITMQ = ("127.0.0.1", 5672)


@dataclass
class Broker:
    """Stops and starts the cluster's broker: its own Redis, or the proxy to RabbitMQ."""

    cluster: Cluster
    proxy: FaultyTcpProxy | None = None

    def stop(self) -> None:
        if self.proxy is None:
            self.cluster.stop_broker()
        else:
            self.proxy.down()

    def start(self) -> None:
        if self.proxy is None:
            self.cluster.start_broker()
        else:
            self.proxy.up()


@pytest.fixture(params=["redis", "rabbitmq"])
def cluster(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Cluster, FaultyTcpProxy, Broker]]:
    url = sa.make_url(POSTGRES_ADMIN_URL)
    with contextlib.ExitStack() as stack:
        proxy = stack.enter_context(FaultyTcpProxy((url.host or "127.0.0.1", url.port or 5432)))
        env = {
            "MESHFORGE_EXTRA_ENGINES": FIXTURE_ENGINES,
            "MESHFORGE_BUILTIN_ENGINES": "false",
            "MESHFORGE_ALLOW_PRIVATE_CALLBACK_URLS": "true",
            "MESHFORGE_HEARTBEAT_INTERVAL_S": "0.5",
            "MESHFORGE_HEARTBEAT_LEASE_S": "3",
            "MESHFORGE_REPUBLISH_AFTER_S": "5",
            "MESHFORGE_CLEANUP_INTERVAL_S": "1",
            "MESHFORGE_WEBHOOK_BACKOFF_S": "[1, 2, 2, 5, 5, 10]",
        }
        broker_proxy, broker_url = None, ""
        if request.param == "rabbitmq":
            broker_proxy = stack.enter_context(FaultyTcpProxy(RABBITMQ))
            broker_url = f"amqp://guest:guest@127.0.0.1:{broker_proxy.port}//"
            # A queue of this run's own on the shared server, deleted afterwards.
            env["MESHFORGE_CELERY_QUEUE"] = queue = f"e2e-{uuid.uuid4().hex[:12]}"
            stack.callback(_delete_queue, queue)
        spec = ClusterSpec(
            tmp_path / "cluster",
            database_port=proxy.port,  # the nodes reach PostgreSQL only through the proxy
            broker_url=broker_url,
            env=env,
        )
        running = Cluster(spec)
        try:
            yield running.start(), proxy, Broker(running, broker_proxy)
        finally:
            running.stop()


def _delete_queue(name: str) -> None:
    with Connection(f"amqp://guest:guest@{RABBITMQ[0]}:{RABBITMQ[1]}//") as connection:
        connection.default_channel.queue_delete(name)


class Nodes:
    """Talks to the API nodes: submit through one, poll through another."""

    def __init__(self, cluster: Cluster, callback_url: str) -> None:
        self.cluster, self.callback_url = cluster, callback_url
        self.accepted: dict[str, str] = {}  # task id -> the API node that accepted it

    def submit(self, node: str, body: dict[str, object]) -> str:
        response = httpx.post(
            f"{self.cluster.api_url(node)}/v1/3d/generations",
            json={**body, "callback_url": self.callback_url},
            headers=self.cluster.headers,
            timeout=30,
        )
        assert response.status_code == 200, response.text
        task_id = str(response.json()["task_id"])
        self.accepted[task_id] = node
        return task_id

    def get(self, node: str, task_id: str) -> httpx.Response:
        url = f"{self.cluster.api_url(node)}/v1/3d/generations/{task_id}"
        return httpx.get(url, headers=self.cluster.headers, timeout=30)

    def status(self, node: str, task_id: str) -> str:
        response = self.get(node, task_id)
        assert response.status_code == 200, response.text
        return str(response.json()["data"]["status"])


def row(task_id: str, database_url: str, column: str) -> object:
    """A column the API does not show, read past the proxy from the real server."""
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        found = conn.execute(
            sa.text(f"SELECT {column} FROM tasks WHERE id = :id"), {"id": task_id}
        ).scalar()
    engine.dispose()
    return found


def test_the_cluster_loses_nothing_through_node_deaths_and_outages(
    cluster: tuple[Cluster, FaultyTcpProxy, Broker],
) -> None:
    running, proxy, broker = cluster
    direct_db = sa.make_url(running.database_url).set(port=sa.make_url(POSTGRES_ADMIN_URL).port)
    direct = direct_db.render_as_string(hide_password=False)
    receiver = WebhookReceiver(running.webhook_secret)
    nodes = Nodes(running, receiver.url)
    try:
        _run_the_faults(running, proxy, broker, nodes, direct)
        _everything_finished_once(running, nodes, receiver)
    finally:
        receiver.close()


def _run_the_faults(
    cluster: Cluster, proxy: FaultyTcpProxy, broker: Broker, nodes: Nodes, db: str
) -> None:
    slow = [
        nodes.submit(f"api-{1 + i % 2}", {"model": "test/slow", "prompt": "4"}) for i in range(4)
    ]
    quick = [
        nodes.submit(f"api-{1 + i % 2}", {"model": "test/cube", "prompt": "x"}) for i in range(4)
    ]
    for task_id in slow + quick:  # polled through the node that did not accept it
        other = "api-2" if nodes.accepted[task_id] == "api-1" else "api-1"
        assert nodes.status(other, task_id) in ("QUEUED", "IN_PROGRESS", *TERMINAL)
    # A worker node dies mid-task: the other worker node finishes its task.
    wait_for(lambda: nodes.status("api-1", slow[0]) == "IN_PROGRESS", timeout_s=60)
    holder = str(row(slow[0], db, "worker_id"))
    victim = "worker-1" if "-worker-1-" in holder else "worker-2"
    cluster.kill(victim)
    # The API node holding the retention lease dies: the other serves everything and
    # takes its background work over (the lease, its webhook claims, the republishing).
    wait_for(lambda: _retention_holder(db) != "", timeout_s=30)
    dead = "-".join(_retention_holder(db).split("-")[:2])  # "api-1-<pid>-<id>" -> "api-1"
    alive = "api-2" if dead == "api-1" else "api-1"
    cluster.kill(dead)
    wait_for(lambda: _retention_holder(db).startswith(alive + "-"), timeout_s=30)
    # The broker stops for 10 s: tasks are still accepted, QUEUED, and published later.
    broker.stop()
    during_broker = [nodes.submit(alive, QUICK) for _ in range(2)]
    assert all(nodes.status(alive, t) == "QUEUED" for t in during_broker)
    time.sleep(OUTAGE_S)
    broker.start()
    # The database goes away for 10 s: 503 with Retry-After meanwhile, then recovery.
    proxy.down()
    started = time.monotonic()
    while time.monotonic() - started < OUTAGE_S:
        response = nodes.get(alive, slow[1])
        assert response.status_code == 503 and int(response.headers["Retry-After"]) >= 1
        time.sleep(1)
    proxy.up()
    assert row(slow[0], db, "attempts") in (1, 2)
    cluster.start_api(dead)  # back on its port, to show every output from both nodes


def _retention_holder(db: str) -> str:
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        holder = conn.execute(
            sa.text("SELECT holder FROM leases WHERE name = 'retention' AND expires_at > :now"),
            {"now": time.time()},
        ).scalar()
    engine.dispose()
    return str(holder or "")


def _everything_finished_once(cluster: Cluster, nodes: Nodes, receiver: WebhookReceiver) -> None:
    def all_terminal() -> bool:
        return all(nodes.status("api-2", t) in TERMINAL for t in nodes.accepted)

    wait_for(all_terminal, timeout_s=90, every_s=0.5)
    for task_id in nodes.accepted:
        data = nodes.get("api-1", task_id).json()["data"]
        assert data["status"] == "SUCCESS", data  # no fault here is the task's own
        for url in data["outputs"]:
            path = url.split("/redirect/", 1)[1]
            for node in ("api-1", "api-2"):
                download = httpx.get(
                    f"{cluster.api_url(node)}/redirect/{path}", follow_redirects=True, timeout=30
                )
                assert download.status_code == 200 and download.content, (node, url)
    wait_for(lambda: set(receiver.deliveries) == set(nodes.accepted), timeout_s=30)
    time.sleep(2)  # a second delivery of any webhook would show by now
    assert all(count == 1 for count in receiver.deliveries.values()), receiver.deliveries
    assert receiver.bad_signatures == 0
