"""A scene flattened into format-neutral mesh parts, the input of every hand-written exporter.

Each geometry instance becomes one MeshPart in world coordinates (its scene-graph transform
applied), with per-vertex normals, optional per-vertex UVs and colours, and the material
values every format understands: base colour (RGBA 0..1), metallic, roughness, texture.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import trimesh
from numpy.typing import NDArray
from PIL import Image

from meshforge.assets.texture import sample_texture

WHITE: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0)


@dataclass(frozen=True)
class MeshPart:
    name: str
    vertices: NDArray[np.float64]  # (n, 3) metres, Y up
    faces: NDArray[np.int64]  # (m, 3) counter-clockwise seen from outside
    normals: NDArray[np.float64]  # (n, 3) unit vertex normals
    uv: NDArray[np.float64] | None = None  # (n, 2), v up
    colors: NDArray[np.uint8] | None = None  # (n, 4) RGBA vertex colours
    base_color: tuple[float, float, float, float] = WHITE
    metallic: float = 0.0
    roughness: float = 1.0
    texture: Image.Image | None = field(default=None, compare=False)

    @property
    def textured(self) -> bool:
        return self.texture is not None and self.uv is not None

    @cached_property
    def texture_png(self) -> bytes:
        """The texture as PNG bytes (empty when untextured)."""
        if self.texture is None:
            return b""
        buffer = io.BytesIO()
        self.texture.convert("RGB").save(buffer, format="PNG")
        return buffer.getvalue()

    def vertex_rgba(self) -> NDArray[np.uint8]:
        """(n, 4) colours: texture (if any) or vertex colours, times the base colour."""
        factor = np.asarray(self.base_color, dtype=np.float64)
        if self.textured:
            assert self.texture is not None and self.uv is not None
            colour = sample_texture(self.texture, self.uv).astype(np.float64)
        elif self.colors is not None:
            colour = self.colors.astype(np.float64)
        else:
            colour = np.full((len(self.vertices), 4), 255.0)
        return np.round(colour * factor).clip(0, 255).astype(np.uint8)


def scene_parts(scene: trimesh.Scene) -> list[MeshPart]:
    """One MeshPart per Trimesh instance in the scene (other geometry kinds are skipped)."""
    parts: list[MeshPart] = []
    for node in scene.graph.nodes_geometry:
        transform, geometry_name = scene.graph[node]
        mesh = scene.geometry.get(geometry_name)
        if not isinstance(mesh, trimesh.Trimesh) or len(mesh.faces) == 0:
            continue
        placed = mesh.copy()
        placed.apply_transform(transform)
        parts.append(_mesh_part(f"part_{len(parts)}", placed))
    return parts


def _mesh_part(name: str, mesh: trimesh.Trimesh) -> MeshPart:
    visual = mesh.visual
    uv = getattr(visual, "uv", None)
    has_uv = uv is not None and len(uv) == len(mesh.vertices)
    material = getattr(visual, "material", None)
    colors = None
    if isinstance(visual, trimesh.visual.ColorVisuals) and visual.kind in ("vertex", "face"):
        colors = np.asarray(visual.vertex_colors, dtype=np.uint8)
    base_color, metallic, roughness, image = _material_values(material)
    return MeshPart(
        name=name,
        vertices=np.asarray(mesh.vertices, dtype=np.float64),
        faces=np.asarray(mesh.faces, dtype=np.int64),
        normals=np.asarray(mesh.vertex_normals, dtype=np.float64),
        uv=np.asarray(uv, dtype=np.float64) if has_uv else None,
        colors=colors,
        base_color=base_color,
        metallic=metallic,
        roughness=roughness,
        texture=image if has_uv else None,
    )


def _material_values(
    material: object,
) -> tuple[tuple[float, float, float, float], float, float, Image.Image | None]:
    """(base colour RGBA 0..1, metallic, roughness, texture) of a trimesh material."""
    if isinstance(material, trimesh.visual.material.PBRMaterial):
        factor = material.baseColorFactor
        rgba = WHITE if factor is None else _rgba(np.asarray(factor))
        metallic = 1.0 if material.metallicFactor is None else float(material.metallicFactor)
        rough = 1.0 if material.roughnessFactor is None else float(material.roughnessFactor)
        return rgba, metallic, rough, material.baseColorTexture
    if isinstance(material, trimesh.visual.material.SimpleMaterial):
        return _rgba(np.asarray(material.diffuse)), 0.0, 1.0, material.image
    return WHITE, 0.0, 1.0, None


def _rgba(values: NDArray[np.generic]) -> tuple[float, float, float, float]:
    floats = values.astype(np.float64)
    if values.dtype.kind in "ui":
        floats = floats / 255.0
    r, g, b, a = (list(floats.ravel()) + [1.0, 1.0, 1.0, 1.0])[:4]
    return (float(r), float(g), float(b), float(a))
