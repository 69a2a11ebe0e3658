"""The object's exact outline: OpenCV's GrabCut, seeded by the chosen salient region.

The coarse region says roughly where the object is; GrabCut (colour models of object
and backdrop plus an edge-following graph cut) settles each pixel in a band around its
outline. Backdrop-coloured pixels inside the region stay open to the cut, so a hole
through the object (between a mug and its handle) can open again.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.backdrop import backdrop_distance
from meshforge.inputs.foreground.beside import backdrop_beside, contrast_to
from meshforge.inputs.foreground.shadow import shadowed_backdrop

WORK_SIDE = 320  # GrabCut runs at this longest side: fast, and plenty for an outline
BAND_CELLS = 2.0  # the band GrabCut may move the outline in, in saliency cells
ITERATIONS = 4
SURE_CONTRAST = 15.0  # delta E from the backdrop beside it that sure object pixels have
SAME_AS_BESIDE = 8.0  # ...and below which a doubtful pixel is probably that backdrop
HOLE_CONTRAST = 12.0  # delta E from the backdrop beside it that a hole's pixels have at most
MIN_WALL = 2  # pixels (at the work size) either side of a wall's middle: thinner is a line
MIN_HOLE = 0.005  # share of the region: smaller walled-in patches are specks
MOSTLY_LIKE_BACKDROP = 0.3  # share of the region: above, the object is white on white

Mask = NDArray[np.bool_]


def work_copy(rgb: NDArray[np.uint8]) -> NDArray[np.uint8]:
    height, width = rgb.shape[:2]
    scale = min(1.0, WORK_SIDE / max(height, width))
    size = (max(8, round(width * scale)), max(8, round(height * scale)))
    return np.asarray(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA), np.uint8)


def refine(work: NDArray[np.uint8], region: Mask, reach: Mask | None = None) -> NDArray[np.float32]:
    """A soft (0..1) object mask at the work size from the coarse region; the cut may
    also take in `reach` (cells that may be object: a thin leg the coarse region missed)."""
    height, width = work.shape[:2]
    band = max(2, round(BAND_CELLS * width / region.shape[1]))
    labels = seed_labels(_upscaled(region, width, height), band)
    beside = backdrop_beside(work, labels == cv2.GC_BGD)
    # A contact shadow is the table in shade: doubtful, and a colour the backdrop has.
    shade = shadowed_backdrop(work, beside, labels != cv2.GC_BGD)
    if reach is not None:
        labels[_upscaled(reach, width, height) & (labels == cv2.GC_BGD) & ~shade] = cv2.GC_PR_BGD
    labels[shade & (labels != cv2.GC_BGD)] = cv2.GC_PR_BGD
    contrast = contrast_to(work, beside)
    _doubt_the_backdrop_beside(labels, contrast)
    distance, threshold = backdrop_distance(work)
    backdrop_coloured = distance < threshold
    # A hole shows the backdrop beside it, walled in by the object's own colours (the wall
    # through a mug's handle; not coffee in a cup, which only has a table's colour).
    through = backdrop_coloured & (contrast < HOLE_CONTRAST)
    labels[_walled_in(labels != cv2.GC_BGD, through)] = cv2.GC_PR_BGD
    backdrop = (labels == cv2.GC_BGD) | (labels == cv2.GC_PR_BGD)
    if not backdrop.any() or backdrop.all():  # a frame-filling region: the cut has no choice
        return np.asarray(labels != cv2.GC_BGD, np.float32)
    bgd_model = np.zeros((1, 65), np.float64)
    fgd_model = np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(0)  # GrabCut's GMM init uses OpenCV's RNG: keep results reproducible
    mode = cv2.GC_INIT_WITH_MASK
    cv2.grabCut(work, labels, (0, 0, 1, 1), bgd_model, fgd_model, ITERATIONS, mode)
    hard = (labels == cv2.GC_FGD) | (labels == cv2.GC_PR_FGD)
    return np.asarray(cv2.GaussianBlur(hard.astype(np.float32), (0, 0), 0.8))


def _doubt_the_backdrop_beside(labels: NDArray[np.uint8], contrast: NDArray[np.float32]) -> None:
    """Sure object only where it clearly differs from the backdrop beside it; where it is
    that backdrop (the table between a person's legs, inside the coarse region), probable
    backdrop, unless most of the object looks like its backdrop (white on white)."""
    inside = labels != cv2.GC_BGD
    labels[(labels == cv2.GC_FGD) & (contrast < SURE_CONTRAST)] = cv2.GC_PR_FGD
    if np.mean(contrast[inside] < SAME_AS_BESIDE) < MOSTLY_LIKE_BACKDROP:
        labels[(labels == cv2.GC_PR_FGD) & (contrast < SAME_AS_BESIDE)] = cv2.GC_PR_BGD


def _walled_in(inside: Mask, backdrop_like: Mask) -> Mask:
    """Backdrop-like patches inside the region with a solid wall of the object's own
    colours all round them (a handle; not a thin line such as the rim of a white ball's
    lit top, which is the object too), specks of the size of JPEG blocks left out."""
    kernel = np.ones((2 * MIN_WALL + 1, 2 * MIN_WALL + 1), np.uint8)
    own = cv2.morphologyEx((inside & ~backdrop_like).astype(np.uint8), cv2.MORPH_OPEN, kernel)
    outside = np.pad(1 - own, 1, constant_values=1)
    cv2.floodFill(outside, None, (0, 0), 2)
    walled = (outside[1:-1, 1:-1] == 1) & inside
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        walled.astype(np.uint8), connectivity=8
    )
    big = stats[:, cv2.CC_STAT_AREA] >= MIN_HOLE * np.count_nonzero(inside)
    big[0] = False
    return np.asarray(big[labels])


def _upscaled(cells: Mask, width: int, height: int) -> Mask:
    scaled = cv2.resize(cells.astype(np.float32), (width, height), interpolation=cv2.INTER_LINEAR)
    return np.asarray(scaled > 0.5)


def seed_labels(region: Mask, band: int) -> NDArray[np.uint8]:
    """Sure object deep inside, probable either side of the outline, sure backdrop beyond."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * band + 1, 2 * band + 1))
    as_byte = region.astype(np.uint8)
    # The frame counts as outside: only the cut may say the object runs to the frame.
    inner = cv2.erode(as_byte, kernel, borderType=cv2.BORDER_CONSTANT, borderValue=0) > 0
    outer = cv2.dilate(as_byte, kernel) > 0
    labels = np.full(region.shape, cv2.GC_BGD, np.uint8)
    labels[outer] = cv2.GC_PR_BGD
    labels[region] = cv2.GC_PR_FGD
    labels[inner] = cv2.GC_FGD
    return labels
