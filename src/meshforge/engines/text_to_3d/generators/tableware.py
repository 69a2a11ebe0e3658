"""Tableware and containers, mostly solids of revolution from a drawn profile."""

from __future__ import annotations

import numpy as np

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.handles import side_handle
from meshforge.engines.text_to_3d.kit.vessels import curve, vessel
from meshforge.engines.text_to_3d.parts import Part, uniform
from meshforge.engines.text_to_3d.shapes import beam, cylinder, lathe, torus, union


def mug(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.038, 0.048), uniform(rng, 0.085, 0.11)
    belly = uniform(rng, 0.95, 1.1)
    outer = curve([(radius * 0.92, 0.0), (radius * belly, height * 0.5), (radius, height)], 6)
    body = vessel(outer, 0.004, 0.008)
    handle = side_handle(
        radius * 0.9, height * 0.25, height * 0.8, uniform(rng, 0.025, 0.035), 0.006
    )
    return [Part(body), Part(handle, role="handle")]


def bowl(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.07, 0.13), uniform(rng, 0.05, 0.08)
    foot = radius * uniform(rng, 0.35, 0.5)
    outer = curve([(foot, 0.0), (radius * 0.85, height * 0.45), (radius, height)], 8)
    return [Part(vessel(outer, 0.005, 0.008))]


def plate(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, depth = uniform(rng, 0.1, 0.14), uniform(rng, 0.015, 0.025)
    well = radius * uniform(rng, 0.55, 0.7)
    profile = [
        (0.0, 0.0),
        (well * 0.8, 0.0),
        (well * 0.85, 0.004),
        (well, 0.004),
        (radius, depth),
        (radius, depth + 0.004),
        (well * 0.98, 0.008),
        (0.0, 0.008),
    ]
    return [Part(lathe(profile))]


def vase(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.22, 0.4), uniform(rng, 0.06, 0.11)
    neck, lip = radius * uniform(rng, 0.3, 0.6), radius * uniform(rng, 0.45, 0.8)
    belly_h = uniform(rng, 0.25, 0.55)
    outer = curve(
        [(radius * 0.6, 0.0), (radius, height * belly_h), (neck, height * 0.85), (lip, height)], 8
    )
    return [Part(vessel(outer, 0.005, 0.01))]


def bottle(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.24, 0.32), uniform(rng, 0.032, 0.042)
    shoulder, neck = height * uniform(rng, 0.55, 0.7), uniform(rng, 0.011, 0.015)
    outer = [(radius, 0.0)] + curve(
        [
            (radius, shoulder),
            (radius * 0.7, shoulder + 0.03),
            (neck, shoulder + 0.06),
            (neck, height),
        ],
        5,
    )
    glass = vessel(outer, 0.003, 0.006)
    cap = cylinder(neck * 1.1, 0.02, (0, height + 0.005, 0))
    return [Part(glass), Part(cap, "metal", (0.7, 0.65, 0.3), role="lid")]


def wine_glass(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    stem_h, bowl_h = uniform(rng, 0.07, 0.1), uniform(rng, 0.08, 0.11)
    bowl_r, foot_r = uniform(rng, 0.035, 0.045), uniform(rng, 0.03, 0.04)
    cup = curve([(0.004, 0.0), (bowl_r, bowl_h * 0.4), (bowl_r * 0.8, bowl_h)], 8)
    cup = [(r, h + stem_h) for r, h in cup]
    profile = (
        [(0.0, 0.0), (foot_r, 0.0), (foot_r, 0.003), (0.005, 0.008), (0.004, stem_h)]
        + cup
        + [(cup[-1][0] - 0.002, cup[-1][1])]
        + [(max(r - 0.002, 0.001), h) for r, h in cup[::-1] if h > stem_h + 0.01]
        + [(0.0, stem_h + 0.01)]
    )
    return [Part(lathe(profile))]


def teapot(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.08, 0.1), uniform(rng, 0.11, 0.15)
    body = lathe(
        [(0.0, 0.0)]
        + curve([(radius * 0.7, 0.0), (radius, height * 0.45), (radius * 0.55, height)], 6)
        + [(0.0, height)]
    )
    lid = lathe(
        [
            (0.0, height),
            (radius * 0.58, height),
            (radius * 0.3, height + 0.02),
            (0.01, height + 0.025),
            (0.015, height + 0.04),
            (0.0, height + 0.045),
        ]
    )
    spout = beam((radius * 0.8, height * 0.3, 0), (radius * 1.6, height * 0.85, 0), 0.016, 0.008)
    handle = side_handle(radius * 0.85, height * 0.2, height * 0.85, 0.045, 0.008)
    handle = handle.rotate((0.0, 180.0, 0.0))
    return [Part(union([body, spout])), Part(lid, role="lid"), Part(handle, role="handle")]


def bucket(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.25, 0.32), uniform(rng, 0.13, 0.16)
    body = vessel([(radius * 0.8, 0.0), (radius, height)], 0.004, 0.006)
    rim = torus(radius, 0.006, (0, height, 0))
    arc = torus(radius * 0.97, 0.004).rotate((90.0, 0.0, 0.0)).translate((0, height, 0))
    arc = arc - cylinder(radius * 2, height * 2, (0, height * 0, 0))
    return [Part(union([body, rim])), Part(arc, "steel", role="handle")]


def jar(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.12, 0.2), uniform(rng, 0.04, 0.06)
    neck = radius * uniform(rng, 0.75, 0.9)
    outer = [(radius, 0.0)] + curve(
        [(radius, height * 0.8), (neck, height * 0.9), (neck, height)], 4
    )
    lid = cylinder(neck + 0.004, 0.018, (0, height + 0.006, 0))
    return [Part(vessel(outer, 0.003, 0.005)), Part(lid, "metal", role="lid")]
