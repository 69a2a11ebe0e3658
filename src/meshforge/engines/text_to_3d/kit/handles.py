"""Handles, knobs and grips."""

from __future__ import annotations

from manifold3d import Manifold

from meshforge.engines.text_to_3d.shapes import Vec3, box, cylinder, sphere, torus, union


def side_handle(x: float, y_low: float, y_high: float, reach: float, thick: float) -> Manifold:
    """A D-shaped handle on the +X side of a round body, from y_low to y_high (mugs, jugs)."""
    mid = (y_low + y_high) / 2
    ring = (
        torus((y_high - y_low) / 2, thick)
        .rotate((90.0, 0.0, 0.0))
        .scale((reach / ((y_high - y_low) / 2), 1.0, 1.0))
    )
    return ring.translate((x, mid, 0.0)) - cylinder(x, y_high - y_low + 0.1, (0, mid, 0))


def bar_handle(x: float, y: float, front_z: float, length: float = 0.12) -> Manifold:
    """A vertical bar handle on two standoffs, on a door face at z = front_z."""
    bar = cylinder(0.008, length, (x, y, front_z + 0.02), detail_scale=0.4)
    standoffs = [box(0.01, 0.01, 0.03, (x, y + sy * length / 3, front_z + 0.008)) for sy in (-1, 1)]
    return union([bar, *standoffs])


def knob(at: Vec3, radius: float) -> Manifold:
    """A round knob (drawers, lids, dials)."""
    return sphere(radius, at, scale=(1.0, 0.8, 1.0))


def arc_handle(radius: float, y: float, thick: float) -> Manifold:
    """A half-ring bail over the top (buckets, baskets, kettles), spanning x = +-radius."""
    ring = torus(radius, thick).rotate((90.0, 0.0, 0.0))
    return (ring - box(radius * 3, radius * 1.5, radius * 3, (0, -radius * 0.75, 0))).translate(
        (0, y, 0)
    )


def grip(length: float, radius: float, at: Vec3 = (0.0, 0.0, 0.0), taper: float = 0.85) -> Manifold:
    """A vertical tool grip standing on `at` (hammers, rakes, bats): slightly tapering."""
    x, y, z = at
    return cylinder(radius, length, (x, y + length / 2, z), r_top=radius * taper)


def pan_handle(start: Vec3, length: float, thick: float) -> Manifold:
    """A long flat handle leaving a pan's rim along +X, rising slightly."""
    x, y, z = start
    body = box(length, thick, thick * 2.2, (x + length / 2, y + length * 0.08, z))
    return body.rotate((0.0, 0.0, 8.0)).translate((0, -x * 0.14, 0))
