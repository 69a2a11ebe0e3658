"""The backdrop's colours, sampled on the frame's border, and how far each pixel is from them.

Used where saliency cannot tell: a hole through the object (the backdrop shows through
it, walled in by the object, so it looks salient) and the texture's colour pixels.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

BORDER_FRACTION = 0.03  # width of the border strip that samples the backdrop
MIN_BACKDROP_SHARE = 0.1  # border colours rarer than this are an object touching the edge
LIGHTNESS_WEIGHT = 0.5  # shading changes lightness most: trust it less than hue

Mask = NDArray[np.bool_]


def backdrop_distance(rgb: NDArray[np.uint8]) -> tuple[NDArray[np.float32], float]:
    """Per-pixel colour distance to the border's backdrop colours, and a cut-off for it."""
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    lab[..., 0] *= LIGHTNESS_WEIGHT
    strip = border_strip(lab.shape[:2])
    samples = lab[strip].reshape(-1, 3)
    clusters = min(4, len(samples))
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    cv2.setRNGSeed(0)  # k-means++ uses OpenCV's RNG: keep results reproducible
    _, labels, centers = cv2.kmeans(  # type: ignore[call-overload]
        samples, clusters, None, criteria, 2, cv2.KMEANS_PP_CENTERS
    )
    shares = np.bincount(labels.ravel(), minlength=clusters) / len(samples)
    centers = centers[(shares >= MIN_BACKDROP_SHARE) | (shares == shares.max())]
    flat = lab.reshape(-1, 1, 3) - centers.reshape(1, -1, 3)
    distance = np.sqrt((flat**2).sum(axis=2)).min(axis=1).reshape(lab.shape[:2])
    # Most of the border is backdrop, so its spread there sets the noise level.
    border_spread = float(np.percentile(distance[strip], 75))
    return distance.astype(np.float32), max(10.0, 3.0 * border_spread)


def border_strip(shape: tuple[int, ...]) -> Mask:
    """True on a thin frame along the image edges."""
    height, width = shape[:2]
    band = max(2, round(BORDER_FRACTION * min(height, width)))
    strip = np.zeros((height, width), bool)
    strip[:band], strip[-band:], strip[:, :band], strip[:, -band:] = True, True, True, True
    return strip
