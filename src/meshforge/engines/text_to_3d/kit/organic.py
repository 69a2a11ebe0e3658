"""Round natural forms: leaves, clusters of blobs, petals, fruit bodies."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.shapes import Vec3, sphere, union


def leaf(length: float, width: float, tilt: float, turn: float, at: Vec3) -> Manifold:
    """A flat leaf growing up from `at`, leaning `tilt` degrees out, turned `turn` degrees."""
    blade = sphere(length / 2, (0, length / 2, 0), scale=(width / length, 1.0, 0.06))
    return blade.rotate((tilt, 0.0, 0.0)).rotate((0.0, turn, 0.0)).translate(at)


def blob_cluster(rng: np.random.Generator, centre: Vec3, radius: float, blobs: int) -> Manifold:
    """Overlapping spheres filling roughly a ball of `radius` (bushes, tree crowns, grapes)."""
    cx, cy, cz = centre
    out = [sphere(radius * 0.65, centre)]
    for _ in range(blobs):
        d = rng.normal(size=3)
        d = d / np.linalg.norm(d) * radius * float(rng.uniform(0.3, 0.55))
        size = radius * float(rng.uniform(0.4, 0.55))
        out.append(sphere(size, (cx + float(d[0]), cy + float(d[1]) * 0.8, cz + float(d[2]))))
    return union(out)


def petal_ring(count: int, length: float, width: float, lift: float, at: Vec3) -> Manifold:
    """Petals radiating from `at`, each raised `lift` degrees above the horizontal."""
    petal = sphere(length / 2, (length / 2, 0, 0), scale=(1.0, 0.12, width / length))
    return union(
        [petal.rotate((0.0, 0.0, lift)).rotate((0.0, 360.0 * i / count, 0.0)) for i in range(count)]
    ).translate(at)


def bent(solid: Manifold, sag: float, length: float) -> Manifold:
    """Bend a solid built along +Y into an arc: x moves by `sag` at its ends relative to
    its middle (bananas, horns). The solid needs vertices along its length."""

    def warp(points: np.ndarray) -> np.ndarray:
        t = (points[:, 1] - length / 2) / (length / 2)
        return np.column_stack([points[:, 0] + sag * t**2, points[:, 1], points[:, 2]])

    return solid.warp_batch(warp)
