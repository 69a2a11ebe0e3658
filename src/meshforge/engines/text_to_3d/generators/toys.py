"""Toys and games: teddy bears, rubber ducks, building blocks, rocking horses, spinning
tops, yo-yos, kites, dice, puzzle cubes, chess pieces and boards, balloons. Front +Z."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import rounded_box
from meshforge.engines.text_to_3d.kit.vessels import curve, solid_of
from meshforge.engines.text_to_3d.parts import Part, choose, count_or, uniform
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

_BLACK = (0.06, 0.06, 0.07)
_WHITE = (0.95, 0.95, 0.93)


def teddy_bear(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    size = uniform(rng, 0.25, 0.4)
    body = sphere(size * 0.3, (0, size * 0.3, 0), (1.0, 1.15, 0.85))
    head_y = size * 0.78
    head = sphere(size * 0.22, (0, head_y, size * 0.02))
    ears = [
        sphere(size * 0.08, (s * size * 0.16, head_y + size * 0.17, 0), (1.0, 1.0, 0.6))
        for s in (-1, 1)
    ]
    arms = [
        beam(
            (s * size * 0.2, size * 0.5, 0), (s * size * 0.36, size * 0.3, size * 0.1), size * 0.07
        )
        for s in (-1, 1)
    ]
    legs = [
        beam(
            (s * size * 0.14, size * 0.15, 0),
            (s * size * 0.2, size * 0.06, size * 0.25),
            size * 0.085,
        )
        for s in (-1, 1)
    ]
    paws = [sphere(size * 0.08, (s * size * 0.2, size * 0.07, size * 0.27)) for s in (-1, 1)]
    muzzle = sphere(size * 0.09, (0, head_y - size * 0.04, size * 0.2), (1.0, 0.8, 0.8))
    eyes = [
        sphere(size * 0.025, (s * size * 0.08, head_y + size * 0.05, size * 0.19)) for s in (-1, 1)
    ]
    nose = sphere(size * 0.03, (0, head_y - size * 0.02, size * 0.28), (1.2, 0.8, 0.8))
    return [
        Part(union([body, head, *ears, *arms, *legs, *paws])),
        Part(muzzle, "fabric", (0.9, 0.8, 0.65), role="trim"),
        Part(union([*eyes, nose]), "plastic", _BLACK),
    ]


_DUCK_YELLOW = (0.98, 0.85, 0.1)


def rubber_duck(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    """Yellow unless a colour is named: "rubber" in its name is not a material here."""
    size = uniform(rng, 0.08, 0.12)
    body = sphere(size * 0.5, (0, size * 0.38, 0), (1.25, 0.8, 0.95)) - box(
        1, 1, 1, (0, -0.5 + size * 0.05, 0)
    )
    tail = sphere(size * 0.18, (-size * 0.55, size * 0.55, 0), (1.0, 1.2, 0.8))
    head = sphere(size * 0.3, (size * 0.3, size * 0.85, 0))
    beak = sphere(size * 0.15, (size * 0.6, size * 0.8, 0), (1.2, 0.45, 0.9))
    eyes = [sphere(size * 0.045, (size * 0.5, size * 0.95, s * size * 0.15)) for s in (-1, 1)]
    return [
        Part(union([body, tail, head]), "plastic", attrs.colour or _DUCK_YELLOW),
        Part(beak, "plastic", (0.95, 0.45, 0.1), role="beak"),
        Part(union(eyes), "plastic", _BLACK),
    ]


_BLOCK_COLOURS = ((0.85, 0.15, 0.12), (0.15, 0.35, 0.8), (0.95, 0.78, 0.1), (0.2, 0.6, 0.25))


def toy_block(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    """Interlocking bricks with studs ("a lego brick"), or a small pile of them."""
    count = count_or(attrs, 1 if "brick" in attrs.words or rng.random() < 0.4 else 5, 1, 8)
    unit = 0.008 if "lego" in attrs.words else uniform(rng, 0.02, 0.04)
    groups: list[list[Manifold]] = [[] for _ in _BLOCK_COLOURS]
    for i in range(count):
        studs_x, studs_z = int(rng.integers(1, 3)) * 2, 2
        w, d, h = studs_x * unit, studs_z * unit, unit * 1.2
        layer, slot = i // 3, i % 3
        at = ((slot - 1) * unit * 2.2 + layer * unit * 0.8, layer * h, 0.0)
        brick = box(w, h, d, (at[0], at[1] + h / 2, at[2]))
        studs = [
            cylinder(
                unit * 0.3,
                unit * 0.18,
                (
                    at[0] + (ix - (studs_x - 1) / 2) * unit,
                    at[1] + h + unit * 0.09,
                    (iz - 0.5) * unit,
                ),
            )
            for ix in range(studs_x)
            for iz in range(studs_z)
        ]
        groups[i % len(groups)].append(union([brick, *studs]))
    return [Part(union(g), "plastic", c) for g, c in zip(groups, _BLOCK_COLOURS, strict=True) if g]


def rocking_horse(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, height = uniform(rng, 0.8, 1.0), uniform(rng, 0.65, 0.8)
    rocker_r = length * 1.1
    angles = np.linspace(-0.45, 0.45, 14)
    arc = [(rocker_r * np.sin(a), rocker_r - rocker_r * np.cos(a)) for a in angles]
    rocker = prism(arc + [(x, y + 0.04) for x, y in arc[::-1]], 0.03).rotate((0.0, 0.0, 0.0))
    rockers = union([rocker.translate((0, 0, s * 0.16)) for s in (-1, 1)])
    body_y = height * 0.62
    body = sphere(length * 0.28, (0, body_y, 0), (1.0, 0.45, 0.42))
    neck = beam((length * 0.2, body_y, 0), (length * 0.33, height * 0.92, 0), length * 0.07)
    head = sphere(length * 0.1, (length * 0.42, height * 0.9, 0), (1.5, 0.8, 0.7))
    legs = [
        beam((sx * length * 0.18, body_y, sz * 0.1), (sx * length * 0.26, 0.05, sz * 0.16), 0.025)
        for sx in (-1, 1)
        for sz in (-1, 1)
    ]
    mane = beam((length * 0.17, body_y + 0.06, 0), (length * 0.3, height * 0.99, 0), length * 0.035)
    return [
        Part(union([body, neck, head, *legs])),
        Part(rockers, "wood", role="legs"),
        Part(mane, "fabric", (0.2, 0.12, 0.06), role="trim"),
    ]


def spinning_top(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius = uniform(rng, 0.035, 0.06)
    body = solid_of(
        curve(
            [
                (0.001, 0.0),
                (radius * 0.6, radius * 0.5),
                (radius, radius * 1.1),
                (radius * 0.6, radius * 1.4),
                (0.008, radius * 1.5),
            ],
            5,
        )
    )
    stem = cylinder(0.006, radius * 0.9, (0, radius * 1.9, 0))
    band = torus(radius * 0.98, radius * 0.06, (0, radius * 1.1, 0))
    return [Part(body), Part(union([stem, band]), "wood", role="trim")]


def yo_yo(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    radius, width = uniform(rng, 0.025, 0.032), uniform(rng, 0.03, 0.04)
    halves = [
        cylinder(radius, width * 0.42, (0, 0, 0), r_top=radius * 0.8)
        .rotate((s * 90.0, 0.0, 0.0))
        .translate((0, 0, s * width * 0.29))
        for s in (-1, 1)
    ]
    axle = cylinder(radius * 0.25, width, (0, 0, 0)).rotate((90.0, 0.0, 0.0))
    string = beam((0, radius * 0.25, 0), (0, radius * 2.6, 0), 0.0012)
    lift = (0.0, radius, 0.0)
    return [
        Part(union(halves).translate(lift)),
        Part(union([axle, string]).translate(lift), "paint", _WHITE, role="trim"),
    ]


def kite(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    height, width = uniform(rng, 0.7, 1.0), uniform(rng, 0.5, 0.7)
    sail = prism(
        [(0.0, 0.0), (width / 2, height * 0.65), (0.0, height), (-width / 2, height * 0.65)], 0.004
    )
    spars = union(
        [
            box(0.008, height, 0.008, (0, height / 2, -0.005)),
            box(width, 0.008, 0.008, (0, height * 0.65, -0.005)),
        ]
    )
    tail = union(
        [
            box(0.03, 0.02, 0.004, (np.sin(i) * 0.03, -0.1 - i * 0.09, 0)).rotate(
                (0.0, 0.0, 30.0 * np.sin(i))
            )
            for i in range(6)
        ]
        + [beam((0, 0, 0), (0.02, -0.6, 0), 0.002)]
    )
    lift = (0.0, 0.62, 0.0)
    return [
        Part(sail.translate(lift)),
        Part(spars.translate(lift), "wood", role="frame"),
        Part(tail.translate(lift), "fabric", (0.95, 0.85, 0.1), role="trim"),
    ]


def dice(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    size = uniform(rng, 0.016, 0.022) if "big" not in attrs.words else 0.1
    cube = rounded_box(size, size, size, size * 0.15, size / 2)
    pips = _pips(size)
    return [
        Part(cube - pips),
        Part(
            pips.scale((0.9, 0.9, 0.9)).translate((0, size * 0.05, 0)),
            "paint",
            _BLACK,
            role="spots",
        ),
    ]


def _pips(size: float) -> Manifold:
    """Dots on three visible faces (1 on top, 2 on the front, 3 on the right)."""
    r, h = size * 0.09, size / 2
    spots = [(0.0, size, 0.0)]
    spots += [(s * size * 0.25, h + s * size * 0.25, h) for s in (-1, 1)]
    spots += [(h, h + s * size * 0.28, -s * size * 0.28) for s in (-1, 0, 1)]
    return union([sphere(r, p) for p in spots])


_CUBE_COLOURS = (
    (0.85, 0.1, 0.1),
    (0.1, 0.55, 0.2),
    (0.1, 0.3, 0.8),
    (0.95, 0.95, 0.95),
    (0.95, 0.85, 0.1),
    (0.95, 0.5, 0.1),
)


def rubiks_cube(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    size = uniform(rng, 0.055, 0.06)
    cell = size / 3
    core = rounded_box(size, size, size, size * 0.04, size / 2)
    stickers: list[list[Manifold]] = [[] for _ in _CUBE_COLOURS]
    faces = [((0, 1, 0), 0), ((0, 0, 1), 1), ((1, 0, 0), 2), ((0, 0, -1), 3), ((-1, 0, 0), 4)]
    for normal, _ in faces:
        for a in (-1, 0, 1):
            for b in (-1, 0, 1):
                centre = np.array([0.0, size / 2, 0.0]) + np.array(normal) * (size / 2 + 0.0005)
                offset = _face_offset(normal, a * cell, b * cell)
                dims = np.where(np.array(normal) != 0, 0.002, cell * 0.86)
                stickers[int(rng.integers(len(stickers)))].append(
                    box(float(dims[0]), float(dims[1]), float(dims[2]), _vec(centre + offset))
                )
    parts = [Part(core, "plastic", _BLACK)]
    return parts + [
        Part(union(s), "plastic", c) for s, c in zip(stickers, _CUBE_COLOURS, strict=True) if s
    ]


def _vec(point: np.ndarray) -> tuple[float, float, float]:
    return (float(point[0]), float(point[1]), float(point[2]))


def _face_offset(normal: tuple[int, int, int], a: float, b: float) -> np.ndarray:
    axes = [i for i in range(3) if normal[i] == 0]
    out = np.zeros(3)
    out[axes[0]], out[axes[1]] = a, b
    return out


_CHESS_HEIGHTS = {
    "pawn": 0.05,
    "rook": 0.055,
    "castle": 0.055,
    "knight": 0.06,
    "bishop": 0.07,
    "queen": 0.085,
    "king": 0.095,
}


def chess_piece(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    named = [p for p in _CHESS_HEIGHTS if p in attrs.words]
    piece = (
        named[0] if named else choose(rng, ["pawn", "rook", "bishop", "queen", "king", "knight"])
    )
    height = _CHESS_HEIGHTS[piece]
    base = solid_of(
        [
            (height * 0.32, 0.0),
            (height * 0.32, height * 0.08),
            (height * 0.25, height * 0.14),
            (height * 0.14, height * 0.3),
            (height * 0.11, height * 0.62),
            (height * 0.2, height * 0.68),
            (height * 0.13, height * 0.72),
        ]
    )
    return [Part(union([base, _chess_top(piece, height)]))]


def _chess_top(piece: str, height: float) -> Manifold:
    top = height * 0.72
    if piece == "pawn":
        return sphere(height * 0.16, (0, top + height * 0.12, 0))
    if piece in ("rook", "castle"):
        tower = cylinder(height * 0.17, height * 0.25, (0, top + height * 0.12, 0))
        return tower - union(
            [
                box(height * 0.06, height * 0.1, height * 0.5, (0, top + height * 0.22, 0)).rotate(
                    (0.0, a, 0.0)
                )
                for a in (0.0, 90.0)
            ]
        )
    if piece == "knight":
        head = hull(
            [
                (0, top, -height * 0.12),
                (0, top, height * 0.12),
                (0, top + height * 0.35, -height * 0.05),
                (0, top + height * 0.3, height * 0.2),
            ]
        )
        return union(
            [
                head.scale((1.0, 1.0, 1.0)),
                box(height * 0.14, height * 0.3, height * 0.22, (0, top + height * 0.15, 0)),
            ]
        )
    crown = cylinder(height * 0.12, height * 0.18, (0, top + height * 0.09, 0), r_top=height * 0.17)
    if piece == "bishop":
        return union(
            [
                sphere(height * 0.13, (0, top + height * 0.2, 0), (1.0, 1.4, 1.0)),
                sphere(height * 0.035, (0, top + height * 0.42, 0)),
            ]
        )
    if piece == "queen":
        return union([crown, sphere(height * 0.05, (0, top + height * 0.22, 0))])
    cross = union(
        [
            box(height * 0.04, height * 0.16, height * 0.04, (0, top + height * 0.28, 0)),
            box(height * 0.12, height * 0.04, height * 0.04, (0, top + height * 0.3, 0)),
        ]
    )
    return union([crown, cross])


def chessboard(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    size = uniform(rng, 0.35, 0.5)
    cell = size * 0.11
    board = box(size, 0.02, size, (0, 0.01, 0))
    dark = [
        box(cell, 0.002, cell, ((i - 3.5) * cell, 0.021, (j - 3.5) * cell))
        for i in range(8)
        for j in range(8)
        if (i + j) % 2 == 0
    ]
    light = [
        box(cell, 0.002, cell, ((i - 3.5) * cell, 0.021, (j - 3.5) * cell))
        for i in range(8)
        for j in range(8)
        if (i + j) % 2 == 1
    ]
    return [
        Part(board),
        Part(union(dark), "paint", (0.2, 0.12, 0.07)),
        Part(union(light), "paint", (0.92, 0.85, 0.7)),
    ]


def balloon(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    """A helium balloon held down by its string on a small weight."""
    radius, string = uniform(rng, 0.12, 0.16), uniform(rng, 0.8, 1.1)
    body = sphere(radius, (0, string + radius * 1.1, 0), (1.0, 1.15, 1.0))
    knot = cylinder(0.012, 0.03, (0, string, 0), r_top=0.004)
    line = beam((0, 0.02, 0), (0, string, 0), 0.0012)
    weight = cylinder(0.025, 0.025, (0, 0.0125, 0))
    return [Part(union([body, knot])), Part(union([line, weight]), "paint", _WHITE, role="trim")]
