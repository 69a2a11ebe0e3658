"""What the benchmark reads off a generated scene: colours, materials, closedness."""

from __future__ import annotations

import numpy as np
import trimesh

from meshforge.engines.text_to_3d.attributes import COLOURS

# Colour names the prompt set expects, judged by the nearest of these reference colours.
PALETTE = (
    "red",
    "orange",
    "yellow",
    "green",
    "blue",
    "purple",
    "pink",
    "brown",
    "white",
    "black",
    "grey",
)


def observed_colour(mesh: trimesh.Trimesh) -> np.ndarray:
    """The surface's average sRGB colour: base colour factor times the texture mean."""
    material = mesh.visual.material
    colour = np.asarray(material.baseColorFactor[:3], dtype=np.float64) / 255.0
    texture = getattr(material, "baseColorTexture", None)
    if texture is not None:
        colour = colour * np.asarray(texture.convert("RGB"), dtype=np.float64).mean((0, 1)) / 255
    return colour


def nearest_colour_name(colour: np.ndarray) -> str:
    return min(PALETTE, key=lambda name: float(np.linalg.norm(np.asarray(COLOURS[name]) - colour)))


def colour_applied(scene: trimesh.Scene, expected: str) -> bool:
    """Some part of the object looks like the asked-for colour."""
    return any(nearest_colour_name(observed_colour(g)) == expected for g in scene.geometry.values())


def material_applied(scene: trimesh.Scene, expected: str) -> bool:
    """Some part carries the asked-for material preset (geometry names end in it)."""
    return any(str(name).endswith(f"_{expected}") for name in scene.geometry)


def closed(scene: trimesh.Scene) -> bool:
    """No geometry has a boundary edge once texture seams are welded by position."""
    for mesh in scene.geometry.values():
        welded = trimesh.Trimesh(mesh.vertices, mesh.faces, process=False)
        welded.merge_vertices(merge_tex=True, merge_norm=True)
        if len(trimesh.grouping.group_rows(welded.edges_sorted, require_count=1)):
            return False
    return True


def triangles(scene: trimesh.Scene) -> int:
    return sum(len(g.faces) for g in scene.geometry.values())
