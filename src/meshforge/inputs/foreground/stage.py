"""cut_out: the one foreground stage every image engine calls.

photo bytes -> upright RGB -> real alpha, or: the salient-object model where its weights
are installed (salient_model, judged by learned), or without weights: saliency from the
frame's sides (saliency) -> the object meant (pick) -> its exact outline (refine) -> one
whole piece (outline).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.backdrop import backdrop_distance
from meshforge.inputs.foreground.focus import focus_factor
from meshforge.inputs.foreground.learned import SURE, mask_from_probability
from meshforge.inputs.foreground.outline import check_whole, fill_small_holes, one_object
from meshforge.inputs.foreground.photo import decode_photo
from meshforge.inputs.foreground.pick import pick_object, ranked_regions, within_reach
from meshforge.inputs.foreground.refine import refine, work_copy
from meshforge.inputs.foreground.saliency import coarse_lab, side_saliency
from meshforge.inputs.foreground.salient_model import SalientObjectModel
from meshforge.inputs.foreground.subject import detail_of_subject
from meshforge.inputs.foreground.surface import horizon_cells

ALPHA_EDGE_DOUBT = 230  # alpha at or below this: the edge pixel carries the old background

Mask = NDArray[np.bool_]
RGB = NDArray[np.uint8]


@dataclass(frozen=True)
class Cutout:
    """The upright photo and its object.

    rgb: H x W x 3 uint8 (longest side <= the max_side asked for).
    mask: H x W bool, the object in one piece, small holes filled, real openings kept.
    alpha: H x W float32 in 0..1, the photo's own alpha, or the mask with a feathered edge
      (about one pixel of the segmentation's working size) for compositing.
    colour_mask: the mask without pixels whose colour may be the backdrop's (slivers, the
      unsure rim; with the learned segmenter, those it is not sure of), for texturing;
      the whole mask when that would drop most of it.
    from_alpha: True when the photo's alpha channel decided the mask.
    """

    rgb: RGB
    mask: Mask
    alpha: NDArray[np.float32]
    colour_mask: Mask
    from_alpha: bool


def cut_out(data: bytes, max_side: int = 1024, model: SalientObjectModel | None = None) -> Cutout:
    """Decode the photo and cut out its one object, or raise ForegroundRefused. `model`:
    the salient-object model (salient_model.installed_model), None to go without."""
    photo = decode_photo(data, max_side)
    if photo.alpha is not None:
        return _from_alpha(photo.rgb, photo.alpha)
    if model is not None:
        probability = model.probability(photo.rgb)
        mask, alpha = mask_from_probability(probability)
        colour_mask = _colour_mask(mask, probability < SURE, 0)
        return Cutout(photo.rgb, mask, alpha, colour_mask, False)
    return _segmented(photo.rgb)


def _from_alpha(rgb: RGB, alpha: NDArray[np.uint8]) -> Cutout:
    mask = fill_small_holes(one_object(alpha > 127))
    check_whole(mask)
    soft = (alpha.astype(np.float32) / 255.0) * mask
    return Cutout(rgb, mask, soft, _colour_mask(mask, alpha <= ALPHA_EDGE_DOUBT, 0), True)


def _segmented(rgb: RGB) -> Cutout:
    lab = coarse_lab(rgb)
    focus = focus_factor(rgb, lab.shape[:2])
    saliency = side_saliency(lab, horizon_cells(lab), focus)
    candidates = ranked_regions(saliency.one_side, lab)
    # A frame-filling subject (a face, a person cut at the knees) shows as several
    # salient details: say it is cut off before asking which detail was meant.
    refusal = detail_of_subject(candidates[0].mask, saliency, focus)
    if refusal is not None:
        raise refusal
    chosen = pick_object(candidates)
    work = work_copy(rgb)
    soft_work = refine(work, chosen.mask, within_reach(chosen.mask, saliency.one_side))
    height, width = rgb.shape[:2]
    soft = cv2.resize(soft_work, (width, height), interpolation=cv2.INTER_LINEAR)
    # The pick already judged rivals: stray pieces of the cut are dropped, not counted.
    mask = fill_small_holes(one_object(soft > 0.5, refuse_rivals=False))
    check_whole(mask)
    alpha = np.clip(soft, 0.0, 1.0) * cv2.dilate(mask.astype(np.uint8), np.ones((3, 3))).astype(
        np.float32
    )
    distance, threshold = backdrop_distance(work)
    backdrop_like = cv2.resize(distance, (width, height), interpolation=cv2.INTER_LINEAR)
    # The mask was upscaled from the work size, so its edge is that many pixels unsure.
    unsure_px = int(np.ceil(max(height, width) / work.shape[1]))
    colour_mask = _colour_mask(mask, backdrop_like < threshold, unsure_px)
    return Cutout(rgb, mask, alpha.astype(np.float32), colour_mask, False)


def _colour_mask(mask: Mask, doubtful: Mask, unsure_px: int) -> Mask:
    """The mask without doubtful pixels or its unsure rim, unless that drops most of it
    (an object in the backdrop's own colour, or a very thin one): then the whole mask."""
    colour_mask = mask & ~doubtful
    if unsure_px > 0:  # also the rim of doubtful patches inside, e.g. a gap between legs
        kernel = np.ones((3, 3), np.uint8)
        colour_mask = cv2.erode(colour_mask.astype(np.uint8), kernel, iterations=unsure_px) > 0
    return colour_mask if np.count_nonzero(colour_mask) >= 0.5 * np.count_nonzero(mask) else mask
