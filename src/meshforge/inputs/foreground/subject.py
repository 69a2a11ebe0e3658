"""Is the chosen region a whole object, or a detail of a subject that runs off the frame?

A face above a suit that runs out of the bottom and left edges, a head and camera above
a coat cut off by the frame, the middle of a cat's face filling it: the detail stands out
(it is walled off from all sides but one), and so does what surrounds it, nearly as well,
once it may run off two sides instead of one (the two-side saliency), though it does not
when it may run off only one. Something walled off from all sides but two, and not from
one of them, runs off the frame there: the detail belongs to a subject cut off by it.
A whole object is surrounded by backdrop, which reaches three sides or more. Only the
surroundings that are in focus count: a blurred room behind an object is backdrop.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.refusals import ForegroundRefused, part_of_subject
from meshforge.inputs.foreground.saliency import SIDES, Saliency

EMBEDDED = 0.58  # the surroundings are walled off this well, relative to the region itself
IN_FOCUS = 0.5  # surroundings at least this sharp (focus.py's factor) count
SURROUNDINGS = 3  # cells around the region that are its surroundings
MIN_SHARP_SHARE = 0.65  # with fewer sharp surroundings (a blurred room around it), it is whole
SIDE_SHARE = 0.2  # a side nearest to this share of the surroundings is one it runs off

Mask = NDArray[np.bool_]
Field = NDArray[np.float64]


def detail_of_subject(chosen: Mask, saliency: Saliency, focus: Field) -> ForegroundRefused | None:
    """The refusal for a chosen region that is a detail of a subject running off the
    frame, or None for a whole object."""
    size = 2 * SURROUNDINGS + 1
    ring = cv2.dilate(chosen.astype(np.uint8), np.ones((size, size), np.uint8)) > 0
    ring &= ~chosen
    around = ring & (focus >= IN_FOCUS)
    if np.count_nonzero(around) < MIN_SHARP_SHARE * np.count_nonzero(ring):
        return None
    own = float(np.median(saliency.one_side[chosen]))
    if np.median(saliency.two_sides[around]) < EMBEDDED * own:
        return None
    return part_of_subject(_sides_run_off(saliency.nearest[around]))


def _sides_run_off(nearest: NDArray[np.int64]) -> list[str]:
    """The sides of the frame nearest to a good share of the surroundings."""
    shares = np.bincount(nearest, minlength=len(SIDES)) / max(1, len(nearest))
    sides = [name for name, share in zip(SIDES, shares, strict=True) if name != "horizon"]
    named = [name for name in sides if shares[SIDES.index(name)] >= SIDE_SHARE]
    return named or [sides[int(np.argmax(shares[: len(sides)]))]]
