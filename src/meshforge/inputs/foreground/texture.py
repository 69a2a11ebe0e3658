"""A salient patch that runs into the frame and is made of the frame's own colours is the
backdrop's texture (a big brick at the bottom of a brick wall seen in perspective, a
knot in a table's grain), not an object cut off by the frame.

An object cut off by the frame has colours of its own: those of the frame's ring where
the patch does not touch it (the backdrop there) do not cover it.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

RING = 2  # cells: depth of the frame's ring whose colours are the backdrop's
MATCH = 6.0  # delta E to the nearest ring colour that counts as the same colour
TEXTURE_SHARE = 0.8  # a patch this much made of ring colours is texture

Field = NDArray[np.float64]
Mask = NDArray[np.bool_]


def is_backdrop_texture(patch: Mask, lab: Field, beside: Mask | None = None) -> bool:
    """True when `patch` touches the frame and is made of the colours of the rest of
    the frame's ring (leaving out where `beside`, e.g. the object next to it, touches)."""
    ring = np.zeros(patch.shape, bool)
    ring[:RING], ring[-RING:], ring[:, :RING], ring[:, -RING:] = True, True, True, True
    if not (patch & ring).any():
        return False
    touching = patch if beside is None else patch | beside
    backdrop = lab[ring & ~_grown(touching, RING)]
    if len(backdrop) == 0:
        return False
    colours = lab[patch]
    nearest = np.full(len(colours), np.inf)
    for start in range(0, len(backdrop), 256):  # a few thousand pairs at a time
        chunk = backdrop[start : start + 256]
        distance = np.linalg.norm(colours[:, None, :] - chunk[None, :, :], axis=2).min(axis=1)
        nearest = np.minimum(nearest, distance)
    return bool(np.mean(nearest < MATCH) >= TEXTURE_SHARE)


def _grown(mask: Mask, cells: int) -> Mask:
    """The mask grown by `cells` in every direction (square steps)."""
    grown = mask.copy()
    for _ in range(cells):
        step = grown.copy()
        step[1:] |= grown[:-1]
        step[:-1] |= grown[1:]
        step[:, 1:] |= grown[:, :-1]
        step[:, :-1] |= grown[:, 1:]
        grown = step
    return grown
