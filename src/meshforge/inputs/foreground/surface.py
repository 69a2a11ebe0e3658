"""Where a table meets the wall behind it: the horizon of a product photo.

A table (or floor) and a wall are two flat surfaces; they meet along a straight line that
runs off the frame at both sides, with the same change of colour along its length (the
wall's colour above, the table's below), broken only where an object stands in front of
it. An object on the table, or one touching the bottom of the frame, splits the table
into parts that each reach only two sides of the frame; both parts still reach the
horizon, which is why the saliency treats the horizon as one more side (the table is
backdrop, not something cut off by the frame).

Found on the coarse CIELAB field by trying straight lines (a few tilts, every half cell)
and keeping the one along which most columns share one colour step.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

MIN_STEP = 6.0  # delta E across the line, per column, for it to count there
SAME_STEP = 0.85  # cosine between a column's step and the line's median step
MIN_SHARE = 0.3  # share of the columns along which the line is seen (objects hide the rest)
END_COLUMNS = 3  # the line must be seen this close to both the left and the right side
TILTS = np.linspace(-0.2, 0.2, 9)  # rows per column: a camera held a little askew

Field = NDArray[np.float64]
Mask = NDArray[np.bool_]


def horizon_cells(lab: Field) -> Mask | None:
    """The cells just above and below the horizon where it is seen, or None."""
    height, width = lab.shape[:2]
    best: tuple[float, NDArray[np.int64], NDArray[np.bool_]] | None = None
    columns = np.arange(width)
    for tilt in TILTS:
        offsets = np.round(tilt * (columns - (width - 1) / 2)).astype(np.int64)
        low, high = 1 - offsets.min(), height - 2 - offsets.max()
        for row in range(max(1, low), min(height - 2, high)):
            rows = row + offsets
            seen, strength = _line_support(lab, rows, columns)
            if strength > 0 and (best is None or strength > best[0]):
                best = (strength, rows, seen)
    if best is None:
        return None
    _, rows, seen = best
    cells = np.zeros((height, width), bool)
    cells[rows[seen] - 1, columns[seen]] = True
    cells[rows[seen] + 1, columns[seen]] = True
    return cells


def _line_support(
    lab: Field, rows: NDArray[np.int64], columns: NDArray[np.int64]
) -> tuple[NDArray[np.bool_], float]:
    """Columns where the line shows its common step, and the line's strength (0: none)."""
    step = lab[rows + 1, columns] - lab[rows - 1, columns]
    median = np.median(step, axis=0)
    size = float(np.linalg.norm(median))
    if size < MIN_STEP:
        return np.zeros(len(columns), bool), 0.0
    norms = np.linalg.norm(step, axis=1)
    cosine = (step @ median) / (norms * size + 1e-9)
    seen = (cosine > SAME_STEP) & (norms > MIN_STEP)
    share = float(seen.mean())
    if share < MIN_SHARE or not (seen[:END_COLUMNS].any() and seen[-END_COLUMNS:].any()):
        return seen, 0.0
    return seen, share * size
