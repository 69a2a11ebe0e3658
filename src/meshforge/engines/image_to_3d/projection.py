"""Colour for any surface point: the photo projected along the view axis.

The solid is built in image pixel units (x = column, y = -row), so a surface point's
photo position is simply (x, -y). Front and back both take the photo's colour there
(a mirrored back is a plausible guess for most objects). Where the surface turns
sideways the projection would smear single rim pixels into streaks, so those points
blend towards a blurred photo instead. Colours outside the object are first replaced by
the nearest object colour so the background never bleeds onto the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import scipy.ndimage as ndi
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

EDGE_ERODE_PX = 2  # rim pixels mix object and background colours: skip them
SIDE_BLUR_FRACTION = 0.02  # blur radius for sideways surfaces, as a share of object size
SIDE_NORMAL_RANGE = (0.15, 0.6)  # |n_z| below the first: all blurred; above the second: sharp


@dataclass(frozen=True)
class PhotoProjector:
    """The object's colours, bled outwards, sharp and blurred, over a crop of the photo."""

    sharp: NDArray[np.float32]  # HxWx3 in 0..1
    blurred: NDArray[np.float32]
    origin: tuple[int, int]  # image (x, y) of the crop's top-left pixel
    object_color: tuple[float, float, float]  # mean rgb (0..1) of the object's pixels

    def __call__(self, points: FloatArray, normals: FloatArray) -> FloatArray:
        """color_fn for assets.texture.bake_texture: (N,3) points/normals -> (N,3) rgb."""
        map_x = (points[:, 0] - 0.5 - self.origin[0]).astype(np.float32)
        map_y = (-points[:, 1] - 0.5 - self.origin[1]).astype(np.float32)
        sharp = _sample(self.sharp, map_x, map_y)
        blurred = _sample(self.blurred, map_x, map_y)
        low, high = SIDE_NORMAL_RANGE
        facing = np.clip((np.abs(normals[:, 2]) - low) / (high - low), 0.0, 1.0)[:, None]
        return np.asarray(facing * sharp + (1.0 - facing) * blurred, dtype=np.float64)


def _sample(
    image: NDArray[np.float32], map_x: NDArray[np.float32], map_y: NDArray[np.float32]
) -> FloatArray:
    """Bilinear samples at N positions; remap wants a 2D map under 32767 rows, so the
    positions are laid out in rows of 1024."""
    count = len(map_x)
    rows = -(-count // 1024)
    grid_x = np.zeros(rows * 1024, np.float32)
    grid_y = np.zeros(rows * 1024, np.float32)
    grid_x[:count], grid_y[:count] = map_x, map_y
    sampled = cv2.remap(
        image,
        grid_x.reshape(rows, 1024),
        grid_y.reshape(rows, 1024),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return np.asarray(sampled.reshape(-1, 3)[:count], dtype=np.float64)


def build_projector(
    rgb: NDArray[np.uint8], mask: NDArray[np.bool_], colour_mask: NDArray[np.bool_] | None = None
) -> PhotoProjector:
    """Crop the photo around the object and bleed object colours over everything else.

    colour_mask (default: mask) marks the pixels whose colour may be sampled."""
    rows, cols = np.nonzero(mask)
    margin = 8
    top, left = max(rows.min() - margin, 0), max(cols.min() - margin, 0)
    bottom = min(rows.max() + margin + 1, mask.shape[0])
    right = min(cols.max() + margin + 1, mask.shape[1])
    crop_mask = (mask if colour_mask is None else colour_mask)[top:bottom, left:right]
    core = ndi.binary_erosion(crop_mask, iterations=EDGE_ERODE_PX)
    if np.count_nonzero(core) < 16:  # a sliver: eroding would leave nothing to sample
        core = crop_mask
    crop = rgb[top:bottom, left:right].astype(np.float32) / 255.0
    _, nearest = ndi.distance_transform_edt(~core, return_indices=True)
    bled = np.ascontiguousarray(crop[nearest[0], nearest[1]])
    sigma = max(1.0, SIDE_BLUR_FRACTION * max(crop_mask.shape))
    blurred = cv2.GaussianBlur(bled, (0, 0), sigma)
    mean = crop[core].mean(axis=0)
    return PhotoProjector(
        sharp=bled,
        blurred=np.asarray(blurred, np.float32),
        origin=(int(left), int(top)),
        object_color=(float(mean[0]), float(mean[1]), float(mean[2])),
    )
