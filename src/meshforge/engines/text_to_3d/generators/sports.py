"""Sports gear: balls of every game, rackets, bats, clubs and sticks, boards, weights,
pins, hoops and goals, frisbees, paddles, medals, helmets, dartboards, punch bags.
Held gear lies flat pointing along +X."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import rounded_box
from meshforge.engines.text_to_3d.kit.vessels import curve, solid_of
from meshforge.engines.text_to_3d.kit.wheels import wheel
from meshforge.engines.text_to_3d.parts import Part, uniform
from meshforge.engines.text_to_3d.shapes import (
    beam,
    box,
    cylinder,
    prism,
    sphere,
    torus,
    union,
)

_BLACK = (0.06, 0.06, 0.07)
_WHITE = (0.96, 0.96, 0.95)
_RED = (0.8, 0.1, 0.1)


def _ball(
    radius: float, seams: list[tuple[float, float, float]], seam_r: float
) -> tuple[Manifold, Manifold]:
    """(ball, seams): a sphere on the ground and thin rings round it, one per seam
    rotation (x, y, z degrees) -- how basketballs, volleyballs and tennis balls read."""
    ball = sphere(radius, (0, radius, 0))
    rings = [torus(radius * 1.001, seam_r).rotate(r).translate((0, radius, 0)) for r in seams]
    return ball, union(rings)


def soccer_ball(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = 0.11
    ball = sphere(radius, (0, radius, 0))
    directions = _icosahedron()
    patches = union(
        [
            sphere(radius * 0.42, tuple(np.array([0, radius, 0]) + d * radius * 0.93))
            for d in directions
        ]
    )
    return [
        Part(ball, "leather", _WHITE),
        Part(patches ^ sphere(radius * 1.01, (0, radius, 0)), "leather", _BLACK, role="spots"),
    ]


def _sphere_points(count: int) -> np.ndarray:
    """`count` nearly even directions (a Fibonacci sphere), for dimples."""
    i = np.arange(count) + 0.5
    polar, turn = np.arccos(1 - 2 * i / count), np.pi * (1 + 5**0.5) * i
    return np.stack(
        [np.cos(turn) * np.sin(polar), np.cos(polar), np.sin(turn) * np.sin(polar)], axis=1
    )


def _icosahedron() -> np.ndarray:
    phi = (1 + 5**0.5) / 2
    points = np.array(
        [(0, s1, s2 * phi) for s1 in (-1, 1) for s2 in (-1, 1)]
        + [(s1, s2 * phi, 0) for s1 in (-1, 1) for s2 in (-1, 1)]
        + [(s2 * phi, 0, s1) for s1 in (-1, 1) for s2 in (-1, 1)],
        dtype=float,
    )
    return points / np.linalg.norm(points, axis=1, keepdims=True)  # type: ignore[no-any-return]


def basketball(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    ball, seams = _ball(0.12, [(0.0, 0.0, 0.0), (90.0, 0.0, 0.0), (0.0, 0.0, 90.0)], 0.003)
    return [Part(ball), Part(seams, "rubber", _BLACK, role="trim")]


def tennis_ball(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    ball, seams = _ball(0.034, [(30.0, 0.0, 0.0), (-30.0, 90.0, 0.0)], 0.0015)
    return [Part(ball), Part(seams, "paint", _WHITE, role="trim")]


def baseball(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    ball, seams = _ball(0.037, [(35.0, 0.0, 0.0), (-35.0, 90.0, 0.0)], 0.002)
    return [Part(ball), Part(seams, "paint", _RED, role="trim")]


def volleyball(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    ball, seams = _ball(
        0.105, [(0.0, 0.0, 0.0), (60.0, 0.0, 0.0), (-60.0, 0.0, 0.0), (90.0, 90.0, 0.0)], 0.003
    )
    return [Part(ball), Part(seams, "paint", (0.2, 0.35, 0.8), role="trim")]


def golf_ball(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = 0.0214
    dimples = union(
        [
            sphere(radius * 0.1, tuple(np.array([0, radius, 0]) + d * radius * 1.03))
            for d in _sphere_points(60)
        ]
    )
    parts = [Part(sphere(radius, (0, radius, 0)) - dimples)]
    if "tee" in attrs.words:
        tee = solid_of([(0.002, 0.0), (0.0025, 0.045), (0.008, 0.052), (0.007, 0.054)])
        parts = [
            Part(p.solid.translate((0, 0.052, 0)), p.material, p.colour, p.role) for p in parts
        ]
        parts.append(Part(tee, "wood", (0.9, 0.3, 0.2), role="base"))
    return parts


def bowling_ball(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = 0.108
    holes = union(
        [
            cylinder(0.011, 0.1, (x, 2 * radius, z))
            for x, z in ((-0.02, 0.0), (0.02, 0.0), (0.0, 0.05))
        ]
    )
    return [Part(sphere(radius, (0, radius, 0)) - holes)]


def american_football(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, radius = 0.28, 0.085
    ball = sphere(1.0, (0, 0, 0), (length / 2, radius, radius)).translate((0, radius, 0))
    laces = union(
        [box(0.006, 0.005, 0.03, (x, radius * 2, 0)) for x in np.linspace(-0.04, 0.04, 6)]
        + [box(0.1, 0.004, 0.005, (0, radius * 2, 0))]
    )
    return [Part(ball), Part(laces, "paint", _WHITE, role="trim")]


def tennis_racket(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.66, 0.7)
    head_len, head_w = 0.32, 0.25
    head_x = length - head_len / 2
    rim = (
        torus(1.0, 0.012 / (head_w / 2))
        .scale((head_len / 2, head_w / 2, head_w / 2))
        .translate((head_x, 0.012, 0))
    )
    strings = union(
        [
            box(head_len * 0.9, 0.002, 0.002, (head_x, 0.012, z))
            for z in np.linspace(-head_w * 0.4, head_w * 0.4, 12)
        ]
        + [
            box(0.002, 0.002, head_w * 0.85, (x, 0.012, 0))
            for x in np.linspace(head_x - head_len * 0.42, head_x + head_len * 0.42, 14)
        ]
    )
    throat = union(
        [
            beam(
                (length - head_len - 0.1, 0.012, 0),
                (length - head_len + 0.01, 0.012, s * head_w * 0.3),
                0.01,
            )
            for s in (-1, 1)
        ]
    )
    handle = (
        cylinder(0.016, length - head_len - 0.1, (0, 0, 0))
        .rotate((0.0, 0.0, 90.0))
        .translate(((length - head_len - 0.1) / 2, 0.016, 0))
    )
    return [
        Part(union([rim, throat])),
        Part(strings, "paint", _WHITE, role="strings"),
        Part(handle, "leather", _BLACK, role="handle"),
    ]


def baseball_bat(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.8, 0.9)
    profile = curve(
        [(0.012, 0.0), (0.013, length * 0.4), (0.03, length * 0.75), (0.034, length)], 6
    )
    bat = solid_of([(0.018, 0.0), (0.018, 0.012)] + [(r, y + 0.012) for r, y in profile])
    return [Part(bat.rotate((0.0, 0.0, -90.0)).translate((0, 0.035, 0)))]


def golf_club(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.9, 1.1)
    shaft = beam((0.0, 0.0, 0.0), (length, 0.0, 0.0), 0.006)
    handle = beam((0.0, 0.0, 0.0), (0.26, 0.0, 0.0), 0.013)
    head = (
        sphere(0.05, (length + 0.03, 0.0, 0.02), (1.3, 0.5, 0.9))
        if "driver" in attrs.words
        else box(0.08, 0.02, 0.05, (length + 0.02, 0.0, 0.02))
    )
    lift = (0.0, 0.025, 0.0)
    return [
        Part(shaft.translate(lift), "steel"),
        Part(handle.translate(lift), "rubber", role="handle"),
        Part(head.translate(lift), role="head"),
    ]


def hockey_stick(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 1.4, 1.6)
    shaft = box(length, 0.025, 0.03, (length / 2, 0.015, 0))
    blade = box(0.3, 0.02, 0.07).rotate((0.0, -20.0, 0.0)).translate((length + 0.12, 0.015, -0.04))
    tape = box(0.25, 0.028, 0.034, (0.13, 0.015, 0))
    return [
        Part(union([shaft, blade])),
        Part(tape, "fabric", _BLACK, role="handle"),
    ]


def _board(length: float, width: float, thick: float, nose: float) -> Manifold:
    """A flat board with rounded ends lying on y = 0 (surf, snow and skate boards)."""
    ends = [
        cylinder(width / 2, thick, (s * (length / 2 - width / 2), thick / 2, 0)).scale(
            (nose, 1.0, 1.0)
        )
        for s in (-1, 1)
    ]
    return union(
        [
            box(length - width, thick, width, (0, thick / 2, 0)),
            *[
                e.translate((s * (length / 2 - width / 2) * (1 - nose), 0, 0))
                for e, s in zip(ends, (-1, 1), strict=True)
            ],
        ]
    )


def skateboard(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width = uniform(rng, 0.75, 0.83), uniform(rng, 0.19, 0.22)
    radius = 0.027
    deck = _board(length, width, 0.015, 1.0).translate((0, radius * 2 + 0.03, 0))
    tyres, trucks = [], []
    for x in (-length * 0.32, length * 0.32):
        trucks.append(box(0.04, 0.03, width * 0.9, (x, radius * 2 + 0.015, 0)))
        for z in (-width * 0.4, width * 0.4):
            tyres.append(wheel(x, z, radius, 0.03)[0])
    return [
        Part(deck),
        Part(union(trucks), "steel", role="trim"),
        Part(union(tyres), "plastic", (0.95, 0.9, 0.75), role="wheel"),
    ]


def surfboard(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width = uniform(rng, 1.8, 2.7), uniform(rng, 0.5, 0.58)
    board = sphere(1.0, (0, 0, 0), (length / 2, 0.035, width / 2)).translate((0, 0.035, 0))
    fin = prism([(0.0, 0.0), (0.12, 0.0), (0.02, 0.12)], 0.01).rotate((180.0, 0.0, 0.0))
    stripe = board ^ box(length, 0.2, 0.04, (0, 0, 0))
    return [
        Part(board),
        Part(stripe.scale((1.0, 1.02, 1.0)), "paint", _WHITE, role="trim"),
        Part(fin.translate((-length * 0.42, 0.0, 0)), "plastic", _BLACK, role="fin"),
    ]


def snowboard(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width = uniform(rng, 1.4, 1.65), uniform(rng, 0.25, 0.3)
    board = _board(length, width, 0.012, 0.5)
    bindings = union(
        [
            rounded_box(0.12, 0.06, width * 0.8, 0.02, 0.04).translate((s * length * 0.18, 0, 0))
            for s in (-1, 1)
        ]
    )
    return [Part(board), Part(bindings, "plastic", _BLACK, role="trim")]


def skis(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 1.5, 1.85)
    skis_ = [_board(length, 0.08, 0.012, 0.6).translate((0, 0, z)) for z in (-0.07, 0.07)]
    tips = [beam((length / 2 - 0.1, 0.006, z), (length / 2, 0.05, z), 0.006) for z in (-0.07, 0.07)]
    bindings = union([box(0.3, 0.05, 0.07, (0, 0.035, z)) for z in (-0.07, 0.07)])
    return [Part(union(skis_ + tips)), Part(bindings, "plastic", _BLACK, role="trim")]


def _weights(radius: float, width: float, x: float) -> Manifold:
    """A pair of weight plates on a horizontal bar at +-x, the bar's axis at y = radius."""
    plate = cylinder(radius, width, (0, 0, 0)).rotate((0.0, 0.0, 90.0))
    return union([plate.translate((s * x, radius, 0)) for s in (-1, 1)])


def dumbbell(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, bar = uniform(rng, 0.05, 0.08), uniform(rng, 0.12, 0.15)
    plates = _weights(radius, 0.04, bar / 2 + 0.02)
    handle = (
        cylinder(0.016, bar + 0.1, (0, 0, 0)).rotate((0.0, 0.0, 90.0)).translate((0, radius, 0))
    )
    return [Part(plates), Part(handle, "chrome", role="handle")]


def kettlebell(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.08, 0.12)
    body = sphere(radius, (0, radius * 0.95, 0)) - box(1, 1, 1, (0, -0.5 + radius * 0.1, 0))
    handle = (
        torus(radius * 0.6, radius * 0.14).rotate((90.0, 0.0, 0.0)).translate((0, radius * 1.9, 0))
    )
    return [Part(union([body, handle]))]


def barbell(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.18, 0.225)
    plates = union([_weights(radius * f, 0.05, 0.7 + i * 0.055) for i, f in enumerate((1.0, 0.8))])
    bar = cylinder(0.014, 2.1, (0, 0, 0)).rotate((0.0, 0.0, 90.0)).translate((0, radius, 0))
    collars = union(
        [
            cylinder(0.03, 0.04, (0, 0, 0))
            .rotate((0.0, 0.0, 90.0))
            .translate((s * 0.64, radius, 0))
            for s in (-1, 1)
        ]
    )
    return [Part(plates), Part(union([bar, collars]), "chrome", role="handle")]


def bowling_pin(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = 0.38
    pin = solid_of(
        curve(
            [
                (0.026, 0.0),
                (0.06, height * 0.3),
                (0.03, height * 0.65),
                (0.033, height * 0.85),
                (0.001, height),
            ],
            8,
        )
    )
    stripes = union(
        [pin ^ box(1, height * 0.025, 1, (0, height * y, 0)) for y in (0.6, 0.66)]
    ).scale((1.02, 1.0, 1.02))
    return [Part(pin), Part(stripes, "paint", _RED, role="trim")]


def basketball_hoop(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = 3.05
    pole = box(0.12, height + 0.5, 0.12, (0, (height + 0.5) / 2, -0.9))
    base = box(0.6, 0.15, 1.0, (0, 0.075, -0.9))
    arm = beam((0, height + 0.3, -0.9), (0, height + 0.3, -0.2), 0.05)
    board = box(1.8, 1.05, 0.04, (0, height + 0.3, -0.15))
    rim = torus(0.23, 0.01, (0, height, 0.12))
    net = cylinder(0.23, 0.4, (0, height - 0.2, 0.12), r_top=0.23) - cylinder(
        0.22, 0.5, (0, height - 0.2, 0.12), r_top=0.22
    )
    return [
        Part(union([pole, base, arm]), "steel", (0.2, 0.2, 0.22), role="frame"),
        Part(board, "paint", _WHITE),
        Part(rim, "paint", (0.95, 0.4, 0.1), role="trim"),
        Part(net.scale((1.0, 1.0, 1.0)), "fabric", _WHITE, role="net"),
    ]


def soccer_goal(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height = (
        (uniform(rng, 2.5, 3.5), uniform(rng, 1.5, 2.0)) if "small" in attrs.words else (7.32, 2.44)
    )
    depth = height * 0.8
    posts = [cylinder(0.06, height, (s * width / 2, height / 2, 0)) for s in (-1, 1)]
    bar = beam((-width / 2, height, 0), (width / 2, height, 0), 0.06)
    back = [
        beam((s * width / 2, height, 0), (s * width / 2, 0.0, -depth), 0.03) for s in (-1, 1)
    ] + [beam((-width / 2, 0.03, -depth), (width / 2, 0.03, -depth), 0.03)]
    net = union(
        [
            beam((x, height, 0), (x, 0.0, -depth), 0.006)
            for x in np.linspace(-width / 2, width / 2, 14)
        ]
        + [
            beam(
                (-width / 2, height * f, -depth * (1 - f)),
                (width / 2, height * f, -depth * (1 - f)),
                0.006,
            )
            for f in np.linspace(0.1, 0.9, 6)
        ]
    )
    return [
        Part(union([*posts, bar]), "paint", _WHITE, role="frame"),
        Part(union(back), "steel"),
        Part(net, "fabric", (0.9, 0.9, 0.9), role="net"),
    ]


def frisbee(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.12, 0.14)
    disc = solid_of(
        curve([(radius, 0.0), (radius, 0.025), (radius * 0.7, 0.032), (0.001, 0.034)], 5)
    )
    underside = cylinder(radius * 0.93, 0.022, (0, 0.011, 0))
    return [Part(disc - underside)]


def table_tennis_paddle(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.075, 0.085)
    blade = cylinder(radius, 0.008, (0, 0.004, 0)).scale((1.0, 1.0, 0.95))
    rubber = cylinder(radius * 0.98, 0.004, (0, 0.01, 0))
    handle = rounded_box(0.1, 0.024, 0.03, 0.01, 0.012).translate((-radius - 0.04, 0, 0))
    return [
        Part(rubber, "rubber", _RED, role="trim"),
        Part(union([blade, handle]), "wood", role="handle"),
    ]


def medal(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.03, 0.04)
    disc = cylinder(radius, 0.005, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate((0, radius, 0))
    star = prism(
        [
            (
                radius * (0.6 if i % 2 == 0 else 0.25) * np.cos(np.pi / 2 + i * np.pi / 5),
                radius * (0.6 if i % 2 == 0 else 0.25) * np.sin(np.pi / 2 + i * np.pi / 5),
            )
            for i in range(10)
        ],
        0.003,
        (0, radius, 0.003),
    )
    ribbon = union(
        [
            box(0.025, 0.12, 0.002, (s * 0.02, radius * 2 + 0.055, 0)).rotate((0.0, 0.0, s * 12.0))
            for s in (-1, 1)
        ]
    )
    return [Part(union([disc, star])), Part(ribbon, "fabric", (0.15, 0.3, 0.75), role="ribbon")]


def helmet(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.12, 0.14)
    shell = sphere(radius, (0, 0, 0), (1.0, 0.95, 1.2)) - sphere(
        radius * 0.92, (0, 0, 0), (1.0, 0.95, 1.2)
    )
    shell = shell - box(1, 1, 1, (0, -0.5, 0))
    if {"football", "american"} & attrs.words:
        front = radius * 1.15
        bars = [
            box(radius * 1.3, 0.012, 0.012, (0, y, front)) for y in (-radius * 0.1, -radius * 0.3)
        ]
        struts = [
            beam((x * 0.9, -radius * 0.05, radius * 0.5), (x * 0.6, -radius * 0.2, front), 0.006)
            for x in (-radius, radius)
        ]
        mask = union(bars + struts)
        return [
            Part(shell.translate((0, radius * 0.45, 0))),
            Part(mask.translate((0, radius * 0.45, 0)), "paint", _WHITE, role="trim"),
        ]
    vents = union(
        [
            box(0.02, radius, radius * 0.5, (x, radius * 0.9, 0))
            for x in (-radius * 0.4, 0, radius * 0.4)
        ]
    )
    return [Part(shell - vents)]


def dartboard(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = 0.225
    centre = (0.0, radius + 0.02, 0.0)
    board = cylinder(radius, 0.04, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate(centre)
    rings = union(
        [
            torus(radius * f, 0.006).rotate((90.0, 0.0, 0.0)).translate((0, centre[1], 0.02))
            for f in (0.95, 0.62, 0.58, 0.1)
        ]
    )
    bull = (
        cylinder(radius * 0.06, 0.01, (0, 0, 0))
        .rotate((90.0, 0.0, 0.0))
        .translate((0, centre[1], 0.02))
    )
    stand = box(radius * 1.2, 0.02, 0.15, (0, 0.01, -0.05))
    return [
        Part(union([board, stand]), "paint", (0.12, 0.12, 0.1)),
        Part(rings, "steel", role="trim"),
        Part(bull, "paint", _RED),
    ]


def punching_bag(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 1.0, 1.3), uniform(rng, 0.16, 0.2)
    stand_h = height + 0.8
    bag = cylinder(radius, height, (0, 0.4 + height / 2, 0))
    caps = union([sphere(radius, (0, y, 0), (1.0, 0.25, 1.0)) for y in (0.4, 0.4 + height)])
    frame = union(
        [
            box(0.06, stand_h, 0.06, (-0.6, stand_h / 2, 0)),
            box(0.7, 0.06, 0.06, (-0.3, stand_h, 0)),
            box(0.9, 0.05, 0.6, (-0.5, 0.025, 0)),
        ]
    )
    chain = beam((0, 0.4 + height, 0), (0, stand_h, 0), 0.01)
    return [
        Part(union([bag, caps])),
        Part(union([frame, chain]), "steel", (0.2, 0.2, 0.22), role="frame"),
    ]
