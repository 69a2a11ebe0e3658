"""Kitchen things: pans and pots, kettles, cutlery and utensils, boards, appliances,
jugs, cans, glasses, chopsticks, shakers, trays. Utensils lie flat pointing along +X;
appliances face +Z."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import appliance, rounded_box
from meshforge.engines.text_to_3d.kit.handles import (
    arc_handle,
    bar_handle,
    knob,
    pan_handle,
    side_handle,
)
from meshforge.engines.text_to_3d.kit.vessels import curve, domed_lid, solid_of, vessel
from meshforge.engines.text_to_3d.parts import Part, uniform, uniforms
from meshforge.engines.text_to_3d.shapes import (
    beam,
    box,
    cylinder,
    hull,
    ring_positions,
    sphere,
    torus,
    union,
)

_BLACK = (0.08, 0.08, 0.09)


def _flat_handle(length: float, width: float, thick: float) -> Manifold:
    """A flat utensil handle lying on y = 0 from x = -length to x = 0, widening at its end."""
    return hull(
        [(0.0, 0.0, z) for z in (-width * 0.3, width * 0.3)]
        + [(0.0, thick, z) for z in (-width * 0.3, width * 0.3)]
        + [(-length, 0.0, z) for z in (-width / 2, width / 2)]
        + [(-length, thick, z) for z in (-width / 2, width / 2)]
    )


def frying_pan(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, depth = uniform(rng, 0.11, 0.15), uniform(rng, 0.04, 0.06)
    body = vessel([(radius * 0.8, 0.0), (radius, depth)], 0.004, 0.005)
    handle = pan_handle((radius - 0.01, depth * 0.7, 0.0), uniform(rng, 0.17, 0.22), 0.016)
    return [Part(body), Part(handle, "plastic", _BLACK, role="handle")]


def cooking_pot(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.1, 0.16), uniform(rng, 0.1, 0.22)
    body = vessel([(radius, 0.0), (radius, height)], 0.004, 0.006)
    lid = domed_lid(radius + 0.004, height, radius * 0.2)
    handles = [
        side_handle(radius * 0.95, height * 0.72, height * 0.86, 0.035, 0.006).rotate((0.0, a, 0.0))
        for a in (0.0, 180.0)
    ]
    return [
        Part(body),
        Part(lid, role="lid"),
        Part(union(handles), "plastic", _BLACK, role="handle"),
    ]


def kettle(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.08, 0.11), uniform(rng, 0.16, 0.22)
    body = solid_of(
        curve([(radius, 0.0), (radius * 1.05, height * 0.4), (radius * 0.55, height)], 6)
    )
    spout = beam((radius * 0.7, height * 0.25, 0), (radius * 1.6, height * 0.85, 0), 0.016, 0.009)
    lid = domed_lid(radius * 0.55, height, radius * 0.15)
    handle = arc_handle(radius * 0.55, height + radius * 0.1, 0.01).scale((1.0, 1.4, 1.0))
    handle = handle.translate((0, -(height + radius * 0.1) * 0.4 + radius * 0.05, 0))
    return [
        Part(union([body, spout])),
        Part(lid, role="lid"),
        Part(handle, "plastic", _BLACK, role="handle"),
    ]


def spoon(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.15, 0.3) if "wooden" not in attrs.words else uniform(rng, 0.25, 0.32)
    bowl_len = length * 0.3
    head = sphere(0.5, (0, 0, 0), (bowl_len, 0.02, bowl_len * 0.65))
    head = head - sphere(0.5, (0, 0.008, 0), (bowl_len * 0.9, 0.02, bowl_len * 0.55))
    handle = _flat_handle(length - bowl_len, 0.02, 0.006)
    return [
        Part(union([head.translate((bowl_len / 2, 0.01, 0)), handle.translate((0.0, 0.004, 0))]))
    ]


def fork(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, tines = uniform(rng, 0.18, 0.21), 4
    head_len, width = length * 0.3, 0.025
    neck = hull(
        [
            (0.0, 0.0, -0.005),
            (0.0, 0.0, 0.005),
            (head_len * 0.4, 0.0, -width / 2),
            (head_len * 0.4, 0.0, width / 2),
            (head_len * 0.4, 0.004, 0.0),
            (0.0, 0.004, 0.0),
        ]
    )
    prongs = [
        box(
            head_len * 0.6,
            0.003,
            width / tines * 0.5,
            (head_len * 0.7, 0.0015, (i - (tines - 1) / 2) * width / tines),
        )
        for i in range(tines)
    ]
    handle = _flat_handle(length - head_len, 0.02, 0.005)
    return [Part(union([neck, *prongs, handle]))]


def knife(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    blade_len, handle_len = uniform(rng, 0.1, 0.2), uniform(rng, 0.1, 0.13)
    width = uniform(rng, 0.02, 0.045)
    blade = hull(
        [
            (0.0, 0.0, -width / 2),
            (0.0, 0.003, -width / 2),
            (0.0, 0.0, width / 2),
            (0.0, 0.003, width / 2),
            (blade_len, 0.0, width / 2),
            (blade_len, 0.002, width / 2),
            (blade_len * 0.8, 0.0, -width / 2),
            (blade_len * 0.8, 0.002, -width / 2),
        ]
    )
    handle = rounded_box(handle_len, 0.018, 0.024, 0.006, 0.009).translate((-handle_len / 2, 0, 0))
    return [
        Part(blade.translate((0, 0.006, 0)), "steel", role="blade"),
        Part(handle, role="handle"),
    ]


def spatula(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width = uniform(rng, 0.28, 0.34), uniform(rng, 0.06, 0.08)
    blade = box(length * 0.3, 0.004, width, (length * 0.15, 0.002, 0))
    slots = union(
        [box(length * 0.2, 0.01, 0.006, (length * 0.16, 0, z)) for z in (-width / 4, 0, width / 4)]
    )
    handle = _flat_handle(length * 0.7, 0.024, 0.01)
    return [Part(blade - slots, role="blade"), Part(handle, role="handle")]


def ladle(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, radius = uniform(rng, 0.28, 0.34), uniform(rng, 0.04, 0.05)
    cup = vessel(
        curve([(0.005, 0.0), (radius * 0.8, radius * 0.3), (radius, radius * 0.9)], 5), 0.003, 0.003
    )
    handle = beam((0.0, radius * 0.9, 0.0), (-length, radius * 1.8, 0.0), 0.007)
    hook = (
        torus(0.012, 0.004).rotate((90.0, 0.0, 0.0)).translate((-length - 0.012, radius * 1.8, 0))
    )
    return [Part(union([cup, handle, hook]))]


def rolling_pin(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, radius = uniform(rng, 0.25, 0.3), uniform(rng, 0.028, 0.035)
    barrel = cylinder(radius, length, (0, 0, 0)).rotate((0.0, 0.0, 90.0))
    grips = [
        cylinder(radius * 0.45, 0.1, (0, 0, 0))
        .rotate((0.0, 0.0, 90.0))
        .translate((s * (length / 2 + 0.05), 0, 0))
        for s in (-1, 1)
    ]
    ends = [sphere(radius * 0.55, (s * (length / 2 + 0.1), 0, 0)) for s in (-1, 1)]
    return [Part(union([barrel, *grips, *ends]).translate((0, radius, 0)))]


def cutting_board(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width, thick = uniforms(rng, (0.3, 0.45), (0.2, 0.3), (0.015, 0.03))
    board = rounded_box(length, thick, width, thick * 0.4, thick / 2)
    hole = cylinder(0.015, thick * 3, (length / 2 - 0.035, thick / 2, 0))
    return [Part(board - hole)]


def toaster(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniforms(rng, (0.25, 0.3), (0.18, 0.22), (0.15, 0.2))
    body = rounded_box(width, height, depth, 0.04, height / 2)
    slots = union(
        [box(width * 0.7, 0.1, 0.025, (0, height, z)) for z in (-depth * 0.2, depth * 0.2)]
    )
    lever = box(0.025, 0.015, 0.03, (width / 2 + 0.01, height * 0.6, 0))
    feet = union(
        [
            box(0.03, 0.01, 0.03, (sx * width * 0.35, 0.005, sz * depth * 0.3))
            for sx in (-1, 1)
            for sz in (-1, 1)
        ]
    )
    return [
        Part((body - slots).translate((0, 0.01, 0))),
        Part(union([lever, feet]), "plastic", _BLACK, role="handle"),
    ]


def microwave(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniforms(rng, (0.45, 0.55), (0.27, 0.32), (0.35, 0.42))
    body, door = appliance(
        width, height, depth, (width * 0.7, height * 0.8, -width * 0.12, height / 2)
    )
    window = box(width * 0.5, height * 0.55, 0.006, (-width * 0.14, height / 2, depth / 2 + 0.01))
    panel = box(width * 0.18, height * 0.8, 0.01, (width * 0.36, height / 2, depth / 2))
    buttons = union(
        [knob((width * 0.36, height * (0.3 + 0.2 * i), depth / 2 + 0.008), 0.012) for i in range(3)]
    )
    return [
        Part(body),
        Part(door, "plastic", _BLACK, role="door"),
        Part(window, "glass", (0.2, 0.22, 0.25), role="window"),
        Part(union([panel, buttons]), "plastic", (0.3, 0.3, 0.32), role="handle"),
    ]


def refrigerator(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniform(rng, 0.6, 0.8), uniform(rng, 1.6, 1.9), uniform(rng, 0.6, 0.7)
    split = height * uniform(rng, 0.62, 0.7)
    body, lower = appliance(width, height, depth, (width - 0.02, split - 0.02, 0.0, split / 2))
    upper = box(
        width - 0.02, height - split - 0.03, 0.02, (0, split + (height - split) / 2, depth / 2)
    )
    handles = [
        bar_handle(width * 0.4, split * 0.8, depth / 2 + 0.01, 0.3),
        bar_handle(width * 0.4, split + 0.15, depth / 2 + 0.01, 0.2),
    ]
    return [
        Part(union([body, lower, upper]), role="door"),
        Part(union(handles), "chrome", role="handle"),
    ]


def stove(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniforms(rng, (0.6, 0.76), (0.85, 0.92), (0.6, 0.65))
    body, door = appliance(width, height, depth, (width * 0.85, height * 0.55, 0.0, height * 0.4))
    window = box(width * 0.55, height * 0.25, 0.006, (0, height * 0.42, depth / 2 + 0.012))
    burners = union(
        [
            torus(0.07, 0.012, (x, height + 0.01, z))
            for x, z in [(sx * width * 0.25, sz * depth * 0.22) for sx in (-1, 1) for sz in (-1, 1)]
        ]
    )
    knobs = union(
        [
            knob((x, height * 0.82, depth / 2 + 0.015), 0.02)
            for x in np.linspace(-width * 0.35, width * 0.35, 5)
        ]
    )
    handle = box(width * 0.6, 0.02, 0.02, (0, height * 0.69, depth / 2 + 0.03))
    return [
        Part(union([body, door])),
        Part(window, "glass", (0.1, 0.1, 0.12), role="window"),
        Part(union([burners, knobs]), "iron", _BLACK, role="trim"),
        Part(handle, "chrome", role="handle"),
    ]


def dishwasher(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniforms(rng, (0.58, 0.62), (0.82, 0.88), (0.55, 0.6))
    body, door = appliance(width, height, depth, (width - 0.02, height * 0.85, 0.0, height * 0.44))
    panel = box(width - 0.02, height * 0.1, 0.022, (0, height * 0.93, depth / 2))
    handle = box(width * 0.5, 0.02, 0.03, (0, height * 0.8, depth / 2 + 0.025))
    return [
        Part(union([body, door])),
        Part(panel, "plastic", _BLACK),
        Part(handle, "chrome", role="handle"),
    ]


def blender(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    base_w, jar_h = uniform(rng, 0.15, 0.18), uniform(rng, 0.2, 0.26)
    base = rounded_box(base_w, 0.12, base_w, 0.03, 0.06)
    jar = vessel([(base_w * 0.3, 0.0), (base_w * 0.5, jar_h)], 0.004, 0.01).translate((0, 0.12, 0))
    lid = cylinder(base_w * 0.52, 0.025, (0, 0.12 + jar_h + 0.012, 0))
    handle = side_handle(base_w * 0.45, 0.12 + jar_h * 0.3, 0.12 + jar_h * 0.85, 0.05, 0.01)
    dial = knob((0, 0.06, base_w / 2 + 0.005), 0.018)
    return [
        Part(union([base, dial])),
        Part(jar, "glass", role="jar"),
        Part(union([lid, handle]), "plastic", _BLACK, role="lid"),
    ]


def coffee_maker(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniforms(rng, (0.2, 0.28), (0.3, 0.38), (0.22, 0.28))
    back = box(width, height, depth * 0.45, (0, height / 2, -depth * 0.275))
    top = box(width, height * 0.22, depth, (0, height * 0.89, 0))
    foot = box(width, 0.03, depth, (0, 0.015, 0))
    pot = vessel(
        curve(
            [(width * 0.32, 0.0), (width * 0.38, height * 0.25), (width * 0.3, height * 0.45)], 5
        ),
        0.003,
        0.005,
    )
    pot_handle = side_handle(width * 0.35, height * 0.12, height * 0.4, 0.04, 0.008).rotate(
        (0.0, -90.0, 0.0)
    )
    return [
        Part(union([back, top, foot])),
        Part(pot.translate((0, 0.03, depth * 0.12)), "glass", (0.4, 0.3, 0.25), role="jar"),
        Part(pot_handle.translate((0, 0.03, depth * 0.12)), "plastic", _BLACK, role="handle"),
    ]


def pitcher(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.06, 0.08), uniform(rng, 0.18, 0.25)
    body = vessel(
        curve([(radius * 0.85, 0.0), (radius, height * 0.5), (radius * 0.85, height)], 6),
        0.004,
        0.006,
    )
    lip = hull(
        [
            (radius * 0.7, height - 0.01, -0.02),
            (radius * 0.7, height - 0.01, 0.02),
            (radius * 1.3, height + 0.01, 0.0),
            (radius * 0.7, height + 0.005, 0.0),
        ]
    )
    handle = side_handle(radius * 0.9, height * 0.2, height * 0.85, 0.05, 0.008).rotate(
        (0.0, 180.0, 0.0)
    )
    return [Part(union([body, lip, handle]))]


def can(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.032, 0.045), uniform(rng, 0.1, 0.13)
    body = solid_of(
        [(radius * 0.85, 0.0), (radius, 0.008), (radius, height - 0.01), (radius * 0.85, height)]
    )
    lid = cylinder(radius * 0.85, 0.003, (0, height + 0.0015, 0))
    tab = torus(0.008, 0.0015, (radius * 0.3, height + 0.004, 0))
    return [Part(body), Part(union([lid, tab]), "steel", role="lid")]


def drinking_glass(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.03, 0.045), uniform(rng, 0.09, 0.16)
    return [Part(vessel([(radius * 0.85, 0.0), (radius, height)], 0.003, 0.008))]


def chopsticks(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.22, 0.26)
    sticks = [
        cylinder(0.004, length, (0, 0, 0), r_top=0.0022)
        .rotate((0.0, 0.0, -90.0))
        .translate((0, 0.004, z))
        for z in (-0.012, 0.012)
    ]
    return [Part(union(sticks))]


def salt_shaker(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if {"mill", "grinder"} & attrs.words:
        height = uniform(rng, 0.15, 0.22)
        body = solid_of(
            curve(
                [(0.025, 0.0), (0.03, height * 0.3), (0.018, height * 0.7), (0.026, height * 0.85)],
                5,
            )
        )
        return [Part(union([body, knob((0, height * 0.88, 0), 0.015)]))]
    radius, height = uniform(rng, 0.02, 0.025), uniform(rng, 0.07, 0.1)
    body = vessel([(radius, 0.0), (radius, height)], 0.003, 0.004)
    cap = domed_lid(radius, height, radius * 0.5) - union(
        [cylinder(0.002, 0.05, (x, height + 0.01, z)) for x, z in ring_positions(5, radius * 0.4)]
    )
    return [Part(body, "glass"), Part(cap, "steel", role="lid")]


def tray(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width = uniform(rng, 0.35, 0.5), uniform(rng, 0.25, 0.35)
    base = rounded_box(length, 0.04, width, 0.008, 0.02)
    well = rounded_box(length - 0.02, 0.04, width - 0.02, 0.006, 0.032)
    grips = union([box(0.02, 0.05, width * 0.4, (s * length * 0.42, 0.03, 0)) for s in (-1, 1)])
    return [Part(base - well - grips)]
