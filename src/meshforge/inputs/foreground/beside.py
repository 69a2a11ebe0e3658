"""What the backdrop looks like beside each pixel: the mean colour of the backdrop pixels in
the same rows (a few above and below), up to half the frame's width either side.

A table's and a wall's colours change with the height in the frame (depth, the horizon),
hardly across it, so the backdrop beside a pixel is what would be seen there without
the object: the reference for a contact shadow (the backdrop in shade) and for a gap
between an object's parts (the backdrop itself).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

REACH = 0.5  # share of the width either side
ROWS = 2  # pixel rows above and below

Mask = NDArray[np.bool_]


@dataclass(frozen=True)
class Beside:
    colour: NDArray[np.float32]  # H x W x 3, RGB 0..255 (meaningless where not known)
    known: Mask  # where some backdrop pixel lies in the window


def backdrop_beside(work: NDArray[np.uint8], backdrop: Mask) -> Beside:
    """The mean colour of the `backdrop` pixels in a wide, flat window around each pixel."""
    width = work.shape[1]
    size = (2 * round(REACH * width) + 1, 2 * ROWS + 1)
    weight = backdrop.astype(np.float32)
    count = cv2.boxFilter(weight, -1, size, normalize=False, borderType=cv2.BORDER_CONSTANT)
    colours = work.astype(np.float32) * weight[..., None]
    total = cv2.boxFilter(colours, -1, size, normalize=False, borderType=cv2.BORDER_CONSTANT)
    mean = total / np.maximum(count, 1e-6)[..., None]
    return Beside(np.asarray(mean, np.float32), np.asarray(count > 0.5))


def contrast_to(work: NDArray[np.uint8], beside: Beside) -> NDArray[np.float32]:
    """CIELAB delta E between each pixel and the backdrop beside it (0 where unknown)."""
    here = cv2.cvtColor(work.astype(np.float32) / 255.0, cv2.COLOR_RGB2LAB)
    there = cv2.cvtColor(np.clip(beside.colour, 0, 255) / 255.0, cv2.COLOR_RGB2LAB)
    distance = np.linalg.norm(here - there, axis=2)
    return np.asarray(np.where(beside.known, distance, 0.0), np.float32)
