"""Mesh cleanup, decimation and real-world placement shared by all engines.

Order in a pipeline: ``repair`` -> ``decimate`` -> ``texture.unwrap`` -> bake. Decimation
works on positions only (quadric error metric), so it drops UVs, textures and vertex
colours: run it *before* the UV unwrap, never after texturing. The worker's last-resort
guard is ``face_limit.enforce_face_limit``.
"""

from __future__ import annotations

from typing import Literal

import fast_simplification
import numpy as np
import trimesh
from numpy.typing import NDArray
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

# Boundary loops with at most this many edges are treated as small holes and capped.
SMALL_HOLE_EDGES = 32


def scene_triangle_count(scene: trimesh.Scene) -> int:
    """Total triangles over every geometry instance in the scene."""
    total = 0
    for node in scene.graph.nodes_geometry:
        _, geometry_name = scene.graph[node]
        geometry = scene.geometry.get(geometry_name)
        if isinstance(geometry, trimesh.Trimesh):
            total += len(geometry.faces)
    return total


def scene_vertex_count(scene: trimesh.Scene) -> int:
    """Total vertices over every geometry instance in the scene."""
    total = 0
    for node in scene.graph.nodes_geometry:
        geometry = scene.geometry.get(str(scene.graph[node][1]))
        if isinstance(geometry, trimesh.Trimesh):
            total += len(geometry.vertices)
    return total


def decimate(mesh: trimesh.Trimesh, face_limit: int) -> trimesh.Trimesh:
    """Quadric decimation to at most face_limit triangles (never more).

    Returns the mesh unchanged (same object) when it is already within the limit.
    Otherwise returns a new, repaired mesh without visuals (see module docstring).
    Raises ValueError for a face_limit below 1.
    """
    if face_limit < 1:
        raise ValueError("face_limit must be at least 1")
    if len(mesh.faces) <= face_limit:
        return mesh
    # Welded first: split vertices (UV seams) would otherwise decimate as open borders.
    welded = repair(mesh)
    if len(welded.faces) <= face_limit:
        return welded
    target = face_limit
    for _ in range(6):
        points, faces = fast_simplification.simplify(
            np.asarray(welded.vertices, dtype=np.float64),
            np.asarray(welded.faces, dtype=np.int64),
            target_count=max(target, 1),
        )
        result = repair(trimesh.Trimesh(points, faces, process=False))
        if len(result.faces) == 0:  # collapsed away entirely (tiny limits)
            break
        if len(result.faces) <= face_limit:
            return result
        # The simplifier can stop short of the target; ask for proportionally fewer.
        target = int(target * face_limit / len(result.faces) * 0.95)
    return _truncate_faces(welded, face_limit)


def _truncate_faces(mesh: trimesh.Trimesh, face_limit: int) -> trimesh.Trimesh:
    """Keep the largest faces only: breaks watertightness, used only if QEM overshoots."""
    keep = np.argsort(-mesh.area_faces)[:face_limit]
    mesh = mesh.copy()
    mesh.update_faces(np.sort(keep))
    mesh.remove_unreferenced_vertices()
    return mesh


def repair(mesh: trimesh.Trimesh, max_hole_edges: int = SMALL_HOLE_EDGES) -> trimesh.Trimesh:
    """A cleaned copy: merged vertices, no degenerate or duplicate faces, consistent
    outward winding and normals, and boundary loops of <= max_hole_edges edges capped.

    Visuals (UVs) are dropped when vertices are merged, so repair before unwrapping.
    """
    mesh = trimesh.Trimesh(
        np.asarray(mesh.vertices, dtype=np.float64), np.asarray(mesh.faces), process=False
    )
    mesh.merge_vertices()
    mesh.update_faces(mesh.nondegenerate_faces())
    mesh.update_faces(mesh.unique_faces())
    mesh.remove_unreferenced_vertices()
    trimesh.repair.fix_winding(mesh)  # type: ignore[no-untyped-call]
    if max_hole_edges > 0 and not mesh.is_watertight:
        mesh = _cap_small_holes(mesh, max_hole_edges)
    with np.errstate(divide="ignore", invalid="ignore"):  # flat pieces have zero volume
        trimesh.repair.fix_inversion(mesh, multibody=True)
    return mesh


def _cap_small_holes(mesh: trimesh.Trimesh, max_hole_edges: int) -> trimesh.Trimesh:
    """Close each small simple boundary loop with a fan around its centroid."""
    boundary = _boundary_directed_edges(mesh)
    if len(boundary) == 0:
        return mesh
    n_vertices = len(mesh.vertices)
    graph = coo_matrix(
        (np.ones(len(boundary)), (boundary[:, 0], boundary[:, 1])), shape=(n_vertices,) * 2
    )
    _, labels = connected_components(graph, directed=False)
    edge_loop = labels[boundary[:, 0]]
    loop_ids, edge_counts = np.unique(edge_loop, return_counts=True)
    vertex_counts = np.bincount(labels[np.unique(boundary)], minlength=labels.max() + 1)
    # A simple cycle has as many distinct vertices as edges.
    small = loop_ids[(edge_counts <= max_hole_edges) & (vertex_counts[loop_ids] == edge_counts)]
    if len(small) == 0:
        return mesh
    vertices = [np.asarray(mesh.vertices)]
    faces = [np.asarray(mesh.faces)]
    for offset, loop in enumerate(small):
        loop_edges = boundary[edge_loop == loop]
        vertices.append(mesh.vertices[loop_edges[:, 0]].mean(axis=0, keepdims=True))
        centre = np.full(len(loop_edges), n_vertices + offset)
        # Each cap triangle walks its boundary edge backwards so winding stays consistent.
        faces.append(np.column_stack([loop_edges[:, 1], loop_edges[:, 0], centre]))
    return trimesh.Trimesh(np.vstack(vertices), np.vstack(faces), process=False)


def _boundary_directed_edges(mesh: trimesh.Trimesh) -> NDArray[np.int64]:
    """Directed (as wound in their face) edges that belong to exactly one face."""
    edges_sorted = np.asarray(mesh.edges_sorted)
    unique_rows = trimesh.grouping.group_rows(edges_sorted, require_count=1)  # type: ignore[no-untyped-call]
    return np.asarray(mesh.edges[unique_rows], dtype=np.int64)


def place_on_ground(
    scene: trimesh.Scene,
    height_m: float,
    *,
    measure: Literal["height", "largest"] = "height",
) -> trimesh.Scene:
    """A copy of the scene uniformly scaled and moved to real-world placement.

    Y is up. After the call the bounding box has min y = 0 and is centred on x = z = 0.
    The scale makes ``measure`` equal ``height_m`` metres: "height" (default) is the
    bounding-box extent along Y; "largest" is the largest of the three extents (use it
    for flat objects such as a rug, whose height says little about their size).
    """
    if height_m <= 0:
        raise ValueError("height_m must be positive")
    placed = scene.copy()
    bounds = placed.bounds
    if bounds is None:
        return placed
    extents = bounds[1] - bounds[0]
    size = float(extents[1] if measure == "height" else extents.max())
    if size <= 0:
        size = float(extents.max())
    scale = height_m / size if size > 0 else 1.0
    centre = (bounds[0] + bounds[1]) / 2
    anchor = np.array([centre[0], bounds[0][1], centre[2]])
    matrix = np.eye(4)
    matrix[:3, :3] *= scale
    matrix[:3, 3] = -anchor * scale
    placed.apply_transform(matrix)  # type: ignore[no-untyped-call]
    return placed


def place_unsized(mesh: trimesh.Trimesh, auto_size: bool, largest_side_m: float) -> trimesh.Scene:
    """A scene of a mesh whose input carried no scale (a photo, a learned model's output):
    largest side largest_side_m metres on the ground (auto_size), else fit_unit_cube."""
    scene = trimesh.Scene(mesh)
    if auto_size:
        return place_on_ground(scene, largest_side_m, measure="largest")
    return fit_unit_cube(scene)


def fit_unit_cube(scene: trimesh.Scene) -> trimesh.Scene:
    """auto_size off: the scene scaled so its largest side is 1 unit, centred on the origin
    (every engine's answer to "no real-world size")."""
    bounds = scene.bounds
    if bounds is None:
        return scene
    low, high = np.asarray(bounds)
    scale = 1.0 / float(np.max(high - low))
    matrix = np.eye(4)
    matrix[:3, :3] *= scale
    matrix[:3, 3] = -(low + high) / 2 * scale
    scene.apply_transform(matrix)  # type: ignore[no-untyped-call]
    return scene
