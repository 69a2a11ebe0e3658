"""What the benchmark reads off a scene: its object nodes as solids, whether any two
intersect, and whether each rests on the ground or on another object."""

from __future__ import annotations

import numpy as np
import trimesh
from manifold3d import Manifold, Mesh, OpType

TOUCH_M = 0.003  # lowered this far, a resting object meets its support
OVERLAP_M3 = 1e-8  # intersections smaller than this (1 cm^3 = 1e-6) are touching


def object_solids(scene: trimesh.Scene) -> dict[str, Manifold]:
    """One solid per object node (the first path element of its geometry nodes)."""
    parts: dict[str, list[Manifold]] = {}
    for node in scene.graph.nodes_geometry:
        transform, name = scene.graph[node]
        mesh = scene.geometry[name].copy()
        mesh.apply_transform(transform)
        welded = trimesh.Trimesh(mesh.vertices, mesh.faces, process=True)  # UV seams joined
        solid = Manifold(
            Mesh(
                vert_properties=np.asarray(welded.vertices, dtype=np.float32),
                tri_verts=np.asarray(welded.faces, dtype=np.uint32),
            )
        )
        parts.setdefault(str(node).split("/")[0], []).append(solid)
    return {name: Manifold.batch_boolean(s, OpType.Add) for name, s in parts.items()}


def intersecting(objects: dict[str, Manifold]) -> list[str]:
    names = sorted(objects)
    return [
        f"{a} x {b}"
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if (objects[a] ^ objects[b]).volume() > OVERLAP_M3
    ]


def floating(objects: dict[str, Manifold]) -> list[str]:
    """Objects neither on the ground nor touching anything just below them."""
    out = []
    for name, solid in objects.items():
        if solid.bounding_box()[1] < TOUCH_M:
            continue
        lowered = solid.translate((0.0, -TOUCH_M, 0.0))
        if not any((lowered ^ o).volume() > 1e-10 for n, o in objects.items() if n != name):
            out.append(name)
    return out


def kinds_present(objects: dict[str, Manifold]) -> dict[str, int]:
    """Kind name -> how many nodes of it ("chair_2" is a chair)."""
    counts: dict[str, int] = {}
    for name in objects:
        kind = name.rsplit("_", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
    return counts
