"""Learned models end to end through a real `meshforge serve`: tiny random snapshots in
the weights dir, a GPU worker pool running on the CPU (MESHFORGE_LEARNED_ON_CPU), and a
GPU worker that hits torch's out-of-memory error and serves the next task."""

from __future__ import annotations

import base64
import io
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from meshforge.engines.learned import hunyuan3d
from tests.support.gltf_validate import assert_valid_glb
from tests.support.learned_weights import ball_photo_png
from tests.support.server import RunningServer, get_task, start_server, submit

FAST = {"mesh_resolution": 40, "num_inference_steps": 3, "face_limit": 3000}


def _finish(server: RunningServer, task_id: str, timeout_s: float = 120) -> dict[str, object]:
    deadline = time.monotonic() + timeout_s
    while (data := get_task(server, task_id))["status"] not in ("SUCCESS", "FAILURE"):
        assert time.monotonic() < deadline, data
        time.sleep(0.2)
    return data


def _worker_of(server: RunningServer, task_id: str) -> str:
    with sqlite3.connect(server.data_dir / "meshforge.db") as conn:
        row = conn.execute("SELECT worker_id FROM tasks WHERE id = ?", (task_id,)).fetchone()
    return str(row[0])


@pytest.fixture(scope="module")
def learned_server(
    tmp_path_factory: pytest.TempPathFactory, weights_dir: Path
) -> Iterator[RunningServer]:
    env = {
        "MESHFORGE_BUILTIN_ENGINES": "true",
        "MESHFORGE_EXTRA_ENGINES": "[]",
        "MESHFORGE_WEIGHTS_DIR": str(weights_dir),
        "MESHFORGE_LEARNED_ON_CPU": "true",
    }
    with start_server(tmp_path_factory.mktemp("learned"), env=env) as server:
        yield server


def _check_outputs(data: dict[str, object]) -> None:
    outputs = data["outputs"]
    assert isinstance(outputs, list) and len(outputs) == 2
    assert_valid_glb(httpx.get(outputs[0], timeout=30).content)
    archive = zipfile.ZipFile(io.BytesIO(httpx.get(outputs[1], timeout=30).content))
    obj = archive.read("model.obj").decode()  # textured: OBJ, MTL and the baked PNG
    assert obj.count("\nf ") > 100 and "\nvt " in obj
    assert any(name.endswith(".png") for name in archive.namelist())
    thumbnail = httpx.get(str(data["thumbnail"]), timeout=30).content
    assert thumbnail[:8] == b"\x89PNG\r\n\x1a\n"


def test_shap_e_text_to_3d_runs_on_a_gpu_worker(learned_server: RunningServer) -> None:
    body = {"model": "openai/shap-e-text-to-3d", "prompt": "a red chair", **FAST}
    task_id = submit(learned_server, {**body, "output_formats": ["glb", "obj"]})
    data = _finish(learned_server, task_id)
    assert data["status"] == "SUCCESS", data
    _check_outputs(data)
    assert _worker_of(learned_server, task_id).startswith("local-gpu-")


def test_shap_e_image_to_3d_runs_on_a_gpu_worker(learned_server: RunningServer) -> None:
    image = "data:image/png;base64," + base64.b64encode(ball_photo_png()).decode()
    body = {"model": "openai/shap-e-image-to-3d", "image": image, **FAST}
    task_id = submit(learned_server, {**body, "output_formats": ["glb", "obj"]})
    data = _finish(learned_server, task_id)
    assert data["status"] == "SUCCESS", data
    _check_outputs(data)


def test_models_list_tells_what_runs_where(learned_server: RunningServer) -> None:
    response = httpx.get(f"{learned_server.base_url}/v1/models", headers=learned_server.headers)
    models = {model["id"]: model for model in response.json()["data"]}
    text = models["openai/shap-e-text-to-3d"]
    assert text["available"] is True and text["device"] == "gpu"
    assert text["parameters"]["properties"]["num_inference_steps"]["default"] == 64
    assert models["meshforge/text-to-3d"]["device"] == "cpu"
    hunyuan = models["tencent/hunyuan3d-2-image-to-3d"]
    assert hunyuan["available"] is False and "licence" in hunyuan["unavailable_reason"]


@pytest.mark.skipif(
    bool(hunyuan3d.hy3dgen_import_error()),
    reason=f"hy3dgen cannot run here: {hunyuan3d.hy3dgen_import_error()}",
)
def test_hunyuan3d_image_to_3d_runs_on_a_gpu_worker(tmp_path: Path) -> None:
    from tests.support.learned_weights import write_hunyuan3d

    weights = tmp_path / "weights"
    write_hunyuan3d(weights)
    env = {
        "MESHFORGE_BUILTIN_ENGINES": "true",
        "MESHFORGE_EXTRA_ENGINES": "[]",
        "MESHFORGE_WEIGHTS_DIR": str(weights),
        "MESHFORGE_LEARNED_ON_CPU": "true",
        "MESHFORGE_HUNYUAN3D_LICENSE_ACCEPTED": "true",
    }
    image = "data:image/png;base64," + base64.b64encode(ball_photo_png()).decode()
    body = {"model": "tencent/hunyuan3d-2-image-to-3d", "image": image, **FAST}
    with start_server(tmp_path, env=env) as server:
        data = _finish(server, submit(server, {**body, "output_formats": ["glb", "obj"]}))
        assert data["status"] == "SUCCESS", data
        _check_outputs(data)  # the outputs are served by this server: check while it runs


def test_gpu_worker_out_of_memory_fails_the_task_and_serves_the_next(tmp_path: Path) -> None:
    pid_dir = tmp_path / "pids"
    pid_dir.mkdir()
    env = {
        "MESHFORGE_EXTRA_ENGINES": '["tests.support.fixture_engines:gpu_engines"]',
        "MESHFORGE_LEARNED_ON_CPU": "true",
        "FIXTURE_PID_DIR": str(pid_dir),
    }
    with start_server(tmp_path, env=env) as server:
        failed = _finish(
            server, submit(server, {"model": "test/gpu-cube", "prompt": "oom", "seed": 1})
        )
        assert failed["status"] == "FAILURE"
        reason = str(failed["fail_reason"])
        assert "GPU ran out of memory" in reason and "lower mesh_resolution" in reason
        served = _finish(
            server, submit(server, {"model": "test/gpu-cube", "prompt": "a", "seed": 2})
        )
        assert served["status"] == "SUCCESS", served
        first, second = (int((pid_dir / f"{seed}.pid").read_text()) for seed in (1, 2))
        assert first == second  # the same GPU worker process, still alive
        assert _worker_of(server, str(served["task_id"])).startswith("local-gpu-")
