"""Household things: bathroom fittings, mirrors, clocks, frames, baskets, bins, ladders,
soft furnishings, umbrellas, fireplaces, brooms, televisions, luggage, small appliances.
Front faces +Z; things people hold lie flat."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import frame, rounded_box
from meshforge.engines.text_to_3d.kit.handles import arc_handle, grip, knob
from meshforge.engines.text_to_3d.kit.poles import canopy, pole_on_base
from meshforge.engines.text_to_3d.kit.screens import screen
from meshforge.engines.text_to_3d.kit.vessels import domed_lid, vessel
from meshforge.engines.text_to_3d.kit.wheels import wheel
from meshforge.engines.text_to_3d.parts import Part, count_or, round_variant, uniform, uniforms
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

_BRASS_LEGS = (0.8, 0.65, 0.3)


def _lying(solid: Manifold) -> Manifold:
    """Turn a part built standing up (+Y) onto its back, pointing along +X."""
    return solid.rotate((0.0, 0.0, -90.0))


def bathtub(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width, height = uniform(rng, 1.5, 1.8), uniform(rng, 0.7, 0.85), uniform(rng, 0.5, 0.6)
    feet = rng.random() < 0.5 or "claw" in attrs.words
    lift = 0.12 if feet else 0.0
    shell = rounded_box(length, height, width, 0.12, lift + height / 2)
    inside = rounded_box(length - 0.12, height, width - 0.12, 0.1, lift + height / 2 + 0.1)
    parts = [Part(shell - inside)]
    if feet:
        legs = [
            sphere(0.06, (sx * (length / 2 - 0.2), 0.06, sz * (width / 2 - 0.12)), (1, 1.2, 1))
            for sx in (-1, 1)
            for sz in (-1, 1)
        ]
        parts.append(Part(union(legs), "brass", _BRASS_LEGS, role="legs"))
    tap = beam(
        (length / 2 - 0.1, lift + height, 0), (length / 2 - 0.2, lift + height + 0.12, 0), 0.012
    )
    return parts + [Part(tap, "chrome", role="handle")]


def toilet(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    seat_h, bowl_r = uniform(rng, 0.4, 0.44), uniform(rng, 0.17, 0.2)
    pedestal = cylinder(0.12, seat_h - 0.1, (0, (seat_h - 0.1) / 2, 0.02), r_top=0.15)
    bowl = sphere(bowl_r, (0, seat_h - 0.08, 0.05), scale=(1.0, 0.6, 1.35))
    bowl = (
        bowl
        - box(1, 1, 1, (0, seat_h + 0.5, 0))
        - sphere(bowl_r * 0.8, (0, seat_h, 0.06), (1, 0.8, 1.3))
    )
    seat = torus(bowl_r * 0.85, 0.02).scale((1.0, 1.0, 1.35)).translate((0, seat_h + 0.01, 0.05))
    tank_h = uniform(rng, 0.3, 0.4)
    tank = rounded_box(0.42, tank_h, 0.18, 0.02, seat_h + tank_h / 2).translate(
        (0, 0, -bowl_r * 1.2)
    )
    button = cylinder(0.02, 0.01, (0, seat_h + tank_h + 0.005, -bowl_r * 1.2))
    return [Part(union([pedestal, bowl, tank])), Part(seat, role="seat"), Part(button, "chrome")]


def sink(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, width, depth = uniform(rng, 0.8, 0.9), uniform(rng, 0.5, 0.65), uniform(rng, 0.4, 0.5)
    basin = rounded_box(width, 0.18, depth, 0.04, height - 0.09)
    basin = basin - sphere(width * 0.38, (0, height, 0.02), scale=(1.0, 0.35, 0.8))
    if rng.random() < 0.5:  # pedestal sink
        stand = cylinder(0.09, height - 0.18, (0, (height - 0.18) / 2, -0.05), r_top=0.07)
    else:  # vanity cabinet
        stand = box(width - 0.04, height - 0.18, depth - 0.04, (0, (height - 0.18) / 2, -0.01))
    spout = beam((0, height, -depth / 2 + 0.06), (0, height + 0.15, -depth / 2 + 0.08), 0.012)
    spout = union(
        [spout, beam((0, height + 0.15, -depth / 2 + 0.08), (0, height + 0.12, -0.05), 0.01)]
    )
    taps = [knob((sx * 0.08, height + 0.02, -depth / 2 + 0.06), 0.02) for sx in (-1, 1)]
    return [Part(union([basin, stand])), Part(union([spout, *taps]), "chrome", role="handle")]


def mirror(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if round_variant(rng, attrs, 0.4):  # a round wall mirror on a small foot
        radius = uniform(rng, 0.25, 0.45)
        rim = torus(radius, 0.03).rotate((90.0, 0.0, 0.0)).translate((0, radius + 0.03, 0))
        glass = cylinder(radius, 0.01, (0, 0, 0)).rotate((90.0, 0.0, 0.0))
        foot = box(radius * 0.8, 0.03, 0.12, (0, 0.015, 0))
        return [
            Part(union([rim, foot]), role="frame"),
            Part(glass.translate((0, radius + 0.03, 0)), "mirror"),
        ]
    width, height = uniform(rng, 0.45, 0.7), uniform(rng, 1.4, 1.8)
    border = uniform(rng, 0.03, 0.07)
    body = frame(width, height, 0.04, border, height / 2 + 0.05)
    glass = box(width - 2 * border, height - 2 * border, 0.01, (0, height / 2 + 0.05, 0))
    stand = beam((0, height * 0.6, -0.02), (0, 0, -height * 0.3), 0.015)
    body = body.rotate((-8.0, 0.0, 0.0))
    glass = glass.rotate((-8.0, 0.0, 0.0))
    return [Part(union([body, stand]), role="frame"), Part(glass, "mirror")]


def clock(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if "alarm" in attrs.words or rng.random() < 0.3:
        return _alarm_clock(rng)
    radius, depth = uniform(rng, 0.14, 0.22), uniform(rng, 0.04, 0.06)
    body = cylinder(radius, depth, (0, 0, 0)).rotate((90.0, 0.0, 0.0))
    rim = torus(radius, depth * 0.4).rotate((90.0, 0.0, 0.0))
    face = (
        cylinder(radius * 0.92, 0.004, (0, 0, 0))
        .rotate((90.0, 0.0, 0.0))
        .translate((0, 0, depth / 2))
    )
    marks = [
        box(0.01, radius * 0.12, 0.006, (0, radius * 0.78, depth / 2 + 0.003)).rotate(
            (0.0, 0.0, 30.0 * i)
        )
        for i in range(12)
    ]
    hands = _clock_hands(radius, depth / 2 + 0.006, rng)
    lift = (0, radius + depth * 0.4, 0)
    return [
        Part(union([body, rim]).translate(lift), role="frame"),
        Part(face.translate(lift), "paint", (0.96, 0.95, 0.92)),
        Part(union(marks + [hands]).translate(lift), "paint", (0.08, 0.08, 0.08), role="handle"),
    ]


def _clock_hands(radius: float, z: float, rng: np.random.Generator) -> Manifold:
    hour, minute = uniform(rng, 0, 360), uniform(rng, 0, 360)
    short = box(0.012, radius * 0.5, 0.004, (0, radius * 0.25, z)).rotate((0.0, 0.0, hour))
    long = box(0.008, radius * 0.75, 0.004, (0, radius * 0.37, z)).rotate((0.0, 0.0, minute))
    return union(
        [
            short,
            long,
            cylinder(0.012, 0.008, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate((0, 0, z)),
        ]
    )


def _alarm_clock(rng: np.random.Generator) -> list[Part]:
    radius, depth = uniform(rng, 0.055, 0.07), uniform(rng, 0.04, 0.055)
    centre = (0.0, radius + 0.025, 0.0)
    body = cylinder(radius, depth, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate(centre)
    bells = [
        sphere(radius * 0.45, (sx * radius * 0.6, centre[1] + radius * 0.85, 0), (1, 0.6, 1))
        for sx in (-1, 1)
    ]
    legs = [
        beam((sx * radius * 0.5, centre[1] - radius * 0.8, 0), (sx * radius * 0.8, 0.0, 0), 0.006)
        for sx in (-1, 1)
    ]
    face = (
        cylinder(radius * 0.85, 0.004, (0, 0, 0))
        .rotate((90.0, 0.0, 0.0))
        .translate((0, centre[1], depth / 2))
    )
    hands = _clock_hands(radius, depth / 2 + 0.004, rng).translate((0, centre[1], 0))
    return [
        Part(union([body, *bells]), role="frame"),
        Part(union(legs), "brass", role="legs"),
        Part(face, "paint", (0.96, 0.95, 0.92)),
        Part(hands, "paint", (0.08, 0.08, 0.08), role="handle"),
    ]


_PICTURE = [(0.2, 0.45, 0.75), (0.95, 0.75, 0.3), (0.25, 0.55, 0.3)]


def picture_frame(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height = uniform(rng, 0.25, 0.7), uniform(rng, 0.2, 0.55)
    if rng.random() < 0.5:
        width, height = height, width
    border = uniform(rng, 0.025, 0.06)
    y = height / 2
    body = frame(width, height, 0.025, border, y)
    inner_w, inner_h = width - 2 * border, height - 2 * border
    bands = [
        box(inner_w, inner_h / 3, 0.006, (0, y - inner_h / 3 + i * inner_h / 3, 0))
        for i in range(3)
    ]  # a simple landscape: sky, sun-lit field, grass
    prop = beam((0, height * 0.6, -0.01), (0, 0, -height * 0.35), 0.008)
    tilt = (-10.0, 0.0, 0.0)
    parts = [Part(union([body, prop]).rotate(tilt), role="frame")]
    parts += [Part(b.rotate(tilt), "paint", c) for b, c in zip(bands[::-1], _PICTURE, strict=True)]
    return parts


def basket(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.15, 0.25), uniform(rng, 0.15, 0.35)
    if "laundry" in attrs.words or "hamper" in attrs.words:
        radius, height = uniform(rng, 0.22, 0.3), uniform(rng, 0.45, 0.6)
    body = vessel([(radius * 0.8, 0.0), (radius, height)], 0.008, 0.01)
    bands = [
        torus(radius * (0.8 + 0.2 * f), 0.007, (0, height * f, 0)) for f in (0.15, 0.5, 0.85, 1.0)
    ]
    parts = [Part(union([body, *bands]))]
    if rng.random() < 0.6 and height < 0.4:
        parts.append(Part(arc_handle(radius * 0.95, height, 0.012), role="handle"))
    return parts


def trash_can(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.14, 0.22), uniform(rng, 0.4, 0.7)
    body = vessel([(radius * 0.9, 0.0), (radius, height)], 0.004, 0.01)
    lid = domed_lid(radius + 0.005, height, radius * 0.25)
    rim = torus(radius, 0.008, (0, height, 0))
    pedal = box(0.1, 0.02, 0.08, (0, 0.03, radius * 0.95))
    return [
        Part(union([body, rim])),
        Part(lid, role="lid"),
        Part(pedal, "plastic", (0.1, 0.1, 0.1)),
    ]


def ladder(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, width = uniform(rng, 1.6, 3.0), uniform(rng, 0.4, 0.5)
    rungs = count_or(attrs, int(height / 0.3), 3, 14)
    if "step" in attrs.words or "stepladder" in attrs.words or rng.random() < 0.35:
        return _step_ladder(width, min(height, 1.8), rungs)
    rails = [box(0.05, height, 0.03, (sx * width / 2, height / 2, 0)) for sx in (-1, 1)]
    steps = [
        cylinder(0.016, width, (0, 0, 0))
        .rotate((0.0, 0.0, 90.0))
        .translate((0, (i + 0.7) * height / (rungs + 0.5), 0))
        for i in range(rungs)
    ]
    return [Part(union(rails + steps))]


def _step_ladder(width: float, height: float, steps: int) -> list[Part]:
    spread = height * 0.35
    lean = np.degrees(np.arctan2(spread / 2, height))
    front = union([box(0.05, height, 0.03, (sx * width / 2, height / 2, 0)) for sx in (-1, 1)])
    treads = union(
        [box(width, 0.025, 0.1, (0, (i + 1) * height / (steps + 1), 0)) for i in range(steps)]
    )
    back = union([box(0.04, height, 0.03, (sx * width / 2, height / 2, 0)) for sx in (-1, 1)])
    front = union([front, treads]).rotate((-lean, 0.0, 0.0)).translate((0, 0, spread / 2))
    back = back.rotate((lean, 0.0, 0.0)).translate((0, 0, -spread / 2))
    top = box(width + 0.06, 0.04, 0.2, (0, height * np.cos(np.radians(lean)), 0))
    return [Part(union([front, back, top]))]


def pillow(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, depth = uniform(rng, 0.4, 0.7), uniform(rng, 0.35, 0.5)
    thick = uniform(rng, 0.1, 0.16)
    corners = [(sx * width / 2, 0.0, sz * depth / 2) for sx in (-1, 1) for sz in (-1, 1)]
    puff = sphere(0.5, (0, 0, 0), scale=(width * 0.9, thick, depth * 0.9))
    body = union([hull(corners + [(0, thick / 2, 0), (0, -thick / 2, 0)]), puff])
    return [Part(body.translate((0, thick / 2, 0)))]


def rug(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    thick = uniform(rng, 0.008, 0.02)
    if round_variant(rng, attrs, 0.35):
        radius = uniform(rng, 0.6, 1.2)
        body = cylinder(radius, thick, (0, thick / 2, 0))
        border = torus(radius * 0.9, thick * 0.4, (0, thick, 0))
    else:
        length, width = uniform(rng, 1.2, 3.0), uniform(rng, 0.8, 2.0)
        body = box(length, thick, width, (0, thick / 2, 0))
        border = (
            frame(length * 0.9, width * 0.9, thick, 0.06, 0)
            .rotate((90.0, 0.0, 0.0))
            .translate((0, thick * 0.9, 0))
        )
    return [
        Part(body),
        Part(border, "fabric", attrs.accent_colour or (0.85, 0.8, 0.65), role="trim"),
    ]


def umbrella(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.8, 0.95)
    if "closed" in attrs.words or "folded" in attrs.words or rng.random() < 0.35:
        shaft = cylinder(0.006, length, (0, length / 2, 0))
        cover = cylinder(0.035, length * 0.7, (0, length * 0.45, 0), r_top=0.012)
        crook = torus(0.04, 0.01).rotate((90.0, 0.0, 0.0)) - box(0.2, 0.1, 0.1, (0, -0.05, 0))
        handle = crook.translate((0.04, length, 0))
        return [Part(cover), Part(union([shaft, handle]), "dark_wood", role="handle")]
    radius = uniform(rng, 0.45, 0.6)
    cover, ribs = canopy(radius, radius * 0.45, 8, length - radius * 0.45)
    shaft = cylinder(0.007, length, (0, length / 2, 0))
    crook = torus(0.04, 0.012).rotate((90.0, 0.0, 0.0)) - box(0.2, 0.1, 0.1, (0, 0.05, 0))
    handle = union([crook.translate((0.04, 0.05, 0)), shaft])
    return [Part(cover), Part(union([ribs, handle]), "dark_wood", role="handle")]


def fireplace(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniform(rng, 1.2, 1.8), uniform(rng, 1.0, 1.3), uniform(rng, 0.4, 0.6)
    opening_w, opening_h = width * uniform(rng, 0.45, 0.6), height * uniform(rng, 0.5, 0.65)
    body = box(width, height, depth, (0, height / 2, 0))
    arch = (
        cylinder(opening_w / 2, depth, (0, 0, 0))
        .rotate((90.0, 0.0, 0.0))
        .translate((0, opening_h - opening_w / 2, depth * 0.2))
    )
    cut = union(
        [
            box(
                opening_w,
                opening_h - opening_w / 2,
                depth,
                (0, (opening_h - opening_w / 2) / 2 + 0.1, depth * 0.2),
            ),
            arch,
        ]
    )
    mantel = box(width + 0.15, 0.06, depth + 0.1, (0, height + 0.03, 0.03))
    hearth = box(width + 0.2, 0.1, depth + 0.35, (0, 0.05, 0.12))
    logs = [
        cylinder(0.05, opening_w * 0.7, (0, 0, 0))
        .rotate((0.0, 0.0, 90.0))
        .rotate((0.0, a, 0.0))
        .translate((0, 0.15 + 0.06 * i, depth * 0.1))
        for i, a in enumerate((15.0, -15.0))
    ]
    return [
        Part(body - cut, "brick", role="frame"),
        Part(union([mantel, hearth]), "stone", role="top"),
        Part(union(logs), "bark"),
        Part(sphere(0.12, (0, 0.3, depth * 0.1), (1.6, 1.2, 0.6)), "flame", role="flame"),
    ]


def broom(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, head_w = uniform(rng, 1.1, 1.4), uniform(rng, 0.22, 0.35)
    bristle_h = uniform(rng, 0.12, 0.2)
    if "witch" in attrs.words or rng.random() < 0.3:  # a besom: twigs bound round the stick
        twigs = cylinder(0.09, bristle_h * 2, (0, bristle_h, 0), r_top=0.03)
        return [
            Part(grip(length, 0.014, (0, bristle_h * 1.6, 0)), role="handle"),
            Part(twigs, "wicker"),
        ]
    head = box(head_w, 0.05, 0.06, (0, bristle_h + 0.025, 0))
    bristles = hull(
        [(sx * head_w / 2, bristle_h, sz * 0.025) for sx in (-1, 1) for sz in (-1, 1)]
        + [(sx * head_w * 0.55, 0.0, sz * 0.04) for sx in (-1, 1) for sz in (-1, 1)]
    )
    stick = grip(length, 0.012, (0, bristle_h + 0.05, 0), taper=1.0)
    return [Part(union([stick, head]), role="handle"), Part(bristles, "wicker", (0.8, 0.65, 0.35))]


def television(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if {"old", "tube", "crt", "vintage", "retro"} & attrs.words:
        size = uniform(rng, 0.45, 0.65)
        body = rounded_box(size, size * 0.8, size * 0.85, 0.04, size * 0.4)
        tube = box(size * 0.8, size * 0.62, 0.01, (0, size * 0.42, size * 0.425))
        knobs = union(
            [knob((size * 0.42, size * 0.55 - i * 0.06, size * 0.43), 0.015) for i in range(2)]
        )
        return [
            Part(body - tube.translate((0, 0, -0.004)), "dark_wood"),
            Part(tube, "screen", (0.25, 0.3, 0.32)),
            Part(knobs, "plastic", (0.1, 0.1, 0.1)),
        ]
    width = uniform(rng, 0.9, 1.6)
    case, display = screen(width, width * 9 / 16 + 0.03, 0.05, 0.015)
    lift = 0.08
    stand = union(
        [
            box(width * 0.35, 0.015, 0.22, (0, 0.0075, 0)),
            box(0.06, lift, 0.03, (0, lift / 2, -0.01)),
        ]
    )
    return [
        Part(
            union([case.translate((0, lift, 0)), stand]),
            "plastic",
            (0.08, 0.08, 0.09),
            role="frame",
        ),
        Part(display.translate((0, lift, 0)), "screen"),
    ]


def suitcase(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniforms(rng, (0.38, 0.5), (0.55, 0.75), (0.22, 0.3))
    lift = 0.05
    body = rounded_box(width, height, depth, 0.04, lift + height / 2)
    ribs = union(
        [
            box(0.02, height - 0.04, depth + 0.006, (x, lift + height / 2, 0))
            for x in (-width / 4, width / 4)
        ]
    )
    tube_h = uniform(rng, 0.15, 0.35)
    rails = [
        box(
            0.015,
            tube_h + 0.05,
            0.015,
            (sx * 0.08, lift + height + tube_h / 2 - 0.02, -depth / 2 + 0.02),
        )
        for sx in (-1, 1)
    ]
    handle = box(0.2, 0.025, 0.03, (0, lift + height + tube_h, -depth / 2 + 0.02))
    wheels = union(
        [
            wheel(0, 0, 0.025, 0.02)[0]
            .rotate((0.0, 90.0, 0.0))
            .translate((sx * (width / 2 - 0.05), 0, -depth / 2 + 0.04))
            for sx in (-1, 1)
        ]
    )
    return [
        Part(union([body, ribs])),
        Part(union(rails + [handle]), "plastic", (0.1, 0.1, 0.1), role="handle"),
        Part(wheels, "rubber", role="wheel"),
    ]


def backpack(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniform(rng, 0.28, 0.34), uniform(rng, 0.4, 0.5), uniform(rng, 0.14, 0.2)
    body = rounded_box(width, height, depth, 0.07, height / 2)
    pocket = rounded_box(width * 0.75, height * 0.4, 0.06, 0.025, height * 0.3).translate(
        (0, 0, depth / 2)
    )
    straps = [
        box(0.05, height * 0.8, 0.02, (sx * width * 0.25, height * 0.5, -depth / 2 - 0.02))
        for sx in (-1, 1)
    ]
    loop = torus(0.03, 0.008).rotate((90.0, 0.0, 0.0)).translate((0, height + 0.01, 0))
    return [
        Part(union([body, pocket])),
        Part(union(straps + [loop]), "fabric", (0.12, 0.12, 0.13), role="handle"),
    ]


def handbag(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniforms(rng, (0.25, 0.38), (0.18, 0.28), (0.1, 0.15))
    body = hull(
        [(sx * width / 2, 0.0, sz * depth / 2) for sx in (-1, 1) for sz in (-1, 1)]
        + [(sx * width * 0.4, height, sz * depth * 0.3) for sx in (-1, 1) for sz in (-1, 1)]
    )
    straps = [
        (
            torus(width * 0.22, 0.008).rotate((90.0, 0.0, 0.0)) - box(1, 1, 1, (0, -0.5, 0))
        ).translate((0, height, sz * depth * 0.25))
        for sz in (-1, 1)
    ]
    clasp = box(0.03, 0.03, 0.01, (0, height * 0.8, depth * 0.35))
    return [Part(body), Part(union(straps), role="handle"), Part(clasp, "gold", role="trim")]


def toothbrush(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.17, 0.2)
    stick = rounded_box(length, 0.012, 0.014, 0.005, 0.006)
    bristles = box(0.025, 0.014, 0.01, (length / 2 - 0.018, 0.018, 0))
    return [Part(stick, role="handle"), Part(bristles, "paint", (0.95, 0.95, 0.97))]


def hair_dryer(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    handle_l, barrel_l = uniform(rng, 0.1, 0.14), uniform(rng, 0.18, 0.24)
    handle = rounded_box(0.035, handle_l, 0.045, 0.012, handle_l / 2)
    barrel = (
        cylinder(0.04, barrel_l, (0, 0, 0), r_top=0.032)
        .rotate((0.0, 0.0, -90.0))
        .translate((barrel_l * 0.3, handle_l + 0.035, 0))
    )
    vent = (
        cylinder(0.036, 0.01, (0, 0, 0))
        .rotate((0.0, 0.0, -90.0))
        .translate((-barrel_l * 0.2, handle_l + 0.035, 0))
    )
    return [Part(union([handle, barrel])), Part(vent, "plastic", (0.15, 0.15, 0.15), role="trim")]


def washing_machine(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniforms(rng, (0.58, 0.62), (0.82, 0.88), (0.55, 0.62))
    body = rounded_box(width, height, depth, 0.02, height / 2)
    door_r, door_y = width * 0.3, height * 0.45
    ring = torus(door_r, 0.025).rotate((90.0, 0.0, 0.0)).translate((0, door_y, depth / 2))
    glass = (
        cylinder(door_r, 0.02, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate((0, door_y, depth / 2))
    )
    panel = box(width - 0.04, 0.1, 0.01, (0, height - 0.07, depth / 2))
    dial = knob((width * 0.3, height - 0.07, depth / 2 + 0.01), 0.025)
    return [
        Part(body),
        Part(union([ring, dial]), "chrome", role="trim"),
        Part(glass, "glass", (0.3, 0.35, 0.4), role="window"),
        Part(panel, "plastic", (0.75, 0.76, 0.78)),
    ]


def fan(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    standing = "desk" not in attrs.words and ("standing" in attrs.words or rng.random() < 0.5)
    height = uniform(rng, 1.1, 1.4) if standing else uniform(rng, 0.2, 0.3)
    radius = uniform(rng, 0.16, 0.22)
    stand = pole_on_base(height, 0.015, radius * 0.9)
    centre = (0.0, height + radius * 0.9, 0.0)
    motor = (
        cylinder(0.05, 0.12, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate((0, centre[1], -0.07))
    )
    cage = [
        torus(radius * f, 0.004).rotate((90.0, 0.0, 0.0)).translate((0, centre[1], 0.03))
        for f in (0.35, 0.7, 1.0)
    ]
    cage += [
        beam((0, centre[1], 0.03), (x, centre[1] + y, 0.03), 0.003, detail_scale=0.3)
        for x, y in ring_positions(12, radius)
    ]
    blades = [
        sphere(radius * 0.45, (radius * 0.45, 0, 0), (1.0, 0.45, 0.08))
        .rotate((0.0, 0.0, 120.0 * i))
        .translate((0, centre[1], 0.0))
        for i in range(3)
    ]
    return [
        Part(union([stand, motor]), role="base"),
        Part(union(cage), "chrome", role="frame"),
        Part(union(blades), "plastic", (0.6, 0.8, 0.95)),
    ]


def key(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.06, 0.12)
    bow_r = length * uniform(rng, 0.16, 0.22)
    bow = torus(bow_r, bow_r * 0.3).translate((0, bow_r * 0.3, 0))
    shaft = box(length, bow_r * 0.4, bow_r * 0.4, (bow_r + length / 2, bow_r * 0.2, 0))
    bits = [
        box(
            length * 0.08,
            bow_r * 0.4,
            bow_r * (0.6 + 0.4 * rng.random()),
            (bow_r + length * (0.8 + 0.12 * i), bow_r * 0.2, bow_r * 0.5),
        )
        for i in range(2)
    ]
    return [Part(union([bow, shaft, *bits]))]
