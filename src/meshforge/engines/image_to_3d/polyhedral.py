"""Flat-face cue: a convex silhouette with a few straight edges is a box-like object.

A box's own hexagon is rebuilt exactly (box.py); this covers the other few-edged convex
outlines (a box seen face-on, a wedge, a house-shaped carton).

Through any convex polyhedron (a box, a carton, a book) the thickness along the view
ray falls linearly to the outline: a tent over the silhouette, not the rounded pillow
of Poisson inflation, whose vertical rim makes a cube look like a cushion. With faces
at about 45 degrees to the view, as for a box seen three-quarter on, the half-depth is
the distance to the outline.
"""

from __future__ import annotations

import cv2
import numpy as np
import scipy.ndimage as ndi
from numpy.typing import NDArray

Contour = NDArray[np.int32]  # OpenCV's (n, 1, 2) outline points

MIN_SOLIDITY = 0.97  # silhouette area / convex hull area
MAX_CORNERS = 8  # a box shows at most 6; a few more absorb rounded corners
CORNER_TOLERANCE = 0.005  # polygon fit tolerance, share of the outline's length


def looks_flat_faced(inside: NDArray[np.bool_]) -> bool:
    """True for a convex outline made of at most MAX_CORNERS straight edges."""
    outline = convex_outline(inside)
    return outline is not None and len(polygon_corners(outline, CORNER_TOLERANCE)) <= MAX_CORNERS


def convex_outline(inside: NDArray[np.bool_]) -> Contour | None:
    """The silhouette's outline when it is one convex shape, else None."""
    contours, _ = cv2.findContours(
        inside.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE
    )
    if len(contours) != 1:
        return None
    outline = contours[0]
    hull_area = cv2.contourArea(cv2.convexHull(outline))
    if hull_area <= 0 or cv2.contourArea(outline) / hull_area < MIN_SOLIDITY:
        return None
    return np.asarray(outline, dtype=np.int32)


def polygon_corners(outline: Contour, tolerance: float) -> NDArray[np.float64]:
    """Corners (column, row) of the polygon fitted to the outline within `tolerance` of
    its perimeter."""
    corners = cv2.approxPolyDP(outline, tolerance * cv2.arcLength(outline, True), True)
    return np.asarray(corners.reshape(-1, 2), dtype=np.float64)


def tent_depth_sq(inside: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Squared half-depth (grid cells^2): the distance to the outline, squared."""
    distance = ndi.distance_transform_edt(inside)
    return np.asarray(distance, dtype=np.float64) ** 2
