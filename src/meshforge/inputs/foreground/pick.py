"""Which salient region is the object a person meant, or why none is.

Candidates are the connected regions of the saliency map above a threshold that is
absolute (a faint blob is not an object), above what the backdrop's own texture reaches
along the sides of the frame, and relative (the halo around a strong object is not a
second one); a region made of the frame's own colours that runs into it is texture
(texture.py). Each is weighed by its saliency mass and by how central it is (people
centre what they photograph); the heaviest wins unless another region is nearly as
large, which is a photo of several objects.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.filled import nothing_salient
from meshforge.inputs.foreground.refusals import competing, no_object
from meshforge.inputs.foreground.texture import is_backdrop_texture

MIN_SALIENCY = 5.0  # delta E of accumulated outline a region needs to count at all,
TEXTURE_MARGIN = 2.0  # ...this many times what the backdrop's texture reaches,
RELATIVE_SALIENCY = 0.15  # ...and this share of the strongest region's saliency
SIDE_BAND = 0.1  # bands along the frame's sides, share of the shorter side
MIN_AREA = 0.004  # share of the frame a candidate must cover
MIN_OBJECT_AREA = 0.01  # share of the frame the chosen object must cover
REACH_SHARE = 0.5  # cells joined to the object this salient (vs the threshold) may be object
RIVAL_AREA = 0.35  # a runner-up this large (vs the winner) competes with it
CENTRE_SPREAD = 0.5  # centrality falls to 1/e this far from the centre (half-diagonals)

Mask = NDArray[np.bool_]


@dataclass(frozen=True)
class Candidate:
    mask: Mask  # the region with its holes filled (refine.py opens those that are holes)
    weight: float
    area: int


def ranked_regions(saliency: NDArray[np.float64], lab: NDArray[np.float64]) -> list[Candidate]:
    """The salient regions, heaviest first; refuses a photo without any."""
    candidates = [c for c in salient_regions(saliency) if not is_backdrop_texture(c.mask, lab)]
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
    threshold = saliency_threshold(saliency)
    count, labels = cv2.connectedComponents((saliency > threshold).astype(np.uint8), None, 8)
    candidates = []
    for label in range(1, count):
        region = fill_holes(labels == label)
        area = int(np.count_nonzero(region))
        if area >= MIN_AREA * region.size:
            mass = float(np.minimum(saliency[region], 4 * threshold).sum())
            candidates.append(Candidate(region, mass * centrality(region), area))
    return candidates


def saliency_threshold(saliency: NDArray[np.float64]) -> float:
    """What stands out: above a floor, above the backdrop's own texture (the saliency
    bands along the sides of the frame reach, most of them being backdrop), and a share
    of the strongest region (the halo around a strong object is not a second one)."""
    texture = backdrop_saliency(saliency)
    strongest = float(np.percentile(saliency, 99.5))
    return max(MIN_SALIENCY, TEXTURE_MARGIN * texture, RELATIVE_SALIENCY * strongest)


def backdrop_saliency(saliency: NDArray[np.float64]) -> float:
    """The saliency that the backdrop's texture reaches: the 95th percentile in a band
    along each side of the frame, the second lowest of the four (a subject may run off
    two sides)."""
    height, width = saliency.shape
    band = max(2, round(SIDE_BAND * min(height, width)))
    bands = (saliency[:band], saliency[-band:], saliency[:, :band], saliency[:, -band:])
    return sorted(float(np.percentile(cells, 95)) for cells in bands)[1]


def centrality(region: Mask) -> float:
    height, width = region.shape
    rows, cols = np.nonzero(region)
    dy = (rows.mean() - (height - 1) / 2) / (height / 2)
    dx = (cols.mean() - (width - 1) / 2) / (width / 2)
    return float(np.exp(-((dx * dx + dy * dy) / 2) / CENTRE_SPREAD**2))


def fill_holes(region: Mask) -> Mask:
    """The region with every enclosed hole filled (the cut opens real ones again)."""
    outside = np.pad(~region, 1, constant_values=True).astype(np.uint8)
    cv2.floodFill(outside, None, (0, 0), 2)
    return np.asarray(outside[1:-1, 1:-1] != 2)


def within_reach(chosen: Mask, saliency: NDArray[np.float64]) -> Mask:
    """Cells joined to the chosen region that stand out at least half as much as a region
    must: thin parts (a cow's legs, a handle) mixed with the backdrop in the coarse cells."""
    faint = saliency > REACH_SHARE * saliency_threshold(saliency)
    count, labels = cv2.connectedComponents((faint | chosen).astype(np.uint8), None, 8)
    return np.asarray(np.isin(labels, np.unique(labels[chosen])) & ~chosen)
