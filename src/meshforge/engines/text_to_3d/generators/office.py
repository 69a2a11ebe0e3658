"""Office things: computers and their keyboards and mice, stationery, books, globes,
phones, cameras, speakers, microphones, whiteboards. Screens face +Z; small things that
are held lie flat, pointing along +X."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import chest_with_drawers, frame, rounded_box
from meshforge.engines.text_to_3d.kit.poles import pole_on_base
from meshforge.engines.text_to_3d.kit.screens import screen
from meshforge.engines.text_to_3d.kit.wheels import wheel
from meshforge.engines.text_to_3d.parts import Part, count_or, uniform, uniforms
from meshforge.engines.text_to_3d.shapes import (
    beam,
    box,
    cylinder,
    hull,
    prism,
    ring_positions,
    sphere,
    torus,
    union,
)

_DARK = (0.1, 0.1, 0.11)
_PAPER = (0.96, 0.95, 0.9)


def _key_grid(columns: int, rows: int, pitch: float, y: float, z0: float) -> Manifold:
    """A grid of square keys (or buttons) centred on x, rows running towards +Z from z0."""
    size = pitch * 0.8
    return union(
        [
            box(size, size * 0.5, size, ((c - (columns - 1) / 2) * pitch, y, z0 + r * pitch))
            for c in range(columns)
            for r in range(rows)
        ]
    )


def laptop(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, depth = uniform(rng, 0.3, 0.38), uniform(rng, 0.21, 0.26)
    base = rounded_box(width, 0.018, depth, 0.006, 0.009)
    keys = _key_grid(14, 5, width / 16, 0.02, -depth / 2 + 0.03)
    pad = box(width * 0.3, 0.002, depth * 0.22, (0, 0.018, depth * 0.3))
    case, display = screen(width, depth, 0.008, 0.012)
    opening = uniform(rng, 100.0, 120.0)  # degrees between the lid and the base
    hinge = (0.0, 0.016, -depth / 2 + 0.004)
    lid = [s.rotate((90.0 - opening, 0.0, 0.0)).translate(hinge) for s in (case, display)]
    return [
        Part(union([base, lid[0]])),
        Part(union([keys, pad]), "plastic", _DARK, role="keys"),
        Part(lid[1], "screen"),
    ]


def computer_monitor(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width = uniform(rng, 0.5, 0.75)
    case, display = screen(width, width * 9 / 16 + 0.02, 0.03, 0.012)
    lift = uniform(rng, 0.1, 0.16)
    neck = box(0.05, lift + 0.1, 0.025, (0, (lift + 0.1) / 2, -0.03))
    foot = rounded_box(0.24, 0.015, 0.18, 0.006, 0.0075).translate((0, 0, -0.03))
    return [
        Part(union([case.translate((0, lift, 0)), neck, foot]), role="frame"),
        Part(display.translate((0, lift, 0)), "screen"),
    ]


def keyboard(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    columns = 18 if rng.random() < 0.6 else 14
    pitch = 0.019
    width, depth = columns * pitch + 0.02, 6 * pitch + 0.02
    base = rounded_box(width, 0.02, depth, 0.006, 0.01).rotate((4.0, 0.0, 0.0))
    keys = _key_grid(columns, 6, pitch, 0.024, -depth / 2 + 0.02).rotate((4.0, 0.0, 0.0))
    return [Part(base), Part(keys, "plastic", (0.92, 0.92, 0.9), role="keys")]


def computer_mouse(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width = uniform(rng, 0.1, 0.12), uniform(rng, 0.055, 0.065)
    shell = sphere(0.5, (0, 0, 0), scale=(length, 0.07, width)) - box(1, 1, 1, (0, -0.5, 0))
    split = box(length * 0.45, 0.1, 0.002, (length * 0.28, 0, 0))
    wheel_solid = cylinder(0.008, 0.006, (0, 0, 0)).rotate((90.0, 0.0, 0.0))
    return [
        Part(shell - split),
        Part(wheel_solid.translate((length * 0.22, 0.03, 0)), "rubber", role="wheel"),
    ]


def stapler(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.14, 0.2)
    base = rounded_box(length, 0.015, 0.045, 0.005, 0.0075)
    arm = rounded_box(length * 0.95, 0.03, 0.04, 0.012, 0.0).rotate((0.0, 0.0, 3.0))
    hinge = cylinder(0.012, 0.045, (0, 0, 0)).rotate((90.0, 0.0, 0.0))
    return [
        Part(arm.translate((0.0, 0.045, 0))),
        Part(union([base, hinge.translate((-length / 2 + 0.01, 0.02, 0))]), "metal", _DARK),
    ]


def pencil(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, radius = uniform(rng, 0.15, 0.19), 0.0038
    hexagon = [(radius * np.cos(a), radius * np.sin(a)) for a in np.arange(6) * np.pi / 3]
    body = prism(hexagon, length).rotate((0.0, 90.0, 0.0)).translate((0, radius, 0))
    tip = cylinder(radius, 0.018, (0, 0, 0), r_top=0.0006).rotate((0.0, 0.0, -90.0))
    ferrule = cylinder(radius * 1.05, 0.01, (0, 0, 0)).rotate((0.0, 0.0, -90.0))
    eraser = cylinder(radius, 0.008, (0, 0, 0)).rotate((0.0, 0.0, -90.0))
    end = -length / 2
    return [
        Part(body),
        Part(tip.translate((length / 2 + 0.009, radius, 0)), "wood", role="tip"),
        Part(ferrule.translate((end - 0.005, radius, 0)), "metal", role="trim"),
        Part(eraser.translate((end - 0.014, radius, 0)), "rubber", (0.95, 0.55, 0.6)),
    ]


def pen(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, radius = uniform(rng, 0.13, 0.15), uniform(rng, 0.004, 0.0055)
    barrel = cylinder(radius, length, (0, 0, 0), r_top=radius * 0.85).rotate((0.0, 0.0, -90.0))
    cone = cylinder(radius * 0.85, 0.014, (0, 0, 0), r_top=0.0006).rotate((0.0, 0.0, -90.0))
    cap = cylinder(radius * 1.15, length * 0.35, (0, 0, 0)).rotate((0.0, 0.0, -90.0))
    clip = box(length * 0.3, 0.002, 0.003, (-length * 0.3, radius * 2.3, 0))
    return [
        Part(barrel.translate((0, radius * 1.15, 0))),
        Part(cone.translate((length / 2 + 0.007, radius * 1.15, 0)), "metal", role="tip"),
        Part(union([cap.translate((-length * 0.33, radius * 1.15, 0)), clip]), role="lid"),
    ]


def scissors(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    blade_len, spread = uniform(rng, 0.08, 0.12), uniform(rng, 8.0, 20.0)
    blade = hull(
        [(0.0, y, z) for y in (0.0, 0.002) for z in (-0.008, 0.004)] + [(blade_len, 0.001, 0.0)]
    )
    ring = torus(0.016, 0.004).translate((-0.028, 0.0, 0.0))
    handle = union([ring, beam((-0.014, 0, 0), (0.005, 0, 0), 0.004)])
    halves_metal, halves_grip = [], []
    for sign in (-1, 1):
        halves_metal.append(blade.rotate((0.0, sign * spread / 2, 0.0)).translate((0, 0.004, 0)))
        halves_grip.append(handle.rotate((0.0, sign * spread / 2, 0.0)).translate((0, 0.004, 0)))
    return [
        Part(union(halves_metal), "steel", role="blade"),
        Part(union(halves_grip), role="handle"),
    ]


def filing_cabinet(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    drawers = count_or(attrs, int(rng.integers(2, 5)), 2, 5)
    width, depth = uniform(rng, 0.4, 0.5), uniform(rng, 0.55, 0.65)
    carcass, fronts, pulls = chest_with_drawers(width, 0.33 * drawers + 0.05, depth, drawers, 0.03)
    return [Part(union([carcass, fronts])), Part(pulls, "chrome", role="handle")]


def book(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, length = uniform(rng, 0.13, 0.2), uniform(rng, 0.19, 0.28)
    thick = uniform(rng, 0.015, 0.05)
    cover_t = 0.003
    covers = [box(length, cover_t, width, (0, y, 0)) for y in (cover_t / 2, thick - cover_t / 2)]
    spine = box(length, thick, cover_t, (0, thick / 2, -width / 2 + cover_t / 2))
    pages = box(length - 0.008, thick - 2 * cover_t, width - 0.006, (0, thick / 2, 0.001))
    return [Part(union([*covers, spine]), role="cover"), Part(pages, "paper", _PAPER)]


def globe(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.12, 0.18)
    centre = (0.0, radius + 0.09, 0.0)
    ocean = sphere(radius, centre)
    land = union(
        [
            sphere(radius * uniform(rng, 0.25, 0.45), tuple(np.add(centre, d * radius)))
            for d in _directions(rng, 7)
        ]
    )
    land = land ^ sphere(radius * 1.01, centre)
    meridian = torus(radius * 1.08, 0.004).rotate((90.0, 0.0, 0.0)) - box(1, 1, 1, (0.5, 0, 0))
    meridian = meridian.rotate((0.0, 0.0, 23.0)).translate(centre)
    stand = union(
        [
            cylinder(radius * 0.6, 0.025, (0, 0.0125, 0), r_top=radius * 0.4),
            cylinder(0.012, 0.09, (0, 0.05, 0)),
        ]
    )
    return [
        Part(ocean, "paint", (0.2, 0.45, 0.8)),
        Part(land, "paint", (0.35, 0.6, 0.3), role="land"),
        Part(union([meridian, stand]), "brass", role="base"),
    ]


def _directions(rng: np.random.Generator, count: int) -> np.ndarray:
    points = rng.normal(size=(count, 3))
    return points / np.linalg.norm(points, axis=1, keepdims=True)  # type: ignore[no-any-return]


def calculator(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, length = uniform(rng, 0.07, 0.09), uniform(rng, 0.12, 0.16)
    body = rounded_box(width, 0.012, length, 0.004, 0.006)
    display = box(width * 0.8, 0.002, length * 0.2, (0, 0.012, -length * 0.3))
    keys = _key_grid(4, 5, width * 0.2, 0.013, -length * 0.12)
    return [
        Part(body),
        Part(display, "screen", (0.55, 0.62, 0.5)),
        Part(keys, "plastic", (0.85, 0.85, 0.85), role="keys"),
    ]


def printer(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, depth, height = uniform(rng, 0.4, 0.5), uniform(rng, 0.35, 0.45), uniform(rng, 0.2, 0.3)
    body = rounded_box(width, height, depth, 0.02, height / 2)
    slot = box(width * 0.7, 0.015, depth * 0.5, (0, height * 0.45, depth * 0.3))
    tray = box(width * 0.65, 0.008, depth * 0.35, (0, height * 0.3, depth / 2 + depth * 0.15))
    paper = box(0.21, 0.01, 0.15, (0, height * 0.3 + 0.009, depth / 2 + 0.07))
    panel = box(width * 0.2, 0.01, depth * 0.15, (width * 0.3, height, depth * 0.3))
    return [
        Part(union([body - slot, tray])),
        Part(paper, "paper", (0.98, 0.98, 0.97)),
        Part(panel, "screen", role="trim"),
    ]


def telephone(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, depth = uniform(rng, 0.2, 0.24), uniform(rng, 0.2, 0.24)
    body = hull(
        [(sx * width / 2, 0.0, sz * depth / 2) for sx in (-1, 1) for sz in (-1, 1)]
        + [(sx * width * 0.35, 0.1, sz * depth * 0.3) for sx in (-1, 1) for sz in (-1, 1)]
    )
    dial = (
        cylinder(0.06, 0.01, (0, 0, 0)).rotate((-30.0, 0.0, 0.0)).translate((0, 0.07, depth * 0.3))
    )
    holes = union(
        [
            cylinder(0.008, 0.03, (x, 0, z))
            .rotate((-30.0, 0.0, 0.0))
            .translate((0, 0.075, depth * 0.3))
            for x, z in ring_positions(10, 0.042)
        ]
    )
    grip_bar = beam((-width * 0.45, 0.13, -0.02), (width * 0.45, 0.13, -0.02), 0.015)
    ends = [sphere(0.03, (sx * width * 0.48, 0.12, -0.02), (1.2, 0.7, 1.0)) for sx in (-1, 1)]
    return [
        Part(body),
        Part(dial - holes, "paint", (0.9, 0.9, 0.88), role="dial"),
        Part(union([grip_bar, *ends]), role="handset"),
    ]


def cell_phone(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, length = uniform(rng, 0.068, 0.078), uniform(rng, 0.14, 0.16)
    body = rounded_box(width, 0.008, length, 0.0035, 0.004)
    display = box(width - 0.006, 0.001, length - 0.012, (0, 0.0082, 0))
    lens = cylinder(0.005, 0.002, (width * 0.28, 0.0, -length * 0.38))
    return [Part(union([body, lens])), Part(display, "screen")]


def remote_control(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, length = uniform(rng, 0.045, 0.055), uniform(rng, 0.17, 0.22)
    body = rounded_box(width, 0.02, length, 0.008, 0.01)
    buttons = _key_grid(3, 6, width * 0.28, 0.021, -length * 0.15)
    power = cylinder(0.006, 0.004, (0, 0.021, -length * 0.38))
    return [
        Part(body),
        Part(buttons, "rubber", (0.35, 0.35, 0.37), role="keys"),
        Part(power, "rubber", (0.8, 0.1, 0.1)),
    ]


def headphones(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.085, 0.1)
    band = torus(radius, 0.012).rotate((0.0, 0.0, 0.0)).rotate((90.0, 0.0, 0.0))
    band = (band - box(1, 1, 1, (0, -0.5, 0))).rotate((0.0, 90.0, 0.0))
    cups = [
        cylinder(0.045, 0.035, (0, 0, 0))
        .rotate((0.0, 0.0, 90.0))
        .translate((sx * radius, -0.01, 0))
        for sx in (-1, 1)
    ]
    pads = [
        torus(0.035, 0.012).rotate((0.0, 0.0, 90.0)).translate((sx * (radius - 0.022), -0.01, 0))
        for sx in (-1, 1)
    ]
    lift = (0.0, 0.057, 0.0)
    return [
        Part(union([band, *cups]).translate(lift)),
        Part(union(pads).translate(lift), "leather", _DARK, role="cushion"),
    ]


def camera(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniforms(rng, (0.12, 0.15), (0.08, 0.1), (0.05, 0.07))
    body = rounded_box(width, height, depth, 0.008, height / 2)
    hump = hull(
        [(sx * 0.025, height, sz * depth * 0.35) for sx in (-1, 1) for sz in (-1, 1)]
        + [(sx * 0.015, height + 0.025, sz * depth * 0.25) for sx in (-1, 1) for sz in (-1, 1)]
    )
    lens_len = uniform(rng, 0.04, 0.08)
    lens = cylinder(0.032, lens_len, (0, 0, 0)).rotate((90.0, 0.0, 0.0))
    glass = cylinder(0.024, 0.004, (0, 0, 0)).rotate((90.0, 0.0, 0.0))
    lens_at = (0.0, height * 0.5, depth / 2 + lens_len / 2)
    button = cylinder(0.007, 0.008, (width * 0.32, height + 0.004, 0))
    return [
        Part(union([body, hump, button]), role="frame"),
        Part(lens.translate(lens_at), "plastic", _DARK, role="lens"),
        Part(glass.translate((0, height * 0.5, depth / 2 + lens_len)), "glass", (0.2, 0.3, 0.4)),
    ]


def loudspeaker(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, depth = uniform(rng, 0.18, 0.3), uniform(rng, 0.3, 0.5), uniform(rng, 0.2, 0.3)
    body = box(width, height, depth, (0, height / 2, 0))
    woofer_r, tweeter_r = width * 0.38, width * 0.14
    cones = []
    for radius, y in ((woofer_r, height * 0.35), (tweeter_r, height * 0.78)):
        recess = sphere(radius, (0, y, depth / 2 + radius * 0.6), (1.0, 1.0, 0.7))
        body = body - recess
        cones.append(
            torus(radius, radius * 0.08, (0, 0, 0))
            .rotate((90.0, 0.0, 0.0))
            .translate((0, y, depth / 2))
        )
        cones.append(sphere(radius * 0.25, (0, y, depth / 2 - radius * 0.05), (1.0, 1.0, 0.5)))
    return [Part(body), Part(union(cones), "rubber", _DARK, role="cone")]


def microphone(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height = uniform(rng, 1.2, 1.6)
    stand = pole_on_base(height, 0.01, uniform(rng, 0.12, 0.16), 0.02)
    clip = cylinder(0.014, 0.04, (0, height + 0.02, 0))
    handle = cylinder(0.016, 0.12, (0, height + 0.1, 0), r_top=0.022)
    head = sphere(0.028, (0, height + 0.18, 0), (1.0, 1.15, 1.0))
    return [
        Part(union([stand, clip]), "metal", _DARK, role="base"),
        Part(handle, role="handle"),
        Part(head, "steel", role="head"),
    ]


def whiteboard(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height = uniform(rng, 1.2, 1.8), uniform(rng, 0.8, 1.2)
    board_y = uniform(rng, 0.75, 0.9) + height / 2
    surface = box(width, height, 0.02, (0, board_y, 0))
    border = frame(width + 0.04, height + 0.04, 0.03, 0.025, board_y)
    tray = box(width * 0.6, 0.02, 0.06, (0, board_y - height / 2 - 0.02, 0.03))
    legs, casters = [], []
    for sx in (-1, 1):
        x = sx * (width / 2 + 0.03)
        legs += [
            box(0.035, board_y + height / 2, 0.035, (x, (board_y + height / 2) / 2 + 0.05, 0)),
            box(0.04, 0.03, 0.6, (x, 0.075, 0)),
        ]
        casters += [union(list(wheel(x, z, 0.03, 0.025))) for z in (-0.27, 0.27)]
    return [
        Part(surface, "paint", (0.97, 0.97, 0.97)),
        Part(union([border, tray, *legs]), "metal", role="frame"),
        Part(union(casters), "rubber", role="wheel"),
    ]
