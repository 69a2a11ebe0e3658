"""Y-up solid primitives on top of manifold3d, so generators read like furniture plans.

manifold3d builds along +Z; every helper here returns solids whose axis is +Y and whose
position is given by its centre, in metres. Curved surfaces use the tessellation level
set for the current generation (see `detail`), so one face budget drives every part.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from collections.abc import Iterator, Sequence

import numpy as np
from manifold3d import CrossSection, Manifold, OpType

Vec3 = tuple[float, float, float]
_SEGMENTS: contextvars.ContextVar[int] = contextvars.ContextVar("segments", default=24)
_Z_TO_Y = (-90.0, 0.0, 0.0)


@contextlib.contextmanager
def detail(segments: int) -> Iterator[None]:
    """Use `segments` around every circle built inside the block (at least 5)."""
    token = _SEGMENTS.set(max(5, int(segments)))
    try:
        yield
    finally:
        _SEGMENTS.reset(token)


def segments(scale: float = 1.0) -> int:
    """Segments for a circle, optionally fewer for small details (scale < 1)."""
    return max(5, int(round(_SEGMENTS.get() * scale)))


def box(w: float, h: float, d: float, at: Vec3 = (0.0, 0.0, 0.0)) -> Manifold:
    """Axis-aligned box of width (x), height (y), depth (z) centred at `at`."""
    return Manifold.cube((w, h, d), center=True).translate(at)


def cylinder(
    r: float,
    h: float,
    at: Vec3 = (0.0, 0.0, 0.0),
    r_top: float | None = None,
    detail_scale: float = 1.0,
) -> Manifold:
    """Vertical cylinder (or cone frustum when r_top differs) centred at `at`."""
    top = r if r_top is None else r_top
    solid = Manifold.cylinder(h, r, top, segments(detail_scale), center=True)
    return solid.rotate(_Z_TO_Y).translate(at)


def sphere(r: float, at: Vec3 = (0.0, 0.0, 0.0), scale: Vec3 = (1.0, 1.0, 1.0)) -> Manifold:
    """Sphere, or ellipsoid when `scale` is not uniform."""
    return Manifold.sphere(r, segments()).scale(scale).translate(at)


def lathe(profile: Sequence[tuple[float, float]], at: Vec3 = (0.0, 0.0, 0.0)) -> Manifold:
    """Solid of revolution around +Y from a closed (radius, height) outline.

    The outline must run along the axis (radius 0) at its ends for a solid body;
    a profile with positive radii everywhere makes a ring.
    """
    outline = [(max(0.0, r), y) for r, y in profile]
    solid = Manifold.revolve(CrossSection([outline]), segments())
    return solid.rotate(_Z_TO_Y).translate(at)


def torus(radius: float, tube: float, at: Vec3 = (0.0, 0.0, 0.0)) -> Manifold:
    """Ring lying in the XZ plane (a hoop around +Y)."""
    n = max(6, segments(0.5))
    circle = [
        (radius + tube * math.cos(a), tube * math.sin(a))
        for a in np.linspace(0.0, 2 * math.pi, n, endpoint=False)
    ]
    return Manifold.revolve(CrossSection([circle]), segments()).rotate(_Z_TO_Y).translate(at)


def prism(
    outline: Sequence[tuple[float, float]], depth: float, at: Vec3 = (0.0, 0.0, 0.0)
) -> Manifold:
    """Extrude an XY outline (either winding) `depth` along Z, centred on z = 0."""
    points = np.asarray(outline, dtype=np.float64)
    doubled_area = np.sum(
        points[:, 0] * np.roll(points[:, 1], -1) - np.roll(points[:, 0], -1) * points[:, 1]
    )
    if doubled_area < 0:  # CrossSection keeps only counter-clockwise outlines
        points = points[::-1]
    solid = Manifold.extrude(CrossSection([points.tolist()]), depth)
    return solid.translate((0.0, 0.0, -depth / 2)).translate(at)


def hull(points: Sequence[Vec3] | np.ndarray) -> Manifold:
    """Convex hull of points (for wedges, blades and roofs)."""
    return Manifold.hull_points(np.asarray(points, dtype=np.float64))


def beam(
    start: Vec3, end: Vec3, r: float, r_end: float | None = None, detail_scale: float = 0.6
) -> Manifold:
    """Round rod from `start` to `end` (branches, handles, slanted legs)."""
    a, b = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    length = float(np.linalg.norm(b - a))
    rod = Manifold.cylinder(length, r, r if r_end is None else r_end, segments(detail_scale))
    return _align_z(rod, (b - a) / max(length, 1e-9)).translate(tuple(a))


def _align_z(solid: Manifold, direction: np.ndarray) -> Manifold:
    """Rotate a +Z-built solid so +Z points along `direction` (a unit vector)."""
    z = np.array([0.0, 0.0, 1.0])
    axis = np.cross(z, direction)
    sin, cos = float(np.linalg.norm(axis)), float(np.dot(z, direction))
    if sin < 1e-9:
        return solid if cos > 0 else solid.rotate((180.0, 0.0, 0.0))
    k = axis / sin
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    rot = np.eye(3) + sin * kx + (1 - cos) * kx @ kx
    return solid.transform(np.hstack([rot, np.zeros((3, 1))]))


def union(solids: Sequence[Manifold]) -> Manifold:
    """Boolean union of many solids in one batch (fast and exact)."""
    parts = [s for s in solids if not s.is_empty()]
    if not parts:
        return Manifold()
    return Manifold.batch_boolean(parts, OpType.Add)


def ring_positions(count: int, radius: float, phase: float = 0.0) -> list[tuple[float, float]]:
    """(x, z) positions of `count` items evenly spaced on a circle."""
    return [
        (
            radius * math.cos(phase + 2 * math.pi * i / count),
            radius * math.sin(phase + 2 * math.pi * i / count),
        )
        for i in range(count)
    ]
