"""Vehicles: cars, trucks, boats, aeroplanes, rockets. Forward is +X."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import rounded_box
from meshforge.engines.text_to_3d.kit.wheels import wheel
from meshforge.engines.text_to_3d.parts import Part, count_or, uniform
from meshforge.engines.text_to_3d.shapes import (
    box,
    cylinder,
    hull,
    lathe,
    prism,
    sphere,
    union,
)


def car(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width = uniform(rng, 3.8, 4.8), uniform(rng, 1.7, 1.9)
    wheel_r, clearance = uniform(rng, 0.3, 0.36), uniform(rng, 0.12, 0.2)
    body_h = uniform(rng, 0.55, 0.7)
    body = rounded_box(length, body_h, width, 0.12, wheel_r + clearance / 2 + body_h / 2 - 0.1)
    roof_y = wheel_r + body_h + clearance / 2 - 0.1
    cabin_len, cabin_h = length * uniform(rng, 0.45, 0.55), uniform(rng, 0.45, 0.6)
    shift = uniform(rng, -0.25, 0.05) * length
    cabin = hull(
        [(shift - cabin_len / 2, roof_y, sz * width * 0.46) for sz in (-1, 1)]
        + [(shift + cabin_len / 2, roof_y, sz * width * 0.46) for sz in (-1, 1)]
        + [(shift - cabin_len * 0.35, roof_y + cabin_h, sz * width * 0.4) for sz in (-1, 1)]
        + [(shift + cabin_len * 0.25, roof_y + cabin_h, sz * width * 0.4) for sz in (-1, 1)]
    )
    windows = cabin.scale((1.02, 0.8, 1.02)).translate((shift * -0.02, roof_y * 0.2 + 0.02, 0))
    wheelbase = length * 0.62
    tyres, hubs, arches = [], [], []
    for x in (-wheelbase / 2, wheelbase / 2):
        for z in (-width / 2 + 0.12, width / 2 - 0.12):
            tyre, hub = wheel(x, z, wheel_r, 0.22)
            tyres.append(tyre)
            hubs.append(hub)
            arches.append(
                cylinder(wheel_r * 1.12, 0.3, (0, 0, 0))
                .rotate((90.0, 0.0, 0.0))
                .translate((x, wheel_r, z))
            )
    lights = [box(0.05, 0.1, 0.3, (length / 2, roof_y - 0.2, sz * width * 0.32)) for sz in (-1, 1)]
    shell = union([body, cabin]) - union(arches)
    return [
        Part(shell),
        Part(windows - union(arches), "glass", (0.2, 0.25, 0.3), role="window"),
        Part(union(tyres), "rubber", role="wheel"),
        Part(union(hubs), "chrome", role="trim"),
        Part(union(lights), "light"),
    ]


def truck(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width = uniform(rng, 6.5, 9.0), uniform(rng, 2.3, 2.5)
    wheel_r = uniform(rng, 0.45, 0.55)
    cab_len, cab_h = uniform(rng, 1.8, 2.3), uniform(rng, 1.9, 2.3)
    frame_y = wheel_r + 0.25
    cab = rounded_box(cab_len, cab_h, width, 0.15, frame_y + cab_h / 2)
    cab = cab.translate((length / 2 - cab_len / 2, 0, 0))
    windshield = box(
        0.08, cab_h * 0.35, width * 0.85, (length / 2 - 0.02, frame_y + cab_h * 0.7, 0)
    )
    cargo_len = length - cab_len - 0.2
    cargo_h = uniform(rng, 2.2, 2.8)
    cargo = box(cargo_len, cargo_h, width, (-length / 2 + cargo_len / 2, frame_y + cargo_h / 2, 0))
    chassis = box(length, 0.25, width * 0.7, (0, frame_y - 0.12, 0))
    axles = count_or(attrs, 3, 2, 5)
    xs = [length / 2 - cab_len / 2] + list(
        np.linspace(-length / 2 + 1.0, -length / 2 + cargo_len * 0.45, axles - 1)
    )
    tyres, hubs = [], []
    for x in xs:
        for z in (-width / 2 + 0.2, width / 2 - 0.2):
            tyre, hub = wheel(float(x), z, wheel_r, 0.35)
            tyres.append(tyre)
            hubs.append(hub)
    return [
        Part(cab),
        Part(cargo, "paint", attrs.accent_colour or (0.92, 0.92, 0.9), role="cargo"),
        Part(chassis, "iron"),
        Part(windshield, "glass", (0.2, 0.25, 0.3), role="window"),
        Part(union(tyres), "rubber", role="wheel"),
        Part(union(hubs), "chrome", role="trim"),
    ]


def boat(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, beam_w = uniform(rng, 4.0, 8.0), uniform(rng, 1.5, 2.6)
    depth = uniform(rng, 0.8, 1.3)
    half = length / 2
    keel = [(-half * 0.85, 0.0, 0.0), (half * 0.6, 0.0, 0.0), (half, depth, 0.0)]
    deck = [
        (x, depth, s * w)
        for x, w in ((-half, beam_w * 0.4), (-half * 0.3, beam_w / 2), (half * 0.5, beam_w * 0.4))
        for s in (-1, 1)
    ]
    mid = [
        (x, depth * 0.35, s * w)
        for x, w in ((-half * 0.9, beam_w * 0.3), (0.0, beam_w * 0.38))
        for s in (-1, 1)
    ]
    hull_solid = hull(keel + deck + mid)
    cockpit = hull_solid.scale((0.85, 1.0, 0.8)).translate((-half * 0.1, depth * 0.25, 0))
    body = hull_solid - cockpit
    parts = [Part(body)]
    if rng.random() < 0.5:  # a sailing boat
        mast_h = length * uniform(rng, 0.9, 1.3)
        mast = cylinder(0.05, mast_h, (half * 0.15, depth + mast_h / 2, 0))
        sail = prism(
            [(0.0, 0.0), (length * 0.5, 0.0), (0.05, mast_h * 0.9)],
            0.02,
            (-length * 0.37, depth + 0.5, 0.0),
        )
        parts += [Part(mast, "wood"), Part(sail, "fabric", (0.96, 0.95, 0.9), role="sail")]
    else:  # a motor boat with a cabin
        cabin = rounded_box(length * 0.3, 0.7, beam_w * 0.6, 0.1, depth + 0.2)
        cabin = cabin.translate((half * 0.1, 0, 0))
        parts += [Part(cabin, "paint", (0.95, 0.95, 0.95), role="cabin")]
    return parts


def _tail(x: float, y: float, chord: float, span: float, radius: float) -> Manifold:
    """Vertical fin and the two horizontal stabilisers, their roots at (x, y)."""
    fin = prism(
        [(0.0, 0.0), (chord * 0.7, 0.0), (0.0, radius * 2.5), (-chord * 0.3, radius * 2.5)],
        0.1,
        (x, y, 0.0),
    )
    outline = [(0.0, 0.0), (chord * 0.5, 0.0), (0.1, span * 0.18), (-chord * 0.15, span * 0.18)]
    stabilisers = [
        prism(outline, 0.08).rotate((90.0, 0.0, 0.0)).scale((1.0, 1.0, s)).translate((x, y, 0))
        for s in (-1.0, 1.0)
    ]
    return union([fin, *stabilisers])


def airplane(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, radius = uniform(rng, 8.0, 14.0), uniform(rng, 0.6, 0.9)
    prof = [
        (0.0, 0.0),
        (radius * 0.5, length * 0.03),
        (radius, length * 0.15),
        (radius, length * 0.7),
        (radius * 0.3, length),
        (0.0, length),
    ]
    fuselage = lathe(prof).rotate((0.0, 0.0, 90.0)).translate((length / 2, radius * 1.6, 0))
    span = length * uniform(rng, 0.8, 1.1)
    chord = length * uniform(rng, 0.12, 0.18)
    sweep = uniform(rng, 0.05, 0.25) * span
    wing_pts = [
        (0.0, 0.0),
        (chord, 0.0),
        (chord * 0.4 - sweep + chord * 0.5, span / 2),
        (-sweep + chord * 0.3, span / 2),
    ]
    wings = union(
        [prism(wing_pts, 0.12).rotate((90.0, 0.0, 0.0)).scale((1.0, 1.0, s)) for s in (-1.0, 1.0)]
    )
    wings = wings.translate((length * 0.05 - chord / 2, radius * 1.4, 0))
    tail = _tail(-length / 2 + chord * 0.2, radius * 2.0, chord, span, radius)
    windows = box(
        length * 0.06, radius * 0.35, radius * 1.5, (length / 2 - length * 0.07, radius * 1.95, 0)
    )
    return [
        Part(union([fuselage, wings, tail])),
        Part(windows, "glass", (0.15, 0.2, 0.3), role="window"),
    ]


def rocket(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 4.0, 10.0), uniform(rng, 0.35, 0.6)
    nose = height * uniform(rng, 0.18, 0.28)
    body_h = height - nose
    angles = np.linspace(0, np.pi / 2, 8)
    profile = [(0.0, 0.0), (radius * 0.8, 0.0), (radius, height * 0.05), (radius, body_h)] + [
        (radius * np.cos(a), body_h + nose * np.sin(a)) for a in angles[1:]
    ]
    body = lathe(profile)
    fins = count_or(attrs, int(rng.choice([3, 4])), 3, 6)
    fin_len = height * uniform(rng, 0.2, 0.3)
    outline = [
        (0.0, 0.0),
        (radius * 0.9, -fin_len * 0.2),
        (radius * 0.9, fin_len * 0.3),
        (0.0, fin_len),
    ]
    fin_solids = [
        prism(outline, 0.08)
        .translate((radius * 0.9, 0.0, 0.0))
        .rotate((0.0, 360.0 * i / fins, 0.0))
        for i in range(fins)
    ]
    window = sphere(radius * 0.3, (0, body_h * 0.8, radius * 0.92), scale=(1.0, 1.0, 0.3))
    nozzle = cylinder(radius * 0.45, height * 0.06, (0, -height * 0.02, 0), r_top=radius * 0.3)
    return [
        Part(body),
        Part(union(fin_solids), "paint", attrs.accent_colour or (0.8, 0.1, 0.1), role="fin"),
        Part(window, "glass", (0.3, 0.5, 0.7), role="window"),
        Part(nozzle, "iron"),
    ]
