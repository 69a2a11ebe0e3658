"""Wheels, with their axles along Z (the vehicle's forward direction is +X)."""

from __future__ import annotations

from manifold3d import Manifold

from meshforge.engines.text_to_3d.shapes import beam, cylinder, ring_positions, torus, union


def wheel(x: float, z: float, radius: float, width: float) -> tuple[Manifold, Manifold]:
    """(tyre, hub) of a solid wheel resting on y = 0."""
    tyre = cylinder(radius, width, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate((x, radius, z))
    hub = (
        cylinder(radius * 0.55, width + 0.01, (0, 0, 0))
        .rotate((90.0, 0.0, 0.0))
        .translate((x, radius, z))
    )
    return tyre - hub, hub


def spoked_wheel(
    x: float, z: float, radius: float, tube: float, spokes: int
) -> tuple[Manifold, Manifold]:
    """(tyre, spokes and hub) of a thin-rimmed wheel resting on y = 0 (bicycles, carts)."""
    tyre = torus(radius - tube, tube).rotate((90.0, 0.0, 0.0)).translate((x, radius, z))
    rods = [
        beam((x, radius, z), (x + dx, radius + dy, z), tube * 0.35, detail_scale=0.4)
        for dx, dy in ring_positions(spokes, radius - tube * 1.5)
    ]
    hub = (
        cylinder(tube * 1.6, tube * 4, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate((x, radius, z))
    )
    return tyre, union(rods + [hub])


def wheel_pairs(
    xs: list[float], track: float, radius: float, width: float
) -> tuple[Manifold, Manifold]:
    """(tyres, hubs) of a wheel on each side (z = +-track/2) at every x."""
    tyres, hubs = [], []
    for x in xs:
        for z in (-track / 2, track / 2):
            tyre, hub = wheel(x, z, radius, width)
            tyres.append(tyre)
            hubs.append(hub)
    return union(tyres), union(hubs)
