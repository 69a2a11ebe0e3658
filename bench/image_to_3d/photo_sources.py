"""Photographs that ship inside installed packages: nothing is downloaded at run time.

scikit-image's wheel bundles a few sample photos in skimage/data (astronaut, chelsea,
coffee, rocket, camera, coins, the stereo motorcycle, and the textures brick, grass and
gravel); others of its samples are fetched by pooch on first use, so they are read here
straight from the installed files and never through skimage.data's loaders.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image

RGB = NDArray[np.uint8]


def skimage_data_dir() -> Path:
    try:
        import skimage
    except ImportError as exc:
        raise SystemExit("the photo set needs `pip install -e .[bench]` (scikit-image)") from exc
    return Path(skimage.__file__).parent / "data"


def bundled_photo(name: str) -> RGB:
    """An RGB array of skimage/data/<name> (greyscale photos are repeated over 3 channels)."""
    path = skimage_data_dir() / name
    if not path.exists():
        raise SystemExit(f"{path} is not in the installed scikit-image wheel")
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def bundled_bytes(name: str) -> bytes:
    """The file as shipped (PNG or JPEG), for photos the stage should see untouched."""
    return (skimage_data_dir() / name).read_bytes()


def texture_patch(name: str, box: tuple[int, int, int, int], size: tuple[int, int]) -> RGB:
    """A crop (left, top, right, bottom) of a bundled photo, resized to size (w, h)."""
    with Image.open(skimage_data_dir() / name) as image:
        crop = image.convert("RGB").crop(box).resize(size, Image.Resampling.BICUBIC)
        return np.asarray(crop)
