"""Vehicles: cars, trucks, boats, aeroplanes, rockets, bicycles, motorcycles, scooters,
buses, trains, helicopters. Forward is +X."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import rounded_box
from meshforge.engines.text_to_3d.kit.wheels import spoked_wheel, wheel, wheel_pairs
from meshforge.engines.text_to_3d.parts import Part, count_or, uniform
from meshforge.engines.text_to_3d.shapes import (
    beam,
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


def bicycle(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, wheelbase = uniform(rng, 0.31, 0.36), uniform(rng, 0.98, 1.1)
    rear, front = -wheelbase / 2, wheelbase / 2
    tyres, spokes = [], []
    for x in (rear, front):
        tyre, rods = spoked_wheel(x, 0.0, radius, 0.02, 16)
        tyres.append(tyre)
        spokes.append(rods)
    crank = (rear + wheelbase * 0.42, radius * 0.9, 0.0)
    seat = (rear + wheelbase * 0.3, radius + uniform(rng, 0.45, 0.55), 0.0)
    head = (front - wheelbase * 0.12, radius + 0.5, 0.0)
    hub_r, hub_f = (rear, radius, 0.0), (front, radius, 0.0)
    tubes = [
        (crank, seat),
        (crank, head),
        (seat, head),
        (crank, hub_r),
        (seat, hub_r),
        (head, hub_f),
        (head, (head[0] - 0.05, head[1] + 0.18, 0.0)),
    ]
    frame_solid = union([beam(a, b, 0.018) for a, b in tubes])
    bar_at = (head[0] - 0.05, head[1] + 0.18, 0.0)
    bars = beam((bar_at[0], bar_at[1], -0.25), (bar_at[0], bar_at[1], 0.25), 0.012)
    saddle = sphere(0.1, (seat[0] - 0.02, seat[1] + 0.04, 0.0), (1.2, 0.3, 0.55))
    pedals = union(
        [box(0.1, 0.02, 0.05, (crank[0] + s * 0.16, crank[1] + s * 0.05, s * 0.1)) for s in (-1, 1)]
        + [beam(crank, (crank[0], crank[1], 0.1), 0.05)]
    )
    return [
        Part(frame_solid, role="frame"),
        Part(union(tyres), "rubber", role="wheel"),
        Part(union([*spokes, bars, pedals]), "chrome", role="trim"),
        Part(saddle, "leather", (0.1, 0.1, 0.1), role="seat"),
    ]


def motorcycle(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, wheelbase = uniform(rng, 0.3, 0.34), uniform(rng, 1.35, 1.55)
    width = uniform(rng, 0.12, 0.16)
    tyres, hubs = [], []
    for x in (-wheelbase / 2, wheelbase / 2):
        tyre, hub = wheel(x, 0.0, radius, width)
        tyres.append(tyre)
        hubs.append(hub)
    tank = sphere(0.25, (wheelbase * 0.08, radius + 0.42, 0), (1.2, 0.55, 0.75))
    seat = rounded_box(0.55, 0.1, 0.28, 0.04, radius + 0.4).translate((-wheelbase * 0.2, 0, 0))
    engine = rounded_box(0.4, 0.3, 0.26, 0.05, radius + 0.1)
    fork = beam((wheelbase / 2, radius, 0), (wheelbase * 0.36, radius + 0.62, 0), 0.03)
    swing = beam((-wheelbase / 2, radius, 0), (-0.1, radius + 0.12, 0), 0.035)
    bars = beam(
        (wheelbase * 0.34, radius + 0.66, -0.35), (wheelbase * 0.34, radius + 0.66, 0.35), 0.015
    )
    lamp = sphere(0.09, (wheelbase * 0.43, radius + 0.55, 0), (0.7, 1.0, 1.0))
    exhaust = beam((-0.1, radius, 0.16), (-wheelbase * 0.45, radius + 0.08, 0.16), 0.04)
    return [
        Part(union([tank, engine.translate((0.05, 0, 0))]), role="body"),
        Part(seat, "leather", (0.08, 0.08, 0.08), role="seat"),
        Part(union(tyres), "rubber", role="wheel"),
        Part(union([*hubs, fork, swing, bars, exhaust]), "chrome", role="trim"),
        Part(lamp, "light"),
    ]


def scooter(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, length = uniform(rng, 0.06, 0.1), uniform(rng, 0.75, 0.9)
    deck = rounded_box(length * 0.75, 0.04, 0.13, 0.015, radius + 0.02)
    tyres, hubs = [], []
    for x in (-length / 2 + radius, length / 2 - radius):
        tyre, hub = wheel(x, 0.0, radius, 0.03)
        tyres.append(tyre)
        hubs.append(hub)
    height = uniform(rng, 0.85, 1.0)
    stem = beam((length / 2 - radius, radius, 0), (length / 2 - radius - 0.06, height, 0), 0.017)
    bar = beam(
        (length / 2 - radius - 0.06, height, -0.22),
        (length / 2 - radius - 0.06, height, 0.22),
        0.014,
    )
    neck = beam(
        (length * 0.3, radius + 0.03, 0), (length / 2 - radius - 0.02, radius + 0.25, 0), 0.02
    )
    return [
        Part(union([deck, neck])),
        Part(union([stem, bar, *hubs]), "steel", role="handle"),
        Part(union(tyres), "rubber", role="wheel"),
    ]


def bus(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width, height = uniform(rng, 9.0, 12.0), uniform(rng, 2.4, 2.55), uniform(rng, 2.8, 3.2)
    radius, floor = 0.5, 0.35
    body = rounded_box(length, height - floor, width, 0.2, floor + (height - floor) / 2)
    band = box(length * 0.92, height * 0.3, width + 0.02, (-length * 0.02, height * 0.68, 0))
    screen = box(0.05, height * 0.35, width * 0.85, (length / 2, height * 0.62, 0))
    door = box(1.0, height * 0.65, 0.04, (length * 0.35, floor + height * 0.32, width / 2))
    arches = union(
        [
            cylinder(radius * 1.15, width + 0.2, (0, 0, 0))
            .rotate((90.0, 0.0, 0.0))
            .translate((x, radius, 0))
            for x in (-length * 0.3, length * 0.32)
        ]
    )
    tyres, hubs = wheel_pairs([-length * 0.3, length * 0.32], width - 0.3, radius, 0.3)
    return [
        Part(body - arches),
        Part(union([band, screen]), "glass", (0.15, 0.2, 0.25), role="window"),
        Part(door, "glass", (0.25, 0.3, 0.35), role="door"),
        Part(tyres, "rubber", role="wheel"),
        Part(hubs, "chrome", role="trim"),
    ]


def train(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    """A steam locomotive: boiler, cab, chimney, driving wheels, cowcatcher."""
    length, radius = uniform(rng, 7.0, 10.0), uniform(rng, 0.6, 0.75)
    deck_y = 0.9
    boiler = cylinder(radius, length * 0.6, (0, 0, 0)).rotate((0.0, 0.0, 90.0))
    boiler = boiler.translate((length * 0.15, deck_y + radius, 0))
    cab = box(length * 0.25, radius * 3.2, radius * 2.6, (-length * 0.3, deck_y + radius * 1.6, 0))
    roof = box(length * 0.28, 0.1, radius * 2.9, (-length * 0.3, deck_y + radius * 3.25, 0))
    chimney = cylinder(0.18, 0.8, (length * 0.38, deck_y + radius * 2 + 0.3, 0), r_top=0.25)
    deck = box(length, 0.25, radius * 2.4, (0, deck_y - 0.1, 0))
    catcher = prism(
        [(0.0, 0.0), (0.0, 0.6), (0.7, 0.0)], radius * 2.2, (length / 2, deck_y - 0.75, 0)
    )
    xs = list(np.linspace(-length * 0.35, length * 0.35, int(rng.integers(3, 5))))
    tyres, hubs = wheel_pairs(xs, radius * 2.2, 0.55, 0.15)
    return [
        Part(union([boiler, cab, chimney, deck, roof])),
        Part(union([tyres, catcher]), "iron", role="wheel"),
        Part(hubs, "paint", (0.7, 0.1, 0.1), role="trim"),
    ]


def helicopter(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 9.0, 13.0)
    cabin = sphere(1.0, (0, 0, 0), (1.9, 1.1, 1.05)).translate((length * 0.2, 1.55, 0))
    boom = beam((length * 0.05, 1.7, 0), (-length * 0.5, 2.1, 0), 0.35, 0.15)
    fin = prism([(0.0, 0.0), (0.6, 0.0), (0.3, 1.2), (-0.2, 1.2)], 0.08, (-length * 0.5, 2.0, 0))
    mast = cylinder(0.12, 0.5, (length * 0.15, 2.85, 0))
    blade = box(length * 0.95, 0.04, 0.28, (0, 0, 0))
    rotor = union([blade.rotate((0.0, a, 0.0)) for a in (20.0, 110.0)]).translate(
        (length * 0.15, 3.12, 0)
    )
    tail_rotor = box(0.05, 1.1, 0.15, (-length * 0.5, 2.6, 0.12))
    skids = union(
        [beam((length * 0.35, 0.06, s), (-length * 0.08, 0.06, s), 0.05) for s in (-0.9, 0.9)]
        + [
            beam((x, 0.06, s), (x, 0.9, s * 0.6), 0.04)
            for x in (length * 0.25, 0.0)
            for s in (-0.9, 0.9)
        ]
    )
    window = sphere(0.9, (0, 0, 0), (1.2, 0.8, 0.95)).translate((length * 0.25 + 0.6, 1.75, 0))
    return [
        Part(union([cabin, boom, fin, mast])),
        Part(
            window ^ sphere(1.02, (0, 0, 0), (1.9, 1.1, 1.05)).translate((length * 0.2, 1.55, 0)),
            "glass",
            (0.2, 0.3, 0.4),
            role="window",
        ),
        Part(union([rotor, tail_rotor, skids]), "metal", (0.2, 0.2, 0.22), role="trim"),
    ]
