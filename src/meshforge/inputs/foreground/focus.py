"""How sharp the edges are in each saliency cell: the object is in focus, a busy backdrop
behind it often is not (a garage, a room, a garden seen past a product).

An edge blurred by sigma_e has a gradient peak proportional to 1 / sqrt(sigma_e^2 + s^2)
when measured at scale s, so the ratio of the peaks at a fine and a coarse scale falls
from about 2 for a sharp edge towards 1 for a blurred one (the re-blur ratio of Zhuo and
Sim's defocus estimation, here only per cell and relative to the photo's sharpest
edges). Cells without a clear edge, and photos that are evenly sharp or evenly soft,
keep a factor of 1: the factor only ever discounts edges that are visibly out of focus.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

PIXELS_PER_CELL = 8  # the photo is measured at this many pixels per saliency cell (blur
# is judged relative to the cell, whatever the photo's size)
FINE, COARSE = 0.7, 2.0  # the two scales compared, in those pixels
MIN_EDGE = 4.0  # grey levels per pixel at the coarse scale: weaker is no edge (noise, grain)
EDGE_SHARE = 0.1  # a cell's edge is its strongest pixels, this share of them
SHARPEST_PERCENTILE = 90  # the photo's sharpest edges: this percentile of the cells' ratios
SHARP_ENOUGH = 0.5  # edges this far from blurred (1) towards the sharpest keep their cost
MIN_FACTOR = 0.1  # a step across the blurriest edge still costs this share
FILL_SPREAD = 2.0  # cells: how far a measured cell's factor carries to cells without edges
FILL_SUPPORT = 0.15  # the measured weight around a cell that makes its filled factor count

Field = NDArray[np.float64]


def focus_factor(rgb: NDArray[np.uint8], cells: tuple[int, int]) -> Field:
    """Per cell (rows, columns), 1 where edges are as sharp as the photo's sharpest or
    there is no edge, falling to MIN_FACTOR where they are fully out of focus."""
    ratio = _sharpness_ratio(rgb, cells)
    measured = ratio[np.isfinite(ratio)]
    if measured.size == 0:
        return np.ones(cells)
    sharpest = float(np.percentile(measured, SHARPEST_PERCENTILE))
    if sharpest <= 1.0:
        return np.ones(cells)
    factor = np.clip((ratio - 1.0) / (SHARP_ENOUGH * (sharpest - 1.0)), MIN_FACTOR, 1.0)
    return _filled(factor, np.isfinite(ratio))


def _filled(factor: Field, measured: NDArray[np.bool_]) -> Field:
    """Cells without an edge take the factor of the measured cells around them (a blurred
    room is blurred between its edges too), or 1 with none near (normalised convolution)."""
    weights = cv2.GaussianBlur(measured.astype(np.float64), (0, 0), FILL_SPREAD)
    spread = cv2.GaussianBlur(np.where(measured, factor, 0.0), (0, 0), FILL_SPREAD)
    near = weights > FILL_SUPPORT
    around = np.where(near, spread / np.maximum(weights, 1e-9), 1.0)
    # With few measured cells near, lean towards 1 (no evidence of blur).
    trust = np.clip(weights / (2 * FILL_SUPPORT), 0.0, 1.0)
    filled = trust * around + (1 - trust)
    return np.asarray(np.where(measured, factor, filled))


def _sharpness_ratio(rgb: NDArray[np.uint8], cells: tuple[int, int]) -> Field:
    """Fine over coarse gradient at each cell's strongest edge pixels; NaN without edges."""
    rows, cols = cells
    size = (cols * PIXELS_PER_CELL, rows * PIXELS_PER_CELL)
    grey = cv2.cvtColor(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2GRAY)
    fine = _per_cell(_gradient(grey.astype(np.float32), FINE), cells)
    coarse = _per_cell(_gradient(grey.astype(np.float32), COARSE), cells)
    keep = max(3, round(EDGE_SHARE * coarse.shape[2]))
    strongest = np.argsort(coarse, axis=2)[..., -keep:]
    fine_top = np.take_along_axis(fine, strongest, axis=2)
    coarse_top = np.take_along_axis(coarse, strongest, axis=2)
    ratio = np.median(fine_top / np.maximum(coarse_top, 1e-6), axis=2)
    has_edge = np.median(coarse_top, axis=2) >= MIN_EDGE
    return np.asarray(np.where(has_edge, ratio, np.nan), np.float64)


def _per_cell(image: NDArray[np.float32], cells: tuple[int, int]) -> NDArray[np.float32]:
    """(rows, cols, pixels): each cell's pixels along the last axis."""
    rows, cols = cells
    per = PIXELS_PER_CELL
    blocks = image.reshape(rows, per, cols, per).transpose(0, 2, 1, 3)
    return np.asarray(blocks.reshape(rows, cols, per * per))


def _gradient(grey: NDArray[np.float32], sigma: float) -> NDArray[np.float32]:
    smooth = cv2.GaussianBlur(grey, (0, 0), sigma)
    dx = cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    dy = cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    return np.asarray(np.hypot(dx, dy), np.float32)
