"""A contact shadow is the backdrop in shade: the table beside it, darker, the same hue.

Light blocked by the object dims the table under it without changing its colour's
proportions, so a shadowed pixel is the backdrop's colour next to it (the same rows,
either side: the table's colour changes with depth, not across) scaled down. An object
rarely has exactly the backdrop's proportions of red, green and blue, so it does not read
as shade. On a grey, white or black backdrop every grey has those proportions, so shade
cannot be told from a grey object's shading by colour: there it is only looked for in a
band around the region's lowest row, only where it is deep (a frosted glass's foot at
85% of a white backdrop's light is not shade) and stays grey (a tan lamp's shaded base
blended with the grey backdrop at its edge is not shade). Pixels in shade are only
marked doubtful (the cut still weighs the object's colours and edges), and only where a
contact shadow falls: in the lower half of the region (the region may run down into the
table's grain, so its lowest row is not always the object's base).
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.beside import Beside

MAX_LIGHT = 0.9  # at most this much of the light beside it: in shade
MAX_LIGHT_ON_GREY = 0.8  # ...on a grey, white or black backdrop
MIN_LIGHT = 0.2  # ...and at least this much (black is not a shadow on a light table)
MAX_ANGLE = np.deg2rad(6.0)  # the colour's direction (its hue and saturation) kept within this
MAX_ANGLE_ON_GREY = np.deg2rad(3.0)  # ...on grey, where shade stays grey and a tint is an object
SMOOTH = 3  # pixels averaged across before judging the hue
MIN_SATURATION = 0.15  # a backdrop this grey has no hue to keep
BELOW = 0.2  # shadows reach this share of the region's height below (and above) its base

Mask = NDArray[np.bool_]


def shadowed_backdrop(work: NDArray[np.uint8], beside: Beside, region: Mask) -> Mask:
    """Pixels in the region's lower half that are the backdrop beside them in shade (on a
    grey backdrop, only near the region's lowest row)."""
    # Shade is smooth: averaging a few pixels steadies the hue of dark, noisy JPEG pixels.
    colours = cv2.blur(work.astype(np.float32), (SMOOTH, SMOOTH)) + 1.0
    reference = beside.colour + 1.0
    light = colours.sum(axis=2) / np.maximum(reference.sum(axis=2), 1e-6)
    cosine = (colours * reference).sum(axis=2) / (
        np.linalg.norm(colours, axis=2) * np.linalg.norm(reference, axis=2) + 1e-6
    )
    coloured = _saturation(reference) >= MIN_SATURATION
    same_hue = cosine > np.cos(np.where(coloured, MAX_ANGLE, MAX_ANGLE_ON_GREY))
    # On grey, a pale object (frosted glass) has the backdrop's hue too: only deeper shade.
    dim = light < np.where(coloured, MAX_LIGHT, MAX_LIGHT_ON_GREY)
    shaded = beside.known & same_hue & (light > MIN_LIGHT) & dim
    where = np.where(coloured, _rows_down_from(region, 0.5), _rows_down_from(region, 1 - BELOW))
    return np.asarray(shaded & where)


def _saturation(colours: NDArray[np.float32]) -> NDArray[np.float32]:
    """(max - min) / max of each colour's channels: 0 for greys."""
    top = colours.max(axis=2)
    return np.asarray((top - colours.min(axis=2)) / np.maximum(top, 1e-6), np.float32)


def _rows_down_from(region: Mask, share: float) -> Mask:
    """Rows from `share` of the way down the region to a little below its lowest row."""
    rows = np.flatnonzero(region.any(axis=1))
    band = np.zeros(region.shape, bool)
    if len(rows) == 0:
        return band
    height = rows[-1] - rows[0] + 1
    below = max(2, round(BELOW * height))
    band[rows[0] + int(share * height) : rows[-1] + below + 1] = True
    return band
