"""Where an object meets the frame: does it graze it, or is it cut across?

A round object that grazes the frame (a duck just touching the bottom) meets it along a
short chord, and half a chord's length in it is already much wider than the chord: its
outline turns away from the frame. A part that runs out of the frame (a neck whose head
is out of the picture, an arm) meets it with its sides running into the frame: half a
contact's length in it is hardly wider than where it meets the frame. That is cut off
however short a share of the whole outline the cut is, so it is refused too.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

SIDE_NAMES = ("top", "bottom", "left", "right")
MIN_CONTACT = 0.05  # contacts shorter than this share of the object's size are specks
WIDENS = 1.6  # half a contact's length in, a grazing object is this many times wider

Mask = NDArray[np.bool_]


def sides_cut_across(mask: Mask) -> list[str]:
    """The sides of the frame across which some part of the object runs out of it."""
    size = np.sqrt(max(1, int(np.count_nonzero(mask))))
    views = (mask, mask[::-1], mask.T, mask.T[::-1])  # each side turned to be row 0
    return [
        name
        for name, view in zip(SIDE_NAMES, views, strict=True)
        if any(_runs_out(view, start, end) for start, end in _contacts(view[0], size))
    ]


def _contacts(edge: NDArray[np.bool_], size: float) -> list[tuple[int, int]]:
    """Runs of object pixels along the frame's edge row, specks left out."""
    padded = np.concatenate([[False], edge, [False]]).astype(np.int8)
    changes = np.flatnonzero(np.diff(padded))
    runs = zip(changes[::2], changes[1::2], strict=True)
    return [(int(a), int(b)) for a, b in runs if b - a >= max(3.0, MIN_CONTACT * size)]


def _runs_out(view: Mask, start: int, end: int) -> bool:
    """True when, half a contact's length in from the edge, the object is hardly wider."""
    length = end - start
    depth = min(length // 2, view.shape[0] - 1)
    row = view[depth, max(0, start - length) : end + length]
    return bool(np.count_nonzero(row) < WIDENS * length)
