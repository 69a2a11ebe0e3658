"""Symmetry cue: a silhouette that is mirror-symmetric about a vertical axis, with one
solid span per row, is most likely a turned object (bottle, vase, cup, lamp, ball).

For those, a body of revolution is a better guess than Poisson inflation, which makes
long straight parts sqrt(2) too deep (a tube's Poisson profile is sqrt(2) x its radius).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.ndimage as ndi
from numpy.typing import NDArray

MIN_SINGLE_SPAN_ROWS = 0.97  # share of rows that must be one solid span
MIN_MIRROR_IOU = 0.94  # silhouette vs its mirror image about the axis
MAX_AXIS_DRIFT = 0.04  # row centres may wander this share of the object height
# A wide symmetric outline is as often a sofa or a loaf (shallow) as a bowl (round), and
# a wrong guess there would make the object as deep as it is wide: leave it to Poisson.
MAX_WIDTH_TO_HEIGHT = 1.25
PROFILE_SIGMA = 1.0  # rows; smooths the measured radius profile
# Reading the camera's elevation from a flat base (base_elevation):
BASE_SEARCH_SHARE = 0.3  # the base's widest row lies in this lowest share of the rows
BASE_FIT_SHARE = 0.9  # fit the bottom edge within this share of the base radius
BASE_WIDTH_TOLERANCE = 0.06  # the outline's half-width at the ellipse's centre row vs R
MAX_BASE_MISFIT = 0.6  # cells, RMS
MIN_BASE_SINE, MAX_BASE_SINE = 0.03, 0.87  # 2 to 60 degrees; outside, leave it flat
MAX_BASE_SHARE = 0.3  # the base's near half spans at most this share of the rows


def revolution_depth_sq(
    inside: NDArray[np.bool_], coverage: NDArray[np.floating[Any]] | None = None
) -> NDArray[np.float64] | None:
    """Squared half-depth (grid cells^2) of a body of revolution about each row's centre,
    or None when the silhouette does not look like a turned object.

    With `coverage` (each cell's 0..1 share inside the object) each row's radius and
    centre are measured to a fraction of a cell; whole-cell radii would step from row to
    row and show as horizontal bands on a ball or a bottle."""
    rows = np.flatnonzero(inside.any(axis=1))
    if len(rows) < 8:
        return None
    body = inside[rows]
    spans = np.count_nonzero(np.diff(body.astype(np.int8), axis=1) == 1, axis=1) + body[:, 0]
    if np.mean(spans == 1) < MIN_SINGLE_SPAN_ROWS:
        return None
    width = inside.shape[1]
    left = body.argmax(axis=1)
    right = width - 1 - body[:, ::-1].argmax(axis=1)
    centres = (left + right) / 2.0
    axis = float(np.median(centres))
    if np.abs(centres - axis).max() > MAX_AXIS_DRIFT * len(rows) + 1.0:
        return None
    if _mirror_iou(inside, axis) < MIN_MIRROR_IOU:
        return None
    if (right.max() + 1 - left.min()) > MAX_WIDTH_TO_HEIGHT * len(rows):
        return None
    radius = (right - left + 1) / 2.0
    if coverage is not None:
        radius, centres = _sub_cell_spans(coverage[rows], radius, centres)
    columns = np.arange(width, dtype=np.float64)
    depth_sq = np.full(inside.shape, -1.0)
    depth_sq[rows] = radius[:, None] ** 2 - (columns[None, :] - centres[:, None]) ** 2
    return depth_sq


def _sub_cell_spans(
    coverage: NDArray[np.floating[Any]], radius: NDArray[np.float64], centres: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Each row's half-width and centre from its summed and weighted coverage."""
    weight = np.asarray(coverage, np.float64)
    total = weight.sum(axis=1)
    measured = total > 0.5
    columns = np.arange(weight.shape[1], dtype=np.float64)
    centre = np.where(measured, (weight * columns).sum(axis=1) / np.maximum(total, 1e-9), centres)
    # The photo's pixel steps still jitter each row's coverage by a tenth of a cell.
    half_width = ndi.gaussian_filter1d(np.where(measured, total / 2.0, radius), PROFILE_SIGMA)
    return half_width, ndi.gaussian_filter1d(centre, PROFILE_SIGMA)


def _mirror_iou(inside: NDArray[np.bool_], axis: float) -> float:
    """Intersection over union of the silhouette and its mirror about column `axis`."""
    columns = np.arange(inside.shape[1])
    mirrored_columns = np.round(2 * axis - columns).astype(np.int64)
    valid = (mirrored_columns >= 0) & (mirrored_columns < inside.shape[1])
    mirrored = np.zeros_like(inside)
    mirrored[:, valid] = inside[:, mirrored_columns[valid]]
    union = np.count_nonzero(inside | mirrored)
    return np.count_nonzero(inside & mirrored) / union if union else 0.0


def base_elevation(inside: NDArray[np.bool_]) -> tuple[float, float] | None:
    """How far (radians) the camera looks down on a turned object standing on a flat
    base, read from the base's outline, and the row of the base's centre; None when the
    base does not show as one.

    The base circle, radius R, is seen as an ellipse of half-height R sin(elevation), and
    the silhouette's bottom edge is its near half: the sides meet it where it is widest,
    at its centre row. Each candidate R is fitted there (bottom row = centre row +
    b sqrt(1 - (x / R)^2)) and kept only if the outline is R wide at that centre row, as
    it is for a cylinder's base and is not for a ball's round bottom. A ball's bottom half
    fits a base at its equator seen from high above, so a base whose ellipse spans more
    than MAX_BASE_SHARE of the outline's height is not read either."""
    rows = np.flatnonzero(inside.any(axis=1))
    if len(rows) < 16:
        return None
    columns = np.flatnonzero(inside.any(axis=0))
    bottom = inside.shape[0] - 1 - np.argmax(inside[::-1, columns], axis=0)
    left = inside[rows].argmax(axis=1)
    right = inside.shape[1] - 1 - inside[rows][:, ::-1].argmax(axis=1)
    half_width = dict(zip(rows.tolist(), ((right - left + 1) / 2.0).tolist(), strict=True))
    axis = float(columns[bottom == bottom.max()].mean())
    lowest_band = rows[rows >= rows.max() - BASE_SEARCH_SHARE * len(rows)]
    widest = max(half_width[int(r)] for r in lowest_band)
    best: tuple[float, float, float] | None = None
    for radius in np.linspace(0.5 * widest, widest, 24):
        near = np.abs(columns - axis) < BASE_FIT_SHARE * radius
        if np.count_nonzero(near) < 6:
            continue
        arc = np.sqrt(1.0 - ((columns[near] - axis) / radius) ** 2)
        design = np.column_stack([np.ones_like(arc), arc])
        (centre_row, half_height), *_ = np.linalg.lstsq(design, bottom[near], rcond=None)
        misfit = float(np.sqrt(np.mean((design @ [centre_row, half_height] - bottom[near]) ** 2)))
        width_there = half_width.get(int(round(centre_row)))
        if width_there is None or misfit > MAX_BASE_MISFIT:
            continue
        # Arcs of many sizes fit the bottom edge about as well; the base's own is the one
        # whose centre row is as wide as its radius.
        mismatch = abs(width_there - radius) / radius
        if mismatch < BASE_WIDTH_TOLERANCE and (best is None or mismatch < best[0]):
            best = (mismatch, half_height / radius, float(centre_row))
    if best is None or not MIN_BASE_SINE <= best[1] <= MAX_BASE_SINE:
        return None
    if rows.max() - best[2] > MAX_BASE_SHARE * len(rows):  # a ball's equator, not a base
        return None
    return float(np.arcsin(best[1])), best[2]
