"""Musical instruments: the guitar family, pianos, drums and cymbals, brass, woodwind,
harps, xylophones, tambourines, bells, gongs, accordions, harmonicas, maracas.
Instruments that are held lie on their backs, neck or mouthpiece along +X."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import rounded_box
from meshforge.engines.text_to_3d.kit.legs import splayed_legs
from meshforge.engines.text_to_3d.kit.poles import pole_on_base
from meshforge.engines.text_to_3d.kit.vessels import curve
from meshforge.engines.text_to_3d.parts import Part, uniform
from meshforge.engines.text_to_3d.shapes import (
    beam,
    box,
    cylinder,
    lathe,
    prism,
    ring_positions,
    sphere,
    torus,
    union,
)

_BLACK = (0.06, 0.06, 0.07)
_IVORY = (0.96, 0.95, 0.9)
_STRING = (0.85, 0.85, 0.8)


def _flat(solid: Manifold) -> Manifold:
    """Lay a part drawn in the XY plane (outline extruded along Z) onto its back."""
    return solid.rotate((90.0, 0.0, 0.0))


def _stringed(size: float, waist: float, neck_len: float, depth: float) -> list[Part]:
    """A figure-of-eight body with a sound hole, a neck with frets and a head, strings:
    the guitar family at any size, lying on its back with the neck along +X."""
    lower, upper = size * 0.5, size * 0.5 * waist
    body = union([cylinder(lower, depth, (0, 0, 0)), cylinder(upper, depth, (size * 0.55, 0, 0))])
    body = union([body, box(size * 0.4, depth, upper * 1.2, (size * 0.3, 0, 0))])
    hole = cylinder(upper * 0.35, depth, (size * 0.42, depth * 0.5, 0))
    neck_x = size * 0.55 + upper * 0.8
    neck = box(neck_len, depth * 0.35, size * 0.09, (neck_x + neck_len / 2, depth * 0.2, 0))
    head = box(
        size * 0.2, depth * 0.3, size * 0.12, (neck_x + neck_len + size * 0.1, depth * 0.15, 0)
    )
    frets = union(
        [
            box(
                0.003,
                depth * 0.4,
                size * 0.09,
                (neck_x + neck_len * (1 - 0.94**i), depth * 0.22, 0),
            )
            for i in range(1, 13)
        ]
    )
    strings = union(
        [
            box(
                neck_x + neck_len - size * 0.1,
                0.002,
                0.002,
                ((neck_x + neck_len + size * 0.1) / 2, depth * 0.55, z),
            )
            for z in np.linspace(-size * 0.03, size * 0.03, 6)
        ]
    )
    bridge = box(size * 0.05, depth * 0.12, size * 0.2, (-size * 0.1, depth * 0.55, 0))
    lift = (0.0, depth / 2, 0.0)
    return [
        Part((body - hole).translate(lift)),
        Part(union([neck, head, bridge]).translate(lift), "dark_wood", role="neck"),
        Part(union([frets, strings]).translate(lift), "steel", _STRING, role="strings"),
    ]


def guitar(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if "electric" in attrs.words or "bass" in attrs.words:
        parts = _stringed(uniform(rng, 0.32, 0.36), 0.75, 0.62, 0.045)
        pickups = union([box(0.02, 0.012, 0.08, (x, 0.05, 0)) for x in (0.02, 0.1)])
        return parts + [Part(pickups, "plastic", _BLACK, role="trim")]
    return _stringed(uniform(rng, 0.36, 0.4), 0.78, 0.5, 0.1)


def ukulele(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    return _stringed(uniform(rng, 0.17, 0.2), 0.8, 0.24, 0.06)


def violin(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    return _stringed(uniform(rng, 0.19, 0.21), 0.82, 0.26, 0.04)


def cello(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    return _stringed(uniform(rng, 0.42, 0.46), 0.82, 0.55, 0.12)


def banjo(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, neck_len = uniform(rng, 0.16, 0.18), uniform(rng, 0.55, 0.65)
    drum = cylinder(radius, 0.06, (0, 0.03, 0))
    head = cylinder(radius * 0.94, 0.004, (0, 0.062, 0))
    rim = torus(radius, 0.008, (0, 0.06, 0))
    neck = box(neck_len, 0.025, 0.045, (radius + neck_len / 2, 0.045, 0))
    peg_head = box(0.15, 0.02, 0.07, (radius + neck_len + 0.07, 0.04, 0))
    strings = union(
        [
            box(radius + neck_len, 0.002, 0.002, ((radius + neck_len) / 2, 0.066, z))
            for z in np.linspace(-0.015, 0.015, 5)
        ]
    )
    return [
        Part(union([drum, rim])),
        Part(head, "paint", _IVORY, role="head"),
        Part(union([neck, peg_head]), "dark_wood", role="neck"),
        Part(strings, "steel", role="strings"),
    ]


def piano(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if "upright" in attrs.words or ("grand" not in attrs.words and rng.random() < 0.5):
        return _upright_piano(rng)
    length, width, height = uniform(rng, 1.6, 2.4), 1.5, 1.0
    outline = (
        [(0.0, 0.0), (width, 0.0), (width, length * 0.35)]
        + [
            (width * (0.5 + 0.5 * np.cos(a)), length * (0.35 + 0.65 * np.sin(a)))
            for a in np.linspace(0.0, np.pi / 2, 8)[1:]
        ]
        + [(0.0, length)]
    )
    case = prism(outline, 0.3).rotate((90.0, 0.0, 0.0)).translate((-width / 2, height, -length / 2))
    lid = (
        prism(outline, 0.03)
        .rotate((90.0, 0.0, 0.0))
        .rotate((0.0, 0.0, 35.0))
        .translate((-width / 2 + 0.1, height + 0.1, -length / 2))
    )
    legs = union(
        [
            cylinder(0.06, height - 0.3, (x, (height - 0.3) / 2, z))
            for x, z in (
                (-width * 0.42, -length * 0.4),
                (width * 0.42, -length * 0.4),
                (0.0, length * 0.45),
            )
        ]
    )
    keys = _keys(width * 0.95, height - 0.25, -length / 2 - 0.08)
    parts = [Part(union([case, legs])), Part(lid, role="lid"), *keys]
    return [Part(p.solid.rotate((0.0, 180.0, 0.0)), p.material, p.colour, p.role) for p in parts]


def _upright_piano(rng: np.random.Generator) -> list[Part]:
    width, height, depth = uniform(rng, 1.4, 1.55), uniform(rng, 1.1, 1.3), 0.6
    case = box(width, height, depth * 0.5, (0, height / 2, -depth * 0.25))
    shelf = box(width, 0.1, depth * 0.5, (0, 0.7, depth * 0.2))
    cheeks = union(
        [box(0.05, 0.8, depth * 0.5, (s * (width / 2 - 0.025), 0.4, depth * 0.2)) for s in (-1, 1)]
    )
    keys = _keys(width * 0.9, 0.75, depth * 0.3)
    return [Part(union([case, shelf, cheeks])), *keys]


def _keys(width: float, y: float, z: float) -> list[Part]:
    """A keyboard: 52 white keys and the black keys between them, front edge at z."""
    count = 52
    pitch = width / count
    whites = box(width, 0.02, 0.15, (0, y, z + 0.075))
    gaps = union(
        [box(0.0015, 0.03, 0.16, (-width / 2 + pitch * i, y, z + 0.075)) for i in range(1, count)]
    )
    blacks = [
        box(pitch * 0.55, 0.018, 0.09, (-width / 2 + pitch * i, y + 0.018, z + 0.045))
        for i in range(1, count)
        if i % 7 not in (0, 3)
    ]
    return [
        Part(whites - gaps, "paint", _IVORY, role="keys"),
        Part(union(blacks), "paint", _BLACK, role="keys"),
    ]


def drum(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if {"kit", "set", "drums", "drumkit"} & attrs.words:
        return _drum_kit(rng)
    radius, depth = uniform(rng, 0.18, 0.3), uniform(rng, 0.14, 0.3)
    shell, skin, hoops = _drum_shell(radius, depth, 0.0)
    return [
        Part(shell),
        Part(skin, "paint", _IVORY, role="head"),
        Part(hoops, "chrome", role="trim"),
    ]


def _drum_shell(radius: float, depth: float, y: float) -> tuple[Manifold, Manifold, Manifold]:
    """(shell, top skin, hoops and lugs) of a drum standing with its bottom at y."""
    shell = cylinder(radius, depth, (0, y + depth / 2, 0))
    skin = cylinder(radius * 0.97, 0.004, (0, y + depth + 0.002, 0))
    hoops = [torus(radius, 0.008, (0, y + h, 0)) for h in (0.004, depth)]
    lugs = [
        box(0.012, depth * 0.6, 0.02, (x * 1.03, y + depth / 2, z * 1.03))
        for x, z in ring_positions(8, radius)
    ]
    return shell, skin, union(hoops + lugs)


def _drum_kit(rng: np.random.Generator) -> list[Part]:
    bass_r = uniform(rng, 0.25, 0.28)
    shell, skin, hoops = _drum_shell(bass_r, 0.4, 0.0)
    bass = [
        s.translate((0, -0.2, 0)).rotate((90.0, 0.0, 0.0)).translate((0, bass_r, 0))
        for s in (shell, skin, hoops)
    ]
    pieces = [bass]
    for x, z, r, y in ((0.45, 0.25, 0.18, 0.55), (-0.15, 0.1, 0.13, 0.72), (0.15, 0.1, 0.14, 0.72)):
        pieces.append([s.translate((x, 0, z)) for s in _drum_shell(r, r, y)])
    stand = splayed_legs(3, 0.03, 0.25, 0.55, 0.02).translate((0.45, 0, 0.25))
    cymbal = cylinder(0.2, 0.004, (-0.45, 1.1, 0.2), r_top=0.03)
    cymbal_stand = pole_on_base(1.1, 0.01, 0.18, 0.02).translate((-0.45, 0, 0.2))
    return [
        Part(union([p[0] for p in pieces])),
        Part(union([p[1] for p in pieces]), "paint", _IVORY, role="head"),
        Part(union([p[2] for p in pieces] + [stand, cymbal_stand]), "chrome", role="trim"),
        Part(cymbal, "brass", role="cymbal"),
    ]


def cymbal(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.9, 1.3), uniform(rng, 0.18, 0.25)
    stand = pole_on_base(height, 0.011, radius * 0.9, 0.02)
    plate = lathe(
        [(0.0, 0.0), (radius, -0.02), (radius, -0.014), (0.03, 0.012), (0.0, 0.02)], (0, height, 0)
    )
    return [Part(plate), Part(stand, "chrome", role="base")]


def _brass_tube(points: list[tuple[float, float, float]], radius: float) -> Manifold:
    """A bent metal tube through the points, rounded at each bend."""
    rods = [beam(a, b, radius) for a, b in zip(points, points[1:], strict=False)]
    joints = [sphere(radius, p) for p in points[1:-1]]
    return union(rods + joints)


def _bell(
    radius: float, length: float, at: tuple[float, float, float], rotate: tuple[float, float, float]
) -> Manifold:
    """A flaring horn bell opening along +Y, then turned and moved."""
    outline = curve([(radius * 0.15, 0.0), (radius * 0.3, length * 0.6), (radius, length)], 6)
    inner = [(max(r - 0.003, 0.001), h + 0.004) for r, h in outline]
    return lathe(outline + inner[::-1]).rotate(rotate).translate(at)


def trumpet(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.46, 0.52)
    y = 0.06
    loop = [
        (0.0, y, 0.0),
        (length * 0.6, y, 0.0),
        (length * 0.7, y, 0.05),
        (length * 0.6, y, 0.1),
        (length * 0.15, y, 0.1),
        (length * 0.05, y, 0.05),
        (length * 0.2, y, 0.05),
    ]
    tube = _brass_tube(loop, 0.006)
    bell = _bell(0.06, 0.2, (length * 0.6, y, 0.0), (0.0, 0.0, -90.0))
    valves = union(
        [cylinder(0.011, 0.07, (length * (0.3 + 0.06 * i), y + 0.01, 0.05)) for i in range(3)]
    )
    mouth = (
        cylinder(0.008, 0.04, (0, 0, 0), r_top=0.004)
        .rotate((0.0, 0.0, 90.0))
        .translate((-0.02, y, 0))
    )
    return [Part(union([tube, bell, valves, mouth]))]


def trombone(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.9, 1.1)
    y = 0.07
    slide = _brass_tube(
        [
            (0.0, y, 0.0),
            (length * 0.75, y, 0.0),
            (length * 0.75, y, 0.09),
            (length * 0.15, y, 0.09),
        ],
        0.007,
    )
    back = _brass_tube([(0.0, y, 0.0), (-0.1, y, 0.06), (length * 0.2, y, 0.16)], 0.008)
    bell = _bell(0.1, length * 0.45, (length * 0.2, y, 0.16), (0.0, 0.0, -90.0))
    return [Part(union([slide, back, bell]))]


def tuba(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 0.85, 1.0)
    coil = _brass_tube(
        [
            (0.0, 0.12, 0.0),
            (0.0, height * 0.55, 0.0),
            (0.12, height * 0.7, 0.0),
            (0.18, height * 0.55, 0.0),
            (0.18, 0.15, 0.0),
            (0.09, 0.06, 0.0),
            (0.0, 0.12, 0.0),
        ],
        0.05,
    )
    bell = _bell(0.24, height * 0.35, (0.0, height * 0.62, 0.0), (0.0, 0.0, 0.0))
    valves = union([cylinder(0.018, 0.12, (0.1 + 0.04 * i, height * 0.45, 0.06)) for i in range(4)])
    return [Part(union([coil, bell, valves]))]


def saxophone(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 0.6, 0.75)
    body = union(
        [beam((0.0, height, 0.0), (0.0, 0.1, 0.0), 0.04, 0.018), sphere(0.045, (0.05, 0.08, 0))]
    )
    bow = beam((0.0, 0.09, 0.0), (0.11, 0.09, 0.0), 0.045)
    bell = _bell(0.08, height * 0.35, (0.12, 0.06, 0.0), (0.0, 0.0, -15.0))
    neck = beam((0.0, height, 0.0), (-0.08, height + 0.08, 0.0), 0.012, 0.007)
    keys = union(
        [
            cylinder(0.012, 0.02, (0, 0, 0))
            .rotate((90.0, 0.0, 0.0))
            .translate((-0.01, height * f, 0.03))
            for f in np.linspace(0.3, 0.9, 6)
        ]
    )
    return [Part(union([body, bow, bell, neck])), Part(keys, "brass", _IVORY, role="keys")]


def _woodwind(length: float, radius: float, flare: float, holes: int) -> Manifold:
    """A straight pipe lying along +X with a flared end and a row of tone holes."""
    pipe = cylinder(radius, length, (0, 0, 0), r_top=radius * flare).rotate((0.0, 0.0, -90.0))
    cuts = union(
        [
            cylinder(radius * 0.3, radius, (length * (0.1 + 0.6 * i / holes), radius, 0))
            for i in range(holes)
        ]
    )
    return (pipe.translate((length / 2, radius, 0))) - cuts


def flute(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.6, 0.68)
    pipe = _woodwind(length, 0.0095, 1.0, 7)
    keys = union([cylinder(0.007, 0.004, (length * (0.2 + 0.08 * i), 0.019, 0)) for i in range(6)])
    return [Part(pipe), Part(keys, "silver", role="keys")]


def clarinet(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.6, 0.68)
    pipe = _woodwind(length * 0.85, 0.013, 1.0, 7)
    bell = _bell(0.035, length * 0.15, (length * 0.85, 0.013, 0.0), (0.0, 0.0, -90.0))
    keys = union([box(0.02, 0.004, 0.006, (length * (0.2 + 0.08 * i), 0.026, 0)) for i in range(6)])
    return [Part(union([pipe, bell])), Part(keys, "silver", role="keys")]


def harp(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 1.4, 1.8)
    column = box(0.06, height, 0.06, (0.0, height / 2, 0))
    sound = beam((0.06, 0.08, 0), (height * 0.55, height * 0.75, 0), 0.07, 0.04)
    neck_pts = [
        (0.0, height, 0.0),
        (height * 0.3, height * 0.95, 0.0),
        (height * 0.58, height * 0.8, 0.0),
    ]
    neck = _brass_tube(neck_pts, 0.03)
    base = box(0.5, 0.08, 0.25, (0.15, 0.04, 0))
    strings = []
    for f in np.linspace(0.08, 0.95, 18):
        x = f * height * 0.55
        y_low, y_high = 0.08 + f * height * 0.67, height * (1.0 - 0.15 * f**1.5)
        strings.append(box(0.002, max(y_high - y_low, 0.05), 0.002, (x, (y_low + y_high) / 2, 0)))
    return [
        Part(union([column, sound, neck, base])),
        Part(union(strings), "steel", _STRING, role="strings"),
    ]


def xylophone(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    bars, frame_h = int(rng.integers(8, 13)), uniform(rng, 0.05, 0.6)
    pitch = 0.05
    width = bars * pitch
    colours = [
        (0.85, 0.15, 0.15),
        (0.95, 0.55, 0.1),
        (0.95, 0.85, 0.1),
        (0.2, 0.6, 0.25),
        (0.15, 0.4, 0.8),
        (0.45, 0.2, 0.65),
    ]
    groups: list[list[Manifold]] = [[] for _ in colours]
    for i in range(bars):
        length = 0.3 - 0.015 * i
        groups[i % len(colours)].append(
            box(pitch * 0.85, 0.015, length, (-width / 2 + pitch * (i + 0.5), frame_h + 0.03, 0))
        )
    rails = union([box(width + 0.04, 0.025, 0.03, (0, frame_h + 0.0125, z)) for z in (-0.1, 0.1)])
    legs = (
        union(
            [
                box(0.03, frame_h, 0.03, (sx * width / 2, frame_h / 2, sz * 0.1))
                for sx in (-1, 1)
                for sz in (-1, 1)
            ]
        )
        if frame_h > 0.1
        else rails
    )
    return [
        Part(union([rails, legs]), "wood", role="frame"),
        *[Part(union(g), "paint", c) for g, c in zip(groups, colours, strict=True) if g],
    ]


def tambourine(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, depth = uniform(rng, 0.1, 0.13), 0.05
    ring = cylinder(radius, depth, (0, depth / 2, 0)) - cylinder(
        radius - 0.006, depth * 2, (0, depth / 2, 0)
    )
    skin = cylinder(radius, 0.003, (0, depth, 0))
    slots = union(
        [
            box(0.035, depth * 0.5, 0.03, (x, depth / 2, z)).rotate((0.0, 0.0, 0.0))
            for x, z in ring_positions(5, radius)
        ]
    )
    jingles = union(
        [
            cylinder(0.014, 0.004, (x, depth / 2 + dy, z))
            for x, z in ring_positions(5, radius)
            for dy in (-0.004, 0.004)
        ]
    )
    return [
        Part(ring - slots),
        Part(skin, "paint", _IVORY, role="head"),
        Part(jingles, "brass", role="trim"),
    ]


def bell(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if {"hand", "small", "handbell", "dinner", "school"} & attrs.words:
        radius = uniform(rng, 0.04, 0.06)
        body = lathe(
            curve(
                [
                    (radius, 0.0),
                    (radius * 0.8, radius * 0.6),
                    (radius * 0.45, radius * 1.3),
                    (0.001, radius * 1.45),
                ],
                6,
            )
            + [
                (0.001, radius * 1.35),
                (radius * 0.4, radius * 1.2),
                (radius * 0.72, radius * 0.6),
                (radius * 0.92, 0.0),
            ]
        )
        handle = cylinder(0.012, radius * 1.6, (0, radius * 2.1, 0), r_top=0.015)
        return [Part(body), Part(handle, "wood", role="handle")]
    radius = uniform(rng, 0.3, 0.6)
    outline = curve(
        [
            (radius, 0.0),
            (radius * 0.72, radius * 0.45),
            (radius * 0.55, radius * 1.1),
            (0.001, radius * 1.25),
        ],
        6,
    )
    inner = [(max(r * 0.88, 0.001), h) for r, h in outline][::-1]
    body = lathe(outline + inner[:-1] + [(radius * 0.85, 0.0)])
    crown = (
        torus(radius * 0.15, radius * 0.05).rotate((90.0, 0.0, 0.0)).translate((0, radius * 1.3, 0))
    )
    clapper = union(
        [
            beam((0, radius * 1.1, 0), (0, radius * 0.2, 0), radius * 0.03),
            sphere(radius * 0.1, (0, radius * 0.2, 0)),
        ]
    )
    return [Part(union([body, crown])), Part(clapper, "iron", role="trim")]


def gong(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.35, 0.55)
    width, height = radius * 2.6, radius * 2.6 + 0.1
    frame = union(
        [box(0.08, height, 0.08, (s * width / 2, height / 2, 0)) for s in (-1, 1)]
        + [box(width + 0.16, 0.1, 0.1, (0, height, 0))]
        + [box(0.12, 0.05, 0.4, (s * width / 2, 0.025, 0)) for s in (-1, 1)]
    )
    disc = lathe(
        [(0.0, -0.01), (radius, -0.01), (radius, 0.015), (radius * 0.3, 0.008), (0.0, 0.02)]
    ).rotate((90.0, 0.0, 0.0))
    centre = (0.0, height - radius - 0.2, 0.0)
    cords = union(
        [
            beam(
                (s * radius * 0.4, centre[1] + radius * 0.9, 0),
                (s * radius * 0.6, height, 0),
                0.005,
            )
            for s in (-1, 1)
        ]
    )
    return [
        Part(disc.translate(centre), role="disc"),
        Part(union([frame, cords]), "dark_wood", role="frame"),
    ]


def accordion(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, depth = uniform(rng, 0.38, 0.45), uniform(rng, 0.17, 0.2)
    folds = int(rng.integers(7, 11))
    bellows_w = uniform(rng, 0.15, 0.25)
    ends = [
        rounded_box(0.06, height, depth, 0.01, height / 2).translate(
            (s * (bellows_w / 2 + 0.03), 0, 0)
        )
        for s in (-1, 1)
    ]
    pleats = union(
        [
            rounded_box(
                bellows_w / folds * 0.6, height * 0.96, depth * 0.95, 0.004, height / 2
            ).translate((-bellows_w / 2 + bellows_w * (i + 0.5) / folds, 0, 0))
            for i in range(folds)
        ]
    )
    core = box(bellows_w, height * 0.9, depth * 0.85, (0, height / 2, 0))
    keys = _keys(height * 0.8, 0.0, 0.0)
    keyboard = [
        Part(
            p.solid.rotate((0.0, 0.0, 90.0)).translate(
                (bellows_w / 2 + 0.07, height / 2, depth / 2 - 0.07)
            ),
            p.material,
            p.colour,
            p.role,
        )
        for p in keys
    ]
    return [
        Part(union(ends)),
        Part(union([pleats, core]), "fabric", (0.15, 0.15, 0.16), role="bellows"),
        *keyboard,
    ]


def harmonica(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.1, 0.13)
    body = box(length, 0.014, 0.026, (0, 0.013, 0))
    covers = union([box(length, 0.006, 0.028, (0, y, 0)) for y in (0.003, 0.023)])
    holes = union(
        [
            box(length / 12, 0.008, 0.01, (-length / 2 + length * (i + 0.5) / 10, 0.013, 0.012))
            for i in range(10)
        ]
    )
    return [Part(body - holes, "wood", role="comb"), Part(covers, role="cover")]


def maracas(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    shakers = []
    for z, turn in ((-0.05, 10.0), (0.05, -10.0)):
        head = sphere(0.045, (0.1, 0.045, 0), (1.25, 1.0, 1.0))
        handle = beam((0.0, 0.018, 0.0), (0.05, 0.03, 0.0), 0.012)
        shakers.append(union([head, handle]).rotate((0.0, turn, 0.0)).translate((0, 0, z)))
    return [Part(union(shakers))]
