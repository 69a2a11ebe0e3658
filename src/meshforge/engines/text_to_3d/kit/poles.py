"""Upright poles on weighted bases, and umbrella canopies."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.shapes import beam, cylinder, lathe, ring_positions, union


def pole_on_base(height: float, radius: float, base_r: float, base_h: float = 0.03) -> Manifold:
    """A vertical pole standing on a round, slightly domed foot (lamps, stands, parasols)."""
    foot = cylinder(base_r, base_h, (0, base_h / 2, 0), r_top=base_r * 0.85)
    return union([foot, cylinder(radius, height, (0, height / 2, 0))])


def canopy(radius: float, rise: float, ribs: int, y: float) -> tuple[Manifold, Manifold]:
    """(cover, ribs) of an open umbrella whose rim is at height y: a thin faceted dome."""
    angles = np.linspace(0.0, np.pi / 2, 7)
    outer = [(radius * np.cos(a), rise * np.sin(a)) for a in angles]
    inner = [(r * 0.985, h - radius * 0.01) for r, h in outer]
    dome = lathe(outer + inner[::-1])  # outer arc up to the apex, inner arc back down
    rods = [
        beam((0.0, y + rise, 0.0), (x, y, z), radius * 0.008, detail_scale=0.3)
        for x, z in ring_positions(ribs, radius * 0.99)
    ]
    return dome.translate((0, y, 0)), union(rods)
