from __future__ import annotations

import numpy as np
import trimesh

from meshforge.assets.quads import pair_triangles


def test_a_triangulated_grid_becomes_all_quads_with_the_same_area() -> None:
    plane = trimesh.creation.box().subdivide().subdivide()  # 192 triangles of square pairs
    polygons = pair_triangles(np.asarray(plane.vertices), np.asarray(plane.faces))
    assert len(polygons.triangles) == 0
    assert polygons.triangle_count == len(plane.faces)
    quads = polygons.quads
    # Each quad splits along (0, 2) into two triangles wound like the originals.
    halves = np.vstack([quads[:, [0, 1, 2]], quads[:, [0, 2, 3]]])
    area = trimesh.Trimesh(plane.vertices, halves, process=False).area
    assert abs(area - plane.area) < 1e-9
    normals = trimesh.Trimesh(plane.vertices, halves, process=False).face_normals
    centroids = plane.vertices[halves].mean(axis=1)
    assert (np.einsum("ij,ij->i", normals, centroids) > 0).all()  # still outward


def test_folded_or_concave_pairs_stay_triangles() -> None:
    vertices = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1.0]])
    faces = np.array([[0, 1, 2], [0, 3, 1]])  # 90 degree fold along edge 0-1
    polygons = pair_triangles(vertices, faces)
    assert len(polygons.quads) == 0 and len(polygons.triangles) == 2


def test_every_triangle_is_used_once_on_a_curved_mesh() -> None:
    sphere = trimesh.creation.icosphere(subdivisions=3)
    polygons = pair_triangles(np.asarray(sphere.vertices), np.asarray(sphere.faces))
    assert polygons.triangle_count == len(sphere.faces)
    assert len(polygons.quads) > 0.35 * len(sphere.faces)
