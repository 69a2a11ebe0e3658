"""Checks on the final mask: one piece, small holes filled, not cut off by the frame."""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.crossing import sides_cut_across
from meshforge.inputs.foreground.refusals import competing, cut_off, no_object, runs_out

CUT_OFF_TRACE = 0.10  # share of the outline that may lie on the frame (a trace)
SMALL_HOLE = 0.01  # holes smaller than this share of the object are noise
MIN_OBJECT_FRACTION = 0.002  # an alpha mask smaller than this share of the image is empty
PIECE_GAP = 0.015  # pieces closer than this share of the diagonal are one object
SECOND_OBJECT_RATIO = 0.15  # a separate group this large (vs the largest) is another object
EDGE_NAMES = ("top", "bottom", "left", "right")

Mask = NDArray[np.bool_]


def one_object(mask: Mask, refuse_rivals: bool = True) -> Mask:
    """The object's pieces: those a small gap away from the largest (a logo in two halves,
    a cup and its saucer's rim), specks dropped; a second group as big is another object."""
    if np.count_nonzero(mask) < MIN_OBJECT_FRACTION * mask.size:
        raise no_object()
    gap = max(1, round(PIECE_GAP * np.hypot(*mask.shape)))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * gap + 1, 2 * gap + 1))
    grouped = cv2.dilate(mask.astype(np.uint8), kernel)
    count, labels = cv2.connectedComponents(grouped, connectivity=8)
    # Each group's own object pixels (not the dilated ones); label 0 is the backdrop.
    areas = np.bincount(labels[mask], minlength=count)
    areas[0] = 0
    largest = int(np.argmax(areas))
    rivals = int(np.count_nonzero(areas >= SECOND_OBJECT_RATIO * areas[largest])) - 1
    if rivals and refuse_rivals:
        raise competing(1 + rivals)
    return np.asarray(mask & (labels == largest))


def check_whole(mask: Mask) -> None:
    """Refuse an object whose outline runs along the frame for more than a trace, or a
    part of which runs out of the frame however short the cut (crossing.py)."""
    outline = mask & ~(cv2.erode(mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0)
    edges = (mask[0], mask[-1], mask[:, 0], mask[:, -1])
    on_frame = [int(np.count_nonzero(edge)) for edge in edges]
    # The outline inside the image is counted by the erosion; the frame part separately.
    share = sum(on_frame) / max(1, int(np.count_nonzero(outline)) + sum(on_frame))
    if share > CUT_OFF_TRACE:
        touched = [name for name, count in zip(EDGE_NAMES, on_frame, strict=True) if count]
        raise cut_off(share, touched)
    crossed = sides_cut_across(mask)
    if crossed:
        raise runs_out(crossed)


def fill_small_holes(mask: Mask, max_fraction: float = SMALL_HOLE) -> Mask:
    """Fill holes smaller than max_fraction of the object (noise); keep real openings."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (~mask).astype(np.uint8), connectivity=4
    )
    x, y, w, h, areas = (stats[:, i] for i in range(5))
    touches_edge = (x == 0) | (y == 0) | (x + w == mask.shape[1]) | (y + h == mask.shape[0])
    fill = ~touches_edge & (areas <= max_fraction * np.count_nonzero(mask))
    fill[0] = False  # label 0 is the object itself
    return np.asarray(mask | fill[labels])
