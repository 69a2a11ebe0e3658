"""Buildings and architecture parts: houses, towers, columns, arches, doors, fences,
staircases, wells. Storey height ~2.7 m, doors ~2.1 m, steps ~0.18 m."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.roofs import gable_roof
from meshforge.engines.text_to_3d.parts import Part, count_or, uniform
from meshforge.engines.text_to_3d.shapes import (
    box,
    cylinder,
    hull,
    lathe,
    prism,
    ring_positions,
    union,
)


def house(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    floors = count_or(attrs, int(rng.integers(1, 3)), 1, 4)
    width, depth = uniform(rng, 7.0, 11.0), uniform(rng, 6.0, 9.0)
    storey = 2.8
    wall_h = floors * storey
    walls = box(width, wall_h, depth, (0, wall_h / 2, 0))
    door_x = uniform(rng, -width / 4, width / 4)
    door = box(1.0, 2.1, 0.3, (door_x, 1.05, depth / 2))
    holes, frames = [door], []
    for floor in range(floors):
        for x in np.linspace(-width / 2 + 1.4, width / 2 - 1.4, max(2, int(width // 2.6))):
            if floor == 0 and abs(x - door_x) < 1.3:
                continue
            y = floor * storey + 1.5
            for z, size in ((depth / 2, (1.1, 1.3, 0.3)), (-depth / 2, (1.1, 1.3, 0.3))):
                holes.append(box(*size, (float(x), y, z)))
                frames.append(box(1.0, 1.2, 0.1, (float(x), y, z - np.sign(z) * 0.1)))
    body = walls - union(holes)
    roof = gable_roof(width, depth, uniform(rng, 2.0, 3.5), wall_h, 0.4)
    chimney = box(0.7, 3.0, 0.7, (width / 4, wall_h + 1.5, -depth / 6))
    door_leaf = box(0.95, 2.05, 0.08, (door_x, 1.03, depth / 2 - 0.1))
    return [
        Part(body),
        Part(union([roof, chimney]), "roof", role="roof"),
        Part(union(frames), "glass", (0.55, 0.7, 0.8), role="window"),
        Part(door_leaf, "dark_wood", role="door"),
    ]


def _crenellations(radius: float, y: float, merlons: int, size: float) -> Manifold:
    return union(
        [
            box(size, size * 1.2, size, (x, y + size * 0.6, z))
            for x, z in ring_positions(merlons, radius - size / 2)
        ]
    )


def tower(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 2.5, 4.0), uniform(rng, 10.0, 18.0)
    body = cylinder(radius, height, (0, height / 2, 0), r_top=radius * uniform(rng, 0.85, 1.0))
    parapet = cylinder(radius * 1.12, 1.0, (0, height + 0.5, 0))
    windows = union(
        [
            box(0.5, 1.2, 1.2, (0, float(y), radius)).rotate((0.0, angle, 0.0))
            for i, y in enumerate(np.arange(3.0, height - 1.5, 3.5))
            for angle in (45.0 * (i % 2) + 90.0 * k for k in range(4))
        ]
    )
    door = box(1.2, 2.2, radius, (0, 1.1, radius))
    parts = [body - windows - door, parapet]
    if rng.random() < 0.5:
        parts.append(_crenellations(radius * 1.12, height + 1.0, 12, 0.7))
        return [Part(union(parts))]
    roof = cylinder(radius * 1.25, radius * 1.8, (0, height + 1.0 + radius * 0.9, 0), r_top=0.0)
    return [Part(union(parts)), Part(roof, "roof", role="roof")]


def column(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 2.5, 4.0), uniform(rng, 0.18, 0.3)
    base = box(radius * 2.8, radius * 0.6, radius * 2.8, (0, radius * 0.3, 0))
    torus_base = lathe(
        [
            (0.0, 0.0),
            (radius * 1.25, 0.0),
            (radius * 1.2, radius * 0.3),
            (radius, radius * 0.4),
            (0.0, radius * 0.4),
        ],
        (0, radius * 0.6, 0),
    )
    shaft_h = height - radius * 2.2
    shaft = cylinder(radius, shaft_h, (0, radius + shaft_h / 2, 0), r_top=radius * 0.88)
    flutes = count_or(attrs, int(rng.choice([0, 12, 16, 20])), 0, 24)
    if flutes:
        grooves = [
            cylinder(radius * 0.1, shaft_h * 0.9, (x, radius + shaft_h / 2, z), detail_scale=0.3)
            for x, z in ring_positions(flutes, radius * 1.0)
        ]
        shaft = shaft - union(grooves)
    capital = lathe(
        [(0.0, 0.0), (radius * 0.9, 0.0), (radius * 1.3, radius * 0.5), (0.0, radius * 0.5)],
        (0, height - radius * 1.2, 0),
    )
    abacus = box(radius * 2.8, radius * 0.5, radius * 2.8, (0, height - radius * 0.45, 0))
    return [Part(union([base, torus_base, shaft, capital, abacus]))]


def archway(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    span, height = uniform(rng, 1.5, 3.0), uniform(rng, 2.5, 4.0)
    pier, depth = uniform(rng, 0.4, 0.7), uniform(rng, 0.5, 0.9)
    width = span + 2 * pier
    top = height + span / 2 + uniform(rng, 0.3, 0.8)
    block = box(width, top, depth, (0, top / 2, 0))
    opening = union(
        [
            box(span, height, depth * 2, (0, height / 2, 0)),
            cylinder(span / 2, depth * 2, (0, 0, 0))
            .rotate((90.0, 0.0, 0.0))
            .translate((0, height, 0)),
        ]
    )
    keystone = box(span * 0.18, span * 0.3, depth * 1.1, (0, height + span / 2 + 0.05, 0))
    return [Part(union([block - opening, keystone]))]


def door(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height = uniform(rng, 0.8, 1.0), uniform(rng, 2.0, 2.2)
    frame = box(width + 0.16, height + 0.08, 0.12, (0, (height + 0.08) / 2, 0))
    frame = frame - box(width, height, 0.2, (0, height / 2, 0))
    leaf = box(width - 0.01, height - 0.01, 0.045, (0, height / 2, 0))
    panels = count_or(attrs, int(rng.choice([2, 4, 6])), 1, 8)
    rows, cols = (panels + 1) // 2 if panels > 1 else 1, 2 if panels > 1 else 1
    pw, ph = (width - 0.12 * (cols + 1)) / cols, (height - 0.12 * (rows + 1)) / rows
    recesses = [
        box(
            pw,
            ph,
            0.02,
            (-width / 2 + 0.12 + pw / 2 + c * (pw + 0.12), 0.12 + ph / 2 + r * (ph + 0.12), 0.0225),
        )
        for r in range(rows)
        for c in range(cols)
    ]
    knob = (
        cylinder(0.03, 0.06, (0, 0, 0))
        .rotate((90.0, 0.0, 0.0))
        .translate((width / 2 - 0.09, height * 0.47, 0.045))
    )
    return [
        Part(leaf - union(recesses)),
        Part(frame, "paint", role="frame"),
        Part(knob, "brass", role="handle"),
    ]


def fence(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    posts = count_or(attrs, int(rng.integers(5, 9)), 2, 16)
    spacing, height = uniform(rng, 0.12, 0.25), uniform(rng, 0.9, 1.3)
    picket = uniform(rng, 0.07, 0.1)
    pickets = []
    for i in range(posts):
        x = (i - (posts - 1) / 2) * (picket + spacing)
        pickets.append(
            prism(
                [
                    (-picket / 2, 0.0),
                    (picket / 2, 0.0),
                    (picket / 2, height),
                    (0.0, height + picket * 0.6),
                    (-picket / 2, height),
                ],
                0.02,
                (x, 0.0, 0.0),
            )
        )
    length = (posts - 1) * (picket + spacing) + picket
    rails = [box(length, 0.08, 0.03, (0, y, -0.025)) for y in (height * 0.25, height * 0.75)]
    return [Part(union(pickets + rails))]


def staircase(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    steps = count_or(attrs, int(rng.integers(6, 13)), 2, 20)
    rise, run, width = uniform(rng, 0.16, 0.19), uniform(rng, 0.26, 0.3), uniform(rng, 0.8, 1.2)
    treads = [
        box(width, rise * (i + 1), run, (0, rise * (i + 1) / 2, -i * run)) for i in range(steps)
    ]
    parts = [Part(union(treads))]
    if rng.random() < 0.7:
        rail_h = 0.9
        posts = [
            box(0.04, rail_h, 0.04, (width / 2 - 0.03, rise * (i + 1) + rail_h / 2, -i * run))
            for i in range(0, steps, 2)
        ]
        top = hull(
            [
                (width / 2 - 0.05, rise + rail_h, run / 2),
                (width / 2 - 0.01, rise + rail_h + 0.05, run / 2),
                (width / 2 - 0.05, rise * steps + rail_h, -(steps - 1) * run - run / 2),
                (width / 2 - 0.01, rise * steps + rail_h + 0.05, -(steps - 1) * run - run / 2),
                (width / 2 - 0.03, rise + rail_h + 0.05, run / 2 - 0.02),
                (width / 2 - 0.03, rise * steps + rail_h, -(steps - 1) * run - run / 2),
            ]
        )
        parts.append(Part(union(posts + [top]), "dark_wood"))
    return parts


def well(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, wall_h = uniform(rng, 0.6, 0.9), uniform(rng, 0.7, 0.9)
    wall = lathe([(radius - 0.2, 0.0), (radius, 0.0), (radius, wall_h), (radius - 0.2, wall_h)])
    water = cylinder(radius - 0.19, 0.05, (0, wall_h * 0.6, 0))
    post_h = wall_h + uniform(rng, 1.2, 1.6)
    posts = [box(0.12, post_h, 0.12, (sx * (radius - 0.1), post_h / 2, 0)) for sx in (-1, 1)]
    axle = (
        cylinder(0.05, radius * 2, (0, 0, 0))
        .rotate((0.0, 0.0, 90.0))
        .translate((0, wall_h + 0.9, 0))
    )
    roof = gable_roof(radius * 1.9, radius * 1.6, 0.8, post_h, 0.15)
    bucket = cylinder(0.12, 0.22, (0, wall_h + 0.45, 0), r_top=0.14)
    return [
        Part(wall),
        Part(union(posts + [axle]), "wood"),
        Part(roof, "roof", role="roof"),
        Part(water, "water", role="liquid"),
        Part(bucket, "dark_wood"),
    ]
