"""The `meshforge/image-to-3d` engine: photo -> textured, watertight solid, no weights.

Stages: foreground mask (alpha or GrabCut) -> Poisson inflation -> repair and quadric
decimation to face_limit -> xatlas UV atlas -> photo projected into the texture ->
real-world placement. Every stage is deterministic, so the same image and options give
the same mesh whatever the seed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import trimesh

from meshforge.assets import mesh_ops, texture
from meshforge.config import Settings
from meshforge.engines.base import BaseEngine, EngineInputError, GenerationRequest, ProgressFn
from meshforge.engines.image_to_3d.foreground import extract_foreground
from meshforge.engines.image_to_3d.lens import field_of_view_deg
from meshforge.engines.image_to_3d.projection import PhotoProjector, build_projector
from meshforge.engines.image_to_3d.shape import solid_with_fields
from meshforge.engines.image_to_3d.uv import unwrap_box_projected

ENGINE_ID = "meshforge/image-to-3d"
# Scene metadata key: the rotation (4x4, as nested lists) from the photo's camera frame
# (x right, y up, z towards the camera) to the model's frame, before placement.
CAMERA_TO_MODEL = "camera_to_model"
DEFAULT_FACE_LIMIT = 30_000
# A photo carries no scale; auto_size makes the object's largest side this long, the
# size of a typical product shot (a bottle, a shoe, a toy).
OBJECT_SIZE_M = 0.3
ROUGHNESS = 0.8  # photos of everyday objects: mostly matte, non-metallic

DESCRIPTION = (
    "Weight-free image-to-3D for product-style photos (one object on a plain background, or "
    "a PNG with transparency): the silhouette is inflated into a smooth watertight solid and "
    "the photo is projected onto its front and mirrored onto its back. CPU only, ~1-2 s. "
    f"auto_size scales the largest side to {OBJECT_SIZE_M} m, Y up, resting on y=0."
)


class ImageTo3DEngine(BaseEngine):
    """Implements meshforge.engines.base.Engine."""

    id = ENGINE_ID
    kind = "image-to-3d"
    description = DESCRIPTION
    default_face_limit = DEFAULT_FACE_LIMIT

    def __init__(self, weights_dir: Path | None = None) -> None:
        self.weights_dir = weights_dir  # where the learned segmenter's weights may be

    def parameter_overrides(self) -> dict[str, dict[str, Any]]:
        return {
            "image": {
                "description": "One object on a plain, contrasting background, whole "
                "and not cut off by the frame; or a PNG whose alpha marks the object."
            },
            "face_limit": {"default": DEFAULT_FACE_LIMIT},
        }

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        if request.image is None:
            raise EngineInputError("this model builds from a photo: send an image")
        face_limit = request.face_limit or DEFAULT_FACE_LIMIT
        progress(5, "segmenting the object")
        foreground = extract_foreground(request.image, request.texture_size, self.weights_dir)
        progress(25, "inflating the silhouette")
        solid, fields = solid_with_fields(foreground.mask, field_of_view_deg(request.image))
        progress(45, "simplifying the mesh")
        solid = mesh_ops.decimate(solid, face_limit)  # the stitched height fields are already clean
        projector = build_projector(foreground.rgb, foreground.mask, foreground.colour_mask)
        mesh = _surface(solid, projector, request, progress)
        progress(95, "placing the model")
        # Built in the photo's camera frame; a box or bottle seen from above leans there,
        # so turn it to stand on its own base before placing it.
        upright = trimesh.geometry.align_vectors(fields.up, (0.0, 1.0, 0.0))  # type: ignore[no-untyped-call]
        mesh.apply_transform(upright)
        scene = mesh_ops.place_unsized(mesh, request.auto_size, OBJECT_SIZE_M)
        scene.metadata[CAMERA_TO_MODEL] = upright.tolist()
        progress(100, "done")
        return scene


def create_engine(settings: Settings | None = None) -> ImageTo3DEngine:
    """Registry factory: cheap, everything heavy happens inside generate(). Without
    settings (tests, benchmarks) the photo is segmented without weights."""
    return ImageTo3DEngine(settings.resolved_weights_dir if settings is not None else None)


def _surface(
    solid: trimesh.Trimesh,
    projector: PhotoProjector,
    request: GenerationRequest,
    progress: ProgressFn,
) -> trimesh.Trimesh:
    """The solid with its material: the baked photo texture, or a plain colour."""
    if not request.texture_enable:
        plain = texture.make_material(
            None,
            base_color=(*projector.object_color, 1.0),
            roughness=ROUGHNESS,
            pbr=request.pbr_enable,
        )
        solid = solid.copy()
        solid.visual = trimesh.visual.TextureVisuals(material=plain)  # type: ignore[no-untyped-call]
        return solid
    progress(60, "unwrapping UVs")
    size = request.texture_size
    unwrapped = unwrap_box_projected(solid, resolution=size)
    progress(75, "baking the texture")
    image = texture.bake_texture(unwrapped, projector, size)
    material = texture.make_material(image, roughness=ROUGHNESS, pbr=request.pbr_enable)
    return texture.apply_texture(unwrapped, image, material)
