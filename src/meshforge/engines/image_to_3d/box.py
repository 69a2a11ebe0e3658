"""Box cue: a hexagonal outline whose opposite sides are parallel is a rectangular box.

A box seen from above one of its corners (a carton in a product shot) outlines as a
hexagon whose sides are its three edge vectors a, b, c and then -a, -b, -c. The outline
gives their image-plane parts; the edges being at right angles gives the depth parts,
since a.b = 0 means a_z b_z = -(a_xy . b_xy), and likewise for a.c and b.c: three
equations for three unknowns. They fix the box up to the Necker flip (all depths
negated: seen from above or from below); the camera is taken to be above the box, as it
is when one photographs an object on a table, so the top face is the visible one.

The box is then exact, not a tent over the outline: the solid between where each view
ray enters and leaves it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.ndimage as ndi
from numpy.typing import NDArray

from meshforge.engines.image_to_3d.polyhedral import convex_outline, polygon_corners

CORNER_TOLERANCES = (0.005, 0.01, 0.02)  # polygon fit tolerances, share of the perimeter
# Opposite sides must be this parallel and this close in length. Perspective makes them
# converge: 9 degrees and 8% for a cube at 30 degrees field of view, more for a phone's.
MAX_SIDE_ANGLE_DEG = 30.0
MAX_SIDE_LENGTH_RATIO = 1.35
MIN_DEPTH_SHARE = 0.05  # each edge's depth part against its length, or the box is degenerate


@dataclass(frozen=True)
class Box:
    """A box in grid units: x right, y up (rows upwards), z towards the camera."""

    centre: NDArray[np.float64]  # (x, y) of the outline's centre; the box's centre is at z=0
    edges: NDArray[np.float64]  # (3, 3): the edge vectors a, b, c, one per row

    def up(self) -> tuple[float, float, float]:
        """Unit vector along the edge that stands upright (the one nearest the image's
        vertical), pointing up."""
        edge = self.edges[_upright(self.edges[:, :2])]
        x, y, z = (float(v) for v in edge * np.sign(edge[1]) / np.linalg.norm(edge))
        return x, y, z


def find_box(inside: NDArray[np.bool_]) -> Box | None:
    """The box whose outline this is, or None when the outline is not a box's hexagon."""
    corners = _hexagon(inside)
    if corners is None:
        return None
    points = corners * np.array([1.0, -1.0])  # (col, row) -> (x, y up)
    sides = np.roll(points, -1, axis=0) - points
    if not _opposite_sides_match(sides):
        return None
    flat = (sides[:3] - sides[3:]) / 2  # a, b, c as the mean of each side and its opposite
    depths = _depth_parts(flat)
    if depths is None:
        return None
    edges = np.column_stack([flat, depths])
    return Box(centre=points.mean(axis=0), edges=edges)


def box_fields(box: Box, shape: tuple[int, int]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per grid cell, the middle of the view ray's stretch inside the box and half its
    length (zero where the ray misses): mid-surface and half-thickness."""
    rows, cols = np.mgrid[0 : shape[0], 0 : shape[1]].astype(np.float64)
    dx, dy = cols - box.centre[0], -rows - box.centre[1]
    near = np.full(shape, -np.inf)
    far = np.full(shape, np.inf)
    for edge in box.edges:
        length = float(np.linalg.norm(edge))
        unit = edge / length
        # |(dx, dy, z) . unit| <= length / 2 bounds z to an interval along this axis.
        offset = dx * unit[0] + dy * unit[1]
        low = (-length / 2 - offset) / unit[2]
        high = (length / 2 - offset) / unit[2]
        near = np.maximum(near, np.minimum(low, high))
        far = np.minimum(far, np.maximum(low, high))
    hit = far > near
    half = np.where(hit, (far - near) / 2, 0.0)
    # Off the box, the middle of the nearest ray that hits it: the rim's cut points lie a
    # fraction of a cell outside, and a zero there would pull them back to z = 0 in spikes.
    if not hit.any():
        return np.zeros(shape), half
    nearest = ndi.distance_transform_edt(~hit, return_distances=False, return_indices=True)
    mid = ((near + far) / 2)[tuple(nearest)]
    return np.where(hit, (near + far) / 2, mid), half


def _hexagon(inside: NDArray[np.bool_]) -> NDArray[np.float64] | None:
    outline = convex_outline(inside)
    if outline is None:
        return None
    for tolerance in CORNER_TOLERANCES:
        corners = polygon_corners(outline, tolerance)
        if len(corners) == 6:
            return corners
    return None


def _opposite_sides_match(sides: NDArray[np.float64]) -> bool:
    for side, opposite in zip(sides[:3], sides[3:], strict=True):
        lengths = np.linalg.norm(side), np.linalg.norm(opposite)
        if max(lengths) > MAX_SIDE_LENGTH_RATIO * min(lengths):
            return False
        cosine = -float(side @ opposite) / (lengths[0] * lengths[1])
        if cosine < np.cos(np.radians(MAX_SIDE_ANGLE_DEG)):
            return False
    return True


def _depth_parts(flat: NDArray[np.float64]) -> NDArray[np.float64] | None:
    """Depth components making the three edges mutually perpendicular, the top face
    towards the camera; None if no real solution (not a box) or a degenerate one."""
    ab, ac, bc = flat[0] @ flat[1], flat[0] @ flat[2], flat[1] @ flat[2]
    if min(abs(ab), abs(ac), abs(bc)) < 1e-9:
        return None
    a_sq = -ab * ac / bc
    if a_sq <= 0:
        return None
    a_z = np.sqrt(a_sq)
    depths = np.array([a_z, -ab / a_z, -ac / a_z])
    lengths = np.linalg.norm(np.column_stack([flat, depths]), axis=1)
    if np.any(np.abs(depths) < MIN_DEPTH_SHARE * lengths):
        return None
    # The edge nearest the image vertical stands upright; its upper end is nearer a
    # camera that looks down on the box, so its depth rises with its height.
    upright = _upright(flat)
    if depths[upright] * flat[upright, 1] < 0:
        depths = -depths
    return depths


def _upright(flat: NDArray[np.float64]) -> int:
    """Index of the edge whose image is nearest the vertical."""
    return int(np.argmax(np.abs(flat[:, 1]) / np.linalg.norm(flat, axis=1)))
