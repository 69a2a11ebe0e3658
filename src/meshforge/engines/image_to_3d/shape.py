"""Silhouette -> closed, smooth solid by Poisson inflation.

Inside the silhouette we solve -laplace(u) = 1 with u = 0 on the outline. For a disc of
radius R, u = (R^2 - r^2) / 4, so 2 * sqrt(u) is exactly a hemisphere; for long thin
parts it is a round tube. The solid is {|z| <= depth_scale * sqrt(u)}, front and back
mirrored, built as two height fields sampled from the smooth field and stitched along
its zero level (heightfield.py): watertight and manifold by construction, and with no
voxel staircase. A light Taubin smoothing that never averages across the rim irons out
the last grid-scale wrinkles next to it. Cues replace the Poisson field for boxes and
turned objects; a box's solid is also sheared onto its own middle surface (box.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import scipy.ndimage as ndi
import scipy.sparse as sp
import trimesh
from numpy.typing import NDArray
from scipy.sparse.linalg import spsolve

from meshforge.engines.image_to_3d.box import box_fields, find_box
from meshforge.engines.image_to_3d.heightfield import two_sided_solid
from meshforge.engines.image_to_3d.lens import DEFAULT_FOV_DEG, elevation_at_row
from meshforge.engines.image_to_3d.polyhedral import looks_flat_faced, tent_depth_sq
from meshforge.engines.image_to_3d.symmetry import base_elevation, revolution_depth_sq

GRID_SIDE = 112  # cells across the silhouette's longest side: ~6 px of a 1024 px photo
MAX_GRID_SIDE = 224
PAD_CELLS = 3  # empty cells around the silhouette so the solid closes inside the grid
SMOOTHING_PASSES = 5  # Taubin shrink + inflate pairs
TAUBIN_WEIGHTS = (0.5, -0.53)
DEPTH_SCALE = 2.0  # 2.0 makes a disc a sphere; see module docstring
MIN_TILT = np.radians(2.0)  # a turned object's lean below this is left upright

FloatGrid = NDArray[np.float64]
Vector = tuple[float, float, float]
UPRIGHT: Vector = (0.0, 1.0, 0.0)


@dataclass(frozen=True)
class SilhouetteGrid:
    """The silhouette resampled onto the inflation grid, and how grid maps to image pixels."""

    coverage: NDArray[np.float32]  # 0..1 share of each cell inside the object
    origin: tuple[float, float]  # image (x, y) of the grid's corner, in continuous pixels
    cell: tuple[float, float]  # image pixels per cell along x and y

    @property
    def inside(self) -> NDArray[np.bool_]:
        return np.asarray(self.coverage >= 0.5)


def silhouette_grid(mask: NDArray[np.bool_], grid_side: int = GRID_SIDE) -> SilhouetteGrid:
    """Crop the mask to the object (plus padding) and area-resample it to the grid."""
    rows, cols = np.nonzero(mask)
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    cell = max(bottom - top, right - left) / grid_side
    pad = PAD_CELLS * cell
    x0, y0 = left - pad, top - pad
    nx = int(np.ceil((right - left) / cell)) + 2 * PAD_CELLS
    ny = int(np.ceil((bottom - top) / cell)) + 2 * PAD_CELLS
    # Affine map from grid cell centres to image pixel positions; warpAffine handles the
    # crop, padding outside the image (zeros) and resampling in one call.
    scale = max(cell, 1.0)
    source = (
        cv2.GaussianBlur(mask.astype(np.float32), (0, 0), 0.35 * scale)
        if cell > 1.5
        else mask.astype(np.float32)
    )
    matrix = np.array([[cell, 0, x0 + 0.5 * cell - 0.5], [0, cell, y0 + 0.5 * cell - 0.5]])
    coverage = cv2.warpAffine(
        source,
        matrix,
        (nx, ny),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=0,
    )
    return SilhouetteGrid(
        coverage=np.asarray(coverage, np.float32), origin=(float(x0), float(y0)), cell=(cell, cell)
    )


def poisson_inflation(inside: NDArray[np.bool_]) -> FloatGrid:
    """Solve -laplace(u) = 1 inside (5-point stencil), u = 0 outside; grid spacing 1."""
    index = np.full(inside.shape, -1, np.int64)
    rows, cols = np.nonzero(inside)
    index[rows, cols] = np.arange(len(rows))
    entries_r, entries_c = [np.arange(len(rows))], [np.arange(len(rows))]
    values = [np.full(len(rows), 4.0)]
    for d_row, d_col in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        neighbour = index[rows + d_row, cols + d_col]  # padding keeps this in bounds
        linked = neighbour >= 0
        entries_r.append(np.nonzero(linked)[0])
        entries_c.append(neighbour[linked])
        values.append(np.full(np.count_nonzero(linked), -1.0))
    laplacian = sp.csc_matrix(
        (np.concatenate(values), (np.concatenate(entries_r), np.concatenate(entries_c))),
        shape=(len(rows), len(rows)),
    )
    solution = np.zeros(inside.shape)
    solution[rows, cols] = spsolve(laplacian, np.ones(len(rows)))
    return solution


def signed_field(inside: NDArray[np.bool_], field: FloatGrid) -> FloatGrid:
    """Keep the field inside the silhouette and extend it below zero outside, with the
    slope it has at the rim, so its zero level is a smooth outline."""
    outside_distance = ndi.distance_transform_edt(~inside)
    rim = inside & ~ndi.binary_erosion(inside)
    slope = max(float(np.median(field[rim])), 1e-3) if rim.any() else 1.0
    extended = np.where(inside, field, -slope * (outside_distance - 0.5))
    return np.asarray(ndi.gaussian_filter(extended, 0.7))


@dataclass(frozen=True)
class SolidFields:
    """The solid {mid - h <= z <= mid + h} on the grid, in grid units."""

    depth_sq: FloatGrid  # h squared inside, negative outside
    mid: FloatGrid | None = None  # depth of the middle surface; None: the plane z = 0
    up: Vector = UPRIGHT  # the object's own up, where a cue reads it leaning


def solid_fields(
    grid: SilhouetteGrid,
    depth_scale: float = DEPTH_SCALE,
    use_cues: bool = True,
    image_shape: tuple[int, int] | None = None,
    fov_deg: float = DEFAULT_FOV_DEG,
) -> SolidFields:
    """The exact box for a box's hexagonal outline, a tent for other box-like outlines, a
    body of revolution for turned-looking ones (its axis leaning towards a camera that
    looks down on its flat base), Poisson inflation otherwise."""
    inside = grid.inside
    box = find_box(inside) if use_cues else None
    if box is not None:
        mid, half = box_fields(box, inside.shape)
        # A cell of the outline the fitted box just misses keeps a sliver of thickness.
        return SolidFields(signed_field(inside, np.maximum(half, 0.5) ** 2), mid, box.up())
    if use_cues and looks_flat_faced(inside):
        return SolidFields(signed_field(inside, tent_depth_sq(inside)))
    revolution = revolution_depth_sq(inside, grid.coverage) if use_cues else None
    if revolution is not None:
        # Within the object's rows the revolution field is already signed, with its zero
        # at each row's sub-cell edge; only rows above and below take the extension.
        outside_rows = np.asarray(~inside.any(axis=1), dtype=bool)
        around = signed_field(inside, np.maximum(revolution, 0.25))
        field = np.where(outside_rows[:, None], around, revolution)
        depth_sq = np.asarray(ndi.gaussian_filter(field, 0.7))
        tilt = _turned_tilt(grid, image_shape, fov_deg) if image_shape else None
        if tilt is None:
            return SolidFields(depth_sq)
        # A view ray crosses the leaning body obliquely: its chords are 1 / cos longer.
        leaning = (0.0, float(np.cos(tilt)), float(np.sin(tilt)))
        return SolidFields(depth_sq / np.cos(tilt) ** 2, _leaning_plane(inside, tilt), leaning)
    return SolidFields(signed_field(inside, depth_scale**2 * poisson_inflation(inside)))


def _turned_tilt(
    grid: SilhouetteGrid, image_shape: tuple[int, int], fov_deg: float
) -> float | None:
    """How far (radians) a turned object's axis leans towards the camera at its middle,
    from the ellipse of its flat base; None without a readable base or a downward view."""
    base = base_elevation(grid.inside)
    if base is None:
        return None
    seen, base_row = base
    rows = np.flatnonzero(grid.inside.any(axis=1))
    top, centre = (grid.origin[1] + (r + 0.5) * grid.cell[1] for r in (rows.min(), base_row))
    tilt = elevation_at_row(seen, centre, (top + centre) / 2, image_shape, fov_deg)
    return tilt if tilt > MIN_TILT else None


def _leaning_plane(inside: NDArray[np.bool_], tilt: float) -> FloatGrid:
    """Depth (grid units) of a vertical axis seen from above: its upper end is nearer."""
    rows = np.flatnonzero(inside.any(axis=1))
    middle = (rows.min() + rows.max()) / 2
    grid_rows = np.arange(inside.shape[0], dtype=np.float64)[:, None]
    return np.broadcast_to((middle - grid_rows) * np.tan(tilt), inside.shape).copy()


def adaptive_grid_side(mask: NDArray[np.bool_]) -> int:
    """GRID_SIDE cells across a compact (disc-filling) outline, up to MAX_GRID_SIDE for a
    sparse one, so thin wings, legs and handles get as many cells as a ball's body."""
    rows, cols = np.nonzero(mask)
    longest = max(np.ptp(rows), np.ptp(cols)) + 1
    fill = len(rows) / (np.pi / 4 * longest**2)  # 1.0 for a disc
    side = GRID_SIDE / np.sqrt(max(fill, 1e-6))
    return int(np.clip(round(side), GRID_SIDE, MAX_GRID_SIDE))


def inflate(
    mask: NDArray[np.bool_],
    grid_side: int | None = None,
    depth_scale: float = DEPTH_SCALE,
    use_cues: bool = True,
    fov_deg: float = DEFAULT_FOV_DEG,
    lean_turned: bool = True,
) -> trimesh.Trimesh:
    """A watertight solid whose front view is the mask, in image pixel units.

    Axes: x = image column (right), y = -image row (up), z towards the camera.
    """
    grid = silhouette_grid(mask, grid_side or adaptive_grid_side(mask))
    image_shape = (mask.shape[0], mask.shape[1]) if lean_turned else None
    return _build_solid(grid, solid_fields(grid, depth_scale, use_cues, image_shape, fov_deg))


def solid_with_fields(
    mask: NDArray[np.bool_], fov_deg: float = DEFAULT_FOV_DEG
) -> tuple[trimesh.Trimesh, SolidFields]:
    """inflate() with every cue, and the fields it was built from: their `up` is the
    object's own up (leaning for a box or a bottle seen from above), their `mid` is set
    where a cue read the rim's depth."""
    grid = silhouette_grid(mask, adaptive_grid_side(mask))
    fields = solid_fields(grid, image_shape=(mask.shape[0], mask.shape[1]), fov_deg=fov_deg)
    return _build_solid(grid, fields), fields


def _build_solid(grid: SilhouetteGrid, fields: SolidFields) -> trimesh.Trimesh:
    """The watertight solid of the fields, in image pixel units (see inflate)."""
    verts, faces = two_sided_solid(fields.depth_sq)
    mesh = _grid_to_image(grid, verts, faces)
    if fields.mid is not None:  # after smoothing, which finds the rim at z = 0
        _shift_to_mid_surface(mesh, grid, fields.mid)
    return mesh


def _shift_to_mid_surface(mesh: trimesh.Trimesh, grid: SilhouetteGrid, mid: FloatGrid) -> None:
    """Move every vertex along z by the mid-surface's depth under it."""
    cell_x, cell_y = grid.cell
    points = np.array(mesh.vertices)
    cols = (points[:, 0] - grid.origin[0]) / cell_x - 0.5
    rows = (-points[:, 1] - grid.origin[1]) / cell_y - 0.5
    shift = ndi.map_coordinates(mid, [rows, cols], order=1, mode="nearest")
    points[:, 2] += shift * 0.5 * (cell_x + cell_y)
    mesh.vertices = points


def _smooth_within_parts(mesh: trimesh.Trimesh) -> None:
    """Taubin smoothing (no shrinkage) in which a rim vertex (z = 0, where front meets
    back) averages only its rim neighbours and a surface vertex only surface ones.

    It irons out the grid points next to the rim, whose heights rise steeply with their
    distance to it and would wrinkle the rim, and the jagged rim loop itself (cut points
    are kept off grid corners), but never averages across the rim: the rim stays in the
    z = 0 plane and the crisp edge of a bottle's base or cap is not rounded off."""
    on_rim = np.asarray(mesh.vertices[:, 2] == 0.0, dtype=bool)
    edges = mesh.edges_unique[on_rim[mesh.edges_unique[:, 0]] == on_rim[mesh.edges_unique[:, 1]]]
    edges = np.concatenate([edges, edges[:, ::-1]])
    size = len(mesh.vertices)
    adjacency = sp.csr_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(size, size))
    degree = np.maximum(np.asarray(adjacency.sum(axis=1)).ravel(), 1.0)[:, None]
    points = np.array(mesh.vertices)
    for _ in range(SMOOTHING_PASSES):
        for weight in TAUBIN_WEIGHTS:
            points += weight * (adjacency @ points / degree - points)
    mesh.vertices = points


def _grid_to_image(
    grid: SilhouetteGrid, verts: FloatGrid, faces: NDArray[np.int64]
) -> trimesh.Trimesh:
    cell_x, cell_y = grid.cell
    x = grid.origin[0] + (verts[:, 1] + 0.5) * cell_x
    y = grid.origin[1] + (verts[:, 0] + 0.5) * cell_y
    z = verts[:, 2] * 0.5 * (cell_x + cell_y)
    mesh = trimesh.Trimesh(np.column_stack([x, -y, z]), faces, process=False)
    mesh.remove_unreferenced_vertices()
    _smooth_within_parts(mesh)
    if mesh.volume < 0:  # face outwards whatever the grid's handedness
        mesh.invert()
    return mesh
