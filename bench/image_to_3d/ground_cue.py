"""A cue tried for the rim depth and left out of the engine: where the object meets the floor.

In a product shot the camera looks down on an object standing on a surface, so of two
floor contacts the one lower in the photo is nearer: with the camera elevation e, a
contact lower by dy pixels is dy / tan(e) nearer. The lowest points of the silhouette (its lower
convex hull, less the steep sides) are taken as contacts; the line through them tilts the
solid's rim in depth along the image's x axis. The engine does not know e, so the cue assumes
ASSUMED_ELEVATION; this measures it on photos taken from 5, 15 and 30 degrees, shape
stage only, at 512 px (figures in bench/results/image_to_3d.md). It does not help across
elevations, so the engine does not use it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench.image_to_3d.dataset import OBJECTS, load_object
from bench.image_to_3d.metrics import average, compare
from bench.image_to_3d.render import photo_mask_and_truth
from meshforge.engines.image_to_3d.shape import inflate

ASSUMED_ELEVATION = 15.0
TRUE_ELEVATIONS = (5.0, 15.0, 30.0)
MAX_CONTACT_SLOPE = 0.5  # lower hull edges steeper than this are the sides, not the floor
MIN_SPAN = 0.3  # contacts must span this share of the width to define a line
SIZE = 512


def contact_slope(mask: NDArray[np.bool_]) -> float:
    """Slope (image y up per x) of the line through the silhouette's lowest hull points."""
    columns = np.nonzero(mask.any(axis=0))[0]
    lowest = mask.shape[0] - 1 - np.argmax(mask[::-1, columns], axis=0)  # bottom row per column
    points = list(zip(columns.tolist(), (-lowest).tolist(), strict=True))
    lower: list[tuple[int, int]] = []
    for point in points:  # Andrew's monotone chain, lower half
        while len(lower) >= 2 and _turn(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    hull = np.array(lower, dtype=np.float64)
    run, rise = np.diff(hull[:, 0]), np.diff(hull[:, 1])
    flat = np.abs(rise) <= MAX_CONTACT_SLOPE * run
    contacts = np.unique(np.concatenate([hull[:-1][flat], hull[1:][flat]]), axis=0)
    if len(contacts) < 2 or np.ptp(contacts[:, 0]) < MIN_SPAN * float(np.ptp(columns)):
        return 0.0
    return float(np.polyfit(contacts[:, 0], contacts[:, 1], 1)[0])


def _turn(a: tuple[int, int], b: tuple[int, int], c: tuple[int, int]) -> int:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def run_ground_cue(azimuths: tuple[float, ...]) -> dict[str, Any]:
    tan = np.tan(np.radians(ASSUMED_ELEVATION))
    results: dict[str, Any] = {}
    for elevation in TRUE_ELEVATIONS:
        plain, tilted = [], []
        for item in OBJECTS:
            mesh = load_object(item)
            for azimuth in azimuths:
                mask, truth = photo_mask_and_truth(mesh, item.color, azimuth, elevation, SIZE)
                solid = inflate(mask)
                plain.append(compare(solid, truth).as_dict())
                # Contacts: -slope / tan(e) of depth per pixel of x. Above them depth is
                # kept along world-vertical lines, which lean towards a camera looking
                # down: that adds -slope * tan(e).
                depth_per_x = -contact_slope(mask) * (1.0 / tan + tan)
                solid.vertices = solid.vertices + np.outer(solid.vertices[:, 0], [0, 0, 1]) * (
                    depth_per_x
                )
                tilted.append(compare(solid, truth).as_dict())
        results[f"{elevation:g}"] = {
            "shape_stage": average(plain),
            "with_ground_cue": average(tilted),
        }
        print(f"ground cue, photos from {elevation:g} deg: {results[f'{elevation:g}']}", flush=True)
    return results
