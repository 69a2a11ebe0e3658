"""Where a table meets the wall behind it: the horizon of a product photo.

A table (or floor) and a wall are two flat surfaces; they meet along a straight line that
runs off the frame (at one side at least: a subject may hide the other end), with the
same two surfaces either side all along it (the wall's colour above, the table's below,
changing only slowly with the light), broken only where something stands in front of it.
An object on the table, or one touching the bottom of the frame, splits the table into
parts that each reach only two sides of the frame; both parts still reach the horizon,
which is why the saliency treats the horizon as one more side (the table is backdrop,
not something cut off by the frame).

Found on the coarse CIELAB field by trying straight lines (a few tilts, every cell) and
keeping the one along which the most columns share one colour step between the same two
surfaces.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

MIN_STEP = 6.0  # delta E across the line, per column, for it to count there
SAME_STEP = 0.85  # cosine between a column's step and the line's median step
RUN_JUMP = 0.4  # a colour change between neighbouring columns, as a share of the step,
SAME_COLOUR = 0.8  # ...and between two stretches of the line, that says "other surfaces"
MIN_SHARE = 0.3  # share of the columns along which the line is seen (objects hide the rest)
END_COLUMNS = 3  # the line must be seen this close to the left or the right side
MIN_RUN = 3  # columns: shorter stretches of the line do not count
TILTS = np.linspace(-0.2, 0.2, 9)  # rows per column: a camera held a little askew

Field = NDArray[np.float64]
Mask = NDArray[np.bool_]
Run = tuple[int, int]  # columns start..end (exclusive) along a line


def horizon_cells(lab: Field) -> Mask | None:
    """The cells on and either side of the horizon where it is seen, or None."""
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
    for offset in (-1, 0, 1):  # the line's own (mixed) cells, and either side of it
        cells[rows[seen] + offset, columns[seen]] = True
    return cells


def _line_support(
    lab: Field, rows: NDArray[np.int64], columns: NDArray[np.int64]
) -> tuple[NDArray[np.bool_], float]:
    """Columns where the line shows its common step, and the line's strength (0: none)."""
    above, below = lab[rows - 1, columns], lab[rows + 1, columns]
    step = below - above
    median = np.median(step, axis=0)
    size = float(np.linalg.norm(median))
    if size < MIN_STEP:
        return np.zeros(len(columns), bool), 0.0
    norms = np.linalg.norm(step, axis=1)
    cosine = (step @ median) / (norms * size + 1e-9)
    seen = (cosine > SAME_STEP) & (norms > MIN_STEP)
    runs = _smooth_runs(above, below, seen, RUN_JUMP * size)
    seen = _same_surfaces(runs, above, below, SAME_COLOUR * size, len(columns))
    share = float(seen.mean())
    if share < MIN_SHARE or not (seen[:END_COLUMNS].any() or seen[-END_COLUMNS:].any()):
        return seen, 0.0
    return seen, share * size


def _smooth_runs(above: Field, below: Field, seen: NDArray[np.bool_], jump: float) -> list[Run]:
    """Stretches of at least MIN_RUN seen columns along which the colours either side
    change only gradually (light falloff): a jump is where something else begins."""
    change = np.maximum(
        np.linalg.norm(np.diff(above, axis=0), axis=1),
        np.linalg.norm(np.diff(below, axis=0), axis=1),
    )
    begins = seen.copy()
    begins[1:] &= ~seen[:-1] | (change > jump)
    run_of = np.cumsum(begins) * seen  # 0 where the line is not seen
    runs: list[Run] = []
    for run in range(1, int(run_of.max()) + 1):
        columns = np.flatnonzero(run_of == run)
        if len(columns) >= MIN_RUN:
            runs.append((int(columns[0]), int(columns[-1]) + 1))
    return runs


def _same_surfaces(
    runs: list[Run], above: Field, below: Field, tolerance: float, width: int
) -> NDArray[np.bool_]:
    """The longest run, and the runs on either side of it that continue it: the colours
    either side, where one run ends and the next begins across an object, differ by less
    than `tolerance` (light changes slowly; a dark coat's shoulder against the sky is a
    step like the sky meeting a lawn, but between other colours)."""
    seen = np.zeros(width, bool)
    if not runs:
        return seen
    longest = max(range(len(runs)), key=lambda index: runs[index][1] - runs[index][0])
    seen[slice(*runs[longest])] = True
    for order in (range(longest + 1, len(runs)), range(longest - 1, -1, -1)):
        last = runs[longest]
        for index in order:
            after = index > longest
            near, far = (last[1] - 1, runs[index][0]) if after else (last[0], runs[index][1] - 1)
            jump = max(
                float(np.linalg.norm(_end(above, near) - _end(above, far))),
                float(np.linalg.norm(_end(below, near) - _end(below, far))),
            )
            if jump >= tolerance:
                break
            seen[slice(*runs[index])] = True
            last = runs[index]
    return seen


def _end(colours: Field, column: int) -> NDArray[np.float64]:
    """The mean colour of a run's last MIN_RUN columns towards `column` (grain averages out)."""
    low = max(0, min(column - MIN_RUN // 2, len(colours) - MIN_RUN))
    return np.asarray(colours[low : low + MIN_RUN].mean(axis=0))
