"""The object's mask from the salient-object model's answer, or why there is none.

The model marks what stands out; the rules of the stage still decide whether that is
one whole object: check_whole refuses one cut off by the frame, one_object a second
object of similar size (outline.py). One rule is the model's own: a net of thin lines
running into the frame (the mortar of a brick wall, cracks in paving) is texture the
model found salient, not an object, so the photo has none.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.outline import check_whole, fill_small_holes, one_object
from meshforge.inputs.foreground.refusals import no_object

FOUND = 0.5  # probability above which a pixel is the object
SURE = 0.9  # ...and at or above which its colour is the object's alone (for texturing)
THIN_SHARE = 0.025  # a region nowhere thicker than this share of the shorter side is lines

Mask = NDArray[np.bool_]
Probability = NDArray[np.float32]


def mask_from_probability(probability: Probability) -> tuple[Mask, Probability]:
    """(mask, alpha) of the one whole object, or ForegroundRefused."""
    found = probability > FOUND
    if _lines_into_the_frame(found):
        raise no_object()
    # A subject running off the frame is cut off, whatever the model found beside it
    # (the stripes of a jumper filling the frame are not several objects).
    check_whole(one_object(found, refuse_rivals=False))
    mask = fill_small_holes(one_object(found))
    # The model's soft edge is the feather; a speck filled inside the object is opaque.
    near = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    alpha = np.where(near, probability, 0.0).astype(np.float32)
    alpha[mask & ~found] = 1.0
    return mask, alpha


def _lines_into_the_frame(found: Mask) -> bool:
    """True when the largest found region touches the frame and is nowhere thick."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        found.astype(np.uint8), connectivity=8
    )
    if count < 2:
        return False
    largest = labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    touches = largest[0].any() or largest[-1].any() or largest[:, 0].any() or largest[:, -1].any()
    if not touches:
        return False
    depth = cv2.distanceTransform(largest.astype(np.uint8), cv2.DIST_L2, 5)
    return bool(depth.max() < THIN_SHARE * min(found.shape))
