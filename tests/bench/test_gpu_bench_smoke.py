"""The GPU benchmark's CPU smoke check: the one prepared script runs end to end on tiny
weights, so on a GPU machine it only has to be started."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_gpu_benchmark_runs_on_the_cpu_with_tiny_weights(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "bench.gpu.shap_e", "--smoke", "--out", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=600,
    )
    figures = json.loads((tmp_path / "shap_e_cpu_smoke.json").read_text())
    assert figures["plan"]["size"] == "tiny"
    for kind in ("text", "image"):
        measured = figures[kind]
        assert set(measured["stage_median_s"]) == {
            "encode",
            "denoise",
            "decode",
            "texture",
            "export",
        }
        assert len(measured["memory_after_task_mib"]) == figures["plan"]["tasks"]
        assert measured["cold_load_s"] > 0 and measured["input_to_glb_median_s"] > 0
    assert figures["throughput"]["2"]["tasks"] == 2 * figures["plan"]["throughput_tasks"]
    assert "| tasks at once |" in (tmp_path / "shap_e_cpu_smoke.md").read_text()
