"""Decimation that keeps a mesh's look: textures are re-baked onto a fresh atlas and vertex
colours carried over, both from the nearest point of the original surface.

Slower than plain ``mesh_ops.decimate`` (an unwrap plus a bake), so it serves the worker's
last-resort face-limit guard, where losing the texture would be worse.
"""

from __future__ import annotations

import numpy as np
import trimesh
from numpy.typing import NDArray
from PIL import Image
from scipy.spatial import cKDTree

from meshforge.assets import mesh_ops, texture

_SAMPLES_PER_TEXEL = 0.75  # surface samples per texel of the re-baked texture


def decimate_keeping_appearance(mesh: trimesh.Trimesh, face_limit: int) -> trimesh.Trimesh:
    """At most face_limit triangles, with the texture or vertex colours transferred."""
    simplified = mesh_ops.decimate(mesh, face_limit)
    if simplified is mesh:
        return mesh
    visual = mesh.visual
    material = getattr(visual, "material", None)
    image = getattr(material, "baseColorTexture", None) or getattr(material, "image", None)
    uv = getattr(visual, "uv", None)
    if isinstance(image, Image.Image) and uv is not None and len(uv) == len(mesh.vertices):
        return _rebake(mesh, simplified, image, material)
    if isinstance(visual, trimesh.visual.ColorVisuals) and visual.kind in ("vertex", "face"):
        _, nearest = cKDTree(mesh.vertices).query(simplified.vertices)
        colours = np.asarray(visual.vertex_colors)[nearest]
        simplified.visual = trimesh.visual.ColorVisuals(simplified, vertex_colors=colours)
    elif material is not None:
        simplified.visual = trimesh.visual.TextureVisuals(material=material)  # type: ignore[no-untyped-call]
    return simplified


def _rebake(
    source: trimesh.Trimesh, target: trimesh.Trimesh, image: Image.Image, material: object
) -> trimesh.Trimesh:
    size = max(image.size)
    unwrapped = texture.unwrap(target, resolution=size)
    points, colours = _coloured_samples(source, image, int(size * size * _SAMPLES_PER_TEXEL))
    tree = cKDTree(points)

    def colour_at(query: NDArray[np.float64], _normals: NDArray[np.float64]) -> NDArray[np.float64]:
        _, nearest = tree.query(query)
        found: NDArray[np.float64] = colours[nearest]
        return found

    baked = texture.bake_texture(unwrapped, colour_at, size)
    if isinstance(material, trimesh.visual.material.PBRMaterial):
        new_material = material.copy()  # type: ignore[no-untyped-call]
    else:
        new_material = texture.make_material(None)
    return texture.apply_texture(unwrapped, baked, new_material)


def _coloured_samples(
    mesh: trimesh.Trimesh, image: Image.Image, count: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Random surface points of the mesh and their texture colours (RGB 0..1)."""
    points, face_index = trimesh.sample.sample_surface(mesh, count, seed=0)
    triangles = mesh.vertices[mesh.faces[face_index]]
    weights = trimesh.triangles.points_to_barycentric(triangles, points)  # type: ignore[no-untyped-call]
    uv = np.einsum("nk,nkj->nj", weights, texture.mesh_uv(mesh)[mesh.faces[face_index]])
    colours = texture.sample_texture(image, uv)[:, :3].astype(np.float64) / 255.0
    return np.asarray(points, dtype=np.float64), colours
