"""Furniture: chairs, stools, tables, desks, sofas, beds, shelves, cabinets, benches.

Dimensions follow common furniture standards (seat height ~0.45 m, table height
~0.74 m); every proportion is drawn from a range so two seeds give two designs.
Front faces +Z.
"""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import chest_with_drawers, drawer_stack, rounded_box
from meshforge.engines.text_to_3d.kit.handles import bar_handle
from meshforge.engines.text_to_3d.kit.legs import leg_positions, star_base, straight_leg
from meshforge.engines.text_to_3d.parts import (
    Part,
    choose,
    count_or,
    round_variant,
    uniform,
    uniforms,
)
from meshforge.engines.text_to_3d.shapes import beam, box, cylinder, prism, ring_positions, union


def chair(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    seat_h, width, depth = uniforms(rng, (0.42, 0.48), (0.40, 0.50), (0.40, 0.48))
    thick, leg = uniform(rng, 0.03, 0.05), uniform(rng, 0.028, 0.045)
    round_leg = attrs.style == "modern" or rng.random() < 0.4
    legs = [
        straight_leg(x, z, seat_h, leg, round_leg)
        for x, z in leg_positions(count_or(attrs, 4, 3, 6), width, depth, leg)
    ]
    seat = box(width, thick, depth, (0, seat_h + thick / 2, 0))
    back_h = uniform(rng, 0.35, 0.5)
    back_z = -depth / 2 + leg / 2
    posts = [
        box(leg, back_h, leg, (sx * (width / 2 - leg / 2), seat_h + back_h / 2, back_z))
        for sx in (-1, 1)
    ]
    if rng.random() < 0.5:  # a solid backrest panel
        backrest = [
            box(
                width,
                back_h * uniform(rng, 0.35, 0.6),
                leg * 0.8,
                (0, seat_h + back_h * 0.72, back_z),
            )
        ]
    else:  # vertical slats under a top rail
        slats = int(rng.integers(2, 5))
        backrest = [box(width, leg * 1.6, leg, (0, seat_h + back_h - leg * 0.8, back_z))]
        backrest += [
            box(leg * 0.7, back_h, leg * 0.6, (x, seat_h + back_h / 2, back_z))
            for x in np.linspace(-width / 3, width / 3, slats)
        ]
    return [
        Part(union(legs), role="legs"),
        Part(seat, role="seat"),
        Part(union(posts + backrest), role="back"),
    ]


def stool(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, radius = uniform(rng, 0.45, 0.75), uniform(rng, 0.15, 0.2)
    count, leg = count_or(attrs, int(rng.choice([3, 4])), 3, 6), uniform(rng, 0.022, 0.032)
    splay = uniform(rng, 0.02, 0.08)
    seat_t = uniform(rng, 0.03, 0.05)
    legs = [
        beam(
            (x * (radius * 0.7 + splay), 0, z * (radius * 0.7 + splay)),
            (x * radius * 0.7, height, z * radius * 0.7),
            leg,
        )
        for x, z in ring_positions(count, 1.0, phase=rng.uniform(0, np.pi))
    ]
    rung_y = height * uniform(rng, 0.3, 0.45)
    rung_r = radius * 0.7 + splay * (1 - rung_y / height)
    rungs = [
        beam(
            (a[0] * rung_r, rung_y, a[1] * rung_r),
            (b[0] * rung_r, rung_y, b[1] * rung_r),
            leg * 0.6,
        )
        for a, b in zip(
            ring_positions(count, 1.0),
            ring_positions(count, 1.0)[1:] + ring_positions(count, 1.0)[:1],
            strict=True,
        )
    ]
    seat = cylinder(radius, seat_t, (0, height + seat_t / 2, 0))
    return [Part(seat, role="seat"), Part(union(legs + rungs), role="legs")]


def table(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, thick = uniform(rng, 0.72, 0.76), uniform(rng, 0.03, 0.05)
    if round_variant(rng, attrs, 0.3):  # round pedestal table
        radius = uniform(rng, 0.45, 0.65)
        top = cylinder(radius, thick, (0, height - thick / 2, 0))
        stem = cylinder(uniform(rng, 0.04, 0.07), height - thick, (0, (height - thick) / 2, 0))
        foot = cylinder(radius * 0.5, 0.04, (0, 0.02, 0), r_top=radius * 0.35)
        return [Part(top, role="top"), Part(union([stem, foot]), role="legs")]
    width, depth = uniform(rng, 0.9, 1.8), uniform(rng, 0.7, 1.0)
    leg = uniform(rng, 0.045, 0.08)
    legs = [
        straight_leg(x, z, height - thick, leg, attrs.style == "modern" or rng.random() < 0.3)
        for x, z in leg_positions(count_or(attrs, 4, 3, 8), width, depth, leg * 1.5)
    ]
    top = box(width, thick, depth, (0, height - thick / 2, 0))
    apron = box(width - leg * 3, 0.08, depth - leg * 3, (0, height - thick - 0.04, 0))
    apron = apron - box(width - leg * 5, 0.1, depth - leg * 5, (0, height - thick - 0.04, 0))
    return [Part(union(legs + [apron]), role="legs"), Part(top, role="top")]


def desk(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, width, depth = uniforms(rng, (0.72, 0.76), (1.1, 1.6), (0.55, 0.75))
    thick, panel = uniform(rng, 0.025, 0.04), uniform(rng, 0.02, 0.03)
    top = box(width, thick, depth, (0, height - thick / 2, 0))
    drawer_w = uniform(rng, 0.38, 0.45)
    pedestal = box(
        drawer_w, height - thick, depth - 0.02, (width / 2 - drawer_w / 2, (height - thick) / 2, 0)
    )
    side = box(
        panel, height - thick, depth - 0.02, (-width / 2 + panel / 2, (height - thick) / 2, 0)
    )
    modesty = box(
        width - drawer_w,
        (height - thick) * 0.5,
        panel,
        (-drawer_w / 2, height - thick - (height - thick) * 0.25, -depth / 2 + 0.05),
    )
    drawers = count_or(attrs, int(rng.integers(2, 4)), 1, 5)
    fronts, handles = drawer_stack(
        drawers, drawer_w, height - thick, width / 2 - drawer_w / 2, depth / 2
    )
    # Recess the pedestal behind the drawer fronts, then put the fronts in.
    body = union([top, side, modesty]) + (pedestal - fronts.translate((0, 0, -0.02)))
    return [Part(union([body, fronts])), Part(handles, "metal", role="handle")]


def sofa(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    seats = count_or(attrs, int(rng.integers(2, 4)), 1, 5)
    width, arm = uniform(rng, 0.55, 0.7), uniform(rng, 0.12, 0.25)
    return _upholstered(rng, seats, width, arm, uniform(rng, 0.38, 0.5))


def armchair(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    """A one-seat sofa with broad arms and, sometimes, a tall wing back."""
    back = uniform(rng, 0.45, 0.75)
    return _upholstered(rng, 1, uniform(rng, 0.55, 0.68), uniform(rng, 0.16, 0.28), back)


def _upholstered(
    rng: np.random.Generator, seats: int, seat_w: float, arm_w: float, back_h: float
) -> list[Part]:
    """A padded seat for `seats` people: base, back, two arms, cushions, short legs."""
    depth, base_h = uniform(rng, 0.85, 1.0), uniform(rng, 0.2, 0.28)
    width = seats * seat_w + 2 * arm_w
    cushion_h, back_t = uniform(rng, 0.12, 0.18), uniform(rng, 0.15, 0.25)
    leg_h = uniform(rng, 0.05, 0.14)
    base = box(width, base_h, depth, (0, leg_h + base_h / 2, 0))
    back = box(
        width, back_h + base_h, back_t, (0, leg_h + (back_h + base_h) / 2, -depth / 2 + back_t / 2)
    )
    arm_h = base_h + cushion_h + uniform(rng, 0.05, 0.15)
    arms = [
        box(arm_w, arm_h, depth, (sx * (width - arm_w) / 2, leg_h + arm_h / 2, 0)) for sx in (-1, 1)
    ]
    cushions = [
        box(
            seat_w - 0.015,
            cushion_h,
            depth - back_t - 0.02,
            (-seats * seat_w / 2 + seat_w * (i + 0.5), leg_h + base_h + cushion_h / 2, back_t / 2),
        )
        for i in range(seats)
    ]
    legs = [
        straight_leg(sx * (width / 2 - 0.06), sz * (depth / 2 - 0.06), leg_h, 0.05, True, 0.7)
        for sx in (-1, 1)
        for sz in (-1, 1)
    ]
    return [
        Part(union([base, back, *arms])),
        Part(union(cushions), role="cushion"),
        Part(union(legs), "dark_wood", role="legs"),
    ]


def bed(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width = 1.6 if attrs.count == 2 else uniform(rng, 0.95, 1.9)
    length, frame_h = uniform(rng, 2.0, 2.15), uniform(rng, 0.25, 0.4)
    mattress_h = uniform(rng, 0.18, 0.26)
    head_h = uniform(rng, 0.9, 1.3)
    frame = box(width + 0.06, frame_h, length, (0, frame_h / 2, 0))
    headboard = box(width + 0.1, head_h, 0.06, (0, head_h / 2, -length / 2 - 0.03))
    foot_h = frame_h + uniform(rng, 0.0, 0.3)
    footboard = box(width + 0.1, foot_h, 0.05, (0, foot_h / 2, length / 2 + 0.025))
    mattress = box(width, mattress_h, length - 0.04, (0, frame_h + mattress_h / 2, 0))
    pillows_n = 2 if width > 1.3 else 1
    pw = width / pillows_n - 0.08
    pillows = [
        box(
            pw,
            0.12,
            0.4,
            (
                -width / 2 + (i + 0.5) * width / pillows_n,
                frame_h + mattress_h + 0.05,
                -length / 2 + 0.3,
            ),
        )
        for i in range(pillows_n)
    ]
    blanket = box(
        width + 0.02, 0.03, length * 0.6, (0, frame_h + mattress_h + 0.01, length * 0.2 - 0.02)
    )
    return [
        Part(union([frame, headboard, footboard])),
        Part(mattress, "fabric", (0.95, 0.95, 0.93), role="mattress"),
        Part(union(pillows), "fabric", (0.95, 0.95, 0.93), role="cushion"),
        Part(blanket, "fabric", attrs.accent_colour or (0.3, 0.42, 0.6), role="blanket"),
    ]


_BOOK_COLOURS = [
    (0.55, 0.1, 0.1),
    (0.1, 0.25, 0.5),
    (0.15, 0.4, 0.2),
    (0.8, 0.7, 0.4),
    (0.2, 0.2, 0.22),
]


def bookshelf(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, width, depth = uniform(rng, 1.5, 2.0), uniform(rng, 0.7, 1.1), uniform(rng, 0.28, 0.38)
    t = uniform(rng, 0.018, 0.03)
    shelves = count_or(attrs, int(rng.integers(4, 6)), 2, 8)
    sides = [box(t, height, depth, (sx * (width - t) / 2, height / 2, 0)) for sx in (-1, 1)]
    back = box(width, height, 0.01, (0, height / 2, -depth / 2 + 0.005))
    pitch = (height - t) / shelves
    boards = [box(width, t, depth, (0, t / 2 + i * pitch, 0)) for i in range(shelves + 1)]
    books: list[list[Manifold]] = [[] for _ in _BOOK_COLOURS]
    for i in range(shelves):
        x = -width / 2 + t + 0.01
        while x < width / 2 - t - 0.05 and rng.random() > 0.03:
            bw, bh = uniform(rng, 0.02, 0.05), pitch * uniform(rng, 0.55, 0.85)
            books[int(rng.integers(len(books)))].append(
                box(bw, bh, depth * 0.75, (x + bw / 2, i * pitch + t + bh / 2, 0.01))
            )
            x += bw + 0.002
            if rng.random() < 0.08:
                x += uniform(rng, 0.05, 0.15)  # a gap on the shelf
    parts = [Part(union(sides + boards + [back]))]
    parts += [
        Part(union(group), "paper", colour, role="books")
        for group, colour in zip(books, _BOOK_COLOURS, strict=True)
        if group
    ]
    return parts


def cabinet(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    tall = rng.random() < 0.5
    height = uniform(rng, 1.7, 2.0) if tall else uniform(rng, 0.8, 1.0)
    width, depth = uniform(rng, 0.8, 1.2), uniform(rng, 0.4, 0.6)
    doors = count_or(attrs, 2, 1, 4)
    plinth = uniform(rng, 0.05, 0.1)
    body = box(width, height - plinth, depth, (0, plinth + (height - plinth) / 2, 0))
    body = union([body, box(width - 0.04, plinth, depth - 0.04, (0, plinth / 2, 0))])
    door_w = width / doors
    grooves = [
        box(
            0.006,
            height - plinth - 0.04,
            0.02,
            (-width / 2 + door_w * i, plinth + (height - plinth) / 2, depth / 2),
        )
        for i in range(1, doors)
    ]
    body = body - union(grooves) if grooves else body
    top = box(width + 0.03, 0.025, depth + 0.03, (0, height + 0.0125, 0))
    handle_y = plinth + (height - plinth) * (0.5 if tall else 0.8)
    handles = [
        bar_handle(-width / 2 + door_w * (i + (0.85 if i % 2 == 0 else 0.15)), handle_y, depth / 2)
        for i in range(doors)
    ]
    return [
        Part(body, role="frame"),
        Part(top, role="top"),
        Part(union(handles), "metal", role="handle"),
    ]


def bench(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, seat_h, depth = uniforms(rng, (1.2, 2.0), (0.42, 0.48), (0.35, 0.5))
    slats = count_or(attrs, int(rng.integers(3, 6)), 2, 8)
    slat_d = depth / slats
    seat = [
        box(length, 0.03, slat_d - 0.01, (0, seat_h, -depth / 2 + slat_d * (i + 0.5)))
        for i in range(slats)
    ]
    has_back = rng.random() < 0.6
    back = (
        [
            box(length, 0.08, 0.025, (0, seat_h + 0.15 + i * 0.12, -depth / 2 - 0.02))
            for i in range(3)
        ]
        if has_back
        else []
    )
    frame_kind = choose(rng, ["metal", "iron", "wood"])
    frames = []
    for sx in (-1, 1):
        x = sx * (length / 2 - 0.12)
        frames += [
            box(0.05, seat_h, 0.05, (x, seat_h / 2, sz * (depth / 2 - 0.05))) for sz in (-1, 1)
        ]
        frames.append(box(0.05, 0.05, depth, (x, seat_h - 0.04, 0)))
        if has_back:
            frames.append(box(0.05, 0.45, 0.04, (x, seat_h + 0.2, -depth / 2 - 0.05)))
    legs_material = None if frame_kind == "wood" else frame_kind
    return [
        Part(union(seat), role="seat"),
        Part(union(back), role="back"),
        Part(union(frames), legs_material, role="legs"),
    ]


def rocking_chair(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    """A four-legged chair lifted onto two curved rockers running front to back."""
    parts = chair(rng, attrs)
    low, high = parts[0].solid.bounding_box()[:3], parts[0].solid.bounding_box()[3:]
    half_depth, radius = (high[2] - low[2]) / 2, uniform(rng, 0.9, 1.4)
    band, thick, reach = 0.045, 0.028, half_depth * uniform(rng, 1.6, 2.0)
    lift = radius - float(np.sqrt(radius**2 - half_depth**2)) + band * 0.8
    angles = np.linspace(-np.arcsin(reach / radius), np.arcsin(reach / radius), 16)
    outer = [(radius * np.sin(a), radius - radius * np.cos(a)) for a in angles]
    outline = outer + [(x * (1 + band / radius), y + band) for x, y in outer[::-1]]
    rocker = prism(outline, thick).rotate((0.0, 90.0, 0.0))
    rockers = union([rocker.translate((x, 0, 0)) for x in (low[0] + 0.02, high[0] - 0.02)])
    lifted = [Part(p.solid.translate((0, lift, 0)), p.material, p.colour, p.role) for p in parts]
    return lifted + [Part(rockers, role="legs")]


def _drawer_chest(
    rng: np.random.Generator, width: float, height: float, depth: float, drawers: int
) -> list[Part]:
    """A carcass of stacked drawers under an overhanging top, with metal pulls."""
    carcass, fronts, pulls = chest_with_drawers(
        width, height, depth, drawers, uniform(rng, 0.04, 0.1)
    )
    top = box(width + 0.03, 0.025, depth + 0.02, (0, height + 0.0125, 0))
    return [
        Part(union([carcass, fronts]), role="frame"),
        Part(top, role="top"),
        Part(pulls, "brass", role="handle"),
    ]


def nightstand(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, depth = uniform(rng, 0.4, 0.55), uniform(rng, 0.35, 0.45)
    drawers = count_or(attrs, int(rng.integers(1, 4)), 1, 4)
    return _drawer_chest(rng, width, uniform(rng, 0.5, 0.65), depth, drawers)


def chest_of_drawers(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    width, depth = uniform(rng, 0.8, 1.2), uniform(rng, 0.42, 0.55)
    drawers = count_or(attrs, int(rng.integers(3, 6)), 2, 8)
    return _drawer_chest(rng, width, uniform(rng, 0.8, 1.3), depth, drawers)


def office_chair(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    """A swivel chair: five-star base on casters, gas lift, padded seat and back."""
    seat_h, width = uniform(rng, 0.44, 0.52), uniform(rng, 0.46, 0.54)
    base = star_base(count_or(attrs, 5, 4, 6), uniform(rng, 0.28, 0.34), 0.09, 0.045)
    lift = cylinder(0.025, seat_h - 0.1, (0, 0.05 + (seat_h - 0.1) / 2, 0))
    seat = rounded_box(width, 0.08, width, 0.03, seat_h)
    back_h = uniform(rng, 0.45, 0.65)
    back = rounded_box(width * 0.92, back_h, 0.07, 0.03, seat_h + 0.12 + back_h / 2)
    back = back.translate((0, 0, -width / 2 + 0.02))
    spine = box(0.05, 0.25, 0.03, (0, seat_h + 0.08, -width / 2 + 0.01))
    arms = []
    if rng.random() < 0.7:
        for sx in (-1, 1):
            x = sx * (width / 2 + 0.02)
            arms += [
                box(0.03, 0.2, 0.03, (x, seat_h + 0.1, 0)),
                box(0.06, 0.025, 0.24, (x, seat_h + 0.2, 0)),
            ]
    return [
        Part(union([seat, back]), role="seat"),
        Part(union([base, lift, spine, *arms]), "plastic", (0.1, 0.1, 0.11), role="legs"),
    ]
