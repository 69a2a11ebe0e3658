"""A learned model's raw mesh -> the textured, placed scene every engine returns.

Learned models give a dense marching-cubes surface, coloured per vertex (Shap-E) or not
at all (Hunyuan3D-2's shape stage). Here it is repaired and decimated to the face limit,
unwrapped, and its colours baked into a texture through the shared assets pipeline, so
every export format and the thumbnail treat it like any other engine's output.
"""

from __future__ import annotations

import numpy as np
import trimesh
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from meshforge.assets import mesh_ops, texture
from meshforge.assets.texture import ColorFn
from meshforge.engines.base import EngineInputError, GenerationRequest

# A prompt or a photo carries no scale: auto_size makes the largest side this long.
OBJECT_SIZE_M = 1.0
ROUGHNESS = 0.7  # the models predict colour only: a matte, non-metallic surface
_NEIGHBOURS = 4  # vertex colours blended per texel, by inverse distance

NO_SURFACE = (
    "the model produced no surface for this input; try another seed, or a clearer prompt or photo"
)


def cleaned(mesh: trimesh.Trimesh, face_limit: int) -> trimesh.Trimesh:
    """The mesh repaired and decimated to at most face_limit triangles."""
    if len(mesh.faces) == 0:
        raise EngineInputError(NO_SURFACE)
    repaired = mesh_ops.repair(mesh)
    decimated = mesh_ops.decimate(repaired, face_limit)
    if len(decimated.faces) == 0:
        raise EngineInputError(NO_SURFACE)
    return decimated


def vertex_colour_fn(vertices: NDArray[np.float64], colours: NDArray[np.float64]) -> ColorFn:
    """color_fn for texture.bake_texture: the colours (N,3, 0..1) of the nearest vertices
    of the original, dense mesh, blended by inverse distance."""
    tree = cKDTree(vertices)
    count = min(_NEIGHBOURS, len(vertices))

    def colour_at(
        points: NDArray[np.float64], _normals: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        distances, nearest = tree.query(points, k=count)
        distances, nearest = distances.reshape(len(points), -1), nearest.reshape(len(points), -1)
        weights = 1.0 / np.maximum(distances, 1e-9)
        weights /= weights.sum(axis=1, keepdims=True)
        blended: NDArray[np.float64] = np.einsum("nk,nkc->nc", weights, colours[nearest])
        return blended

    return colour_at


def textured(
    mesh: trimesh.Trimesh, colour_fn: ColorFn, request: GenerationRequest
) -> trimesh.Trimesh:
    """The mesh with its colours baked into a texture, or a plain material in their mean
    colour when the request turned textures off."""
    if not request.texture_enable:
        points = np.asarray(mesh.vertices)
        mean = colour_fn(points, np.asarray(mesh.vertex_normals)).mean(axis=0)
        plain = texture.make_material(
            None, base_color=(*mean.tolist(), 1.0), roughness=ROUGHNESS, pbr=request.pbr_enable
        )
        plain_mesh = mesh.copy()
        plain_mesh.visual = trimesh.visual.TextureVisuals(material=plain)  # type: ignore[no-untyped-call]
        return plain_mesh
    size = request.texture_size
    unwrapped = texture.unwrap(mesh, resolution=size)
    image = texture.bake_texture(unwrapped, colour_fn, size)
    material = texture.make_material(image, roughness=ROUGHNESS, pbr=request.pbr_enable)
    return texture.apply_texture(unwrapped, image, material)


def placed(mesh: trimesh.Trimesh, auto_size: bool) -> trimesh.Scene:
    """Metres on the ground (auto_size), else centred with the largest side 1 unit long."""
    return mesh_ops.place_unsized(mesh, auto_size, OBJECT_SIZE_M)
