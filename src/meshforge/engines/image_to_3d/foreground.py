"""Find the one object in a photo: its real alpha channel, or a weight-free segmentation.

Without alpha, the background is modelled from the image border (a product photo on a
plain backdrop) and the mask is refined with OpenCV's GrabCut graph cut. The checks at
the end turn photos we cannot model into EngineInputError messages a user can act on.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps, UnidentifiedImageError

from meshforge.engines.base import EngineInputError

WORK_SIDE = 320  # GrabCut runs at this longest side: fast, and plenty for a silhouette
BORDER_FRACTION = 0.03  # width of the border strip that samples the background
MIN_OBJECT_FRACTION = 0.002  # smaller foregrounds count as "nothing there"
SECOND_OBJECT_RATIO = 0.15  # a second blob this large (vs the largest) is another object
MAX_BORDER_CONTACT = 0.45  # share of the image border the object may cover
LIGHTNESS_WEIGHT = 0.5  # soft shadows differ mostly in lightness: trust it less than hue

NO_FOREGROUND = (
    "the image has no distinguishable foreground object; photograph one whole object with a "
    "margin of plain background around it, in a colour that contrasts with the object"
)
MIN_BACKGROUND_SHARE = 0.1  # border colours rarer than this are the object touching the edge

Mask = NDArray[np.bool_]
RGB = NDArray[np.uint8]


@dataclass(frozen=True)
class Foreground:
    """The photo (RGB, possibly downscaled) and the object's mask at the same size."""

    rgb: RGB
    mask: Mask
    from_alpha: bool
    colour_mask: Mask  # mask pixels whose colour is the object's (no background slivers)


def decode_image(data: bytes, max_side: int) -> tuple[RGB, NDArray[np.uint8] | None]:
    """Decode PNG/JPEG/WebP bytes to RGB (and alpha when it is real), longest side <= max_side."""
    try:
        image = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise EngineInputError("the image could not be decoded; send a PNG, JPEG or WebP") from exc
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        image = _to_8_bit(image)
    if max(image.size) > max_side:
        scale = max_side / max(image.size)
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    rgba = np.asarray(image.convert("RGBA"))
    alpha = rgba[..., 3].copy() if has_alpha else None
    if alpha is not None and not _alpha_is_real(alpha):
        alpha = None
    return np.ascontiguousarray(rgba[..., :3]), alpha


def _to_8_bit(image: Image.Image) -> Image.Image:
    """16-bit and float greyscale PNGs: stretch to 0..255 (PIL would clip them to white)."""
    values = np.asarray(image, dtype=np.float64)
    low, high = float(values.min()), float(values.max())
    scaled = (values - low) / (high - low) * 255.0 if high > low else np.zeros_like(values)
    return Image.fromarray(np.round(scaled).astype(np.uint8), mode="L")


def _alpha_is_real(alpha: NDArray[np.uint8]) -> bool:
    """An alpha channel separates an object only if it has both clear and opaque pixels."""
    clear = np.count_nonzero(alpha < 64)
    opaque = np.count_nonzero(alpha > 192)
    return bool(clear > alpha.size * 0.01 and opaque > alpha.size * MIN_OBJECT_FRACTION)


def extract_foreground(data: bytes, max_side: int = 1024) -> Foreground:
    """Decode the photo and return it with the mask of its single foreground object."""
    rgb, alpha = decode_image(data, max_side)
    if alpha is not None:
        mask = clean_and_check(alpha > 127)
        # Semi-transparent edge pixels carry the old background's colour.
        return Foreground(rgb, mask, True, _colour_mask(mask, alpha <= 230, 0))
    raw_mask, background_like = segment_without_alpha(rgb)
    mask = clean_and_check(raw_mask)
    # The mask was upscaled from GrabCut's size, so its edge is that many pixels unsure.
    unsure_px = int(np.ceil(max(rgb.shape[:2]) / WORK_SIDE))
    return Foreground(rgb, mask, False, _colour_mask(mask, background_like, unsure_px))


def _colour_mask(mask: Mask, doubtful: Mask, unsure_px: int) -> Mask:
    """The mask without doubtful pixels or its unsure rim, unless that drops most of it
    (an object in the backdrop's own colour, or a very thin one): then the whole mask."""
    colour_mask = mask & ~doubtful
    if unsure_px > 0:  # also the rim of doubtful patches inside, e.g. a gap between legs
        kernel = np.ones((3, 3), np.uint8)
        colour_mask = cv2.erode(colour_mask.astype(np.uint8), kernel, iterations=unsure_px) > 0
    return colour_mask if np.count_nonzero(colour_mask) >= 0.5 * np.count_nonzero(mask) else mask


def segment_without_alpha(rgb: RGB) -> tuple[Mask, Mask]:
    """Border background model + GrabCut at a small size, upscaled smoothly to full size.

    Also returns where the colour is clearly the background's: GrabCut's mask can
    include slivers of backdrop (between legs, say) that must not colour the texture."""
    height, width = rgb.shape[:2]
    scale = min(1.0, WORK_SIDE / max(height, width))
    small: RGB = np.asarray(
        cv2.resize(
            rgb,
            (max(8, round(width * scale)), max(8, round(height * scale))),
            interpolation=cv2.INTER_AREA,
        ),
        np.uint8,
    )
    distance, threshold = background_distance(small)
    if np.count_nonzero(distance > threshold) < distance.size * MIN_OBJECT_FRACTION:
        raise EngineInputError(NO_FOREGROUND)
    labels = _grabcut_seed(distance, threshold)
    bgd_model = np.zeros((1, 65), np.float64)
    fgd_model = np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(0)  # GrabCut's GMM init uses OpenCV's RNG: keep results reproducible
    cv2.grabCut(small, labels, (0, 0, 1, 1), bgd_model, fgd_model, 4, cv2.GC_INIT_WITH_MASK)
    small_mask = (labels == cv2.GC_FGD) | (labels == cv2.GC_PR_FGD)
    soft = cv2.GaussianBlur(small_mask.astype(np.float32), (0, 0), 0.8)
    mask = np.asarray(cv2.resize(soft, (width, height), interpolation=cv2.INTER_LINEAR) > 0.5)
    full_distance = cv2.resize(distance, (width, height), interpolation=cv2.INTER_LINEAR)
    return mask, np.asarray(full_distance < threshold)


def background_distance(rgb: RGB) -> tuple[NDArray[np.float32], float]:
    """Per-pixel colour distance to the border's background colours, and a cut-off for it."""
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    lab[..., 0] *= LIGHTNESS_WEIGHT
    strip = border_strip(lab.shape[:2])
    samples = lab[strip].reshape(-1, 3)
    clusters = min(4, len(samples))
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    cv2.setRNGSeed(0)
    _, labels, centers = cv2.kmeans(  # type: ignore[call-overload]
        samples, clusters, None, criteria, 2, cv2.KMEANS_PP_CENTERS
    )
    # An object touching the edge adds its colours to the border: ignore rare clusters.
    shares = np.bincount(labels.ravel(), minlength=clusters) / len(samples)
    centers = centers[(shares >= MIN_BACKGROUND_SHARE) | (shares == shares.max())]
    flat = lab.reshape(-1, 1, 3) - centers.reshape(1, -1, 3)
    distance = np.sqrt((flat**2).sum(axis=2)).min(axis=1).reshape(lab.shape[:2])
    # Most of the border is background, so its spread there sets the noise level.
    border_spread = float(np.percentile(distance[strip], 75))
    return distance.astype(np.float32), max(10.0, 3.0 * border_spread)


def border_strip(shape: tuple[int, ...]) -> Mask:
    """True on a thin frame along the image edges."""
    height, width = shape[:2]
    band = max(2, round(BORDER_FRACTION * min(height, width)))
    strip = np.zeros((height, width), bool)
    strip[:band], strip[-band:], strip[:, :band], strip[:, -band:] = True, True, True, True
    return strip


def _grabcut_seed(distance: NDArray[np.float32], threshold: float) -> NDArray[np.uint8]:
    """GrabCut labels: sure background on background-coloured border, probable elsewhere."""
    labels = np.full(distance.shape, cv2.GC_PR_BGD, np.uint8)
    labels[distance > threshold] = cv2.GC_PR_FGD
    labels[distance > 3.0 * threshold] = cv2.GC_FGD
    labels[border_strip(distance.shape) & (distance <= threshold)] = cv2.GC_BGD
    return labels


def clean_and_check(mask: Mask) -> Mask:
    """Keep the single object (small specks and pin holes removed) or explain why not."""
    area = mask.size
    if np.count_nonzero(mask) < area * MIN_OBJECT_FRACTION:
        raise EngineInputError(NO_FOREGROUND)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        mask.astype(np.uint8), connectivity=8
    )
    areas = stats[1:, cv2.CC_STAT_AREA]
    largest = int(np.argmax(areas))
    significant = (areas >= SECOND_OBJECT_RATIO * areas[largest]) & (
        areas >= area * MIN_OBJECT_FRACTION
    )
    if np.count_nonzero(significant) > 1:
        raise EngineInputError(
            f"the image shows {int(np.count_nonzero(significant))} separate objects; "
            "crop or photograph a single object"
        )
    single = labels == largest + 1
    contact = _border_contact(single)
    if contact > MAX_BORDER_CONTACT:
        raise EngineInputError(
            f"the object covers {contact:.0%} of the image border, so its outline is cut "
            "off; leave a margin of plain background around the whole object"
        )
    return fill_small_holes(single)


def _border_contact(mask: Mask) -> float:
    edges = np.concatenate([mask[0], mask[-1], mask[:, 0], mask[:, -1]])
    return float(np.count_nonzero(edges)) / len(edges)


def fill_small_holes(mask: Mask, max_fraction: float = 0.01) -> Mask:
    """Fill holes smaller than max_fraction of the object (noise); keep real openings."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (~mask).astype(np.uint8), connectivity=4
    )
    x, y, w, h, areas = (stats[:, i] for i in range(5))
    touches_edge = (x == 0) | (y == 0) | (x + w == mask.shape[1]) | (y + h == mask.shape[0])
    fill = ~touches_edge & (areas <= max_fraction * np.count_nonzero(mask))
    fill[0] = False  # label 0 is the object itself
    return np.asarray(mask | fill[labels])
