"""Where the object is: how hard it is to reach each pixel from the frame's sides.

A backdrop (a wall, a table, a blurred room) reaches the frame on several sides through
pixels that change only gradually: light falloff, vignetting and a soft contact shadow
are gradual. An object is walled off by its outline. So each pixel gets, for each of the
four sides, the least total colour step (minus the backdrop's own texture steps) along
any path to that side: a geodesic distance (Dijkstra over the pixel grid, scipy). An
object may touch one side (it stands on the bottom of the frame, or is cut off, which
the outline check judges); it stays walled off from the other three, so a pixel's
saliency is its second-smallest distance. This runs on a coarse copy of the photo
(COARSE_SIDE cells), where fabric, gravel and JPEG blocks have averaged away.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import dijkstra

COARSE_SIDE = 80  # cells along the longest side of the saliency map
MIN_STEP = 2.0  # colour steps (CIELAB delta E) below this never count: sensor noise
TEXTURE_PERCENTILE = 75  # steps as large as most of the backdrop's own at the frame are free
EDGE_WALK_WEIGHT = 0.5  # cost per cell walked on an outline, per unit of its colour change
DETAIL_SIDE = 320  # a median filter at this size wipes out gravel, fabric and JPEG blocks
DETAIL_KERNEL = 7

Field = NDArray[np.float64]


def coarse_lab(rgb: NDArray[np.uint8]) -> Field:
    """CIELAB (L 0..100, a and b around 0) of an area-averaged copy, COARSE_SIDE long."""
    height, width = rgb.shape[:2]
    detail_scale = min(1.0, DETAIL_SIDE / max(height, width))
    detail_size = (max(8, round(width * detail_scale)), max(8, round(height * detail_scale)))
    plain = cv2.medianBlur(
        cv2.resize(rgb, detail_size, interpolation=cv2.INTER_AREA), DETAIL_KERNEL
    )
    scale = COARSE_SIDE / max(height, width)
    size = (max(4, round(width * scale)), max(4, round(height * scale)))
    small = cv2.resize(plain.astype(np.float32) / 255.0, size, interpolation=cv2.INTER_AREA)
    return np.asarray(cv2.cvtColor(small, cv2.COLOR_RGB2LAB), np.float64)


def side_saliency(lab: Field, horizon: NDArray[np.bool_] | None = None) -> tuple[Field, Field]:
    """The second- and third-smallest of the sides' geodesic distances, per cell:
    walled off from all sides but one (an object that may stand on the frame's edge),
    and from all but two (anything cut off by the frame, a corner included). The
    horizon, where a table meets a wall, counts as one more side (see surface.py)."""
    graph = _step_graph(lab)
    height, width = lab.shape[:2]
    index = np.arange(height * width).reshape(height, width)
    sides = [index[0], index[-1], index[:, 0], index[:, -1]]
    if horizon is not None:
        sides.append(index[horizon])
    distances = np.stack(
        [dijkstra(graph, indices=side, min_only=True).reshape(height, width) for side in sides]
    )
    ranked = np.sort(distances, axis=0)
    return np.asarray(ranked[1]), np.asarray(ranked[2])


def _step_graph(lab: Field) -> csr_matrix:
    """4-neighbour grid graph whose edge cost is the colour step above the local texture."""
    height, width = lab.shape[:2]
    index = np.arange(height * width).reshape(height, width)
    right = np.linalg.norm(lab[:, 1:] - lab[:, :-1], axis=2)
    down = np.linalg.norm(lab[1:] - lab[:-1], axis=2)
    free = _free_step(right, down)
    # Walking along an outline is as costly as crossing it: a slanted edge's mixed cells
    # change colour slowly along it and would otherwise let paths creep into the object.
    wall = EDGE_WALK_WEIGHT * np.maximum(_gradient(lab) - free, 0.0)
    right_cost = np.maximum(right - free, 0.0) + (wall[:, 1:] + wall[:, :-1]) / 2
    down_cost = np.maximum(down - free, 0.0) + (wall[1:] + wall[:-1]) / 2
    sources = np.concatenate([index[:, :-1].ravel(), index[:-1].ravel()])
    targets = np.concatenate([index[:, 1:].ravel(), index[1:].ravel()])
    # A tiny floor keeps every edge in the sparse graph (zero entries would vanish).
    costs = np.concatenate([right_cost.ravel(), down_cost.ravel()]) + 1e-3
    pairs = (np.concatenate([sources, targets]), np.concatenate([targets, sources]))
    shape = (height * width, height * width)
    return coo_matrix((np.concatenate([costs, costs]), pairs), shape=shape).tocsr()


def _gradient(lab: Field) -> Field:
    """Colour change per cell across two cells (central differences), per cell."""
    padded = np.pad(lab, ((1, 1), (1, 1), (0, 0)), mode="edge")
    across = np.linalg.norm(padded[1:-1, 2:] - padded[1:-1, :-2], axis=2)
    along = np.linalg.norm(padded[2:, 1:-1] - padded[:-2, 1:-1], axis=2)
    return np.asarray(np.hypot(across, along) / 2)


def _free_step(right: Field, down: Field) -> float:
    """The backdrop's own texture: most steps along the frame's outer ring are this small."""
    ring = np.concatenate([right[0], right[-1], down[:, 0], down[:, -1]])
    return max(MIN_STEP, float(np.percentile(ring, TEXTURE_PERCENTILE)))
