"""A contact shadow is the backdrop in shade: the table beside it, darker, the same hue.

Light blocked by the object dims the table under it without changing its colour's
proportions, so a shadowed pixel is the backdrop's colour next to it (the same rows,
either side: the table's colour changes with depth, not across) scaled down. An object
rarely has exactly the backdrop's proportions of red, green and blue, so it does not read
as shade, except a grey object on a grey backdrop, which is why this only marks pixels
as doubtful (the cut still weighs the object's colours and edges) and only near the
object's base, where a contact shadow falls.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

MAX_LIGHT = 0.9  # at most this much of the light beside it: in shade
MIN_LIGHT = 0.2  # ...and at least this much (black is not a shadow on a light table)
MAX_ANGLE = np.deg2rad(6.0)  # the colour's direction (its hue and saturation) kept within this
REACH = 0.5  # the backdrop beside a pixel: this share of the width either side...
ROWS = 2  # ...and this many pixel rows above and below
BASE_BAND = 0.2  # shadows fall within this share of the object's height from its base

Mask = NDArray[np.bool_]


def shadowed_backdrop(work: NDArray[np.uint8], backdrop: Mask, region: Mask) -> Mask:
    """Pixels near the region's base that are the backdrop beside them in shade."""
    colours = work.astype(np.float32) + 1.0
    beside, known = _backdrop_beside(colours, backdrop)
    light = colours.sum(axis=2) / np.maximum(beside.sum(axis=2), 1e-6)
    cosine = (colours * beside).sum(axis=2) / (
        np.linalg.norm(colours, axis=2) * np.linalg.norm(beside, axis=2) + 1e-6
    )
    same_hue = cosine > np.cos(MAX_ANGLE)
    shaded = known & same_hue & (light > MIN_LIGHT) & (light < MAX_LIGHT)
    return np.asarray(shaded & _near_base(region))


def _backdrop_beside(
    colours: NDArray[np.float32], backdrop: Mask
) -> tuple[NDArray[np.float32], Mask]:
    """The mean backdrop colour in a wide, flat window around each pixel, and where known."""
    width = colours.shape[1]
    size = (2 * round(REACH * width) + 1, 2 * ROWS + 1)
    weight = backdrop.astype(np.float32)
    count = cv2.boxFilter(weight, -1, size, normalize=False, borderType=cv2.BORDER_CONSTANT)
    total = cv2.boxFilter(
        colours * weight[..., None], -1, size, normalize=False, borderType=cv2.BORDER_CONSTANT
    )
    known = count > 0.5
    return np.asarray(total / np.maximum(count, 1e-6)[..., None], np.float32), np.asarray(known)


def _near_base(region: Mask) -> Mask:
    """Rows from a little above the region's lowest row to a little below it."""
    rows = np.flatnonzero(region.any(axis=1))
    near = np.zeros(region.shape, bool)
    if len(rows) == 0:
        return near
    reach = max(2, round(BASE_BAND * (rows[-1] - rows[0] + 1)))
    near[max(0, rows[-1] - reach) : rows[-1] + reach + 1] = True
    return near
