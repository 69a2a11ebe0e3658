"""Hollow bodies of revolution and their lids."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.kit.handles import knob
from meshforge.engines.text_to_3d.shapes import cylinder, lathe, union

Profile = list[tuple[float, float]]


def vessel(outer: Profile, wall: float, floor: float) -> Manifold:
    """A hollow vessel: the outer (radius, height) profile from foot to rim, walls of
    thickness `wall` and a solid floor `floor` thick."""
    rim_r, rim_h = outer[-1]
    inner = [(max(r - wall, 0.002), h) for r, h in outer if h >= floor][::-1]
    profile = [(0.0, 0.0)] + outer + [(rim_r - wall, rim_h)] + inner[1:] + [(0.0, floor)]
    return lathe(profile)


def curve(points: Profile, steps: int = 10) -> Profile:
    """A smooth (radius, height) profile through control points (Catmull-Rom)."""
    p = np.asarray(points, dtype=float)
    padded = np.vstack([p[0] * 2 - p[1], p, p[-1] * 2 - p[-2]])
    out = []
    for i in range(1, len(padded) - 2):
        a, b, c, d = padded[i - 1 : i + 3]
        for t in np.linspace(0, 1, steps, endpoint=False):
            out.append(
                0.5
                * (
                    2 * b
                    + (c - a) * t
                    + (2 * a - 5 * b + 4 * c - d) * t**2
                    + (3 * b - a - 3 * c + d) * t**3
                )
            )
    out.append(p[-1])
    return [(float(r), float(h)) for r, h in out]


def solid_of(outline: Profile) -> Manifold:
    """A closed body of revolution from a (radius, height) outline running bottom to top."""
    return lathe([(0.0, outline[0][1])] + outline + [(0.0, outline[-1][1])])


def domed_lid(radius: float, y: float, rise: float) -> Manifold:
    """A low dome resting on y with a knob on top (pots, kettles, jars)."""
    dome = solid_of(curve([(radius, 0.0), (radius * 0.8, rise * 0.7), (0.001, rise)], 6))
    return union([dome, knob((0.0, rise + radius * 0.12, 0.0), radius * 0.18)]).translate((0, y, 0))


def flower_pot(radius: float, height: float) -> tuple[Manifold, Manifold]:
    """(pot, soil) of a tapered plant pot with a rolled rim, soil just below the rim."""
    pot = lathe(
        [
            (0.0, 0.0),
            (radius * 0.75, 0.0),
            (radius, height),
            (radius + 0.01, height),
            (radius + 0.01, height + 0.02),
            (radius - 0.01, height + 0.02),
            (radius - 0.012, height * 0.5),
            (0.0, height * 0.5),
        ]
    )
    return pot, cylinder(radius - 0.011, 0.02, (0, height - 0.01, 0))
