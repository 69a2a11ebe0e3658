"""A fast UV atlas: box projection per face, charts packed by xatlas.

xatlas' own chart search takes ~5 s for 30k triangles on a small CPU, most of the
engine's time budget. Our solids are smooth and blob-like, so projecting each face
along its dominant normal axis (six groups, like a cube map) already gives charts with
at most sqrt(3) stretch; xatlas then only splits them into connected charts and packs
them (use_input_mesh_uvs), which takes a fraction of a second.
"""

from __future__ import annotations

import numpy as np
import trimesh
import xatlas
from numpy.typing import NDArray

from meshforge.assets.uv_raster import GUTTER_TEXELS

# For each dominant axis d, axes (a, b) with e_a x e_b = e_d, so +d faces keep their
# winding in UV space; -d faces negate u to keep theirs.
_PLANE_AXES = {0: (1, 2), 1: (2, 0), 2: (0, 1)}
MIN_FACING = 0.3  # cosine between a face and its projection axis: at most ~3.3x stretch


def box_projected_uvs(
    mesh: trimesh.Trimesh,
) -> tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.float64], NDArray[np.int64]]:
    """Split the mesh into six projection groups; returns (vertices, faces, uvs, source),
    where source[i] is the input vertex that split vertex i copies."""
    group = projection_groups(mesh)
    faces = np.asarray(mesh.faces)
    vertices = np.asarray(mesh.vertices)
    # Key each face corner by (group, vertex): corners sharing a key share a split vertex.
    keys = group[:, None].astype(np.int64) * len(vertices) + faces
    unique_keys, split_faces = np.unique(keys.ravel(), return_inverse=True)
    source = unique_keys % len(vertices)
    split_group = unique_keys // len(vertices)
    uvs = np.zeros((len(unique_keys), 2))
    for dominant, (u_axis, v_axis) in _PLANE_AXES.items():
        for positive in (False, True):
            chosen = split_group == dominant * 2 + positive
            corners = vertices[source[chosen]]
            sign = 1.0 if positive else -1.0
            uvs[chosen] = np.column_stack([sign * corners[:, u_axis], corners[:, v_axis]])
    return vertices[source], split_faces.reshape(-1, 3), uvs, source


def projection_groups(mesh: trimesh.Trimesh) -> NDArray[np.int64]:
    """Each face's group (2 * axis + positive side): the dominant axis of the surface's
    smoothed normal around the face, or of its own normal where that would leave the
    face too oblique to the projection (or flipped in UV space).

    Thin faces along the rim, where front meets back, tilt by turns towards the camera
    and sideways; grouped by their own normals they split into hundreds of tiny charts,
    whose gutters showed as dark ticks along the outline."""
    own = np.asarray(mesh.face_normals)
    smoothed = np.asarray(mesh.vertex_normals)[np.asarray(mesh.faces)].mean(axis=1)
    rows = np.arange(len(own))
    groups = []
    for normals in (smoothed, own):
        axis = np.abs(normals).argmax(axis=1)
        groups.append(axis * 2 + (normals[rows, axis] > 0))
    preferred, fallback = groups
    sign = np.where(preferred % 2 == 1, 1.0, -1.0)
    facing = own[rows, preferred // 2] * sign
    return np.asarray(np.where(facing >= MIN_FACING, preferred, fallback), dtype=np.int64)


def unwrap_box_projected(mesh: trimesh.Trimesh, resolution: int) -> trimesh.Trimesh:
    """A copy of the mesh with a packed UV atlas (vertices split along chart seams)."""
    vertices, faces, uvs, source = box_projected_uvs(mesh)
    atlas = xatlas.Atlas()
    atlas.add_mesh(
        vertices.astype(np.float32), faces.astype(np.uint32), None, uvs.astype(np.float32)
    )
    charts = xatlas.ChartOptions()
    charts.use_input_mesh_uvs = True
    pack = xatlas.PackOptions()
    pack.resolution = resolution
    pack.padding = GUTTER_TEXELS
    pack.bilinear = True
    atlas.generate(chart_options=charts, pack_options=pack)
    vmapping, indices, packed_uvs = atlas[0]
    normals = np.asarray(mesh.vertex_normals)[source[vmapping]]
    return trimesh.Trimesh(
        vertices=vertices[vmapping],
        faces=indices.astype(np.int64),
        vertex_normals=normals,
        visual=trimesh.visual.TextureVisuals(uv=packed_uvs.astype(np.float64)),  # type: ignore[no-untyped-call]
        process=False,
    )
