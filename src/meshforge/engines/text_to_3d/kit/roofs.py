"""Roofs for houses, wells, birdhouses, kennels and tents."""

from __future__ import annotations

from manifold3d import Manifold

from meshforge.engines.text_to_3d.shapes import hull


def gable_roof(width: float, depth: float, rise: float, y: float, overhang: float) -> Manifold:
    """A solid pitched roof over width x depth whose eaves are at height y."""
    w, d = width / 2 + overhang, depth / 2 + overhang
    return hull(
        [
            (-w, y, -d),
            (w, y, -d),
            (-w, y, d),
            (w, y, d),
            (-w, y + rise, 0),
            (w, y + rise, 0),
            (-w, y + 0.12, -d),
            (w, y + 0.12, d),
        ]
    )
