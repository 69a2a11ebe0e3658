"""Closed solid {|z| <= sqrt(depth_sq(x, y))} as two height fields stitched at the rim.

Marching cubes on depth_sq - z^2 samples the surface along z as well, and where the
surface is almost parallel to the grid's z-planes its linear interpolation of z^2 leaves
terraces that show as bands on a round object. Here the front is z = +sqrt(depth_sq) and
the back z = -sqrt(depth_sq), sampled exactly at every grid point, so the surface is as
smooth as the field. The grid is triangulated (each cell split into two triangles) and
clipped to the field's zero level, linearly interpolated along each edge: a cut point
depends only on its edge, so neighbouring triangles share it, and front and back share
the cut points at z = 0. The result is watertight and manifold.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]

# Cut points stay this share of an edge away from its ends, so no sliver triangle
# collapses when the mesh is later welded or decimated.
CUT_MARGIN = 0.08
FIRST_RING_DISTANCE = 0.6  # cells from the outline to the grid points next to the rim
MAX_SLIDE = 0.3  # cells; less than half a cell, so no triangle folds over


def grid_triangles(rows: int, cols: int) -> IntArray:
    """Triangles over a rows x cols grid of points (row-major ids), counter-clockwise in
    (col, row); the diagonal alternates in a checkerboard so no direction is favoured."""
    r, c = np.mgrid[0 : rows - 1, 0 : cols - 1]
    r, c = r.ravel(), c.ravel()
    a, b = r * cols + c, r * cols + c + 1
    d, e = a + cols, b + cols  # d below a, e below b
    flip = (r + c) % 2 == 1
    first = np.where(flip[:, None], np.column_stack([a, d, b]), np.column_stack([a, d, e]))
    second = np.where(flip[:, None], np.column_stack([b, d, e]), np.column_stack([a, e, b]))
    return np.asarray(np.concatenate([first, second]), np.int64)


def clip_to_positive(
    values: FloatArray, triangles: IntArray
) -> tuple[IntArray, IntArray, FloatArray]:
    """Clip triangles to {values > 0}, values linear along each edge.

    Returns the kept triangles, in which ids >= len(values) are cut points, the grid
    edge (inside id, outside id) of each cut point, and where along that edge it lies.
    """
    inside = values > 0
    count = inside[triangles].sum(axis=1)
    whole = triangles[count == 3]
    # One inside corner: roll it to the front, keep (a, cut ab, cut ac).
    one = _roll_to_front(triangles[count == 1], inside[triangles[count == 1]])
    # Two inside corners: roll the outside one to the front, keep the quad a b cut_b cut_a.
    two = _roll_to_front(triangles[count == 2], ~inside[triangles[count == 2]])
    edges = np.concatenate(
        [one[:, [0, 1]], one[:, [0, 2]], two[:, [2, 0]], two[:, [1, 0]]]
    )  # (inside, outside) pairs
    keys = edges[:, 0] * len(values) + edges[:, 1]
    unique_keys, first, cut_id = np.unique(keys, return_index=True, return_inverse=True)
    cut_id = cut_id + len(values)
    n1, n2 = len(one), len(two)
    cut_ab, cut_ac = cut_id[:n1], cut_id[n1 : 2 * n1]
    cut_b, cut_a = cut_id[2 * n1 : 2 * n1 + n2], cut_id[2 * n1 + n2 :]
    kept = np.concatenate(
        [
            whole,
            np.column_stack([one[:, 0], cut_ab, cut_ac]),
            np.column_stack([two[:, 1], two[:, 2], cut_b]),
            np.column_stack([two[:, 1], cut_b, cut_a]),
        ]
    )
    cut_edges = edges[first]
    v_in, v_out = values[cut_edges[:, 0]], values[cut_edges[:, 1]]
    along = np.clip(v_in / (v_in - v_out), CUT_MARGIN, 1.0 - CUT_MARGIN)
    assert len(unique_keys) == len(cut_edges)
    return kept, cut_edges, along


def _roll_to_front(triangles: IntArray, marked: NDArray[np.bool_]) -> IntArray:
    """Rotate each triangle's corners (keeping its winding) so its marked corner is first."""
    shift = marked.argmax(axis=1)
    order = (np.arange(3)[None, :] + shift[:, None]) % 3
    return np.take_along_axis(triangles, order, axis=1)


def _even_first_ring(
    depth_sq: FloatArray, ring: IntArray, grid_r: FloatArray, grid_c: FloatArray, values: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Slide the grid points next to the rim along the field's gradient to one distance
    from the outline. Their heights sqrt(depth_sq) rise steeply with that distance, so
    grid points left where they fall (0.1 to 1.4 cells in) would scallop the rim."""
    grad_r, grad_c = (g.ravel() for g in np.gradient(depth_sq))
    slope = np.maximum(np.hypot(grad_r[ring], grad_c[ring]), 1e-9)
    distance = values[ring] / slope  # to the outline, the field being ~linear there
    step = np.clip(FIRST_RING_DISTANCE - distance, -MAX_SLIDE, MAX_SLIDE)
    grid_r, grid_c, values = grid_r.copy(), grid_c.copy(), values.copy()
    grid_r[ring] += step * grad_r[ring] / slope
    grid_c[ring] += step * grad_c[ring] / slope
    values[ring] += step * slope
    return grid_r, grid_c, values


def two_sided_solid(depth_sq: FloatArray) -> tuple[FloatArray, IntArray]:
    """Vertices (row, col, z) in grid units and outward-facing triangles of the solid
    {|z| <= sqrt(depth_sq)}; depth_sq must be negative on the grid's border."""
    rows, cols = depth_sq.shape
    values = depth_sq.ravel().astype(np.float64)
    # A point exactly on the zero level would make the clipped outline touch itself.
    values = np.where(values == 0.0, -1e-9, values)
    kept, cut_edges, along = clip_to_positive(values, grid_triangles(rows, cols))
    grid_r, grid_c = np.divmod(np.arange(len(values), dtype=np.float64), cols)
    start, end = cut_edges[:, 0], cut_edges[:, 1]
    cut_r = grid_r[start] + along * (grid_r[end] - grid_r[start])
    cut_c = grid_c[start] + along * (grid_c[end] - grid_c[start])
    n = len(values)
    rim_side = np.unique(kept[(kept >= n).any(axis=1)])
    rim_side = rim_side[rim_side < n]
    grid_r, grid_c, values = _even_first_ring(depth_sq, rim_side, grid_r, grid_c, values)
    height = np.sqrt(np.maximum(values, 0.0))
    vertices = np.concatenate(
        [
            np.column_stack([grid_r, grid_c, height]),  # front: ids 0..n-1
            np.column_stack([cut_r, cut_c, np.zeros(len(cut_r))]),  # rim: n..n+cuts-1
            np.column_stack([grid_r, grid_c, -height]),  # back: n+cuts..
        ]
    )
    back = np.where(kept < n, kept + n + len(cut_r), kept)
    faces = np.concatenate([kept, back[:, ::-1]])
    return vertices, faces
