"""Fantasy and adventure props: crowns, thrones, staffs and wands, spell books, crystal
balls, cauldrons, scrolls, bows, daggers, maces, anvils, torches, goblets, candelabras,
hourglasses, cannons, anchors, ship's wheels, flags, rings. Front faces +Z."""

from __future__ import annotations

import numpy as np

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import rounded_box
from meshforge.engines.text_to_3d.kit.decor import flame
from meshforge.engines.text_to_3d.kit.handles import grip
from meshforge.engines.text_to_3d.kit.organic import bent
from meshforge.engines.text_to_3d.kit.poles import pole_on_base
from meshforge.engines.text_to_3d.kit.vessels import curve, solid_of, vessel
from meshforge.engines.text_to_3d.kit.wheels import spoked_wheel
from meshforge.engines.text_to_3d.parts import Part, count_or, uniform, uniforms
from meshforge.engines.text_to_3d.shapes import (
    beam,
    box,
    cylinder,
    hull,
    prism,
    ring_positions,
    sphere,
    torus,
    union,
)

_GEM_RED = (0.8, 0.05, 0.12)
_VELVET = (0.55, 0.05, 0.1)
_PARCHMENT = (0.9, 0.82, 0.62)


def crown(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.08, 0.11), uniform(rng, 0.07, 0.1)
    points = count_or(attrs, int(rng.integers(5, 9)), 3, 12)
    band = cylinder(radius, height * 0.45, (0, height * 0.225, 0)) - cylinder(
        radius - 0.006, height, (0, height * 0.2, 0)
    )
    spikes = union(
        [
            hull(
                [
                    (x * 0.9, height * 0.4, z * 0.9),
                    (x * 1.1, height * 0.4, z * 1.1),
                    (x * 0.97, height, z * 0.97),
                ]
                + [
                    (x + dz, height * 0.4, z - dx)
                    for dx, dz in ((x * 0.25, z * 0.25), (-x * 0.25, -z * 0.25))
                ]
            )
            for x, z in ring_positions(points, radius)
        ]
    )
    balls = union(
        [sphere(0.006, (x, height + 0.004, z)) for x, z in ring_positions(points, radius * 0.97)]
    )
    gems = union(
        [
            sphere(0.009, (x, height * 0.22, z), (1.0, 1.0, 0.5)).rotate((0.0, 0.0, 0.0))
            for x, z in ring_positions(points, radius * 1.0, np.pi / points)
        ]
    )
    return [Part(union([band, spikes, balls])), Part(gems, "gem", _GEM_RED, role="gems")]


def throne(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, seat_h = uniform(rng, 0.75, 0.95), uniform(rng, 0.5, 0.55)
    back_h = uniform(rng, 1.5, 2.0)
    dais = box(width + 0.3, 0.12, width + 0.2, (0, 0.06, 0))
    seat = box(width, seat_h - 0.12, width * 0.8, (0, 0.12 + (seat_h - 0.12) / 2, 0))
    back = box(width, back_h - seat_h, 0.12, (0, seat_h + (back_h - seat_h) / 2, -width * 0.34))
    arch = (
        cylinder(width / 2, 0.12, (0, 0, 0))
        .rotate((90.0, 0.0, 0.0))
        .translate((0, back_h, -width * 0.34))
    )
    arms = [box(0.1, 0.3, width * 0.8, (s * (width / 2 - 0.05), seat_h + 0.15, 0)) for s in (-1, 1)]
    finials = [sphere(0.06, (s * (width / 2 - 0.05), seat_h + 0.33, width * 0.38)) for s in (-1, 1)]
    cushion = rounded_box(width - 0.22, 0.1, width * 0.7, 0.04, seat_h + 0.04)
    back_cushion = rounded_box(
        width * 0.7, (back_h - seat_h) * 0.7, 0.06, 0.03, seat_h + (back_h - seat_h) * 0.45
    ).translate((0, 0, -width * 0.27))
    return [
        Part(union([dais, seat, back, arch, *arms])),
        Part(union(finials), "gold", role="trim"),
        Part(union([cushion, back_cushion]), "fabric", _VELVET, role="cushion"),
    ]


def wizard_staff(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 1.5, 1.9)
    staff = bent(
        solid_of(
            curve([(0.014, 0.0), (0.016, length * 0.5), (0.02, length * 0.9), (0.03, length)], 4)
        ),
        0.05,
        length,
    )
    claws = union(
        [
            beam((0, length - 0.02, 0), (x * 1.6, length + 0.12, z * 1.6), 0.008)
            for x, z in ring_positions(4, 0.03)
        ]
    )
    orb = sphere(0.05, (0, length + 0.08, 0))
    return [
        Part(union([staff, claws]), role="handle"),
        Part(orb, "gem", (0.3, 0.6, 0.95), role="gems"),
    ]


def magic_wand(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.3, 0.38)
    shaft = (
        cylinder(0.007, length, (0, 0, 0), r_top=0.004)
        .rotate((0.0, 0.0, -90.0))
        .translate((length / 2, 0.008, 0))
    )
    handle = union(
        [
            cylinder(0.009, length * 0.3, (0, 0, 0))
            .rotate((0.0, 0.0, -90.0))
            .translate((length * 0.15, 0.009, 0)),
            sphere(0.011, (0, 0.009, 0)),
        ]
    )
    if "star" in attrs.words or rng.random() < 0.4:
        outline = [
            (
                0.04 * (1 if i % 2 == 0 else 0.45) * np.cos(np.pi / 2 + i * np.pi / 5),
                0.04 * (1 if i % 2 == 0 else 0.45) * np.sin(np.pi / 2 + i * np.pi / 5),
            )
            for i in range(10)
        ]
        star = prism(outline, 0.01).rotate((0.0, 90.0, 0.0)).translate((length + 0.03, 0.04, 0))
        return [Part(union([shaft, handle])), Part(star, "gold", role="tip")]
    return [Part(shaft), Part(handle, "dark_wood", role="handle")]


def spell_book(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, length, thick = uniforms(rng, (0.2, 0.28), (0.28, 0.36), (0.06, 0.1))
    covers = union(
        [box(length, 0.008, width, (0, y, 0)) for y in (0.004, thick - 0.004)]
        + [box(length, thick, 0.008, (0, thick / 2, -width / 2 + 0.004))]
    )
    pages = box(length - 0.012, thick - 0.016, width - 0.01, (0, thick / 2, 0.002))
    corners = union(
        [
            box(
                0.04,
                thick + 0.004,
                0.04,
                (sx * (length / 2 - 0.015), thick / 2, sz * (width / 2 - 0.015)),
            )
            for sx in (-1, 1)
            for sz in (-1, 1)
        ]
    )
    clasp = box(0.03, thick * 0.6, 0.02, (0, thick / 2, width / 2))
    emblem = cylinder(0.035, 0.004, (0, thick + 0.002, 0))
    return [
        Part(covers, role="cover"),
        Part(pages, "paper", _PARCHMENT),
        Part(union([corners, clasp, emblem]), "brass", role="trim"),
    ]


def crystal_ball(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.07, 0.1)
    stand = solid_of(
        curve([(radius * 0.8, 0.0), (radius * 0.5, radius * 0.3), (radius * 0.6, radius * 0.6)], 4)
    )
    claws = union(
        [
            beam((x * 0.5, radius * 0.5, z * 0.5), (x, radius * 1.1, z), 0.006)
            for x, z in ring_positions(4, radius * 0.75)
        ]
    )
    ball = sphere(radius, (0, radius * 1.45, 0))
    return [
        Part(union([stand, claws]), "dark_wood", role="base"),
        Part(ball, "glass", (0.6, 0.5, 0.9)),
    ]


def cauldron(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.25, 0.4)
    lift = radius * 0.2
    body = vessel(
        curve([(radius * 0.5, 0.0), (radius, radius * 0.6), (radius * 0.8, radius * 1.2)], 6),
        0.02,
        0.03,
    )
    rim = torus(radius * 0.8, 0.025, (0, radius * 1.2, 0))
    legs = union(
        [
            cylinder(radius * 0.1, lift + 0.05, (x, (lift + 0.05) / 2, z))
            for x, z in ring_positions(3, radius * 0.45)
        ]
    )
    brew = cylinder(radius * 0.76, 0.02, (0, lift + radius * 1.05, 0))
    bubbles = union(
        [
            sphere(radius * 0.08, (x, lift + radius * 1.08, z))
            for x, z in ring_positions(4, radius * 0.35, 0.4)
        ]
    )
    return [
        Part(union([body.translate((0, lift, 0)), rim.translate((0, lift, 0)), legs])),
        Part(union([brew, bubbles]), "liquid", (0.3, 0.8, 0.2), role="liquid"),
    ]


def scroll(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, radius = uniform(rng, 0.25, 0.35), uniform(rng, 0.025, 0.035)
    roll = cylinder(radius, width, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate((0, radius, 0))
    sheet = box(uniform(rng, 0.15, 0.25), 0.002, width * 0.95, (0, 0.001, 0))
    rods = (
        cylinder(0.008, width + 0.06, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate((0, radius, 0))
    )
    seal = (
        cylinder(0.015, 0.006, (0, 0, 0)).rotate((0.0, 0.0, 90.0)).translate((-radius, radius, 0))
    )
    sheet = sheet.translate((0.1, 0, 0))
    return [
        Part(union([roll, sheet]), "paper", _PARCHMENT),
        Part(rods, "dark_wood", role="handle"),
        Part(seal, "paint", _GEM_RED, role="trim"),
    ]


def bow(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = (
        uniform(rng, 1.2, 1.7)
        if "long" in attrs.words or "longbow" in attrs.words
        else uniform(rng, 0.9, 1.3)
    )
    limb = bent(
        solid_of(curve([(0.008, 0.0), (0.015, length * 0.5), (0.008, length)], 4)),
        length * 0.12,
        length,
    )
    limb = limb.translate((-length * 0.12, -length / 2, 0)).rotate((0.0, 0.0, -90.0))
    string = box(length * 0.98, 0.002, 0.002, (0, 0, 0))
    grip_ = (
        cylinder(0.02, 0.12, (0, 0, 0)).rotate((0.0, 0.0, 90.0)).translate((0, length * 0.12, 0))
    )
    parts = [
        Part(limb, role="limb"),
        Part(string, "paint", (0.9, 0.88, 0.8), role="string"),
        Part(grip_, "leather", role="handle"),
    ]
    if "arrow" in attrs.words or "arrows" in attrs.words:
        arrow = union(
            [
                beam((0, 0, 0.05), (0, length * 0.55, 0.05), 0.004),
                cylinder(0.008, 0.04, (0, length * 0.57, 0.05), r_top=0.0),
            ]
        )
        parts.append(Part(arrow, "wood", role="arrow"))
    return [
        Part(
            p.solid.translate((0, length * 0.14, 0))
            .rotate((90.0, 0.0, 0.0))
            .translate((0, 0.02, 0)),
            p.material,
            p.colour,
            p.role,
        )
        for p in parts
    ]


def dagger(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    blade_len, width = uniform(rng, 0.18, 0.26), uniform(rng, 0.025, 0.035)
    blade = hull(
        [(0.0, 0.0, s * width / 2) for s in (-1, 1)]
        + [(0.0, s * 0.003, 0.0) for s in (-1, 1)]
        + [(blade_len, 0.0, 0.0)]
    )
    guard = box(0.015, 0.015, width * 2.6, (-0.008, 0.0, 0))
    handle = cylinder(0.009, 0.1, (0, 0, 0)).rotate((0.0, 0.0, 90.0)).translate((-0.065, 0, 0))
    pommel = sphere(0.014, (-0.12, 0, 0))
    lift = (0.0, 0.014, 0.0)
    return [
        Part(blade.translate(lift), role="blade"),
        Part(union([guard, pommel]).translate(lift), "brass", role="hilt"),
        Part(handle.translate(lift), "leather", role="handle"),
    ]


def mace(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, head_r = uniform(rng, 0.55, 0.8), uniform(rng, 0.05, 0.07)
    shaft = grip(length, 0.016, (0.0, 0.0, 0.0), taper=1.0)
    head = sphere(head_r, (0, length + head_r * 0.7, 0))
    spikes = union(
        [
            cylinder(head_r * 0.25, head_r * 0.7, (0, head_r * 1.2, 0), r_top=0.0)
            .rotate((float(np.degrees(np.arccos(d[1]))), 0.0, 0.0))
            .rotate((0.0, float(np.degrees(np.arctan2(d[0], d[2]))), 0.0))
            .translate((0, length + head_r * 0.7, 0))
            for d in _star_directions()
        ]
    )
    return [Part(shaft, role="handle"), Part(union([head, spikes]), "iron", role="head")]


def _star_directions() -> list[tuple[float, float, float]]:
    return [(0.0, 1.0, 0.0)] + [
        (float(np.cos(a) * np.sin(p)), float(np.cos(p)), float(np.sin(a) * np.sin(p)))
        for p in (np.pi / 3, np.pi * 2 / 3)
        for a in np.linspace(0, 2 * np.pi, 5, endpoint=False)
    ]


def anvil(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, height = uniform(rng, 0.5, 0.7), uniform(rng, 0.3, 0.4)
    base = hull(
        [(sx * length * 0.3, 0.0, sz * 0.14) for sx in (-1, 1) for sz in (-1, 1)]
        + [(sx * length * 0.18, height * 0.55, sz * 0.07) for sx in (-1, 1) for sz in (-1, 1)]
    )
    face = box(length * 0.65, height * 0.3, 0.14, (-length * 0.05, height * 0.8, 0))
    horn = hull(
        [(length * 0.27, height * 0.68, s * 0.06) for s in (-1, 1)]
        + [(length * 0.27, height * 0.92, s * 0.06) for s in (-1, 1)]
        + [(length * 0.5, height * 0.88, 0.0)]
    )
    return [Part(union([base, face, horn]))]


def torch(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.45, 0.6)
    stick = cylinder(0.018, length, (0, length / 2, 0), r_top=0.024)
    wrap = cylinder(0.032, 0.1, (0, length - 0.03, 0), r_top=0.036)
    fire = union(
        [
            flame((0.0, length + 0.08, 0.0), 0.05),
            flame((0.02, length + 0.05, 0.015), 0.035),
            flame((-0.02, length + 0.05, -0.01), 0.035),
        ]
    )
    if "wall" in attrs.words:
        bracket = box(0.06, 0.12, 0.1, (0, length * 0.55, -0.06))
        return [
            Part(stick, role="handle"),
            Part(union([wrap, bracket]), "iron", role="trim"),
            Part(fire, "flame", role="flame"),
        ]
    return [
        Part(stick, role="handle"),
        Part(wrap, "fabric", (0.3, 0.22, 0.15), role="trim"),
        Part(fire, "flame", role="flame"),
    ]


def goblet(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.15, 0.22), uniform(rng, 0.04, 0.055)
    foot = solid_of(
        [(radius * 0.9, 0.0), (radius * 0.9, 0.006), (0.008, height * 0.2), (0.008, height * 0.5)]
    )
    cup = vessel(
        curve([(0.01, 0.0), (radius * 0.8, height * 0.15), (radius, height * 0.5)], 5), 0.003, 0.006
    ).translate((0, height * 0.5, 0))
    knot = sphere(0.014, (0, height * 0.35, 0))
    gems = union(
        [sphere(0.006, (x, height * 0.75, z)) for x, z in ring_positions(4, radius * 0.93)]
    )
    return [Part(union([foot, cup, knot])), Part(gems, "gem", _GEM_RED, role="gems")]


def candelabra(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    arms = count_or(attrs, int(rng.choice([3, 5])), 2, 7)
    height, span = uniform(rng, 0.35, 0.5), uniform(rng, 0.25, 0.35)
    stem = solid_of(
        curve([(0.07, 0.0), (0.02, 0.05), (0.012, height * 0.6), (0.02, height * 0.65)], 4)
    )
    xs = np.linspace(-span / 2, span / 2, arms)
    branches, cups, wax, fires = [], [], [], []
    for x in xs:
        top_y = height * 0.7 + (0.05 if abs(x) < 1e-6 else 0.0)
        branches.append(beam((0, height * 0.62, 0), (float(x), top_y, 0), 0.007))
        cups.append(cylinder(0.018, 0.02, (float(x), top_y + 0.01, 0), r_top=0.022))
        wax.append(cylinder(0.01, 0.12, (float(x), top_y + 0.08, 0)))
        fires.append(flame((float(x), top_y + 0.16, 0.0), 0.01))
    return [
        Part(union([stem, *branches, *cups])),
        Part(union(wax), "wax", role="candles"),
        Part(union(fires), "flame", role="flame"),
    ]


def hourglass(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.15, 0.25), uniform(rng, 0.045, 0.065)
    plate = 0.015
    plates = union(
        [cylinder(radius * 1.15, plate, (0, y, 0)) for y in (plate / 2, height - plate / 2)]
    )
    posts = union(
        [cylinder(0.006, height, (x, height / 2, z)) for x, z in ring_positions(3, radius * 1.0)]
    )
    glass = solid_of(
        curve(
            [
                (radius * 0.85, plate),
                (radius * 0.8, height * 0.3),
                (0.006, height * 0.5),
                (radius * 0.8, height * 0.7),
                (radius * 0.85, height - plate),
            ],
            5,
        )
    )
    sand = solid_of([(radius * 0.78, plate), (radius * 0.6, height * 0.22), (0.001, height * 0.3)])
    return [
        Part(union([plates, posts]), "dark_wood", role="frame"),
        Part(glass, "glass", role="window"),
        Part(sand, "paint", (0.9, 0.78, 0.5), role="sand"),
    ]


def cannon(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, radius = uniform(rng, 1.2, 1.8), uniform(rng, 0.12, 0.16)
    barrel = solid_of(
        curve(
            [
                (radius * 1.2, 0.0),
                (radius * 1.1, length * 0.3),
                (radius * 0.85, length * 0.9),
                (radius, length),
            ],
            5,
        )
    )
    barrel = barrel - cylinder(radius * 0.5, length, (0, length * 0.6, 0))
    knob = sphere(radius * 0.5, (0, -radius * 0.3, 0))
    wheel_r = radius * 2.6
    barrel = (
        union([barrel, knob])
        .rotate((0.0, 0.0, -80.0))
        .translate((-length * 0.3, wheel_r + radius * 0.6, 0))
    )
    tyres, spokes = [], []
    for z in (-radius * 2.2, radius * 2.2):
        tyre, rods = spoked_wheel(0.0, z, wheel_r, 0.03, 10)
        tyres.append(tyre)
        spokes.append(rods)
    carriage = box(
        length * 0.7, radius * 1.2, radius * 3.6, (-length * 0.15, wheel_r * 0.8, 0)
    ).rotate((0.0, 0.0, -8.0))
    trail = beam((-length * 0.2, wheel_r * 0.7, 0), (-length * 0.75, 0.03, 0), radius * 0.35)
    return [
        Part(barrel, "iron", role="barrel"),
        Part(union([carriage, trail, *tyres, *spokes]), role="wheel"),
    ]


def anchor(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 0.6, 1.2)
    shank = box(height * 0.08, height, height * 0.08, (0, height / 2, 0))
    ring = (
        torus(height * 0.1, height * 0.025)
        .rotate((90.0, 0.0, 0.0))
        .translate((0, height * 1.08, 0))
    )
    stock = box(height * 0.55, height * 0.06, height * 0.08, (0, height * 0.85, 0))
    arc = torus(height * 0.4, height * 0.04).rotate((90.0, 0.0, 0.0)) - box(
        height, height, height, (0, height * 0.5, 0)
    )
    flukes = union(
        [
            hull(
                [
                    (s * height * 0.4, 0.0, 0),
                    (s * height * 0.32, height * 0.22, 0),
                    (s * height * 0.5, height * 0.2, 0),
                    (s * height * 0.4, height * 0.05, height * 0.05),
                    (s * height * 0.4, height * 0.05, -height * 0.05),
                ]
            )
            for s in (-1, 1)
        ]
    )
    body = union(
        [
            shank,
            ring,
            stock,
            arc.translate((0, height * 0.42, 0)),
            flukes.translate((0, height * 0.12, 0)),
        ]
    )
    return [Part(body.rotate((90.0, 0.0, 0.0)).translate((0, height * 0.05, 0)))]


def ship_wheel(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.35, 0.5)
    spokes = count_or(attrs, 8, 6, 12)
    rim = torus(radius, radius * 0.06).rotate((90.0, 0.0, 0.0))
    hub = cylinder(radius * 0.15, radius * 0.18, (0, 0, 0)).rotate((90.0, 0.0, 0.0))
    handles = union(
        [
            beam((x * 0.3, y * 0.3, 0), (x * 1.28, y * 1.28, 0), radius * 0.035)
            for x, y in ring_positions(spokes, radius)
        ]
    )
    knobs = union(
        [sphere(radius * 0.05, (x * 1.3, y * 1.3, 0)) for x, y in ring_positions(spokes, radius)]
    )
    lift = (0.0, radius * 1.35, 0.0)
    stand = box(radius * 0.6, radius * 0.1, radius * 0.4, (0, radius * 0.05, 0))
    post = box(radius * 0.12, radius * 1.35, radius * 0.12, (0, radius * 0.67, -radius * 0.12))
    return [
        Part(union([rim, hub, handles, knobs]).translate(lift)),
        Part(union([stand, post]), "dark_wood", role="base"),
    ]


def flag(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 1.8, 3.0)
    pole = pole_on_base(height, 0.02, 0.15, 0.04)
    width, drop = height * 0.42, height * 0.28
    # Built with the fly along +Y so kit.organic.bent can ripple it, then turned so the
    # fly runs along +X, hangs along Y and ripples in Z.
    cloth = bent(box(0.01, width, drop, (0, width / 2, 0)).refine(10), 0.05, width)
    cloth = cloth.transform(
        np.array([[0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0]])
    )
    finial = sphere(0.035, (0, height + 0.03, 0))
    return [
        Part(union([pole, finial]), "metal", role="base"),
        Part(cloth.translate((0.02, height - drop / 2 - 0.05, 0)), role="cloth"),
    ]


def ring(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.009, 0.011)
    band = torus(radius, radius * 0.18).rotate((90.0, 0.0, 0.0))
    setting = cylinder(radius * 0.3, radius * 0.3, (0, radius * 1.2, 0))
    gem = hull(
        [(x, radius * 1.35, z) for x, z in ring_positions(8, radius * 0.35)]
        + [(0.0, radius * 1.6, 0.0), (0.0, radius * 1.25, 0.0)]
    )
    lift = (0.0, radius * 1.18, 0.0)
    return [
        Part(union([band, setting]).translate(lift)),
        Part(gem.translate(lift), "gem", attrs.accent_colour or (0.5, 0.8, 0.95), role="gems"),
    ]
