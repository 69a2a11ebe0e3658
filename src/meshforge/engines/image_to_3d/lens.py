"""The photo's lens, which the turned-object cue needs to undo perspective.

A flat base seen at the bottom of the frame is looked at more steeply than the object's
middle: the ray to it is tilted further down by the angle between the two in the image,
atan(rows / focal length in pixels). That needs the field of view, from the photo's EXIF
35 mm-equivalent focal length when it has one.
"""

from __future__ import annotations

import io
import math

from PIL import Image, UnidentifiedImageError

# Across the photo's longer side, when the photo does not say: between a product lens
# (about 30 degrees) and a phone's main camera (about 65). bench/image_to_3d measured the
# cue with photos of 30, 50 and 65 degrees: with this guess it never did worse than no
# cue, while guessing 30 or 40 did worse on wide-angle photos.
DEFAULT_FOV_DEG = 50.0
EXIF_IFD = 0x8769
FOCAL_LENGTH_35MM = 0xA405
FILM_HALF_WIDTH_MM = 18.0  # a 36 x 24 mm frame's longer side, halved


def field_of_view_deg(data: bytes) -> float:
    """Field of view across the longer side: from EXIF, else DEFAULT_FOV_DEG."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            focal = image.getexif().get_ifd(EXIF_IFD).get(FOCAL_LENGTH_35MM)
    except (UnidentifiedImageError, OSError, ValueError):
        return DEFAULT_FOV_DEG
    if not isinstance(focal, int | float) or not 8 <= focal <= 1200:
        return DEFAULT_FOV_DEG
    return math.degrees(2 * math.atan(FILM_HALF_WIDTH_MM / focal))


def elevation_at_row(
    elevation_seen: float,
    seen_row: float,
    wanted_row: float,
    image_shape: tuple[int, int],
    fov_deg: float,
) -> float:
    """The camera's downward viewing angle (radians) at image row `wanted_row`, given the
    angle `elevation_seen` at `seen_row` (rows in pixels of an image of `image_shape`)."""
    focal = max(image_shape) / 2 / math.tan(math.radians(fov_deg) / 2)
    centre = image_shape[0] / 2
    return (
        elevation_seen
        - math.atan((seen_row - centre) / focal)
        + math.atan((wanted_row - centre) / focal)
    )
