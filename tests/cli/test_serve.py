"""`meshforge serve` on a fresh data dir, key management, and the same flow on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import sqlalchemy as sa

from meshforge.store.db import make_engine
from tests.support.server import (
    free_port,
    get_task,
    serve_command,
    server_env,
    start_server,
    submit,
    wait_healthy,
)


def _meshforge(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "meshforge", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_first_serve_prints_a_key_once_and_keys_can_be_managed(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh"
    env = server_env(data_dir)
    port = free_port()
    command = serve_command(data_dir, port, workers=1)
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = ""
        while not line.startswith("MESHFORGE_API_KEY="):
            line = process.stdout.readline()
            assert line, "serve ended without printing a key"
        key = line.strip().split("=", 1)[1]
        base = f"http://127.0.0.1:{port}"
        printed = [process.stdout.readline().strip() for _ in range(4)]
        assert f"meshforge is listening on {base}" in printed, printed
        assert f"playground: {base}/" in printed and f"API docs:   {base}/docs" in printed
        wait_healthy(base, process)
        headers = {"Authorization": f"Bearer {key}"}
        assert httpx.get(f"{base}/v1/models", headers=headers).status_code == 200
        assert httpx.get(f"{base}/docs").status_code == 200
        with sa.create_engine(f"sqlite:///{data_dir / 'meshforge.db'}").connect() as conn:
            stored = conn.execute(sa.text("SELECT key_hash FROM api_keys")).scalars().all()
        assert stored and key not in stored  # only the hash is stored
        listing = _meshforge(env, "keys", "list").stdout
        assert "default" in listing and key not in listing
        assert _meshforge(env, "keys", "revoke", "1").returncode == 0
        assert httpx.get(f"{base}/v1/models", headers=headers).status_code == 401
        assert _meshforge(env, "keys", "revoke", "1").returncode == 1
    finally:
        process.terminate()
        process.wait(timeout=10)
    restarted = _meshforge(env, "migrate")
    assert restarted.returncode == 0 and "up to date" in restarted.stdout


def test_serve_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE api_keys, tasks, artifacts RESTART IDENTITY"))
    engine.dispose()
    with start_server(tmp_path, env={"MESHFORGE_DATABASE_URL": postgres_url}) as server:
        task_id = submit(server, {"model": "test/cube", "prompt": "x"})
        deadline = time.monotonic() + 60
        while (data := get_task(server, task_id))["status"] != "SUCCESS":
            assert time.monotonic() < deadline and data["status"] != "FAILURE", data
            time.sleep(0.1)
        outputs = data["outputs"]
        assert isinstance(outputs, list)
        assert httpx.get(outputs[0]).content[:4] == b"glTF"
