"""Ceilings: what the engine's shape would score if it were told something the photo does
not show. Both use the ground truth, so they are oracles, not results; they say which
missing quantity the targets hinge on.

- depth stretch: the engine's output with its depth scaled by the best of a few factors;
- rim depth: the shape stage's solid with its rim (where front meets back, flat at z = 0
  in the engine) moved to the true depth of the silhouette's rim, interpolated
  harmonically inside. Front and back keep the engine's thickness. Where a cue has read
  the rim's depth itself (a box), the engine's solid is kept.
"""

from __future__ import annotations

import numpy as np
import scipy.ndimage as ndi
import scipy.sparse as sp
import trimesh
from numpy.typing import NDArray
from scipy.sparse.linalg import spsolve

from bench.image_to_3d.metrics import compare
from bench.image_to_3d.render import FOV_DEG
from meshforge.engines.image_to_3d.shape import solid_with_fields

DEPTH_STRETCHES = (0.5, 0.7, 1.0, 1.4, 2.0, 2.8)
RIM_GRID_STEP = 4  # solve the rim surface on every 4th pixel: 256 x 256 for a 1024 px photo


def depth_stretch_oracle(predicted: trimesh.Trimesh, truth: trimesh.Trimesh) -> dict[str, float]:
    """Scores after the best depth stretch, chosen *with* the ground truth."""
    best: dict[str, float] | None = None
    for stretch in DEPTH_STRETCHES:
        stretched = predicted.copy()
        stretched.vertices[:, 2] *= stretch
        scores = compare(stretched, truth).as_dict()
        if best is None or scores["fscore@0.05"] > best["fscore@0.05"]:
            best = scores
    assert best is not None
    return best


def rim_depth_oracle(
    mask: NDArray[np.bool_], depth: NDArray[np.float32], truth: trimesh.Trimesh
) -> dict[str, float]:
    """Scores of the shape stage's solid sheared so its rim lies at the true rim depth."""
    solid, fields = solid_with_fields(mask)  # image pixels: x = column, y = -row
    if fields.mid is not None:  # a cue (the box) has read the rim's depth itself
        return compare(solid, truth).as_dict()
    surface = true_rim_surface(mask & np.isfinite(depth), depth)
    step = RIM_GRID_STEP
    rows, cols = -solid.vertices[:, 1] / step, solid.vertices[:, 0] / step
    shift = ndi.map_coordinates(surface, [rows, cols], order=1, mode="nearest")
    solid.vertices = solid.vertices + np.column_stack([np.zeros((len(shift), 2)), shift])
    return compare(solid, truth).as_dict()


def true_rim_surface(mask: NDArray[np.bool_], depth: NDArray[np.float32]) -> NDArray[np.float64]:
    """Harmonic interpolation of the rim's true depth over the silhouette, in image pixels
    towards the camera, on a grid of every RIM_GRID_STEP-th pixel (filled outside)."""
    step = RIM_GRID_STEP
    small = mask[::step, ::step]
    metres = np.where(small, depth[::step, ::step], 0.0).astype(np.float64)
    typical = float(np.median(metres[small]))
    # Orthographic approximation of the perspective camera at the object's distance.
    pixels_per_metre = mask.shape[1] / (2 * typical * np.tan(np.radians(FOV_DEG / 2))) / step
    towards_camera = -(metres - typical) * pixels_per_metre * step
    rim = small & ~ndi.binary_erosion(small)
    surface = _harmonic_fill(small & ~rim, np.where(rim, towards_camera, 0.0))
    nearest = ndi.distance_transform_edt(~small, return_distances=False, return_indices=True)
    return np.asarray(surface[tuple(nearest)])


def _harmonic_fill(unknown: NDArray[np.bool_], fixed: NDArray[np.float64]) -> NDArray[np.float64]:
    """Solve laplace(v) = 0 on the unknown cells, v = fixed on every other cell."""
    index = np.full(unknown.shape, -1, np.int64)
    rows, cols = np.nonzero(unknown)
    index[rows, cols] = np.arange(len(rows))
    height, width = unknown.shape
    diagonal = np.zeros(len(rows))
    right_side = np.zeros(len(rows))
    links_r, links_c = [], []
    for d_row, d_col in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        n_row, n_col = rows + d_row, cols + d_col
        valid = (n_row >= 0) & (n_row < height) & (n_col >= 0) & (n_col < width)
        n_row, n_col = n_row[valid], n_col[valid]
        diagonal[valid] += 1.0
        neighbour = index[n_row, n_col]
        free = neighbour >= 0
        links_r.append(np.nonzero(valid)[0][free])
        links_c.append(neighbour[free])
        right_side[np.nonzero(valid)[0][~free]] += fixed[n_row[~free], n_col[~free]]
    count = len(rows)
    entries_r = np.concatenate([np.arange(count), *links_r])
    entries_c = np.concatenate([np.arange(count), *links_c])
    values = np.concatenate([diagonal, -np.ones(len(entries_r) - count)])
    matrix = sp.csc_matrix((values, (entries_r, entries_c)), shape=(count, count))
    result = fixed.copy()
    result[rows, cols] = spsolve(matrix, right_side)
    return result
