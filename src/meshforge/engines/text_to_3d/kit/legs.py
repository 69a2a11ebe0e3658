"""Legs and where they stand."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.shapes import beam, box, cylinder, ring_positions, sphere, union


def straight_leg(
    x: float, z: float, height: float, thick: float, round_leg: bool, taper: float = 1.0
) -> Manifold:
    """One straight leg standing on y = 0, square or round (optionally tapering)."""
    if round_leg:
        return cylinder(
            thick / 2, height, (x, height / 2, z), r_top=thick / 2 * taper, detail_scale=0.5
        )
    return box(thick, height, thick, (x, height / 2, z))


def leg_positions(
    count: int, width: float, depth: float, inset: float
) -> list[tuple[float, float]]:
    """Four corners for four legs; otherwise evenly around an ellipse under the top."""
    hx, hz = width / 2 - inset, depth / 2 - inset
    if count == 4:
        return [(sx * hx, sz * hz) for sx in (-1, 1) for sz in (-1, 1)]
    return [(x * hx, z * hz) for x, z in ring_positions(count, 1.0, phase=np.pi / 2)]


def leg_set(
    count: int, width: float, depth: float, height: float, thick: float, round_leg: bool
) -> Manifold:
    """`count` legs of `height` under a top of width x depth, inset by their thickness."""
    return union(
        [
            straight_leg(x, z, height, thick, round_leg)
            for x, z in leg_positions(count, width, depth, thick)
        ]
    )


def splayed_legs(count: int, top_r: float, foot_r: float, height: float, thick: float) -> Manifold:
    """Legs leaning out from a ring of radius top_r at `height` to foot_r on the ground."""
    return union(
        [
            beam((x * foot_r, 0.0, z * foot_r), (x * top_r, height, z * top_r), thick / 2)
            for x, z in ring_positions(count, 1.0, phase=np.pi / 2)
        ]
    )


def star_base(arms: int, reach: float, height: float, thick: float) -> Manifold:
    """An office-chair base: arms from a hub with a caster ball under each tip."""
    arm = [
        beam((0.0, height, 0.0), (x * reach, height * 0.6, z * reach), thick / 2)
        for x, z in ring_positions(arms, 1.0)
    ]
    casters = [
        sphere(height * 0.45, (x * reach, height * 0.45, z * reach))
        for x, z in ring_positions(arms, 1.0)
    ]
    return union(arm + casters)
