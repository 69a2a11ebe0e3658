"""Tools and weapons: hammers, axes, swords, shields, shovels, spears. Shown upright."""

from __future__ import annotations

import numpy as np

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.parts import Part, round_variant, uniform
from meshforge.engines.text_to_3d.shapes import box, cylinder, hull, lathe, prism, sphere, union


def hammer(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, grip_r = uniform(rng, 0.28, 0.38), uniform(rng, 0.013, 0.017)
    handle = cylinder(grip_r, length, (0, length / 2, 0), r_top=grip_r * 0.85)
    head_len, head_r = uniform(rng, 0.1, 0.14), uniform(rng, 0.014, 0.02)
    face = (
        cylinder(head_r, head_len * 0.55, (0, 0, 0))
        .rotate((0.0, 0.0, 90.0))
        .translate((head_len * 0.2, length, 0))
    )
    claw = hull(
        [
            (-0.01, length - head_r, -head_r * 0.8),
            (-0.01, length + head_r, head_r * 0.8),
            (-0.01, length - head_r, head_r * 0.8),
            (-0.01, length + head_r, -head_r * 0.8),
            (-head_len * 0.55, length - head_r * 2.5, -head_r * 0.6),
            (-head_len * 0.55, length - head_r * 2.5, head_r * 0.6),
        ]
    )
    return [Part(handle, role="handle"), Part(union([face, claw]), "steel", role="head")]


def axe(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.6, 0.9)
    handle = cylinder(0.018, length, (0, length / 2, 0), r_top=0.016)
    blade_h, reach = uniform(rng, 0.14, 0.22), uniform(rng, 0.12, 0.18)
    y = length - blade_h * 0.4
    blade = hull(
        [
            (0.0, y - 0.03, -0.02),
            (0.0, y + 0.03, -0.02),
            (0.0, y - 0.03, 0.02),
            (0.0, y + 0.03, 0.02),
            (reach, y - blade_h / 2, -0.002),
            (reach, y + blade_h / 2, -0.002),
            (reach, y - blade_h / 2, 0.002),
            (reach, y + blade_h / 2, 0.002),
        ]
    )
    poll = box(0.06, 0.06, 0.045, (-0.015, y, 0))
    return [Part(handle, role="handle"), Part(union([blade, poll]), "steel", role="head")]


def sword(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    blade_len, blade_w = uniform(rng, 0.65, 0.95), uniform(rng, 0.035, 0.055)
    grip_len = uniform(rng, 0.12, 0.2)
    base = grip_len + 0.03
    tip = base + blade_len
    blade = hull(
        [(sx * blade_w / 2, base, 0.0) for sx in (-1, 1)]
        + [(sx * blade_w * 0.4, tip - blade_w * 1.5, 0.0) for sx in (-1, 1)]
        + [(0.0, tip, 0.0)]
        + [(0.0, base, sz * 0.004) for sz in (-1, 1)]
        + [(0.0, tip - blade_w * 1.5, sz * 0.003) for sz in (-1, 1)]
    )
    guard_w = uniform(rng, 0.14, 0.24)
    guard = box(guard_w, 0.025, 0.03, (0, grip_len + 0.0125, 0))
    grip = cylinder(0.014, grip_len, (0, grip_len / 2, 0))
    pommel = sphere(0.024, (0, 0.0, 0))
    return [
        Part(blade, role="blade"),
        Part(union([guard, pommel]), "brass", role="hilt"),
        Part(grip, "leather", role="handle"),
    ]


def shield(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if round_variant(rng, attrs, 0.5):  # round shield
        radius = uniform(rng, 0.3, 0.45)
        board = cylinder(radius, 0.025, (0, 0, 0)).rotate((90.0, 0.0, 0.0))
        rim = cylinder(radius + 0.012, 0.035, (0, 0, 0)) - cylinder(radius - 0.015, 0.05, (0, 0, 0))
        rim = rim.rotate((90.0, 0.0, 0.0))
        boss = sphere(radius * 0.22, (0, 0, 0.012), scale=(1.0, 1.0, 0.6))
        parts = [
            Part(board.translate((0, radius, 0))),
            Part(union([rim, boss]).translate((0, radius, 0)), "iron", role="trim"),
        ]
        return parts
    width, height = uniform(rng, 0.5, 0.65), uniform(rng, 0.65, 0.85)
    right = [
        (width / 2 * float(np.cos(a)), height * 0.45 * (1 - float(np.sin(a))))
        for a in np.linspace(0.0, np.pi / 2, 7)
    ]  # from the shoulder down to the tip
    left = [(-x, y) for x, y in right[::-1][1:]]  # from the tip back up, mirrored
    outline = [(width / 2, height)] + right + left + [(-width / 2, height)]
    outline = _dedupe(outline)[::-1]  # counter-clockwise, as CrossSection expects
    board = prism(outline, 0.03)
    trim = prism(outline, 0.036) - prism(outline, 0.05).scale((0.9, 0.93, 1.0)).translate(
        (0, height * 0.05, 0)
    )
    return [Part(board), Part(trim, "iron", role="trim")]


def _dedupe(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for p in points:
        if not out or abs(out[-1][0] - p[0]) + abs(out[-1][1] - p[1]) > 1e-6:
            out.append((float(p[0]), float(p[1])))
    return out


def shovel(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    shaft_len = uniform(rng, 0.9, 1.2)
    blade_h, blade_w = uniform(rng, 0.25, 0.32), uniform(rng, 0.2, 0.26)
    shaft = cylinder(0.017, shaft_len, (0, blade_h + shaft_len / 2, 0))
    grip = box(0.13, 0.03, 0.035, (0, blade_h + shaft_len + 0.015, 0))
    outline = [
        (-blade_w / 2, blade_h),
        (blade_w / 2, blade_h),
        (blade_w / 2, blade_h * 0.35),
        (0.0, 0.0),
        (-blade_w / 2, blade_h * 0.35),
    ]
    blade = prism(outline, 0.006).rotate((8.0, 0.0, 0.0))
    socket = cylinder(0.025, 0.1, (0, blade_h + 0.04, 0), r_top=0.019)
    return [
        Part(union([shaft, grip]), role="handle"),
        Part(union([blade, socket]), "steel", role="head"),
    ]


def spear(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 1.8, 2.4)
    shaft = cylinder(0.016, length, (0, length / 2, 0))
    head_len = uniform(rng, 0.18, 0.3)
    head = lathe(
        [(0.0, 0.0), (0.02, 0.0), (0.02, 0.05), (0.035, 0.09), (0.0, head_len)],
        (0, length - 0.02, 0),
    ).scale((1.0, 1.0, 0.35))
    return [Part(shaft, role="handle"), Part(head, "steel", role="head")]
