"""Which salient region is the object a person meant, or why none is.

Candidates are the connected regions of the saliency map above a threshold that is
absolute (a faint blob is not an object) and relative (the halo around a strong object
is not a second one). Each is weighed by its saliency mass and by how central it is
(people centre what they photograph); the heaviest wins unless another region is
nearly as large, which is a photo of several objects.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.filled import nothing_salient
from meshforge.inputs.foreground.refusals import competing, no_object

MIN_SALIENCY = 12.0  # delta E of accumulated outline a region needs to count at all
RELATIVE_SALIENCY = 0.2  # ...and this share of the strongest region's saliency
MIN_AREA = 0.004  # share of the frame a candidate must cover
MIN_OBJECT_AREA = 0.01  # share of the frame the chosen object must cover
RIVAL_AREA = 0.35  # a runner-up this large (vs the winner) competes with it
CENTRE_SPREAD = 0.5  # centrality falls to 1/e this far from the centre (half-diagonals)

Mask = NDArray[np.bool_]


@dataclass(frozen=True)
class Candidate:
    mask: Mask  # the region with its holes filled
    holes: Mask  # what the filling added: backdrop seen through the object, or not
    weight: float
    area: int


def ranked_regions(saliency: NDArray[np.float64], lab: NDArray[np.float64]) -> list[Candidate]:
    """The salient regions, heaviest first; refuses a photo without any."""
    candidates = salient_regions(saliency)
    if not candidates:
        raise nothing_salient(lab)
    return sorted(candidates, key=lambda candidate: candidate.weight, reverse=True)


def pick_object(candidates: list[Candidate]) -> Candidate:
    """The heaviest region, unless another is nearly as large or it is too small."""
    chosen = candidates[0]
    rivals = [c for c in candidates[1:] if c.area >= RIVAL_AREA * chosen.area]
    if rivals:
        raise competing(1 + len(rivals))
    if chosen.area < MIN_OBJECT_AREA * chosen.mask.size:
        raise no_object()
    return chosen


def salient_regions(saliency: NDArray[np.float64]) -> list[Candidate]:
    threshold = max(MIN_SALIENCY, RELATIVE_SALIENCY * float(np.percentile(saliency, 99.5)))
    count, labels = cv2.connectedComponents((saliency > threshold).astype(np.uint8), None, 8)
    candidates = []
    for label in range(1, count):
        raw = labels == label
        region = fill_holes(raw)
        area = int(np.count_nonzero(region))
        if area >= MIN_AREA * region.size:
            mass = float(np.minimum(saliency[region], 4 * threshold).sum())
            candidates.append(Candidate(region, region & ~raw, mass * centrality(region), area))
    return candidates


def centrality(region: Mask) -> float:
    height, width = region.shape
    rows, cols = np.nonzero(region)
    dy = (rows.mean() - (height - 1) / 2) / (height / 2)
    dx = (cols.mean() - (width - 1) / 2) / (width / 2)
    return float(np.exp(-((dx * dx + dy * dy) / 2) / CENTRE_SPREAD**2))


def fill_holes(region: Mask) -> Mask:
    """The region with every enclosed hole filled (holes come back later from colour)."""
    outside = np.pad(~region, 1, constant_values=True).astype(np.uint8)
    cv2.floodFill(outside, None, (0, 0), 2)
    return np.asarray(outside[1:-1, 1:-1] != 2)


def whole_region(chosen: Mask, two_sides: NDArray[np.float64]) -> Mask:
    """The chosen region grown by what is walled off from all but two sides of the frame
    and touches it: a face whose suit runs out of the bottom and left edges, a head above
    a coat cut off by the frame. The frame check on it catches cut-off objects whose
    visible part the one-side saliency alone would take for a whole object."""
    threshold = max(MIN_SALIENCY, RELATIVE_SALIENCY * float(np.percentile(two_sides, 99.5)))
    count, labels = cv2.connectedComponents((two_sides > threshold).astype(np.uint8), None, 8)
    touching = np.unique(labels[chosen & (labels > 0)])
    return np.asarray(chosen | fill_holes(np.isin(labels, touching)))
