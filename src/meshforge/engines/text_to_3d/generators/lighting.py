"""Lighting: table and floor lamps, candles, lanterns, street lamps."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.decor import flame
from meshforge.engines.text_to_3d.parts import Part, count_or, uniform
from meshforge.engines.text_to_3d.shapes import (
    beam,
    box,
    cylinder,
    lathe,
    ring_positions,
    sphere,
    torus,
    union,
)


def _shade(bottom_r: float, top_r: float, height: float, y: float) -> Manifold:
    """An open-ended lamp shade (a thin conical ring) whose bottom sits at y."""
    t = 0.004
    return lathe(
        [(bottom_r, 0.0), (top_r, height), (top_r - t, height), (bottom_r - t, 0.0)], (0.0, y, 0.0)
    )


def table_lamp(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    base_r, stem_h = uniform(rng, 0.06, 0.1), uniform(rng, 0.2, 0.35)
    if rng.random() < 0.5:  # a round ceramic-style body
        base = lathe(
            [
                (0.0, 0.0),
                (base_r * 0.6, 0.0),
                (base_r, stem_h * 0.35),
                (0.015, stem_h * 0.8),
                (0.0, stem_h * 0.8),
            ]
        )
    else:
        base = cylinder(base_r, 0.025, (0, 0.0125, 0))
    stem = cylinder(0.008, stem_h, (0, stem_h / 2, 0))
    shade_h = uniform(rng, 0.15, 0.24)
    bottom_r = uniform(rng, 0.12, 0.2)
    shade = _shade(bottom_r, bottom_r * uniform(rng, 0.55, 0.9), shade_h, stem_h - 0.04)
    bulb = sphere(0.03, (0, stem_h + 0.02, 0))
    return [
        Part(union([base, stem]), role="base"),
        Part(shade, "fabric", (0.93, 0.9, 0.82), role="shade"),
        Part(bulb, "light"),
    ]


def floor_lamp(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 1.4, 1.8)
    base = cylinder(uniform(rng, 0.13, 0.18), 0.03, (0, 0.015, 0))
    pole = cylinder(0.012, height, (0, height / 2, 0))
    shade_h, bottom_r = uniform(rng, 0.22, 0.3), uniform(rng, 0.18, 0.25)
    shade = _shade(bottom_r, bottom_r * uniform(rng, 0.6, 0.85), shade_h, height - 0.12)
    bulb = sphere(0.035, (0, height - 0.03, 0))
    return [
        Part(union([base, pole]), role="base"),
        Part(shade, "fabric", (0.93, 0.9, 0.82), role="shade"),
        Part(bulb, "light"),
    ]


def candle(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    count = count_or(attrs, 1, 1, 5)
    holder_r = 0.05 if count == 1 else 0.09
    holder = lathe(
        [
            (0.0, 0.0),
            (holder_r + 0.02, 0.0),
            (holder_r + 0.02, 0.008),
            (0.015, 0.02),
            (0.015, 0.04),
            (holder_r * 0.8, 0.05),
            (0.0, 0.05),
        ]
    )
    spots = [(0.0, 0.0)] if count == 1 else ring_positions(count, holder_r * 0.65)
    wax, flames = [], []
    for x, z in spots:
        h = uniform(rng, 0.1, 0.2)
        wax.append(
            cylinder(0.012 if count > 1 else uniform(rng, 0.018, 0.03), h, (x, 0.05 + h / 2, z))
        )
        flames.append(flame((x, 0.05 + h + 0.02, z), 0.009))
    return [
        Part(union(wax)),
        Part(holder, "brass", role="base"),
        Part(union(flames), "flame", role="flame"),
    ]


def lantern(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height = uniform(rng, 0.14, 0.2), uniform(rng, 0.22, 0.32)
    frame = [box(width, 0.02, width, (0, 0.01, 0)), box(width, 0.02, width, (0, height, 0))]
    frame += [
        box(0.012, height, 0.012, (sx * width / 2.05, height / 2, sz * width / 2.05))
        for sx in (-1, 1)
        for sz in (-1, 1)
    ]
    roof = lathe(
        [(0.0, 0.0), (width * 0.78, 0.0), (0.02, height * 0.3), (0.0, height * 0.3)],
        (0, height + 0.01, 0),
    ).rotate((0.0, 45.0, 0.0))
    handle = torus(0.035, 0.006).rotate((90.0, 0.0, 0.0)).translate((0, height * 1.32 + 0.03, 0))
    glass = box(width * 0.9, height - 0.02, width * 0.9, (0, height / 2 + 0.01, 0))
    fire = flame((0, height * 0.45, 0), 0.02)
    return [
        Part(union(frame + [roof, handle]), role="frame"),
        Part(glass, "glass", role="window"),
        Part(fire, "flame", role="flame"),
    ]


def street_lamp(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 3.5, 5.5)
    foot = lathe([(0.0, 0.0), (0.18, 0.0), (0.15, 0.3), (0.08, 0.6), (0.0, 0.6)])
    pole = cylinder(0.06, height, (0, height / 2, 0), r_top=0.045)
    if rng.random() < 0.5:  # a swan-neck arm holding a hanging head
        reach = uniform(rng, 0.6, 1.2)
        arm = beam((0, height - 0.05, 0), (reach, height + 0.15, 0), 0.035)
        head = lathe(
            [(0.0, 0.0), (0.18, 0.0), (0.05, 0.18), (0.0, 0.18)], (reach, height - 0.05, 0)
        )
        bulb = cylinder(0.15, 0.03, (reach, height - 0.06, 0))
    else:  # a lantern on top
        head = lathe([(0.0, 0.0), (0.22, 0.0), (0.06, 0.2), (0.0, 0.2)], (0, height + 0.35, 0))
        arm = cylinder(0.08, 0.05, (0, height, 0))
        bulb = cylinder(0.13, 0.35, (0, height + 0.18, 0), r_top=0.18)
    return [Part(union([foot, pole, arm, head])), Part(bulb, "light")]
