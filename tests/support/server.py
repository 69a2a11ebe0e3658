"""Start real `meshforge serve` processes for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURE_ENGINES = '["tests.support.fixture_engines:all_engines"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningServer:
    base_url: str
    api_key: str
    process: subprocess.Popen[bytes]
    data_dir: Path
    port: int
    env: dict[str, str] = field(default_factory=dict)
    workers: int = 1

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    def kill(self) -> None:
        """SIGKILL the server process (its workers die with it)."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM the server (a graceful stop, as on a redeploy) and wait for its exit."""
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def restart(self) -> None:
        self.process = _launch(self.data_dir, self.port, self.workers, self.env)
        wait_healthy(self.base_url, self.process)


def server_env(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        MESHFORGE_DATA_DIR=str(data_dir),
        MESHFORGE_EXTRA_ENGINES=FIXTURE_ENGINES,
        MESHFORGE_BUILTIN_ENGINES="false",
        MESHFORGE_ALLOW_PRIVATE_IMAGE_URLS="true",
    )
    env.update(extra or {})
    return env


@contextmanager
def start_server(
    tmp_path: Path, *, workers: int = 1, env: dict[str, str] | None = None
) -> Iterator[RunningServer]:
    data_dir = tmp_path / "server-data"
    full_env = server_env(data_dir, env)
    key = subprocess.run(
        [sys.executable, "-m", "meshforge", "keys", "create", "--name", "tests"],
        env=full_env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    port = free_port()
    server = RunningServer(
        base_url=f"http://127.0.0.1:{port}",
        api_key=key,
        process=_launch(data_dir, port, workers, full_env),
        data_dir=data_dir,
        port=port,
        env=full_env,
        workers=workers,
    )
    try:
        wait_healthy(server.base_url, server.process)
        yield server
    finally:
        _stop(server.process)


def _launch(
    data_dir: Path, port: int, workers: int, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    """Start the server; its log goes to data_dir/server.log (a pipe nobody reads would
    fill up and block the server's logging, and with it the server)."""
    command = serve_command(data_dir, port, workers)
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "server.log").open("ab") as log:
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)


def serve_command(data_dir: Path, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "meshforge",
        "serve",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--workers",
        str(workers),
    ]


def wait_healthy(base_url: str, process: subprocess.Popen[Any], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {_log_tail(process)}")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError("server did not become ready")


def _log_tail(process: subprocess.Popen[Any]) -> str:
    """The end of the server's log, found from its --data-dir argument."""
    arguments = list(map(str, process.args)) if isinstance(process.args, list) else []
    if "--data-dir" not in arguments:
        return ""
    log = Path(arguments[arguments.index("--data-dir") + 1]) / "server.log"
    return log.read_text(errors="replace")[-2000:] if log.exists() else ""


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_for(predicate: object, timeout_s: float = 30.0, every_s: float = 0.1) -> None:
    """Poll a zero-argument callable until it returns truthy."""
    assert callable(predicate)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(every_s)
    raise TimeoutError("condition not met in time")


def submit(server: RunningServer, body: dict[str, object]) -> str:
    response = httpx.post(
        f"{server.base_url}/v1/3d/generations", json=body, headers=server.headers, timeout=30
    )
    assert response.status_code == 200, response.text
    return str(response.json()["task_id"])


def get_task(server: RunningServer, task_id: str) -> dict[str, object]:
    response = httpx.get(
        f"{server.base_url}/v1/3d/generations/{task_id}", headers=server.headers, timeout=30
    )
    assert response.status_code == 200, response.text
    data: dict[str, object] = response.json()["data"]
    return data
