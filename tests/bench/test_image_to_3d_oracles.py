"""The image-to-3D benchmark's oracle and ground-cue helpers measure what they claim."""

from __future__ import annotations

import numpy as np

from bench.image_to_3d.ground_cue import contact_slope
from bench.image_to_3d.oracles import RIM_GRID_STEP, true_rim_surface


def disc(size: int = 256, radius: float = 90.0) -> np.ndarray:
    rows, cols = np.mgrid[0:size, 0:size]
    return np.asarray(np.hypot(rows - size / 2, cols - size / 2) < radius)


def test_rim_surface_of_a_tilted_rim_is_the_plane_through_it() -> None:
    mask = disc()
    cols = np.mgrid[0 : mask.shape[0], 0 : mask.shape[1]][1].astype(np.float32)
    distance = 5.0 + 0.004 * (cols - 128)  # metres: the right side is farther away
    depth = np.where(mask, distance, np.inf).astype(np.float32)
    surface = true_rim_surface(mask, depth)
    centre_row = 128 // RIM_GRID_STEP
    profile = surface[centre_row, 40 // RIM_GRID_STEP : 216 // RIM_GRID_STEP]
    steps = np.diff(profile)
    # A plane is harmonic, so the fill is exactly linear, falling away to the right.
    assert np.all(steps < 0)
    assert np.ptp(steps) < 0.02 * abs(steps.mean())


def test_rim_surface_of_a_flat_rim_is_flat() -> None:
    mask = disc()
    depth = np.where(mask, 5.0, np.inf).astype(np.float32)
    assert np.allclose(true_rim_surface(mask, depth), 0.0)


def test_contact_slope_follows_the_lowest_points() -> None:
    rows, cols = np.mgrid[0:200, 0:300]
    # A parallelogram whose bottom edge rises 0.2 px per px to the right (image y up).
    bottom = 180 - 0.2 * (cols - 50)
    mask = (cols >= 50) & (cols < 250) & (rows < bottom) & (rows > bottom - 80)
    assert abs(contact_slope(mask) - 0.2) < 0.01


def test_contact_slope_is_zero_for_a_round_bottom() -> None:
    assert abs(contact_slope(disc())) < 0.01
