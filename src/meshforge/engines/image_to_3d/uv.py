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


def box_projected_uvs(
    mesh: trimesh.Trimesh,
) -> tuple[NDArray[np.float64], NDArray[np.int64], NDArray[np.float64], NDArray[np.int64]]:
    """Split the mesh into six projection groups; returns (vertices, faces, uvs, source),
    where source[i] is the input vertex that split vertex i copies."""
    normals = np.asarray(mesh.face_normals)
    axis = np.abs(normals).argmax(axis=1)
    side = np.sign(normals[np.arange(len(normals)), axis]) > 0
    group = axis * 2 + side
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
