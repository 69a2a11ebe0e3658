"""The worker's last-resort guard: bring a scene under its face limit, keeping its look.

It re-bakes the texture of any geometry it has to decimate (assets.transfer), which
costs an unwrap and a bake; an engine that respects face_limit never hits that path.
"""

from __future__ import annotations

import trimesh

from meshforge.assets import mesh_ops
from meshforge.assets.transfer import decimate_keeping_appearance


def enforce_face_limit(scene: trimesh.Scene, face_limit: int) -> trimesh.Scene:
    """The scene itself if within face_limit, else a copy whose geometries are decimated
    so the total instance triangle count is at most face_limit.

    The budget is shared in proportion to each geometry's triangle count (times its
    instance count). Decimated geometries keep their look: textures are re-baked and
    vertex colours carried over (assets.transfer). A geometry whose share would be under
    4 triangles is removed.
    """
    total = mesh_ops.scene_triangle_count(scene)
    if total <= face_limit:
        return scene
    limited = scene.copy()
    budget_scale = face_limit / total
    for name in list(_instance_counts(limited)):
        mesh = limited.geometry[name]
        if not isinstance(mesh, trimesh.Trimesh):
            continue
        share = int(len(mesh.faces) * budget_scale)
        if share < 4:
            limited.delete_geometry(name)
        elif share < len(mesh.faces):
            limited.geometry[name] = decimate_keeping_appearance(mesh, share)
    if (
        mesh_ops.scene_triangle_count(limited) > face_limit
    ):  # rounding can't do this; belt and braces
        raise RuntimeError("could not bring the scene under its face limit")
    return limited


def _instance_counts(scene: trimesh.Scene) -> dict[str, int]:
    counts: dict[str, int] = {}
    for node in scene.graph.nodes_geometry:
        geometry_name = str(scene.graph[node][1])
        counts[geometry_name] = counts.get(geometry_name, 0) + 1
    return counts
