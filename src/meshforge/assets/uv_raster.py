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
    inverse = _barycentric_inverse(corners)
    spans[~np.isfinite(inverse).all(axis=1)] = 0  # degenerate faces cover nothing
    counts = spans[:, 0] * spans[:, 1]
    pieces = [
        _hits_for_faces(chunk, corners[:, 0], inverse, low, spans[:, 0], counts)
        for chunk in _chunks_by_count(counts, _CANDIDATES_PER_CHUNK)
    ]
    if not pieces:
        empty = np.zeros(0, dtype=np.int64)
        return UVHits(empty, empty, empty, np.zeros((0, 3)))
    return UVHits(*(np.concatenate(parts) for parts in zip(*pieces, strict=True)))


def _barycentric_inverse(corners: NDArray[np.float64]) -> NDArray[np.float64]:
    """Per face (c0, c1, c2, c3) with w1 = c0 dx + c1 dy and w2 = c2 dx + c3 dy, where
    (dx, dy) is a point relative to the first corner; inf/nan rows for degenerate faces."""
    e1, e2 = corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
    det = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        inverse = np.stack([e2[:, 1], -e2[:, 0], -e1[:, 1], e1[:, 0]], axis=1) / det[:, None]
    inverse[np.abs(det) < 1e-12] = np.inf
    return inverse


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
    origin: NDArray[np.float64],
    inverse: NDArray[np.float64],
    low: NDArray[np.int64],
    width: NDArray[np.int64],
    counts: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """Test each texel of each face's bounding box; keep those inside the face."""
    face_counts = counts[faces]
    face = np.repeat(faces, face_counts)
    starts = np.cumsum(face_counts) - face_counts
    local = np.arange(len(face)) - np.repeat(starts, face_counts)
    row_offset, col_offset = np.divmod(local, np.repeat(width[faces], face_counts))
    col = np.repeat(low[faces, 0], face_counts) + col_offset
    row = np.repeat(low[faces, 1], face_counts) + row_offset
    dx = col - np.repeat(origin[faces, 0], face_counts)
    dy = row - np.repeat(origin[faces, 1], face_counts)
    c = np.repeat(inverse[faces], face_counts, axis=0)
    w1 = c[:, 0] * dx + c[:, 1] * dy
    w2 = c[:, 2] * dx + c[:, 3] * dy
    w0 = 1.0 - w1 - w2
    inside = (w0 >= -_INSIDE_EPS) & (w1 >= -_INSIDE_EPS) & (w2 >= -_INSIDE_EPS)
    bary = np.column_stack([w0[inside], w1[inside], w2[inside]])
    return row[inside], col[inside], face[inside], bary


def dilate_islands(
    image: NDArray[np.float32], covered: NDArray[np.bool_], texels: int
) -> NDArray[np.float32]:
    """Grow covered regions outwards by `texels` rings, each new texel the mean of its
    covered 8-neighbours; texels still uncovered get the mean covered colour.
    `image` must be zero where not covered; it is modified in place and returned."""
    colour = image
    mask = covered.astype(np.float32)
    for _ in range(texels):
        sums = cv2.boxFilter(colour, -1, (3, 3), normalize=False, borderType=cv2.BORDER_CONSTANT)
        counts = cv2.boxFilter(mask, -1, (3, 3), normalize=False, borderType=cv2.BORDER_CONSTANT)
        grow = (mask == 0) & (counts > 0)
        rows, cols = np.nonzero(grow)
        if len(rows) == 0:
            break
        colour[rows, cols] = sums[rows, cols] / counts[rows, cols, None]
        mask[rows, cols] = 1.0
    if covered.any():
        colour[mask == 0] = colour[covered].mean(axis=0)
    return colour
