"""Vectorised rasterisation of triangles in UV space, and gutter dilation of islands.

A texel (row, col) of a size x size image is "covered" when its centre
``u = (col + 0.5) / size, v = 1 - (row + 0.5) / size`` lies inside a UV triangle
(see texture.py for the v-up convention).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

GUTTER_TEXELS = 4
_CANDIDATES_PER_CHUNK = 4_000_000  # bounds temporary memory to a few hundred MB
_INSIDE_EPS = 1e-7


@dataclass(frozen=True)
class UVHits:
    """One entry per covered texel: the triangle that covers it and where."""

    row: NDArray[np.int64]
    col: NDArray[np.int64]
    face: NDArray[np.int64]
    barycentric: NDArray[np.float64]  # (N, 3) weights of the face's three corners


def rasterize_uv(uv: NDArray[np.float64], faces: NDArray[np.int64], size: int) -> UVHits:
    """Every texel centre covered by a triangle; overlapping triangles: the later wins."""
    # Texel-centre coordinates: texel (row, col) sits at integer (x, y) = (col, row).
    corners = np.stack([uv[faces, 0] * size - 0.5, (1.0 - uv[faces, 1]) * size - 0.5], axis=-1)
    low = np.clip(np.ceil(corners.min(axis=1)), 0, size).astype(np.int64)
    high = np.clip(np.floor(corners.max(axis=1)), -1, size - 1).astype(np.int64)
    spans = np.maximum(high - low + 1, 0)
    counts = spans[:, 0] * spans[:, 1]
    pieces = [
        _hits_for_faces(chunk, corners, low, spans, counts)
        for chunk in _chunks_by_count(counts, _CANDIDATES_PER_CHUNK)
    ]
    if not pieces:
        empty = np.zeros(0, dtype=np.int64)
        return UVHits(empty, empty, empty, np.zeros((0, 3)))
    return UVHits(*(np.concatenate(parts) for parts in zip(*pieces, strict=True)))


def _chunks_by_count(counts: NDArray[np.int64], limit: int) -> list[NDArray[np.int64]]:
    """Face index groups whose candidate texel counts add up to about `limit` each."""
    nonzero = np.flatnonzero(counts)
    if len(nonzero) == 0:
        return []
    group = np.cumsum(counts[nonzero]) // limit
    splits = np.flatnonzero(np.diff(group)) + 1
    return list(np.split(nonzero, splits))


def _hits_for_faces(
    faces: NDArray[np.int64],
    corners: NDArray[np.float64],
    low: NDArray[np.int64],
    spans: NDArray[np.int64],
    counts: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """Test each texel of each face's bounding box; keep those inside the face."""
    face = np.repeat(faces, counts[faces])
    starts = np.cumsum(counts[faces]) - counts[faces]
    local = np.arange(len(face)) - np.repeat(starts, counts[faces])
    width = spans[face, 0]
    col = low[face, 0] + local % width
    row = low[face, 1] + local // width
    a, b, c = corners[face, 0], corners[face, 1], corners[face, 2]
    e1, e2 = b - a, c - a
    det = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    px, py = col - a[:, 0], row - a[:, 1]
    safe = np.where(np.abs(det) > 1e-20, det, np.inf)  # degenerate faces cover nothing
    w1 = (px * e2[:, 1] - py * e2[:, 0]) / safe
    w2 = (e1[:, 0] * py - e1[:, 1] * px) / safe
    w0 = 1.0 - w1 - w2
    inside = (w0 >= -_INSIDE_EPS) & (w1 >= -_INSIDE_EPS) & (w2 >= -_INSIDE_EPS)
    inside &= np.isfinite(safe)
    bary = np.stack([w0, w1, w2], axis=1)[inside]
    return row[inside], col[inside], face[inside], bary


def dilate_islands(
    image: NDArray[np.float64], covered: NDArray[np.bool_], texels: int
) -> NDArray[np.float64]:
    """Grow covered regions outwards by `texels` rings, each new texel the mean of its
    covered 8-neighbours; texels still uncovered get the mean covered colour."""
    colour = (image * covered[..., None]).astype(np.float32)
    mask = covered.astype(np.float32)
    for _ in range(texels):
        sums = cv2.boxFilter(colour, -1, (3, 3), normalize=False, borderType=cv2.BORDER_CONSTANT)
        counts = cv2.boxFilter(mask, -1, (3, 3), normalize=False, borderType=cv2.BORDER_CONSTANT)
        grow = (mask == 0) & (counts > 0)
        if not grow.any():
            break
        colour[grow] = sums[grow] / counts[grow][:, None]
        mask[grow] = 1.0
    result = colour.astype(np.float64)
    if covered.any():
        result[mask == 0] = image[covered].mean(axis=0)
    return result
