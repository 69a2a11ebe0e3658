"""Hunyuan3D-2 as far as it runs without hy3dgen (which cannot import beside the CPU
torch, docs/weights.md): the call into its pipeline and meshforge's own stages after it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import trimesh

from meshforge.assets.export import export_scene
from meshforge.domain.options import GenerationOptions
from meshforge.engines.base import EngineInputError, GenerationRequest
from meshforge.engines.image_to_3d.foreground import extract_foreground
from meshforge.engines.learned import hunyuan3d
from tests.support.gltf_validate import assert_valid_glb
from tests.support.learned_weights import ball_photo_png


def _request(**options: Any) -> GenerationRequest:
    return GenerationRequest.of(GenerationOptions(**options), seed=5, image=ball_photo_png())


class RecordingPipeline:
    """Stands in for hy3dgen's pipeline object: records the call, returns given meshes."""

    def __init__(self, meshes: list[Any]) -> None:
        self.meshes, self.kwargs = meshes, {}

    def __call__(self, **kwargs: Any) -> list[Any]:
        self.kwargs = kwargs
        for step in range(kwargs["num_inference_steps"]):
            kwargs["callback"](step, None, None)
        return self.meshes


def test_the_shape_stage_gets_the_requests_options() -> None:
    pipe = RecordingPipeline([trimesh.creation.icosphere()])
    seen: list[int] = []
    image = hunyuan3d.rgba_image(extract_foreground(ball_photo_png()))
    request = _request(num_inference_steps=7, guidance_scale=2.5, mesh_resolution=96)
    hunyuan3d.run_shape_stage(pipe, image, request, lambda percent, _: seen.append(percent))
    kwargs = pipe.kwargs
    assert (kwargs["num_inference_steps"], kwargs["guidance_scale"]) == (7, 2.5)
    assert kwargs["octree_resolution"] == 96 and kwargs["output_type"] == "trimesh"
    assert kwargs["generator"].initial_seed() == 5
    assert kwargs["image"].mode == "RGBA"
    assert seen == sorted(seen) and seen[-1] == 70
    defaults = RecordingPipeline([trimesh.creation.icosphere()])
    hunyuan3d.run_shape_stage(defaults, image, _request(), lambda *_: None)
    assert defaults.kwargs["octree_resolution"] == hunyuan3d.DEFAULT_RESOLUTION


@pytest.mark.parametrize("meshes", [[None], [], [trimesh.Trimesh()]])
def test_no_surface_fails_with_a_reason(meshes: list[Any]) -> None:
    image = hunyuan3d.rgba_image(extract_foreground(ball_photo_png()))
    with pytest.raises(EngineInputError, match="produced no surface"):
        hunyuan3d.run_shape_stage(RecordingPipeline(meshes), image, _request(), lambda *_: None)


def test_the_photo_is_projected_onto_the_front() -> None:
    cutout = extract_foreground(ball_photo_png())
    request = _request(face_limit=2000)
    scene = hunyuan3d.textured_from_photo(trimesh.creation.icosphere(4), cutout, request)
    (mesh,) = scene.geometry.values()
    assert len(mesh.faces) <= 2000
    assert scene.bounds[0][1] == pytest.approx(0.0, abs=1e-6)
    texture = np.asarray(mesh.visual.material.baseColorTexture)
    red_texels = (texture[..., 0] > 100) & (texture[..., 1] < 60)
    assert red_texels.mean() > 0.3  # the ball's dark red, not the white backdrop
    assert_valid_glb(export_scene(scene, "glb", quad=False).data)
