"""Plants and nature: broadleaf and pine trees, potted plants, cacti, mushrooms, rocks."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.vessels import flower_pot
from meshforge.engines.text_to_3d.parts import Part, count_or, uniform
from meshforge.engines.text_to_3d.shapes import (
    beam,
    cylinder,
    hull,
    lathe,
    ring_positions,
    sphere,
    union,
)


def tree(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 4.0, 8.0)
    trunk_h, trunk_r = height * uniform(rng, 0.4, 0.55), height * uniform(rng, 0.025, 0.04)
    trunk = cylinder(trunk_r, trunk_h, (0, trunk_h / 2, 0), r_top=trunk_r * 0.7)
    crown_r = height * uniform(rng, 0.25, 0.35)
    centre_y = trunk_h + crown_r * 0.6
    branches, blobs = [], [sphere(crown_r, (0, centre_y, 0), scale=(1.0, 0.85, 1.0))]
    for x, z in ring_positions(int(rng.integers(4, 7)), crown_r * 0.7, rng.uniform(0, 6)):
        y = centre_y + uniform(rng, -0.3, 0.5) * crown_r
        branches.append(
            beam((0, trunk_h * 0.9, 0), (x * 0.8, y, z * 0.8), trunk_r * 0.4, trunk_r * 0.2)
        )
        blobs.append(sphere(crown_r * uniform(rng, 0.5, 0.7), (x, y, z)))
    return [
        Part(union(blobs), role="leaves"),
        Part(union([trunk] + branches), "bark", role="trunk"),
    ]


def pine_tree(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 5.0, 12.0)
    trunk_r = height * uniform(rng, 0.02, 0.03)
    trunk = cylinder(trunk_r, height * 0.3, (0, height * 0.15, 0))
    tiers = count_or(attrs, int(rng.integers(3, 6)), 2, 8)
    base_r = height * uniform(rng, 0.2, 0.28)
    cones: list[Manifold] = []
    bottom, tier_h = height * 0.2, (height * 0.8) / (tiers * 0.7 + 0.3)
    for i in range(tiers):
        r = base_r * (1 - i / (tiers + 0.5))
        y = bottom + i * tier_h * 0.7
        cones.append(cylinder(r, tier_h, (0, y + tier_h / 2, 0), r_top=0.0))
    return [Part(union(cones), role="leaves"), Part(trunk, "bark", role="trunk")]


def potted_plant(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    pot_r, pot_h = uniform(rng, 0.08, 0.15), uniform(rng, 0.12, 0.22)
    pot, soil = flower_pot(pot_r, pot_h)
    leaves = []
    for i in range(count_or(attrs, int(rng.integers(7, 13)), 3, 20)):
        angle = rng.uniform(0, 2 * np.pi)
        tilt = uniform(rng, 20.0, 65.0)
        length = uniform(rng, 0.18, 0.35) * (pot_r / 0.1) ** 0.5
        leaf = sphere(length / 2, (0, length / 2, 0), scale=(0.22, 1.0, 0.06))
        leaf = leaf.rotate((tilt, 0.0, 0.0)).rotate((0.0, float(np.degrees(angle)), 0.0))
        leaves.append(leaf.translate((0, pot_h - 0.02 + i * 0.004, 0)))
    return [
        Part(pot, "terracotta", role="pot"),
        Part(soil, "soil"),
        Part(union(leaves), role="leaves"),
    ]


def cactus(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.8, 2.0), uniform(rng, 0.1, 0.2)
    body = [
        cylinder(radius, height - radius, (0, (height - radius) / 2, 0)),
        sphere(radius, (0, height - radius, 0)),
    ]
    for i in range(count_or(attrs, int(rng.integers(1, 4)), 0, 4)):
        side = 1 if i % 2 == 0 else -1
        angle = float(np.radians(rng.uniform(-30, 30) + (0 if side > 0 else 180)))
        dx, dz = np.cos(angle), np.sin(angle)
        y0 = height * uniform(rng, 0.3, 0.6)
        reach, rise = uniform(rng, 0.25, 0.4), uniform(rng, 0.2, 0.45)
        r = radius * 0.6
        elbow = (dx * (radius + reach), y0, dz * (radius + reach))
        top = (elbow[0], y0 + rise, elbow[2])
        body += [
            beam((0, y0, 0), elbow, r, detail_scale=0.8),
            sphere(r, elbow),
            beam(elbow, top, r, detail_scale=0.8),
            sphere(r, top),
        ]
    return [Part(union(body))]


def mushroom(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, cap_r = uniform(rng, 0.06, 0.14), uniform(rng, 0.04, 0.09)
    stem_r = cap_r * uniform(rng, 0.25, 0.4)
    stem = lathe(
        [
            (0.0, 0.0),
            (stem_r * 1.2, 0.0),
            (stem_r, height * 0.5),
            (stem_r * 0.9, height),
            (0.0, height),
        ]
    )
    dome = uniform(rng, 0.5, 0.9)
    angles = np.linspace(0, np.pi / 2, 10)
    cap_profile = [(0.0, height - 0.005), (cap_r * 0.95, height - 0.005)] + [
        (cap_r * np.cos(a), height + cap_r * dome * np.sin(a)) for a in angles
    ]
    cap = lathe(cap_profile)
    spots = [
        sphere(
            cap_r * 0.12, (float(x), height + cap_r * dome * 0.75, float(z)), scale=(1.0, 0.4, 1.0)
        )
        for x, z in ring_positions(5, cap_r * 0.55)
    ]
    return [
        Part(cap),
        Part(stem, "paint", (0.93, 0.9, 0.82), role="stem"),
        Part(union(spots), "paint", (0.97, 0.97, 0.95), role="spots"),
    ]


def rock(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    size = uniform(rng, 0.4, 1.5)
    count = int(rng.integers(14, 30))
    directions = rng.normal(size=(count, 3))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    radii = size / 2 * rng.uniform(0.7, 1.0, size=(count, 1))
    points = directions * radii * np.array([1.0, uniform(rng, 0.5, 0.8), uniform(rng, 0.7, 1.0)])
    return [Part(hull(points).translate((0, size * 0.3, 0)))]
