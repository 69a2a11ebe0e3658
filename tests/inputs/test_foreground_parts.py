"""The foreground stage's parts on small hand-made fields, one rule per test."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.surface import horizon_cells

Field = NDArray[np.float64]
WALL_LAB = (80.0, 2.0, 10.0)
TABLE_LAB = (45.0, 25.0, 40.0)


def table_and_wall(height: int = 60, width: int = 80, horizon: int = 36) -> Field:
    """A CIELAB field: a wall above row `horizon`, a table below, left side brighter."""
    lab = np.empty((height, width, 3))
    lab[:horizon], lab[horizon:] = WALL_LAB, TABLE_LAB
    lab[..., 0] += np.linspace(6.0, -6.0, width)[None, :]  # uneven light
    return lab


def test_the_horizon_is_found_on_both_sides_of_an_object() -> None:
    lab = table_and_wall()
    lab[20:50, 25:55] = (50.0, -20.0, -30.0)  # an object in front of the horizon
    cells = horizon_cells(lab)
    assert cells is not None
    rows = np.nonzero(cells.any(axis=1))[0]
    assert set(rows) <= {34, 35, 36, 37}  # just above and below the line at row 36
    assert cells[:, :10].any() and cells[:, -10:].any()
    assert not cells[:, 27:53].any()  # not where the object hides it


def test_a_tilted_horizon_is_found() -> None:
    lab = np.empty((60, 80, 3))
    rows, cols = np.mgrid[0:60, 0:80]
    lab[:] = np.where((rows < 30 + 0.15 * (cols - 40))[..., None], WALL_LAB, TABLE_LAB)
    cells = horizon_cells(lab)
    assert cells is not None
    assert np.nonzero(cells[:, 0])[0].mean() < np.nonzero(cells[:, -1])[0].mean()


def test_no_horizon_in_a_plain_field_or_a_texture() -> None:
    assert horizon_cells(np.full((60, 80, 3), 50.0)) is None
    noise = np.random.default_rng(3).normal(50.0, 8.0, (60, 80, 3))
    assert horizon_cells(noise) is None


def test_a_line_that_stops_short_of_the_frame_is_no_horizon() -> None:
    lab = table_and_wall()
    lab[:, :15] = WALL_LAB  # the table ends before the left side: a shelf, an object's edge
    assert horizon_cells(lab) is None
