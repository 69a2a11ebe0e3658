"""A photo with no salient region may still be a close-up: an object filling the frame.

Then the frame's corners (the only backdrop left) differ from its centre, and the
border between the corners is the object's colour. A texture or an empty table looks
the same at the centre as at some corner, and is a photo with no object at all.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.outline import CUT_OFF_TRACE
from meshforge.inputs.foreground.refusals import ForegroundRefused, cut_off, no_object

CORNER = 0.1  # corner patches: this share of each side
CENTRE = 0.3  # the central patch: this share of each side
FILL_CONTRAST = 15.0  # delta E between the centre and every corner that means "an object"

Field = NDArray[np.float64]


def nothing_salient(lab: Field) -> ForegroundRefused:
    """The refusal for a photo without salient regions: cut off if something fills the
    frame, else no object."""
    height, width = lab.shape[:2]
    ch, cw = max(1, round(CORNER * height)), max(1, round(CORNER * width))
    corners = [lab[:ch, :cw], lab[:ch, -cw:], lab[-ch:, :cw], lab[-ch:, -cw:]]
    corner_means = np.array([patch.reshape(-1, 3).mean(axis=0) for patch in corners])
    top, left = round((1 - CENTRE) / 2 * height), round((1 - CENTRE) / 2 * width)
    centre = lab[top : height - top, left : width - left].reshape(-1, 3).mean(axis=0)
    if np.linalg.norm(corner_means - centre, axis=1).min() < FILL_CONTRAST:
        return no_object()
    sides = {"top": lab[0], "bottom": lab[-1], "left": lab[:, 0], "right": lab[:, -1]}
    shares = {name: _object_share(cells, corner_means) for name, cells in sides.items()}
    share = float(np.mean(list(shares.values())))
    if share <= CUT_OFF_TRACE:  # a faint object in the middle, not one filling the frame
        return no_object()
    return cut_off(share, [name for name, value in shares.items() if value > CUT_OFF_TRACE])


def _object_share(cells: Field, corner_means: Field) -> float:
    """Share of a frame side whose colour is far from every corner's."""
    distance = np.linalg.norm(cells[:, None, :] - corner_means[None], axis=2).min(axis=1)
    return float(np.mean(distance > FILL_CONTRAST))
