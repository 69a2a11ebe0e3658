"""Start a whole meshforge cluster on one machine, laid out as it would run on several.

PostgreSQL (the local server; a fresh database per cluster), a broker (a Redis of its
own, or any broker URL such as a local RabbitMQ), an S3 endpoint (moto's server), N API
nodes (`meshforge serve`, each on its own port) sharing the database, the bucket and the
webhook secret, and M worker nodes (`meshforge worker`) with their own node names and
data directories: nothing on local disk is shared between nodes.

Run it with scripts/cluster.sh (it stays up until Ctrl-C), or use `Cluster` from tests
and benchmarks, which also stop and start single parts (SIGKILL a node, stop the broker).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import sqlalchemy as sa

REPO_ROOT = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN_URL = os.environ.get(
    "MESHFORGE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
S3_KEYS = {"AWS_ACCESS_KEY_ID": "cluster", "AWS_SECRET_ACCESS_KEY": "cluster"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(check: object, what: str, timeout_s: float = 60.0) -> None:
    assert callable(check)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, httpx.HTTPError):  # not listening yet
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{what} did not come up in {timeout_s:g} s")


@dataclass
class ClusterSpec:
    root: Path
    api_nodes: int = 2
    worker_nodes: int = 2
    concurrency: int = 1  # worker processes per worker node
    broker_url: str = ""  # empty: a Redis of the cluster's own (it can be stopped)
    database_port: int | None = None  # nodes reach PostgreSQL here (e.g. a proxy)
    env: dict[str, str] = field(default_factory=dict)  # extra MESHFORGE_* for every node


@dataclass
class Cluster:
    spec: ClusterSpec
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    api_ports: dict[str, int] = field(default_factory=dict)
    api_key: str = ""
    database_name: str = field(default_factory=lambda: f"meshforge_cluster_{secrets.token_hex(4)}")
    redis_port: int = 0
    s3_port: int = 0
    webhook_secret: str = field(
        default_factory=lambda: "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    )

    # ---- the whole cluster -------------------------------------------------------------

    def start(self) -> Cluster:
        self.spec.root.mkdir(parents=True, exist_ok=True)
        self._create_database()
        if not self.spec.broker_url:
            self.redis_port = free_port()
            self.start_broker()
        self._start_s3()
        self.api_key = self._meshforge_output(["keys", "create", "--name", "cluster"])
        for index in range(1, self.spec.api_nodes + 1):
            self.start_api(f"api-{index}")
        for index in range(1, self.spec.worker_nodes + 1):
            self.start_worker(f"worker-{index}")
        return self

    def stop(self) -> None:
        for name in list(self.processes):
            self.stop_process(name)
        self._drop_database()

    @property
    def database_url(self) -> str:
        base = sa.make_url(POSTGRES_ADMIN_URL).set(database=self.database_name)
        if self.spec.database_port is not None:
            base = base.set(host="127.0.0.1", port=self.spec.database_port)
        return base.render_as_string(hide_password=False)

    @property
    def broker_url(self) -> str:
        return self.spec.broker_url or f"redis://127.0.0.1:{self.redis_port}/0"

    def api_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.api_ports[name]}"

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def describe(self) -> dict[str, object]:
        return {
            "api": {name: self.api_url(name) for name in self.api_ports},
            "api_key": self.api_key,
            "webhook_secret": self.webhook_secret,
            "database_url": self.database_url,
            "broker_url": self.broker_url,
            "s3_endpoint_url": f"http://127.0.0.1:{self.s3_port}",
            "workers": [name for name in self.processes if name.startswith("worker-")],
            "logs": str(self.spec.root),
        }

    # ---- nodes -------------------------------------------------------------------------

    def node_env(self, name: str) -> dict[str, str]:
        """What every node of the cluster shares, plus its own name and data dir."""
        env = dict(os.environ)
        env.update(S3_KEYS)
        env.update(
            PYTHONPATH=os.pathsep.join([str(REPO_ROOT), env.get("PYTHONPATH", "")]),
            MESHFORGE_NODE_NAME=name,
            MESHFORGE_DATA_DIR=str(self.spec.root / name),
            MESHFORGE_DATABASE_URL=self.database_url,
            MESHFORGE_EXECUTOR="celery",
            MESHFORGE_BROKER_URL=self.broker_url,
            MESHFORGE_STORAGE_URL="s3://meshforge-cluster/outputs",
            MESHFORGE_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.s3_port}",
            MESHFORGE_WEBHOOK_SECRET=self.webhook_secret,
        )
        env.update(self.spec.env)
        return env

    def start_api(self, name: str) -> None:
        port = self.api_ports.get(name) or free_port()
        self.api_ports[name] = port
        command = ["serve", "--host", "127.0.0.1", "--port", str(port)]
        self._launch(name, self._meshforge(command), self.node_env(name))
        wait_until(lambda: self._ready(name), f"API node {name}", timeout_s=90)

    def start_worker(self, name: str) -> None:
        command = ["worker", "--concurrency", str(self.spec.concurrency)]
        self._launch(name, self._meshforge(command), self.node_env(name))

    def kill(self, name: str) -> None:
        """SIGKILL a node's process group: the node and its worker children die at once."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_process(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    # ---- the broker --------------------------------------------------------------------

    def start_broker(self) -> None:
        """The cluster's own Redis; its append-only file keeps messages over a restart."""
        folder = self.spec.root / "redis"
        folder.mkdir(exist_ok=True)
        command = [
            shutil.which("redis-server") or "redis-server",
            "--port", str(self.redis_port),
            "--bind", "127.0.0.1",
            "--dir", str(folder),
            "--appendonly", "yes",
            "--save", "",
        ]  # fmt: skip
        self._launch("redis", command, dict(os.environ))
        wait_until(lambda: _accepts(self.redis_port), "redis")

    def stop_broker(self) -> None:
        self.stop_process("redis")

    # ---- parts -------------------------------------------------------------------------

    def _create_database(self) -> None:
        admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.database_name}"'))
        admin.dispose()

    def _drop_database(self) -> None:
        admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)'))
        admin.dispose()

    def _start_s3(self) -> None:
        import boto3

        self.s3_port = free_port()
        command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.s3_port)]
        self._launch("s3", command, dict(os.environ))
        wait_until(lambda: _accepts(self.s3_port), "the S3 endpoint")
        client = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{self.s3_port}",
            region_name="us-east-1",
            aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        )
        client.create_bucket(Bucket="meshforge-cluster")

    def _meshforge(self, arguments: list[str]) -> list[str]:
        return [sys.executable, "-m", "meshforge", *arguments]

    def _meshforge_output(self, arguments: list[str]) -> str:
        env = self.node_env("admin")
        done = subprocess.run(
            self._meshforge(arguments), env=env, check=True, capture_output=True, text=True
        )
        return done.stdout.strip()

    def _launch(self, name: str, command: list[str], env: Mapping[str, str]) -> None:
        """Its own process group (so a kill takes its children too); log to <name>.log."""
        with (self.spec.root / f"{name}.log").open("ab") as log:
            self.processes[name] = subprocess.Popen(
                command,
                env=dict(env),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _ready(self, name: str) -> bool:
        process = self.processes[name]
        if process.poll() is not None:
            log = (self.spec.root / f"{name}.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{name} exited with {process.returncode}: {log}")
        return httpx.get(f"{self.api_url(name)}/readyz", timeout=2).status_code == 200


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("./meshforge-cluster"))
    parser.add_argument("--api-nodes", type=int, default=2)
    parser.add_argument("--worker-nodes", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=1, help="processes per worker")
    parser.add_argument("--broker-url", default="", help="e.g. amqp://guest:guest@127.0.0.1//")
    args = parser.parse_args()
    spec = ClusterSpec(
        args.dir.resolve(), args.api_nodes, args.worker_nodes, args.concurrency, args.broker_url
    )
    signal.signal(signal.SIGTERM, _interrupt)
    cluster = Cluster(spec)
    try:
        cluster.start()
        print(json.dumps(cluster.describe(), indent=2), flush=True)
        while True:
            signal.pause()
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.stop()


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
