"""The examples in docs/client.md (pasted into the README) run as written.

The examples name the real models; the test server aliases those ids to fixture engines.
"""

from __future__ import annotations

import os
import pathlib
import re
import shlex
import subprocess
import sys

import pytest
from PIL import Image, ImageDraw

from tests.client.conftest import FAST_POLL
from tests.support.server import REPO_ROOT, RunningServer

DOC = REPO_ROOT / "docs" / "client.md"


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", DOC.read_text(), re.MULTILINE | re.DOTALL)


PYTHON_BLOCKS = code_blocks("python")
GENERATE_COMMANDS = [
    line.split("#", 1)[0].strip()
    for block in code_blocks("bash")
    for line in block.splitlines()
    if line.startswith("meshforge generate")
]


def doc_env(server: RunningServer) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        MESHFORGE_BASE_URL=server.base_url,
        MESHFORGE_API_KEY=server.api_key,
        MESHFORGE_POLL_INTERVAL=str(FAST_POLL),
    )
    return env


def test_the_docs_have_examples_to_run() -> None:
    assert len(PYTHON_BLOCKS) >= 4
    assert any("--prompt" in command for command in GENERATE_COMMANDS)
    assert any("--image" in command for command in GENERATE_COMMANDS)


@pytest.mark.parametrize("block", PYTHON_BLOCKS, ids=lambda b: b.split("\n", 1)[0][:40])
def test_python_example_runs(server: RunningServer, tmp_path: pathlib.Path, block: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", block],
        cwd=tmp_path,
        env=doc_env(server),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "failed:" not in done.stdout and "check MESHFORGE_API_KEY" not in done.stdout
    if 'output_dir="out"' in block or '"out")' in block:
        assert any(path.suffix == ".glb" for path in (tmp_path / "out").iterdir())


@pytest.mark.parametrize("command", GENERATE_COMMANDS)
def test_cli_example_runs(server: RunningServer, tmp_path: pathlib.Path, command: str) -> None:
    photo = Image.new("RGB", (160, 160), "white")
    ImageDraw.Draw(photo).ellipse((40, 40, 120, 120), fill="darkgreen")
    photo.save(tmp_path / "photo.jpg")
    args = shlex.split(command)[1:]
    done = subprocess.run(
        [sys.executable, "-m", "meshforge", *args],
        cwd=tmp_path,
        env=doc_env(server),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    written = [tmp_path / line for line in done.stdout.splitlines()]
    assert written and all(path.is_file() for path in written)
    assert all(path.parent == tmp_path / "out" for path in written)
