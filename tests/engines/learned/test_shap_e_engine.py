"""Shap-E text and image engines on tiny random snapshots, through diffusers' pipelines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
import trimesh

from meshforge.assets.export import export_scene
from meshforge.assets.mesh_ops import scene_triangle_count
from meshforge.config import Settings
from meshforge.domain.options import GenerationOptions
from meshforge.engines.base import EngineInputError, GenerationRequest
from meshforge.engines.learned import shap_e
from meshforge.engines.learned.marching_cubes import case_tables
from tests.support.gltf_validate import assert_valid_glb
from tests.support.learned_weights import ball_photo_png

FAST = {"mesh_resolution": 40, "num_inference_steps": 3}


def _request(image: bytes | None = None, seed: int = 1, **options: object) -> GenerationRequest:
    values = {**FAST, **options}
    if image is None:
        values.setdefault("prompt", "a red chair")
    return GenerationRequest.of(GenerationOptions(**values), seed=seed, image=image)  # type: ignore[arg-type]


def _mesh(scene: trimesh.Scene) -> trimesh.Trimesh:
    (mesh,) = scene.geometry.values()
    assert isinstance(mesh, trimesh.Trimesh)
    return mesh


@pytest.fixture
def text_engine(settings: Settings) -> shap_e.ShapETextEngine:
    return shap_e.create_text_engine(settings)


def test_text_engine_gives_a_textured_placed_model(text_engine: shap_e.ShapETextEngine) -> None:
    seen: list[int] = []
    scene = text_engine.generate(_request(face_limit=2000), lambda percent, _: seen.append(percent))
    mesh = _mesh(scene)
    assert scene_triangle_count(scene) <= 2000
    low, high = scene.bounds
    assert low[1] == pytest.approx(0.0, abs=1e-6)  # resting on the ground, Y up
    assert max(high - low) == pytest.approx(1.0, rel=1e-3)  # auto_size: 1 m largest side
    assert trimesh.Trimesh(mesh.vertices, mesh.faces).is_watertight  # seams welded back
    image = mesh.visual.material.baseColorTexture
    assert image.size == (1024, 1024)
    assert len(np.unique(np.asarray(image).reshape(-1, 3), axis=0)) > 50  # colours, not one
    assert seen == sorted(seen) and seen[-1] == 100
    assert set(text_engine.clock.seconds) == {"encode", "denoise", "decode", "texture"}
    assert_valid_glb(export_scene(scene, "glb", quad=False).data)


def test_the_marching_cubes_tables_missing_from_the_weights_are_filled(
    text_engine: shap_e.ShapETextEngine, weights_dir: Path
) -> None:
    """The tiny snapshot, like some published ones, stores the tables as zeros."""
    stored = weights_dir / "openai/shap-e/shap_e_renderer/diffusion_pytorch_model.safetensors"
    from safetensors.torch import load_file

    assert not load_file(stored)["mesh_decoder.masks"].any()
    decoder = text_engine.pipeline().shap_e_renderer.mesh_decoder
    cases, masks = case_tables()
    assert torch.equal(decoder.masks.cpu(), torch.from_numpy(masks))
    assert torch.equal(decoder.cases.cpu(), torch.from_numpy(cases))


def test_the_same_seed_gives_the_same_shape_and_another_seed_another(
    text_engine: shap_e.ShapETextEngine,
) -> None:
    def vertices(seed: int) -> np.ndarray:
        return np.asarray(
            _mesh(text_engine.generate(_request(seed=seed), lambda *_: None)).vertices
        )

    first, again, other = vertices(7), vertices(7), vertices(8)
    assert np.array_equal(first, again)
    assert first.shape != other.shape or not np.allclose(first, other)


def test_options_reach_the_pipeline(text_engine: shap_e.ShapETextEngine) -> None:
    coarse = _mesh(text_engine.generate(_request(mesh_resolution=32), lambda *_: None))
    fine = _mesh(text_engine.generate(_request(mesh_resolution=64), lambda *_: None))
    assert len(fine.faces) > 2 * len(coarse.faces)
    calls: list[int] = []
    hook = text_engine.pipeline().prior.register_forward_pre_hook(lambda *_: calls.append(1))
    try:
        text_engine.generate(_request(num_inference_steps=5, guidance_scale=1.0), lambda *_: None)
    finally:
        hook.remove()
    assert len(calls) == 2 * 5 - 1  # Heun: two prior calls a step but the last


def test_texture_off_gives_one_plain_colour(text_engine: shap_e.ShapETextEngine) -> None:
    mesh = _mesh(text_engine.generate(_request(texture_enable=False), lambda *_: None))
    material = mesh.visual.material
    assert material.baseColorTexture is None
    assert material.baseColorFactor[:3].tolist() != [255, 255, 255]


def test_a_field_without_a_surface_fails_with_a_reason(settings: Settings) -> None:
    engine = shap_e.create_text_engine(settings)
    output_layer = engine.pipeline().shap_e_renderer.mlp.mlp[-1]
    with torch.no_grad():
        output_layer.bias[0] = -100.0  # the signed distance is negative everywhere
    with pytest.raises(EngineInputError, match="produced no surface"):
        engine.generate(_request(), lambda *_: None)


def test_image_engine_builds_from_the_photo_object(settings: Settings) -> None:
    engine = shap_e.create_image_engine(settings)
    scene = engine.generate(_request(image=ball_photo_png()), lambda *_: None)
    assert scene_triangle_count(scene) > 100
    assert_valid_glb(export_scene(scene, "glb", quad=False).data)
    square = shap_e.object_on_white(ball_photo_png())
    assert square.size == (shap_e.PHOTO_SIDE, shap_e.PHOTO_SIDE)
    assert square.getpixel((2, 2)) == (255, 255, 255)
    red, green, _ = square.getpixel((shap_e.PHOTO_SIDE // 2,) * 2)
    assert red > 100 and green < 60


def test_image_engine_refuses_a_photo_without_an_object(settings: Settings) -> None:
    import io

    from PIL import Image

    blank = io.BytesIO()
    Image.new("RGB", (128, 128), "white").save(blank, format="PNG")
    engine = shap_e.create_image_engine(settings)
    with pytest.raises(EngineInputError):
        engine.generate(_request(image=blank.getvalue()), lambda *_: None)


def test_a_tokenizer_without_model_max_length_is_capped(weights_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "weights"
    shutil.copytree(weights_dir / "openai/shap-e", copy / "openai/shap-e")
    config_path = copy / "openai/shap-e/tokenizer/tokenizer_config.json"
    config = json.loads(config_path.read_text())
    config.pop("model_max_length", None)
    config_path.write_text(json.dumps(config))
    settings = Settings(data_dir=tmp_path, weights_dir=copy, learned_on_cpu=True)
    engine = shap_e.create_text_engine(settings)
    assert engine.pipeline().tokenizer.model_max_length == 77
    assert _mesh(engine.generate(_request(), lambda *_: None)).faces.shape[0] > 0
