"""The `meshforge` client commands, run as real subprocesses against the fixture server."""

from __future__ import annotations

import fcntl
import json
import os
import pathlib
import pty
import select
import struct
import subprocess
import sys
import termios
import time

import pytest
from PIL import Image, ImageDraw

from meshforge.client import Client
from tests.client.conftest import FAST_POLL
from tests.support.server import RunningServer, free_port


def cli_env(server: RunningServer, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        MESHFORGE_BASE_URL=server.base_url,
        MESHFORGE_API_KEY=server.api_key,
        MESHFORGE_POLL_INTERVAL=str(FAST_POLL),
    )
    env.update(extra)
    return env


def meshforge(server: RunningServer, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "meshforge", *args],
        env=cli_env(server, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_error_line(stderr: str, starts: str) -> None:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and lines[0].startswith(starts), stderr


def test_generate_from_a_prompt_prints_progress_and_where_the_files_went(
    server: RunningServer, tmp_path: pathlib.Path
) -> None:
    done = meshforge(
        server, "generate", "--prompt", "a cube", "--format", "glb,obj", "-o", str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    paths = [pathlib.Path(line) for line in done.stdout.splitlines()]
    assert [path.suffix for path in paths] == [".glb", ".obj"]
    assert all(path.parent == tmp_path and path.stat().st_size > 0 for path in paths)
    assert paths[0].read_bytes()[:4] == b"glTF"
    assert "(meshforge/text-to-3d)" in done.stderr  # the default model for a prompt
    progress = [line for line in done.stderr.splitlines() if "%" in line]
    assert progress[-1].startswith("SUCCESS      100%"), done.stderr
    assert len(progress) >= 2  # more than the final state was shown
    assert "2 file(s)" in done.stderr


SLOW_POLL = "60"  # seconds; a wait that polled would sit out at least one interval


def test_generate_and_download_wait_follow_the_task_instead_of_the_poll_interval(
    server: RunningServer, tmp_path: pathlib.Path
) -> None:
    started = time.monotonic()
    done = meshforge(
        server,
        "generate",
        "--prompt",
        "a cube",
        "-o",
        str(tmp_path / "generated"),
        MESHFORGE_POLL_INTERVAL=SLOW_POLL,
    )
    assert done.returncode == 0, done.stderr
    progress = [line for line in done.stderr.splitlines() if "%" in line]
    assert progress[-1].startswith("SUCCESS      100%"), done.stderr
    assert len(progress) >= 2
    with Client(server.base_url, server.api_key) as client:
        running = client.submit("test/slow", prompt="1")
    download = meshforge(
        server,
        "download",
        running,
        "--wait",
        "-o",
        str(tmp_path / "downloaded"),
        MESHFORGE_POLL_INTERVAL=SLOW_POLL,
    )
    took = time.monotonic() - started
    assert download.returncode == 0, download.stderr
    assert pathlib.Path(download.stdout.strip()).read_bytes()[:4] == b"glTF"
    assert took < float(SLOW_POLL) / 2, took


def test_generate_from_a_photo_uses_the_image_model(
    server: RunningServer, tmp_path: pathlib.Path
) -> None:
    photo = Image.new("RGB", (120, 160), "white")
    ImageDraw.Draw(photo).rectangle((30, 30, 90, 130), fill="navy")
    photo.save(tmp_path / "photo.jpg")
    done = meshforge(
        server,
        "generate",
        "--image",
        str(tmp_path / "photo.jpg"),
        "-o",
        str(tmp_path / "out"),
        "-q",
    )
    assert done.returncode == 0, done.stderr
    assert "(meshforge/image-to-3d)" in done.stderr
    assert "%" not in done.stderr  # --quiet: no progress lines
    [path] = [pathlib.Path(line) for line in done.stdout.splitlines()]
    assert path.read_bytes()[:4] == b"glTF"


def run_in_terminal(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run with stdout and stderr on a pseudo-terminal, as a user at a shell would."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(command, env=env, stdout=terminal, stderr=terminal, close_fds=True)
    os.close(terminal)
    output = bytearray()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the process is gone
                break
            if not chunk:
                break
            output.extend(chunk)
        elif process.poll() is not None:
            break
    os.close(controller)
    return process.wait(timeout=10), output.decode("utf-8", "replace")


def test_generate_in_a_terminal_draws_a_live_progress_bar(
    server: RunningServer, tmp_path: pathlib.Path
) -> None:
    command = [
        sys.executable,
        "-m",
        "meshforge",
        "generate",
        "--model",
        "test/slow",
        "--prompt",
        "2",
        "-o",
        str(tmp_path),
    ]
    code, output = run_in_terminal(command, cli_env(server, TERM="xterm-256color"))
    assert code == 0, output
    assert "━" in output  # the bar itself
    assert "IN_PROGRESS" in output and "SUCCESS" in output and "100%" in output
    assert "0:00:0" in output  # elapsed time
    assert output.count("\x1b[") > 10  # redrawn in place, many times
    assert str(tmp_path) in output


def test_a_failed_task_exits_non_zero_with_its_reason(
    server: RunningServer, tmp_path: pathlib.Path
) -> None:
    done = meshforge(
        server, "generate", "--model", "test/fail", "--prompt", "x", "-o", str(tmp_path)
    )
    assert done.returncode == 1
    assert_one_error_line(done.stderr, "error: task 3d_")
    assert done.stderr.rstrip().endswith("failed: the fixture engine failed on purpose")
    assert done.stdout == "" and not list(tmp_path.iterdir())


def test_a_bad_key_is_one_clear_line(server: RunningServer, tmp_path: pathlib.Path) -> None:
    done = meshforge(
        server, "generate", "--prompt", "x", "-o", str(tmp_path), "--api-key", "mf_wrong"
    )
    assert done.returncode == 3
    assert_one_error_line(done.stderr, "error: authentication failed")
    no_key = meshforge(server, "models", MESHFORGE_API_KEY="")
    assert no_key.returncode == 3
    assert_one_error_line(no_key.stderr, "error: authentication failed")
    assert "MESHFORGE_API_KEY" in no_key.stderr


def test_an_unreachable_server_is_one_clear_line(server: RunningServer) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"
    done = meshforge(server, "status", "3d_" + "0" * 48, "--base-url", nowhere)
    assert done.returncode == 4
    assert_one_error_line(done.stderr, f"error: cannot connect to {nowhere}")


def test_status_download_models_and_cancel(server: RunningServer, tmp_path: pathlib.Path) -> None:
    with Client(server.base_url, server.api_key, poll_interval=FAST_POLL) as client:
        finished = client.wait(client.submit("test/cube", prompt="a cube"))
        running = client.submit("test/slow", prompt="30")
    status = meshforge(server, "status", finished.task_id)
    assert status.returncode == 0
    assert "status: SUCCESS" in status.stdout and f"output: {finished.outputs[0]}" in status.stdout
    assert '"status": "SUCCESS"' in meshforge(server, "status", finished.task_id, "--json").stdout
    download = meshforge(server, "download", finished.task_id, "-o", str(tmp_path))
    assert download.returncode == 0
    assert pathlib.Path(download.stdout.strip()).read_bytes()[:4] == b"glTF"
    models_json = json.loads(meshforge(server, "models", "--json").stdout)
    cube = next(model for model in models_json if model["id"] == "test/cube")
    assert cube["kind"] == "text-to-3d" and "properties" in cube["parameters"]
    models = meshforge(server, "models")
    assert any(
        line.split()[:2] == ["test/cube", "text-to-3d"] for line in models.stdout.splitlines()
    )
    early = meshforge(server, "download", running, "-o", str(tmp_path / "early"))
    assert early.returncode == 6
    assert_one_error_line(early.stderr, f"error: task {running} has no outputs yet")
    assert "--wait" in early.stderr
    canceled = meshforge(server, "cancel", running)
    assert canceled.returncode == 0 and "fail_reason: canceled" in canceled.stdout
    not_found = meshforge(server, "status", "3d_" + "0" * 48)
    assert not_found.returncode == 6
    assert_one_error_line(not_found.stderr, "error: task")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--face-limit", "5"], "error: face_limit"),
        (["--model", "no/such"], "error: model 'no/such'"),
    ],
)
def test_bad_requests_exit_2_with_the_servers_message(
    server: RunningServer, tmp_path: pathlib.Path, args: list[str], message: str
) -> None:
    done = meshforge(server, "generate", "--prompt", "x", "-o", str(tmp_path), *args)
    assert done.returncode == 2
    assert_one_error_line(done.stderr, "error:")
    assert message.split(" ", 1)[1] in done.stderr
