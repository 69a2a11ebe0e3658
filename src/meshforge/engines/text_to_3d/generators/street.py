"""Street furniture: traffic cones, fire hydrants, mailboxes, parking meters, road signs,
traffic lights, fire extinguishers. Front faces +Z."""

from __future__ import annotations

import numpy as np

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import rounded_box
from meshforge.engines.text_to_3d.kit.handles import knob
from meshforge.engines.text_to_3d.kit.poles import pole_on_base
from meshforge.engines.text_to_3d.kit.vessels import curve, solid_of
from meshforge.engines.text_to_3d.parts import Part, choose, uniform
from meshforge.engines.text_to_3d.shapes import (
    beam,
    box,
    cylinder,
    prism,
    sphere,
    union,
)

_WHITE = (0.96, 0.96, 0.95)
_SIGN_RED = (0.8, 0.08, 0.08)


def traffic_cone(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 0.45, 0.75)
    base_w = height * uniform(rng, 0.55, 0.65)
    foot = box(base_w, 0.03, base_w, (0, 0.015, 0))
    cone = cylinder(base_w * 0.36, height - 0.03, (0, 0.03 + (height - 0.03) / 2, 0), r_top=0.02)
    bands = [
        cone ^ box(1, height * 0.12, 1, (0, 0.03 + (height - 0.03) * f, 0)) for f in (0.45, 0.7)
    ]
    bands = [b.scale((1.02, 1.0, 1.02)) for b in bands]
    return [Part(union([foot, cone])), Part(union(bands), "paint", _WHITE, role="trim")]


def fire_hydrant(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.6, 0.8), uniform(rng, 0.09, 0.12)
    body = solid_of(
        [(radius * 1.4, 0.0), (radius * 1.4, 0.05), (radius, 0.07), (radius, height * 0.75)]
        + curve([(radius * 1.15, height * 0.75), (radius * 0.9, height * 0.9), (0.02, height)], 4)
    )
    outlets = [
        cylinder(radius * 0.4, radius * 2.7, (0, 0, 0))
        .rotate((0.0, 0.0, 90.0))
        .rotate((0.0, angle, 0.0))
        .translate((0, height * 0.55, 0))
        for angle in (0.0, 180.0, 90.0)
    ]
    caps = knob((0.0, height + 0.01, 0.0), radius * 0.35)
    return [Part(union([body, *outlets])), Part(caps, "paint", (0.85, 0.75, 0.2), role="lid")]


def mailbox(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if "letterbox" in attrs.words or "postbox" in attrs.words or rng.random() < 0.3:
        return _pillar_box(rng)
    post_h, length = uniform(rng, 0.95, 1.1), uniform(rng, 0.45, 0.55)
    width = uniform(rng, 0.17, 0.22)
    post = box(0.09, post_h, 0.09, (0, post_h / 2, 0))
    body = box(width, width * 0.6, length, (0, post_h + width * 0.3, 0))
    top = cylinder(width / 2, length, (0, 0, 0)).rotate((90.0, 0.0, 0.0))
    body = union([body, top.translate((0, post_h + width * 0.6, 0))])
    flag = union(
        [
            box(0.01, 0.16, 0.03, (width / 2 + 0.005, post_h + 0.2, -length * 0.2)),
            box(0.01, 0.06, 0.08, (width / 2 + 0.005, post_h + 0.25, -length * 0.25)),
        ]
    )
    return [
        Part(body),
        Part(post, "wood", role="base"),
        Part(flag, "paint", _SIGN_RED, role="trim"),
    ]


def _pillar_box(rng: np.random.Generator) -> list[Part]:
    """A round red pillar box with a slot and a domed cap."""
    height, radius = uniform(rng, 1.4, 1.65), uniform(rng, 0.22, 0.28)
    body = cylinder(radius, height - radius * 0.4, (0, (height - radius * 0.4) / 2, 0))
    cap = sphere(radius * 1.08, (0, height - radius * 0.4, 0), (1.0, 0.4, 1.0))
    slot = box(radius * 0.8, 0.025, radius, (0, height * 0.72, radius * 0.7))
    return [Part(union([body, cap]) - slot, "paint", (0.75, 0.05, 0.05))]


def parking_meter(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    post_h = uniform(rng, 1.0, 1.2)
    post = pole_on_base(post_h, 0.035, 0.12, 0.04)
    head = rounded_box(0.2, 0.3, 0.15, 0.05, post_h + 0.15)
    window = box(0.14, 0.1, 0.02, (0, post_h + 0.2, 0.075))
    slot = box(0.03, 0.06, 0.02, (0.05, post_h + 0.07, 0.075))
    return [
        Part(union([post, head]) - slot, role="frame"),
        Part(window, "glass", (0.4, 0.45, 0.4), role="window"),
    ]


def traffic_sign(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 2.0, 2.6)
    shape = _sign_shape(rng, attrs)
    size = uniform(rng, 0.6, 0.8)
    if shape == "octagon":
        angles = np.arange(8) * np.pi / 4 + np.pi / 8
    elif shape == "triangle":
        angles = np.arange(3) * 2 * np.pi / 3 + np.pi / 2
    else:
        angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    outline = [(size / 2 * np.cos(a), size / 2 * np.sin(a)) for a in angles]
    board = prism(outline, 0.02, (0, height - size / 2, 0.03))
    inner = prism([(x * 0.82, y * 0.82) for x, y in outline], 0.01, (0, height - size / 2, 0.043))
    pole = pole_on_base(height - 0.05, 0.03, 0.08, 0.02)
    colour = _SIGN_RED if shape == "octagon" else (0.12, 0.3, 0.7) if shape == "circle" else _WHITE
    return [
        Part(board, "paint", _WHITE, role="trim"),
        Part(inner, "paint", colour),
        Part(pole, "metal", role="base"),
    ]


def _sign_shape(rng: np.random.Generator, attrs: Attributes) -> str:
    if {"stop", "octagonal"} & attrs.words:
        return "octagon"
    if {"yield", "warning", "triangular", "triangle"} & attrs.words:
        return "triangle"
    if {"round", "circular", "speed", "limit"} & attrs.words:
        return "circle"
    return choose(rng, ["octagon", "triangle", "circle"])


def traffic_light(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 2.8, 3.6)
    pole = pole_on_base(height, 0.06, 0.2, 0.05)
    head_h = uniform(rng, 0.9, 1.05)
    housing = rounded_box(0.32, head_h, 0.25, 0.04, height + head_h / 2 - 0.1)
    lamps, visors = [], []
    for i, colour in enumerate(((0.9, 0.1, 0.1), (0.95, 0.7, 0.1), (0.1, 0.8, 0.3))):
        y = height - 0.1 + head_h * (0.8 - 0.3 * i)
        lamps.append((sphere(0.1, (0, y, 0.1), (1.0, 1.0, 0.5)), colour))
        visor = cylinder(0.13, 0.12, (0, 0, 0)).rotate((90.0, 0.0, 0.0)) - cylinder(
            0.115, 0.2, (0, 0, 0)
        ).rotate((90.0, 0.0, 0.0))
        visors.append((visor - box(0.4, 0.2, 0.2, (0, -0.1, 0))).translate((0, y, 0.17)))
    parts = [Part(union([pole, housing, *visors]), role="frame")]
    return parts + [Part(lamp, "light", colour) for lamp, colour in lamps]


def fire_extinguisher(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.4, 0.6), uniform(rng, 0.065, 0.085)
    body = solid_of(
        [(radius, 0.0)]
        + curve([(radius, height * 0.8), (radius * 0.6, height * 0.95), (radius * 0.25, height)], 4)
    )
    valve = cylinder(0.02, 0.05, (0, height + 0.02, 0))
    lever = box(0.12, 0.012, 0.025, (0.04, height + 0.05, 0)).rotate((0.0, 0.0, 0.0))
    hose = beam((0.0, height + 0.03, 0.0), (radius * 1.2, height * 0.5, radius * 0.6), 0.01)
    nozzle = cylinder(0.014, 0.06, (radius * 1.2, height * 0.5 - 0.03, radius * 0.6))
    return [
        Part(body),
        Part(union([valve, lever]), "steel", role="handle"),
        Part(union([hose, nozzle]), "rubber", role="hose"),
    ]
