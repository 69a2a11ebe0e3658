"""Small details: flames, spikes, studs."""

from __future__ import annotations

from manifold3d import Manifold

from meshforge.engines.text_to_3d.shapes import Vec3, sphere


def flame(at: Vec3, size: float) -> Manifold:
    """A candle or torch flame: a tall drop."""
    return sphere(size, at, scale=(0.6, 1.6, 0.6))
