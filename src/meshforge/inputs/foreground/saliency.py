"""Where the object is: how hard it is to reach each pixel from the frame's sides.

A backdrop (a wall, a table, a blurred room) reaches the frame on several sides through
pixels that change only gradually: light falloff, vignetting and a soft contact shadow
are gradual. An object is walled off by its outline. So each pixel gets, for each of the
four sides, the least total colour step (minus the backdrop's own texture steps, in
lightness and in chroma apart, so a brown object on grey gravel stands out by its
chroma however busy the gravel's lightness) along any path to that side: a geodesic
distance (Dijkstra over the pixel grid, scipy). Steps across edges that are out of
focus cost less (focus.py), and a table's horizon is one more side (surface.py). An
object may touch one side (it stands on the bottom of the frame, or is cut off, which
the outline check judges); it stays walled off from the other three, so a pixel's
saliency is its second-smallest distance. This runs on a coarse copy of the photo
(COARSE_SIDE cells), where fabric, gravel and JPEG blocks have averaged away.
"""

from __future__ import annotations

from dataclasses import dataclass

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
SIDES = ("top", "bottom", "left", "right", "horizon")


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


@dataclass(frozen=True)
class Saliency:
    """Per cell: walled off from all sides but one (one_side: an object may stand on the
    frame's edge), from all but two (two_sides: anything cut off by the frame, a corner
    included), and which side is nearest (an index into SIDES)."""

    one_side: Field
    two_sides: Field
    nearest: NDArray[np.int64]


def side_saliency(
    lab: Field, horizon: NDArray[np.bool_] | None = None, focus: Field | None = None
) -> Saliency:
    """The second- and third-smallest of the sides' geodesic distances, per cell. The
    horizon, where a table meets a wall, counts as one more side (see surface.py); a
    step across an edge that is out of focus costs less (focus.py)."""
    graph = _step_graph(lab, horizon, np.ones(lab.shape[:2]) if focus is None else focus)
    height, width = lab.shape[:2]
    index = np.arange(height * width).reshape(height, width)
    sides = [index[0], index[-1], index[:, 0], index[:, -1]]
    if horizon is not None:
        sides.append(index[horizon])
    distances = np.stack(
        [dijkstra(graph, indices=side, min_only=True).reshape(height, width) for side in sides]
    )
    ranked = np.sort(distances, axis=0)
    return Saliency(ranked[1], ranked[2], np.argmin(distances, axis=0))


def _step_graph(lab: Field, horizon: NDArray[np.bool_] | None, focus: Field) -> csr_matrix:
    """4-neighbour grid graph whose edge cost is the colour step above the local texture."""
    height, width = lab.shape[:2]
    index = np.arange(height * width).reshape(height, width)
    right_parts = _step_parts(lab[:, 1:] - lab[:, :-1])
    down_parts = _step_parts(lab[1:] - lab[:-1])
    free = _free_steps(right_parts, down_parts)
    right = _excess(right_parts, free)
    down = _excess(down_parts, free)
    # Walking along an outline is as costly as crossing it: a slanted edge's mixed cells
    # change colour slowly along it and would otherwise let paths creep into the object.
    wall = EDGE_WALK_WEIGHT * _gradient(right, down)
    if horizon is not None:
        wall[horizon] = 0.0  # the horizon is the backdrop's own edge: walking it is free
    # A step is as sharp as the sharper of its two cells (an outline is sharp on one side).
    right_sharp = np.maximum(focus[:, 1:], focus[:, :-1])
    down_sharp = np.maximum(focus[1:], focus[:-1])
    right_cost = (right + (wall[:, 1:] + wall[:, :-1]) / 2) * right_sharp
    down_cost = (down + (wall[1:] + wall[:-1]) / 2) * down_sharp
    sources = np.concatenate([index[:, :-1].ravel(), index[:-1].ravel()])
    targets = np.concatenate([index[:, 1:].ravel(), index[1:].ravel()])
    # A tiny floor keeps every edge in the sparse graph (zero entries would vanish).
    costs = np.concatenate([right_cost.ravel(), down_cost.ravel()]) + 1e-3
    pairs = (np.concatenate([sources, targets]), np.concatenate([targets, sources]))
    shape = (height * width, height * width)
    return coo_matrix((np.concatenate([costs, costs]), pairs), shape=shape).tocsr()


def _step_parts(step: Field) -> Field:
    """A colour step split into its lightness and its chroma change (last axis)."""
    return np.stack([np.abs(step[..., 0]), np.hypot(step[..., 1], step[..., 2])], axis=-1)


def _free_steps(right: Field, down: Field) -> Field:
    """The backdrop's own texture, in lightness and in chroma apart: most steps along the
    frame's outer ring are this small. A grey gravel's lightness steps say nothing about
    how much a brown object's chroma step stands out."""
    ring = np.concatenate([right[0], right[-1], down[:, 0], down[:, -1]])
    texture = np.percentile(ring, TEXTURE_PERCENTILE, axis=0)
    return np.asarray(np.maximum(MIN_STEP / np.sqrt(2), texture), np.float64)


def _excess(parts: Field, free: Field) -> Field:
    """How much a step stands out of the texture."""
    over = np.maximum(parts - free, 0.0)
    return np.asarray(np.hypot(over[..., 0], over[..., 1]))


def _gradient(right: Field, down: Field) -> Field:
    """The steps out of the texture around each cell (the mean of its neighbours' steps
    either side, across and along), per cell."""
    across = np.pad(right, ((0, 0), (1, 1)), mode="edge")
    along = np.pad(down, ((1, 1), (0, 0)), mode="edge")
    return np.asarray(np.hypot((across[:, 1:] + across[:, :-1]) / 2, (along[1:] + along[:-1]) / 2))
