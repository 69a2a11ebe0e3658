"""Run the Khronos glTF validator (npm package gltf-validator) on GLB bytes or files.

Setup once: ``npm ci --prefix tools/gltf-validator`` (or ``npm install``). Missing node or
a missing install raises, so a test using this helper fails instead of silently passing.

    from tests.support.gltf_validate import assert_valid_glb
    assert_valid_glb(exported.data)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

TOOL_DIR = Path(__file__).resolve().parents[2] / "tools" / "gltf-validator"
SCRIPT = TOOL_DIR / "validate.js"


class ValidatorUnavailableError(RuntimeError):
    """node or the gltf-validator npm package is not installed."""


def validate_glb(data: bytes | Path, timeout_s: float = 120.0) -> dict[str, Any]:
    """The validator's summary: {"errors", "warnings", "infos", "hints", "messages"}."""
    node = shutil.which("node")
    if node is None:
        raise ValidatorUnavailableError("node is not installed (needed for gltf-validator)")
    if not (TOOL_DIR / "node_modules" / "gltf-validator").is_dir():
        raise ValidatorUnavailableError(f"run: npm ci --prefix {TOOL_DIR}")
    if isinstance(data, Path):
        return _run(node, data, timeout_s)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.glb"
        path.write_bytes(data)
        return _run(node, path, timeout_s)


def _run(node: str, path: Path, timeout_s: float) -> dict[str, Any]:
    completed = subprocess.run(
        [node, str(SCRIPT), str(path)],
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    try:
        report: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError) as error:
        raise RuntimeError(f"validator gave no report: {completed.stderr[-2000:]}") from error
    if "fatal" in report:
        raise RuntimeError(f"validator failed: {report['fatal']}")
    return report


def assert_valid_glb(data: bytes | Path) -> dict[str, Any]:
    """Fail with the validator's messages unless the GLB has zero errors; return the report."""
    report = validate_glb(data)
    errors = [m for m in report["messages"] if m["severity"] == 0]
    assert report["errors"] == 0, f"glTF validator errors: {errors}"
    return report
