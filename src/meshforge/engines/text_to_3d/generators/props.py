"""Game props: treasure chests, barrels, crates, potions, trophies, crystals, tombstones,
signposts, coins."""

from __future__ import annotations

import numpy as np

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.parts import Part, count_or, uniform
from meshforge.engines.text_to_3d.shapes import (
    box,
    cylinder,
    hull,
    lathe,
    prism,
    ring_positions,
    sphere,
    torus,
    union,
)

POTION_GREEN = (0.2, 0.75, 0.35)


def treasure_chest(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, depth, height = uniform(rng, 0.6, 0.9), uniform(rng, 0.4, 0.55), uniform(rng, 0.3, 0.45)
    body = box(width, height, depth, (0, height / 2, 0))
    lid_r = depth / 2
    lid = cylinder(lid_r, width, (0, 0, 0)).rotate((0.0, 0.0, 90.0)).translate((0, height, 0))
    lid = lid - box(width * 2, lid_r * 2, depth * 2, (0, height - lid_r, 0))
    band_xs = np.linspace(-width / 2 + 0.06, width / 2 - 0.06, int(rng.integers(2, 4)))
    bands = []
    for x in band_xs:
        bands.append(box(0.04, height + 0.004, depth + 0.01, (float(x), height / 2, 0)))
        arc = cylinder(lid_r + 0.006, 0.04, (0, 0, 0)).rotate((0.0, 0.0, 90.0))
        bands.append(
            (arc - box(1.0, lid_r * 2, 1.0, (0, -lid_r, 0))).translate((float(x), height, 0))
        )
    lock = box(0.07, 0.09, 0.02, (0, height, depth / 2 + 0.008))
    return [Part(union([body, lid])), Part(union(bands + [lock]), "brass", role="trim")]


def barrel(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.8, 1.0), uniform(rng, 0.26, 0.32)
    bulge = uniform(rng, 1.1, 1.2)
    ys = np.linspace(0, height, 9)
    side = [(radius * (1 + (bulge - 1) * np.sin(np.pi * y / height)), float(y)) for y in ys]
    body = lathe([(0.0, 0.0)] + side + [(0.0, height)])
    hoops = []
    for frac in (0.08, 0.3, 0.7, 0.92):
        y = height * frac
        r = radius * (1 + (bulge - 1) * np.sin(np.pi * frac))
        hoops.append(cylinder(r + 0.006, 0.035, (0, y, 0)))
    return [Part(body), Part(union(hoops), "iron", role="trim")]


def crate(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    size = uniform(rng, 0.5, 0.9)
    w, h, d = size * uniform(rng, 1.0, 1.4), size, size * uniform(rng, 0.9, 1.1)
    core = box(w - 0.02, h - 0.02, d - 0.02, (0, h / 2, 0))
    b = size * 0.1
    edges = [
        box(w, b, b, (0, y, z)) for y in (b / 2, h - b / 2) for z in (-d / 2 + b / 2, d / 2 - b / 2)
    ]
    edges += [
        box(b, h, b, (x, h / 2, z))
        for x in (-w / 2 + b / 2, w / 2 - b / 2)
        for z in (-d / 2 + b / 2, d / 2 - b / 2)
    ]
    edges += [
        box(b, b, d, (x, y, 0)) for x in (-w / 2 + b / 2, w / 2 - b / 2) for y in (b / 2, h - b / 2)
    ]
    diagonal = hull(
        [
            (-w / 2 + b, b, d / 2 - 0.005),
            (-w / 2 + b * 1.8, b, d / 2 - 0.005),
            (w / 2 - b, h - b, d / 2 - 0.005),
            (w / 2 - b * 1.8, h - b, d / 2 - 0.005),
            (-w / 2 + b, b, d / 2 + 0.01),
            (w / 2 - b, h - b, d / 2 + 0.01),
        ]
    )
    return [Part(union([core] + edges + [diagonal, diagonal.mirror((0.0, 0.0, 1.0))]))]


def potion(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.04, 0.06)
    neck_h, neck_r = uniform(rng, 0.04, 0.07), radius * 0.3
    angles = np.linspace(-np.pi / 2 + 0.3, np.pi / 2 - 0.35, 9)
    bulb = [(radius * np.cos(a), radius * (1 + np.sin(a))) for a in angles]
    top = bulb[-1][1]
    outer = (
        [(0.0, 0.0)]
        + bulb
        + [
            (neck_r, top + 0.004),
            (neck_r, top + neck_h),
            (neck_r * 1.3, top + neck_h + 0.004),
            (neck_r * 1.3, top + neck_h + 0.01),
            (0.0, top + neck_h + 0.01),
        ]
    )
    flask = lathe(outer)
    cork = cylinder(neck_r * 0.95, 0.025, (0, top + neck_h + 0.018, 0), r_top=neck_r * 1.15)
    liquid = sphere(radius * 0.9, (0, radius, 0)) - box(1.0, 1.0, 1.0, (0, radius * 1.3 + 0.5, 0))
    tint = attrs.colour or POTION_GREEN  # the flask takes the potion's colour
    return [
        Part(flask, "glass", tint),
        Part(liquid, role="liquid"),
        Part(cork, "wood", role="lid"),
    ]


def trophy(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    cup_h, cup_r = uniform(rng, 0.12, 0.2), uniform(rng, 0.06, 0.1)
    stem_h = uniform(rng, 0.06, 0.12)
    base_h = uniform(rng, 0.04, 0.07)
    base = box(cup_r * 2.2, base_h, cup_r * 2.2, (0, base_h / 2, 0))
    y0 = base_h
    stem = lathe(
        [(0.0, 0.0), (cup_r * 0.6, 0.0), (0.012, stem_h * 0.4), (0.015, stem_h), (0.0, stem_h)],
        (0, y0, 0),
    )
    y1 = y0 + stem_h
    angles = np.linspace(0, np.pi / 2, 8)
    outer = [(cup_r * np.sin(a), y1 + cup_h * (1 - np.cos(a)) * 0.6) for a in angles[1:]]
    outer.append((cup_r * 1.05, y1 + cup_h))
    inner = [(cup_r * 0.92, y1 + cup_h), (cup_r * 0.85, y1 + cup_h * 0.4), (0.0, y1 + cup_h * 0.3)]
    cup = lathe([(0.0, y1)] + outer + inner)
    handles = [
        torus(cup_h * 0.25, 0.007)
        .rotate((90.0, 0.0, 0.0))
        .translate((sx * cup_r * 1.0, y1 + cup_h * 0.6, 0))
        for sx in (-1, 1)
    ]
    return [Part(union([stem, cup] + handles)), Part(base, "dark_wood", role="base")]


def crystal(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    shards = []
    for i in range(count_or(attrs, int(rng.integers(3, 7)), 1, 12)):
        length, r = uniform(rng, 0.15, 0.45) * (1.0 if i else 1.4), uniform(rng, 0.03, 0.07)
        sides = int(rng.integers(5, 7))
        ring = [
            (r * np.cos(2 * np.pi * k / sides), r * np.sin(2 * np.pi * k / sides))
            for k in range(sides)
        ]
        pts = (
            [(x, -0.05, z) for x, z in ring]
            + [(x, length, z) for x, z in ring]
            + [(0.0, length + r * 2, 0.0)]
        )
        tilt = (0.0, 0.0, 0.0) if i == 0 else (uniform(rng, 15, 45), rng.uniform(0, 360), 0.0)
        shard = hull(pts).rotate((tilt[0], 0.0, 0.0)).rotate((0.0, tilt[1], 0.0))
        shards.append(shard)
    rock = hull(
        np.asarray(
            [(x, 0.0, z) for x, z in ring_positions(7, 0.12)]
            + [(x * 0.6, 0.05, z * 0.6) for x, z in ring_positions(7, 0.12)]
        )
    )
    return [Part(union(shards)), Part(rock, "stone", role="base")]


def tombstone(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, thick = uniform(rng, 0.45, 0.7), uniform(rng, 0.6, 1.0), uniform(rng, 0.1, 0.18)
    angles = np.linspace(0, np.pi, 12)
    shoulder = height - width / 2
    outline = (
        [(-width / 2, 0.0), (width / 2, 0.0), (width / 2, shoulder)]
        + [(width / 2 * np.cos(a), shoulder + width / 2 * np.sin(a)) for a in angles[1:-1]]
        + [(-width / 2, shoulder)]
    )
    stone = prism(outline, thick, (0, 0.1, 0))
    cross_v = box(0.04, height * 0.35, 0.02, (0, height * 0.62, thick / 2))
    cross_h = box(width * 0.35, 0.04, 0.02, (0, height * 0.7, thick / 2))
    base = box(width * 1.3, 0.12, thick * 2.2, (0, 0.06, 0))
    return [Part(union([stone - union([cross_v, cross_h]), base]))]


def signpost(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 1.8, 2.4)
    post = box(0.1, height, 0.1, (0, height / 2, 0))
    boards = []
    for i in range(count_or(attrs, int(rng.integers(1, 4)), 1, 5)):
        length = uniform(rng, 0.5, 0.8)
        side = 1 if i % 2 == 0 else -1
        outline = [
            (0.0, -0.09),
            (length - 0.12, -0.09),
            (length, 0.0),
            (length - 0.12, 0.09),
            (0.0, 0.09),
        ]
        board = prism(outline, 0.03, (0, 0, 0.065))
        if side < 0:
            board = board.mirror((1.0, 0.0, 0.0))
        angle = uniform(rng, -25, 25)
        boards.append(
            board.translate((-0.05 * side, height - 0.2 - i * 0.25, 0)).rotate((0.0, angle, 0.0))
        )
    return [Part(union([post] + boards))]


def coin(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    """One coin standing on its edge, or a little pile of them when counted."""
    radius = uniform(rng, 0.01, 0.016)
    thick = radius * uniform(rng, 0.12, 0.18)
    disc = cylinder(radius, thick, (0, 0, 0)) - cylinder(radius * 0.8, thick, (0, thick * 0.9, 0))
    emblem = cylinder(radius * 0.35, thick * 0.3, (0, thick * 0.3, 0), detail_scale=0.5)
    face = union([disc, emblem, torus(radius * 0.97, thick * 0.45)])
    count = count_or(attrs, 1, 1, 20)
    if count == 1:
        return [Part(face.rotate((90.0, 0.0, 0.0)).translate((0, radius, 0)))]
    pile = []
    for i in range(count):  # lying flat, stacked loosely
        x, z = rng.uniform(-radius, radius, size=2) * (0.3 + 0.1 * (i % 4))
        pile.append(face.translate((float(x), thick * 0.5 + i * thick * 1.05, float(z))))
    return [Part(union(pile))]
