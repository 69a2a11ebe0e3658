"""Decode a photo for the image engines: upright, 8-bit RGB, and its alpha when real.

Phones store pixels as the sensor saw them and say in EXIF how to turn them; the
decoded photo is always turned as the person saw it, so masks, crops and the model's
up direction all follow the displayed image.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps, UnidentifiedImageError

from meshforge.inputs.foreground.refusals import ForegroundRefused

MIN_CLEAR_SHARE = 0.01  # an alpha channel is real only with this much clear area...
MIN_OPAQUE_SHARE = 0.002  # ...and this much opaque area

RGB = NDArray[np.uint8]


@dataclass(frozen=True)
class Photo:
    """Upright RGB pixels (longest side <= the decode limit) and the alpha, if real."""

    rgb: RGB
    alpha: NDArray[np.uint8] | None


def decode_photo(data: bytes, max_side: int) -> Photo:
    """Decode PNG/JPEG/WebP bytes, turned by EXIF, longest side <= max_side."""
    try:
        image = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ForegroundRefused(
            "undecodable", "the image could not be decoded; send a PNG, JPEG or WebP"
        ) from exc
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
    return Photo(np.ascontiguousarray(rgba[..., :3]), alpha)


def _to_8_bit(image: Image.Image) -> Image.Image:
    """16-bit greyscale keeps its tones (0..65535 -> 0..255; PIL would clip them to white);
    float or wider integer images have no fixed range, so theirs is stretched to 0..255."""
    values = np.asarray(image, dtype=np.float64)
    low, high = float(values.min()), float(values.max())
    if image.mode.startswith("I") and low >= 0 and high <= 65535:
        scaled = values / 257.0
    elif high > low:
        scaled = (values - low) / (high - low) * 255.0
    else:
        scaled = np.zeros_like(values)
    return Image.fromarray(np.round(scaled).astype(np.uint8), mode="L")


def _alpha_is_real(alpha: NDArray[np.uint8]) -> bool:
    """An alpha channel separates an object only if it has both clear and opaque pixels."""
    clear = np.count_nonzero(alpha < 64)
    opaque = np.count_nonzero(alpha > 192)
    return bool(clear > alpha.size * MIN_CLEAR_SHARE and opaque > alpha.size * MIN_OPAQUE_SHARE)
