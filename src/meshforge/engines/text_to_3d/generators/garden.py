"""Garden and yard: watering cans, wheelbarrows, pots, bird houses and baths, mowers,
rakes, pitchforks, picnic tables, parasols, deck chairs, flowers, bushes, palms, logs,
hay bales, kennels, swings, slides, tents. Front faces +Z."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import rounded_box
from meshforge.engines.text_to_3d.kit.handles import arc_handle, grip
from meshforge.engines.text_to_3d.kit.organic import blob_cluster, leaf, petal_ring
from meshforge.engines.text_to_3d.kit.poles import canopy, pole_on_base
from meshforge.engines.text_to_3d.kit.roofs import gable_roof
from meshforge.engines.text_to_3d.kit.vessels import curve, solid_of, vessel
from meshforge.engines.text_to_3d.kit.vessels import flower_pot as plant_pot
from meshforge.engines.text_to_3d.kit.wheels import wheel, wheel_pairs
from meshforge.engines.text_to_3d.parts import Part, count_or, uniform, uniforms
from meshforge.engines.text_to_3d.shapes import (
    beam,
    box,
    cylinder,
    hull,
    prism,
    sphere,
    torus,
    union,
)

_STRAW = (0.86, 0.74, 0.42)
_GREEN = (0.2, 0.5, 0.18)


def watering_can(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, height = uniform(rng, 0.1, 0.14), uniform(rng, 0.2, 0.28)
    body = vessel([(radius, 0.0), (radius * 0.95, height)], 0.003, 0.004).scale((1.3, 1.0, 1.0))
    spout_tip = (radius * 2.9, height * 1.15, 0.0)
    spout = beam((radius * 0.9, height * 0.15, 0), spout_tip, 0.016, 0.01)
    rose = (
        cylinder(0.03, 0.04, (0, 0, 0), r_top=0.012).rotate((0.0, 0.0, 55.0)).translate(spout_tip)
    )
    handle = arc_handle(radius * 0.8, height, 0.012).rotate((0.0, 0.0, 0.0))
    return [Part(union([body, spout, rose, handle]))]


def wheelbarrow(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width, depth = uniforms(rng, (0.7, 0.85), (0.55, 0.7), (0.25, 0.32))
    radius, lift = 0.2, 0.38
    tray = hull(
        [(x, lift, z * width * 0.35) for x in (-length * 0.35, length * 0.3) for z in (-1, 1)]
        + [(x, lift + depth, z * width / 2) for x in (-length / 2, length / 2) for z in (-1, 1)]
    )
    inside = tray.scale((0.92, 1.0, 0.92)).translate((0, 0.03, 0))
    tyre, hub = wheel(length * 0.55, 0.0, radius, 0.08)
    handles = [
        beam((length * 0.55, radius, z * 0.12), (-length * 1.05, lift + 0.15, z * 0.28), 0.02)
        for z in (-1, 1)
    ]
    legs = [
        beam((-length * 0.3, lift, z * 0.22), (-length * 0.35, 0.0, z * 0.24), 0.018)
        for z in (-1, 1)
    ]
    return [
        Part(tray - inside),
        Part(union(handles + legs), "wood", role="handle"),
        Part(tyre, "rubber", role="wheel"),
        Part(hub, "steel", role="trim"),
    ]


def flower_pot(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    pot, soil = plant_pot(uniform(rng, 0.08, 0.2), uniform(rng, 0.12, 0.28))
    return [Part(pot), Part(soil, "soil")]


def birdhouse(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, height, post_h = uniform(rng, 0.16, 0.24), uniform(rng, 0.2, 0.3), uniform(rng, 0.0, 1.3)
    if "post" not in attrs.words and rng.random() < 0.5:
        post_h = 0.0
    body = box(width, height, width, (0, post_h + height / 2, 0))
    hole = (
        cylinder(0.025, width, (0, 0, 0))
        .rotate((90.0, 0.0, 0.0))
        .translate((0, post_h + height * 0.6, width / 2))
    )
    perch = beam(
        (0, post_h + height * 0.35, width / 2), (0, post_h + height * 0.35, width / 2 + 0.05), 0.005
    )
    roof = gable_roof(width, width, width * 0.45, post_h + height, 0.03).rotate((0.0, 90.0, 0.0))
    parts = [Part(union([body - hole, perch])), Part(roof, "paint", (0.6, 0.2, 0.15), role="roof")]
    if post_h > 0:
        parts.append(Part(box(0.06, post_h, 0.06, (0, post_h / 2, 0)), "dark_wood", role="base"))
    return parts


def bird_bath(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.6, 0.8), uniform(rng, 0.25, 0.35)
    stand = solid_of(
        curve([(0.16, 0.0), (0.07, height * 0.3), (0.06, height * 0.7), (0.1, height * 0.9)], 5)
    )
    basin = vessel(curve([(0.1, 0.0), (radius * 0.8, 0.04), (radius, 0.1)], 5), 0.025, 0.03)
    water = cylinder(radius * 0.8, 0.01, (0, height + 0.05, 0))
    return [Part(union([stand, basin.translate((0, height * 0.9, 0))])), Part(water, "water")]


def lawn_mower(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width = uniform(rng, 0.5, 0.6), uniform(rng, 0.45, 0.55)
    radius = 0.09
    deck = rounded_box(length, 0.12, width, 0.03, radius + 0.08)
    engine = cylinder(0.12, 0.16, (0, radius + 0.22, 0), r_top=0.1)
    tyres, hubs = wheel_pairs([-length * 0.4, length * 0.4], width + 0.04, radius, 0.05)
    handle = [
        beam(
            (-length * 0.4, radius + 0.15, z * width * 0.35),
            (-length * 1.4, 0.95, z * width * 0.35),
            0.012,
        )
        for z in (-1, 1)
    ]
    bar = beam((-length * 1.4, 0.95, -width * 0.35), (-length * 1.4, 0.95, width * 0.35), 0.014)
    bag = rounded_box(0.35, 0.25, width * 0.7, 0.06, radius + 0.2).translate((-length * 0.75, 0, 0))
    return [
        Part(union([deck, engine])),
        Part(union(handle + [bar]), "steel", role="handle"),
        Part(bag, "fabric", (0.2, 0.2, 0.22), role="cargo"),
        Part(tyres, "rubber", role="wheel"),
        Part(hubs, "plastic", (0.9, 0.9, 0.9), role="trim"),
    ]


def _long_tool(rng: np.random.Generator, head: Manifold, handle_len: float) -> list[Part]:
    """A garden tool standing on its head: the head at the bottom, the handle above it."""
    shaft = grip(handle_len, 0.015, (0.0, 0.08, 0.0), taper=1.0)
    return [Part(shaft, role="handle"), Part(head, "steel", role="head")]


def rake(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, teeth = uniform(rng, 0.3, 0.45), count_or(attrs, int(rng.integers(10, 16)), 6, 24)
    bar = box(width, 0.025, 0.025, (0, 0.08, 0))
    tines = [
        box(0.006, 0.07, 0.006, (x, 0.035, 0.01)) for x in np.linspace(-width / 2, width / 2, teeth)
    ]
    socket = cylinder(0.018, 0.06, (0, 0.11, 0))
    return _long_tool(rng, union([bar, socket, *tines]), uniform(rng, 1.3, 1.6))


def pitchfork(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    prongs = count_or(attrs, int(rng.integers(3, 5)), 2, 5)
    width = 0.05 * (prongs - 1)
    cross = box(width + 0.02, 0.02, 0.02, (0, 0.3, 0))
    tines = [
        beam((x, 0.3, 0), (x * 1.1, 0.0, 0.04), 0.006)
        for x in np.linspace(-width / 2, width / 2, prongs)
    ]
    socket = cylinder(0.018, 0.1, (0, 0.34, 0), r_top=0.015)
    shaft = grip(uniform(rng, 1.0, 1.3), 0.016, (0.0, 0.38, 0.0), taper=1.0)
    return [Part(shaft, role="handle"), Part(union([cross, socket, *tines]), "iron", role="head")]


def picnic_table(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, height = uniform(rng, 1.5, 2.1), 0.75
    plank_w, seat_h, reach = 0.14, 0.44, 0.65
    top = [
        box(length, 0.04, plank_w - 0.01, (0, height - 0.02, z))
        for z in np.linspace(-0.28, 0.28, 5)
    ]
    seats = [box(length, 0.04, plank_w * 1.6, (0, seat_h, s * reach)) for s in (-1, 1)]
    frames = []
    for x in (-length / 2 + 0.25, length / 2 - 0.25):
        frames += [
            beam((x, 0.0, s * reach * 0.95), (x, height - 0.04, s * 0.15), 0.03) for s in (-1, 1)
        ]
        frames.append(box(0.05, 0.05, reach * 2.1, (x, seat_h - 0.045, 0)))
    return [
        Part(union(top), role="top"),
        Part(union(seats), role="seat"),
        Part(union(frames), role="legs"),
    ]


def parasol(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 2.1, 2.5), uniform(rng, 1.0, 1.5)
    cover, ribs = canopy(radius, radius * 0.3, 8, height - radius * 0.3)
    pole = pole_on_base(height, 0.022, 0.25, 0.08)
    finial = sphere(0.03, (0, height + 0.02, 0))
    return [Part(cover), Part(union([ribs, pole, finial]), "wood", role="base")]


def deck_chair(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, width = uniform(rng, 1.0, 1.2), uniform(rng, 0.55, 0.65)
    back_top, seat_low = (-length * 0.35, 0.95, 0.0), (length * 0.1, 0.3, 0.0)
    sling = hull(
        [(back_top[0], back_top[1], z) for z in (-width * 0.42, width * 0.42)]
        + [(seat_low[0], seat_low[1], z) for z in (-width * 0.42, width * 0.42)]
        + [(length * 0.45, 0.42, z) for z in (-width * 0.42, width * 0.42)]
        + [(length * 0.1, 0.32, 0.0)]
    )
    frame = []
    for z in (-width / 2, width / 2):
        frame += [
            beam((-length * 0.45, 0.0, z), back_top[:2] + (z,), 0.018),
            beam((length * 0.5, 0.0, z), (length * 0.45, 0.42, z), 0.018),
            beam((-length * 0.1, 0.0, z), seat_low[:2] + (z,), 0.018),
        ]
    frame += [
        beam(back_top[:2] + (-width / 2,), back_top[:2] + (width / 2,), 0.02),
        beam((length * 0.45, 0.42, -width / 2), (length * 0.45, 0.42, width / 2), 0.02),
    ]
    return [
        Part(sling.translate((0, 0.02, 0)), role="seat"),
        Part(union(frame), "wood", role="frame"),
    ]


_PETALS = {"sunflower": (0.98, 0.8, 0.1), "tulip": (0.9, 0.2, 0.3), "rose": (0.75, 0.05, 0.1)}


def flower(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    """One flower on a stem; several fanning out of one base when the prompt counts them."""
    count = count_or(attrs, 1, 1, 9)
    named = [s for s in _PETALS if s in attrs.words]
    style = named[0] if named else str(rng.choice(["daisy", "tulip", "rose"]))
    stems, leaves, heads, centres = [], [], [], []
    for i in range(count):
        height = uniform(rng, 0.35, 0.55) * (1.8 if style == "sunflower" else 1.0)
        angle = 2 * np.pi * i / count
        lean = 0.0 if count == 1 else uniform(rng, 0.08, 0.18) * height
        top = (lean * float(np.cos(angle)), height, lean * float(np.sin(angle)))
        bend = (top[0] * 0.2, height * 0.5, top[2] * 0.2)
        stems += [beam((0.0, 0.0, 0.0), bend, 0.004), beam(bend, top, 0.004)]
        turn = float(rng.uniform(0, 360))
        leaves.append(
            leaf(height * 0.25, height * 0.08, 40.0, turn, (bend[0], height * 0.25, bend[2]))
        )
        head, centre = _bloom(style, height, top)
        heads.append(head)
        centres.append(centre)
    middle = (0.35, 0.2, 0.08) if style == "sunflower" else (0.95, 0.75, 0.1)
    return [
        Part(union(stems + leaves), "foliage", _GREEN, role="stem"),
        Part(
            union(heads),
            "paint",
            attrs.colour or _PETALS.get(style, (0.97, 0.97, 0.95)),
            role="petals",
        ),
        Part(union(centres), "paint", middle),
    ]


def _bloom(style: str, height: float, top: tuple[float, float, float]) -> tuple[Manifold, Manifold]:
    """(petals, centre) of one flower head at the top of its stem."""
    size = 0.03 if style != "sunflower" else 0.1
    if style == "tulip":
        cup = sphere(size, (0, size, 0), (0.8, 1.4, 0.8)) - sphere(
            size * 0.8, (0, size * 1.9, 0), (0.8, 1.4, 0.8)
        )
        return cup.translate(top), sphere(0.004, top)
    if style == "rose":
        cup = union(
            [sphere(size * f, (0, size * 0.7, 0), (1.0, 0.8, 1.0)) for f in (1.0,)]
            + [petal_ring(6, size * 1.1, size * 0.9, 35.0, (0, size * 0.4, 0))]
        )
        return cup.translate(top), sphere(size * 0.5, (top[0], top[1] + size * 1.3, top[2]))
    petals = petal_ring(14 if style == "sunflower" else 12, size * 1.2, size * 0.45, 10.0, top)
    return petals, sphere(size * 0.45, top, (1.0, 0.4, 1.0))


def bush(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if "hedge" in attrs.words:
        length, height = uniform(rng, 1.5, 3.0), uniform(rng, 0.8, 1.3)
        body = union(
            [
                blob_cluster(rng, (x, height * 0.55, 0), height * 0.55, 4)
                for x in np.linspace(-length / 2, length / 2, 5)
            ]
        )
        return [Part(union([body, rounded_box(length, height, height * 0.7, 0.2, height / 2)]))]
    radius = uniform(rng, 0.4, 0.8)
    body = blob_cluster(rng, (0.0, radius * 0.75, 0.0), radius, int(rng.integers(6, 10)))
    return [Part(body - box(10, 10, 10, (0, -5, 0)))]


def palm_tree(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, lean = uniform(rng, 4.0, 8.0), uniform(rng, 0.05, 0.15)
    segments = 8
    points = [
        (height * lean * (i / segments) ** 2, height * i / segments, 0.0)
        for i in range(segments + 1)
    ]
    trunk = union(
        [
            beam(points[i], points[i + 1], height * 0.03 * (1 - 0.4 * i / segments))
            for i in range(segments)
        ]
        + [
            torus(height * 0.032 * (1 - 0.4 * i / segments), 0.02, points[i])
            for i in range(1, segments)
        ]
    )
    top = points[-1]
    fronds = []
    for i in range(int(rng.integers(6, 10))):
        frond = sphere(1.0, (1.0, 0, 0), (1.0, 0.05, 0.25)).scale(
            (height * 0.22, 1.0, height * 0.22)
        )
        fronds.append(
            frond.rotate((0.0, 0.0, -float(rng.uniform(15, 45))))
            .rotate((0.0, 360.0 * i / 8 + float(rng.uniform(-15, 15)), 0.0))
            .translate(top)
        )
    nuts = [
        sphere(0.08, (top[0] + dx, top[1] - 0.15, dz))
        for dx, dz in ((0.12, 0.0), (-0.06, 0.1), (-0.06, -0.1))
    ]
    return [Part(union(fronds), role="leaves"), Part(union([trunk, *nuts]), "bark", role="trunk")]


def log(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.1, 0.25)
    if "stump" in attrs.words:
        height = uniform(rng, 0.3, 0.6)
        body = cylinder(radius * 1.6, height, (0, height / 2, 0), r_top=radius * 1.4)
        roots = [
            beam(
                (0, 0.1, 0),
                (radius * 2.6 * np.cos(a), 0.0, radius * 2.6 * np.sin(a)),
                radius * 0.35,
                radius * 0.1,
            )
            for a in np.linspace(0, 2 * np.pi, 5, endpoint=False)
        ]
        rings = torus(radius * 0.8, 0.008, (0, height, 0))
        return [Part(union([body, *roots]), role="trunk"), Part(rings, "wood", role="trim")]
    length = uniform(rng, 0.6, 1.5)
    body = cylinder(radius, length, (0, 0, 0)).rotate((0.0, 0.0, 90.0)).translate((0, radius, 0))
    ends = union(
        [
            cylinder(radius * 0.96, 0.01, (0, 0, 0))
            .rotate((0.0, 0.0, 90.0))
            .translate((s * length / 2, radius, 0))
            for s in (-1, 1)
        ]
    )
    return [Part(body, role="trunk"), Part(ends, "wood", role="trim")]


def hay_bale(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if "round" in attrs.words or rng.random() < 0.4:
        radius, width = uniform(rng, 0.6, 0.8), uniform(rng, 1.1, 1.3)
        body = cylinder(radius, width, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate((0, radius, 0))
        bands = union(
            [
                torus(radius * 1.003, 0.01).rotate((90.0, 0.0, 0.0)).translate((0, radius, z))
                for z in (-width / 4, width / 4)
            ]
        )
        return [Part(body), Part(bands, "paint", (0.3, 0.5, 0.8), role="trim")]
    length, width, height = uniform(rng, 0.8, 1.1), uniform(rng, 0.45, 0.5), uniform(rng, 0.35, 0.4)
    body = rounded_box(length, height, width, 0.04, height / 2)
    twine = union(
        [
            box(0.012, height + 0.006, width + 0.006, (x, height / 2, 0))
            for x in (-length / 4, length / 4)
        ]
    )
    return [Part(body), Part(twine, "paint", (0.55, 0.4, 0.2), role="trim")]


def doghouse(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, depth, height = uniform(rng, 0.7, 1.0), uniform(rng, 0.8, 1.1), uniform(rng, 0.55, 0.75)
    body = box(width, height, depth, (0, height / 2, 0))
    door_w = width * 0.45
    door = union(
        [
            box(door_w, height * 0.5, 0.2, (0, height * 0.25 + 0.03, depth / 2)),
            cylinder(door_w / 2, 0.2, (0, 0, 0))
            .rotate((90.0, 0.0, 0.0))
            .translate((0, height * 0.55, depth / 2)),
        ]
    )
    roof = gable_roof(depth, width, width * 0.4, height, 0.06).rotate((0.0, 90.0, 0.0))
    return [Part(body - door), Part(roof, "paint", (0.65, 0.15, 0.12), role="roof")]


def swing(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if "slide" in attrs.words:
        return slide(rng, attrs)
    height, length = uniform(rng, 1.8, 2.2), uniform(rng, 1.8, 2.4)
    seats = count_or(attrs, int(rng.integers(1, 3)), 1, 3)
    frame = [beam((-length / 2, height, 0), (length / 2, height, 0), 0.04)]
    for x in (-length / 2, length / 2):
        frame += [beam((x, height, 0), (x, 0.0, s * height * 0.45), 0.035) for s in (-1, 1)]
    chains, boards = [], []
    for x in np.linspace(-length / 4, length / 4, seats) if seats > 1 else [0.0]:
        chains += [beam((x + s * 0.2, height, 0), (x + s * 0.2, 0.45, 0), 0.006) for s in (-1, 1)]
        boards.append(box(0.48, 0.03, 0.18, (x, 0.45, 0)))
    return [
        Part(union(frame), role="frame"),
        Part(union(chains), "steel"),
        Part(union(boards), "wood", role="seat"),
    ]


def slide(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, width = uniform(rng, 1.2, 1.8), uniform(rng, 0.45, 0.55)
    run = height * uniform(rng, 1.5, 1.9)
    chute = hull(
        [(0.0, height, z) for z in (-width / 2, width / 2)]
        + [(run, 0.05, z) for z in (-width / 2, width / 2)]
        + [(0.0, height - 0.04, z) for z in (-width / 2, width / 2)]
        + [(run, 0.01, z) for z in (-width / 2, width / 2)]
    )
    rails = union(
        [beam((0.0, height + 0.12, z), (run, 0.17, z), 0.02) for z in (-width / 2, width / 2)]
    )
    platform = box(0.6, 0.05, width + 0.2, (-0.3, height, 0))
    ladder = [box(0.04, height, 0.04, (-0.6, height / 2, z)) for z in (-width / 2, width / 2)]
    ladder += [box(0.03, 0.03, width, (-0.6, y, 0)) for y in np.linspace(0.25, height - 0.2, 5)]
    legs = [
        box(0.05, height, 0.05, (0.0, height / 2, z)) for z in (-width / 2 - 0.05, width / 2 + 0.05)
    ]
    return [
        Part(union([chute, rails])),
        Part(union([platform, *ladder, *legs]), "steel", role="frame"),
    ]


def tent(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, length = uniform(rng, 1.5, 2.2), uniform(rng, 2.0, 2.6)
    if "dome" in attrs.words or rng.random() < 0.5:
        height = uniform(rng, 1.1, 1.4)
        shell = sphere(1.0, (0, 0, 0), (length / 2, height, width / 2))
        shell = (
            shell
            - sphere(1.0, (0, 0, 0), (length / 2 - 0.02, height - 0.02, width / 2 - 0.02))
            - box(10, 10, 10, (0, -5, 0))
        )
        door = sphere(1.0, (0, 0, 0), (0.35, height * 0.75, 0.2)).translate((length / 2, 0, 0))
        poles = union(
            [
                torus(1.0, 0.012)
                .scale((length / 2, height, 1.0))
                .rotate((90.0, 0.0, 0.0))
                .rotate((0.0, a, 0.0))
                for a in (45.0, -45.0)
            ]
        ) - box(10, 10, 10, (0, -5, 0))
        return [Part(shell - door), Part(poles, "steel", (0.2, 0.2, 0.2), role="frame")]
    height = uniform(rng, 1.0, 1.3)
    outline = [(-width / 2, 0.0), (width / 2, 0.0), (0.0, height)]
    body = prism(outline, length)
    inner = prism([(x * 0.94, y * 0.94) for x, y in outline], length - 0.06)
    door = prism([(-width * 0.3, 0.0), (width * 0.3, 0.0), (0.0, height * 0.75)], 0.2).translate(
        (0, 0, length / 2)
    )
    return [Part(body - inner - door)]
