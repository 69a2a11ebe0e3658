"""Learned models at the HTTP edge: their options and limits in the schema, options
refused for models that do not take them, and 400 model_unavailable with the reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from meshforge.engines.learned.shap_e import ShapETextEngine
from tests.api.conftest import Api, assert_error, make_api, png_data_url

SHAP_E = "openai/shap-e-text-to-3d"


def _learned_api(tmp_path: Path, database_url: str, **overrides: Any) -> Iterator[Api]:
    yield from make_api(
        tmp_path,
        database_url,
        builtin_engines=True,
        weights_dir=tmp_path / "weights",
        **overrides,
    )


def _fake_snapshot(weights_dir: Path) -> None:
    """The files availability looks for (enough to get past the weights check)."""
    for name in ShapETextEngine.snapshot.required:
        path = weights_dir / ShapETextEngine.snapshot.repository / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}")


@pytest.fixture
def learned_api(tmp_path: Path, database_url: str) -> Iterator[Api]:
    yield from _learned_api(tmp_path, database_url)


def test_no_weights_answers_model_unavailable(learned_api: Api) -> None:
    response = learned_api.submit({"model": SHAP_E, "prompt": "a chair"})
    assert_error(response, 400, "model_unavailable", "openai/shap-e", "weights are not installed")
    assert learned_api.executor.enqueued == []


def test_gpu_required_answers_model_unavailable(tmp_path: Path, database_url: str) -> None:
    _fake_snapshot(tmp_path / "weights")
    for api in _learned_api(tmp_path, database_url):
        response = api.submit({"model": SHAP_E, "prompt": "a chair"})
        assert_error(response, 400, "model_unavailable", "needs a GPU")


def test_licence_not_accepted_answers_model_unavailable(learned_api: Api) -> None:
    body = {"model": "tencent/hunyuan3d-2-image-to-3d", "image": png_data_url()}
    assert_error(learned_api.submit(body), 400, "model_unavailable", "licence")


def test_learned_model_is_queued_when_available(tmp_path: Path, database_url: str) -> None:
    _fake_snapshot(tmp_path / "weights")
    for api in _learned_api(tmp_path, database_url, learned_on_cpu=True):
        body = {"model": SHAP_E, "prompt": "a chair", "guidance_scale": 7.5, "mesh_resolution": 64}
        response = api.submit(body)
        assert response.status_code == 200, response.text
        task = api.runtime.tasks.get(response.json()["task_id"])
        assert task is not None
        assert task.options.guidance_scale == 7.5 and task.options.mesh_resolution == 64
        assert task.options.num_inference_steps is None  # the engine's default


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ({"guidance_scale": 3.0}, "guidance_scale is not an option of test/cube"),
        ({"num_inference_steps": 10}, "num_inference_steps is not an option of test/cube"),
        ({"mesh_resolution": 64}, "mesh_resolution is not an option of test/cube"),
        ({"guidance_scale": 31}, "guidance_scale must be between 0.0 and 30.0"),
        ({"guidance_scale": "high"}, "guidance_scale must be a number"),
        ({"num_inference_steps": 0}, "num_inference_steps must be between 1 and 200"),
        ({"mesh_resolution": 512}, "mesh_resolution must be between 32 and 256"),
        ({"mesh_resolution": 64.5}, "mesh_resolution must be an integer"),
    ],
)
def test_engine_options_are_checked(api: Api, extra: dict[str, Any], fragment: str) -> None:
    response = api.submit({"model": "test/cube", "prompt": "a cube", **extra})
    assert_error(response, 400, "invalid_request", fragment)


def test_models_list_learned_options_with_their_limits(learned_api: Api) -> None:
    models = {
        m["id"]: m
        for m in learned_api.client.get("/v1/models", headers=learned_api.auth).json()["data"]
    }
    shap_e = models[SHAP_E]
    assert shap_e["device"] == "gpu" and shap_e["available"] is False
    assert "weights" in shap_e["unavailable_reason"]
    props = shap_e["parameters"]["properties"]
    assert props["guidance_scale"]["default"] == 15.0
    assert _limits(props["guidance_scale"]) == (0.0, 30.0)
    assert props["mesh_resolution"]["default"] == 128
    assert _limits(props["mesh_resolution"]) == (32, 256)
    assert props["num_inference_steps"]["default"] == 64
    assert _limits(props["num_inference_steps"]) == (1, 200)
    for weight_free in ("meshforge/text-to-3d", "meshforge/image-to-3d"):
        assert "guidance_scale" not in models[weight_free]["parameters"]["properties"]
        assert models[weight_free]["available"] is True


def _limits(schema: dict[str, Any]) -> tuple[float, float]:
    """minimum and maximum of an optional field's non-null branch."""
    (branch,) = [b for b in schema["anyOf"] if b.get("type") != "null"]
    return branch["minimum"], branch["maximum"]
