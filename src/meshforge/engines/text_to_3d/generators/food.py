"""Food: fruit and vegetables, bread and pastries, fast food, sweets and cheese, at their
real sizes. Round fruit share one body-of-revolution builder with a stem and a leaf."""

from __future__ import annotations

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import Attributes
from meshforge.engines.text_to_3d.kit.boxes import rounded_box
from meshforge.engines.text_to_3d.kit.organic import bent, blob_cluster, leaf
from meshforge.engines.text_to_3d.kit.vessels import Profile, curve, solid_of
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

_GREEN = (0.25, 0.55, 0.18)
_STEM = (0.35, 0.25, 0.12)
_CRUST = (0.78, 0.5, 0.22)
_WHITE = (0.97, 0.96, 0.92)


def _fruit(
    outline: Profile, stem_len: float, leaf_len: float, rng: np.random.Generator
) -> list[Part]:
    """A round fruit from its (radius, height) outline, with a stem and maybe a leaf."""
    body = solid_of(curve(outline, 6))
    top = outline[-1][1]
    stem = beam(
        (0, top - stem_len * 0.3, 0),
        (stem_len * 0.2, top + stem_len, 0),
        max(stem_len * 0.08, 0.002),
    )
    parts = [Part(body), Part(stem, "wood", _STEM, role="stem")]
    if leaf_len > 0 and rng.random() < 0.7:
        parts.append(
            Part(
                leaf(
                    leaf_len,
                    leaf_len * 0.45,
                    70.0,
                    float(rng.uniform(0, 360)),
                    (0, top + stem_len * 0.5, 0),
                ),
                "foliage",
                _GREEN,
                role="leaves",
            )
        )
    return parts


def apple(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.035, 0.045)
    return _fruit(
        [(0.001, r * 0.15), (r * 0.6, 0.0), (r, r * 0.8), (r * 0.75, r * 1.7), (0.001, r * 1.55)],
        r * 0.5,
        r * 0.9,
        rng,
    )


def orange(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.035, 0.045)
    return _fruit(
        [(0.001, 0.0), (r * 0.7, r * 0.15), (r, r), (r * 0.7, r * 1.85), (0.001, r * 2.0)],
        r * 0.12,
        0.0,
        rng,
    )


def lemon(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.025, 0.032)
    body = solid_of(
        curve(
            [(0.004, 0.0), (r * 0.5, r * 0.3), (r, r * 1.4), (r * 0.5, r * 2.5), (0.004, r * 2.8)],
            6,
        )
    )
    return [Part(body.rotate((0.0, 0.0, 90.0)).translate((r * 1.4, r, 0)))]


def pear(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.035, 0.045)
    return _fruit(
        [
            (0.001, 0.0),
            (r * 0.8, r * 0.2),
            (r, r * 0.9),
            (r * 0.5, r * 1.8),
            (r * 0.4, r * 2.3),
            (0.001, r * 2.5),
        ],
        r * 0.5,
        r * 0.8,
        rng,
    )


def tomato(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.03, 0.045)
    body = solid_of(
        curve(
            [
                (0.001, 0.0),
                (r * 0.8, r * 0.15),
                (r, r * 0.7),
                (r * 0.7, r * 1.35),
                (0.001, r * 1.35),
            ],
            6,
        )
    )
    calyx = union(
        [
            sphere(r * 0.3, (r * 0.25, r * 1.35, 0), (1.0, 0.15, 0.3)).rotate((0.0, a, 0.0))
            for a in range(0, 360, 72)
        ]
    )
    return [
        Part(body),
        Part(
            union([calyx, cylinder(r * 0.06, r * 0.3, (0, r * 1.5, 0))]),
            "foliage",
            _GREEN,
            role="stem",
        ),
    ]


def cherry(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    count = count_or(attrs, 2, 1, 6)
    top = (0.0, 0.07, 0.0)
    fruit, stems = [], []
    for x, z in ring_positions(count, 0.02 if count > 1 else 0.0):
        fruit.append(sphere(0.012, (x, 0.012, z), (1.0, 0.9, 1.0)))
        stems.append(beam((x, 0.02, z), top, 0.0012))
    return [Part(union(fruit)), Part(union(stems), "wood", _STEM, role="stem")]


def strawberry(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.015, 0.02)
    body = solid_of(
        curve(
            [(0.002, 0.0), (r * 0.6, r * 0.5), (r, r * 1.5), (r * 0.8, r * 2.1), (0.001, r * 2.2)],
            6,
        )
    )
    seeds = union(
        [
            sphere(r * 0.07, (np.cos(a) * r * f, r * (0.5 + 1.3 * f), np.sin(a) * r * f))
            for f in (0.55, 0.85, 0.95)
            for a in np.linspace(0, 2 * np.pi, 8, endpoint=False) + f
        ]
    )
    crown = union(
        [
            sphere(r * 0.45, (r * 0.4, r * 2.2, 0), (1.0, 0.12, 0.35)).rotate((0.0, a, 0.0))
            for a in range(0, 360, 60)
        ]
    )
    return [
        Part(body),
        Part(seeds, "paint", (0.95, 0.85, 0.4), role="spots"),
        Part(crown, "foliage", _GREEN, role="leaves"),
    ]


def banana(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    count = count_or(attrs, 1 if rng.random() < 0.5 and "bunch" not in attrs.words else 4, 1, 7)
    fingers = []
    for i in range(count):
        turn = (i - (count - 1) / 2) * 14.0
        fingers.append(_banana_finger(uniform(rng, 0.17, 0.2)).rotate((0.0, turn, 0.0)))
    return [Part(union(fingers))]


def _banana_finger(length: float) -> Manifold:
    """One curved banana lying on its side, its stalk end near the origin."""
    profile = curve(
        [
            (0.004, 0.0),
            (0.015, length * 0.15),
            (0.019, length * 0.5),
            (0.016, length * 0.85),
            (0.005, length),
        ],
        4,
    )
    finger = bent(solid_of(profile), -length * 0.18, length)
    return finger.rotate((0.0, 0.0, -90.0)).translate((0.0, 0.02, 0.0))


def grapes(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.009, 0.012)
    berries = []
    for row in range(6):
        ring_r = r * (2.4 - row * 0.35)
        for x, z in ring_positions(max(1, 7 - row), ring_r, row * 0.5):
            berries.append(sphere(r, (x, r + (5 - row) * r * 1.5, z), (1.0, 1.1, 1.0)))
    stem = beam((0, r * 9, 0), (0.01, r * 11, 0), 0.002)
    return [Part(union(berries)), Part(stem, "wood", _STEM, role="stem")]


def watermelon(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if {"slice", "piece", "wedge"} & attrs.words:
        r = uniform(rng, 0.14, 0.18)
        flesh = prism([(0.0, r * 0.9), (-r, 0.0), (r, 0.0)], 0.025)
        rind = prism(
            [(-r * 1.05, -0.015), (r * 1.05, -0.015), (r * 1.05, 0.0), (-r * 1.05, 0.0)], 0.028
        )
        seeds = union(
            [
                sphere(0.005, (x, y, 0.013), (0.6, 1.0, 0.5))
                for x, y in ((-0.04, 0.05), (0.03, 0.06), (0.0, 0.09), (0.06, 0.03), (-0.07, 0.025))
            ]
        )
        lift = (0.0, 0.015, 0.0)
        return [
            Part(flesh.translate(lift), "food", (0.9, 0.2, 0.25)),
            Part(rind.translate(lift)),
            Part(seeds.translate(lift), "paint", (0.08, 0.06, 0.05), role="spots"),
        ]
    r = uniform(rng, 0.12, 0.18)
    body = sphere(r, (0, r, 0), (1.3, 1.0, 1.0))
    slabs = union([box(r * 3, r * 0.12, r * 3).rotate((a, 0.0, 0.0)) for a in (0.0, 60.0, 120.0)])
    stripes = slabs.translate((0, r, 0)) ^ sphere(r * 1.01, (0, r, 0), (1.31, 1.01, 1.01))
    return [
        Part(body),
        Part(
            stripes,
            "food",
            (0.1, 0.3, 0.1),
            role="trim",
        ),
    ]


def pineapple(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r, h = uniform(rng, 0.06, 0.075), uniform(rng, 0.18, 0.22)
    body = sphere(1.0, (0, h / 2, 0), (r, h / 2, r))
    scales = union(
        [
            box(r * 0.28, r * 0.28, r * 0.12)
            .rotate((0.0, 0.0, 45.0))
            .translate((0.0, 0.0, r * 0.93 * float(np.sqrt(1 - (2 * y / h - 1) ** 2))))
            .rotate((0.0, float(np.degrees(a)), 0.0))
            .translate((0.0, y, 0.0))
            for i, y in enumerate(np.linspace(h * 0.15, h * 0.85, 6))
            for a in np.linspace(0, 2 * np.pi, 9, endpoint=False) + i * 0.35
        ]
    )
    crown = union(
        [
            leaf(h * 0.45, h * 0.08, t, turn, (0, h * 0.95, 0))
            for t, turn in zip(
                (10, 25, 40, 25, 40, 15, 35), (0, 50, 100, 160, 210, 270, 320), strict=True
            )
        ]
    )
    return [Part(union([body, scales])), Part(crown, "foliage", (0.3, 0.5, 0.25), role="leaves")]


def pumpkin(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.15, 0.25)
    lobes = union(
        [
            sphere(r * 0.55, (np.cos(a) * r * 0.45, r * 0.6, np.sin(a) * r * 0.45), (1.0, 1.1, 1.0))
            for a in np.linspace(0, 2 * np.pi, 8, endpoint=False)
        ]
    )
    stem = beam((0, r * 1.1, 0), (r * 0.1, r * 1.45, 0), r * 0.09, r * 0.06)
    if {"jack", "lantern", "carved", "halloween", "jack-o-lantern"} & attrs.words:
        face = union(
            [
                prism([(-1, 0), (1, 0), (0, 1.2)], 1.0)
                .scale((r * 0.12, r * 0.12, r))
                .translate((s * r * 0.25, r * 0.75, r * 0.5))
                for s in (-1, 1)
            ]
            + [box(r * 0.6, r * 0.12, r, (0, r * 0.4, r * 0.5))]
        )
        lobes = lobes - face
    return [Part(lobes), Part(stem, "wood", (0.35, 0.4, 0.15), role="stem")]


def carrot(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, r = uniform(rng, 0.15, 0.22), uniform(rng, 0.014, 0.018)
    root = (
        cylinder(r, length, (0, 0, 0), r_top=r * 0.15)
        .rotate((0.0, 0.0, -90.0))
        .translate((length / 2, r, 0))
    )
    tops = union(
        [
            leaf(length * 0.5, length * 0.08, 70.0 + d, 90.0 + d, (-0.005, r, 0))
            for d in (-20.0, 0.0, 20.0)
        ]
    )
    return [Part(root), Part(tops, "foliage", _GREEN, role="leaves")]


def broccoli(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    size = uniform(rng, 0.1, 0.15)
    stalk = cylinder(size * 0.15, size * 0.6, (0, size * 0.3, 0), r_top=size * 0.22)
    florets = blob_cluster(rng, (0.0, size * 0.8, 0.0), size * 0.45, 8)
    return [
        Part(florets, "foliage", (0.2, 0.45, 0.15), role="leaves"),
        Part(stalk, "food", (0.55, 0.7, 0.4), role="stem"),
    ]


def corn(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, r = uniform(rng, 0.17, 0.22), uniform(rng, 0.022, 0.028)
    cob = sphere(1.0, (0, 0, 0), (length / 2, r, r))
    rows = union(
        [
            sphere(1.0, (0, 0, 0), (length * 0.48, r * 0.25, r * 0.25)).translate(
                (0, np.cos(a) * r * 0.85, np.sin(a) * r * 0.85)
            )
            for a in np.linspace(0, 2 * np.pi, 12, endpoint=False)
        ]
    )
    husk = union(
        [leaf(length * 0.55, r * 1.5, 80.0, 90.0 + d, (-length * 0.3, 0, 0)) for d in (-25.0, 25.0)]
    )
    lift = (0.0, r, 0.0)
    return [
        Part(union([cob, rows]).translate(lift)),
        Part(husk.translate(lift), "foliage", (0.55, 0.7, 0.35), role="leaves"),
    ]


def potato(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    size = uniform(rng, 0.07, 0.1)
    directions = rng.normal(size=(40, 3))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    points = (
        directions
        * np.array([size / 2, size * 0.3, size * 0.35])
        * rng.uniform(0.9, 1.0, size=(40, 1))
    )
    return [Part(hull(points + np.array([0.0, size * 0.3, 0.0])))]


def onion(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.035, 0.045)
    body = solid_of(
        curve(
            [
                (0.002, 0.0),
                (r * 0.7, r * 0.15),
                (r, r * 0.9),
                (r * 0.5, r * 1.6),
                (r * 0.12, r * 1.9),
                (0.002, r * 2.2),
            ],
            6,
        )
    )
    roots = union(
        [
            beam((0, r * 0.05, 0), (np.cos(a) * r * 0.3, 0.0, np.sin(a) * r * 0.3), 0.0015)
            for a in np.linspace(0, 2 * np.pi, 6, endpoint=False)
        ]
    )
    return [Part(body), Part(roots, "paint", (0.85, 0.8, 0.65), role="stem")]


def avocado(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.035, 0.042)
    outline = curve(
        [(0.001, 0.0), (r * 0.9, r * 0.4), (r, r * 1.2), (r * 0.55, r * 2.2), (0.001, r * 2.5)], 6
    )
    whole = solid_of(outline).rotate((0.0, 0.0, 90.0))
    flesh = solid_of([(max(x - 0.003, 0.001), y) for x, y in outline]).rotate((0.0, 0.0, 90.0))
    half = whole - box(1, 1, 1, (0, 0.5, 0))
    pit = sphere(r * 0.5, (-r * 0.9, 0.0, 0.0))
    lift = (r * 1.2, r, 0.0)
    return [
        Part(
            (half - flesh.translate((0, 0.002, 0))).translate(lift),
            "food",
            (0.2, 0.3, 0.12),
            role="skin",
        ),
        Part((flesh - box(1, 1, 1, (0, 0.5, 0)) - pit).translate(lift), "food", (0.75, 0.85, 0.35)),
        Part(
            (pit - box(1, 1, 1, (0, 0.5 + r * 0.15, 0))).translate(lift),
            "wood",
            (0.45, 0.28, 0.12),
            role="pit",
        ),
    ]


def egg(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if "fried" in attrs.words:
        white = hull([(x, y, z) for x, z in ring_positions(9, 0.055, 0.3) for y in (0.0, 0.006)])
        yolk = sphere(0.022, (0.01, 0.006, 0.0), (1.0, 0.55, 1.0))
        return [Part(white, "food", _WHITE), Part(yolk, "food", (0.98, 0.7, 0.1), role="yolk")]
    r = uniform(rng, 0.021, 0.024)
    return [
        Part(
            solid_of(
                curve(
                    [
                        (0.001, 0.0),
                        (r * 0.8, r * 0.3),
                        (r, r * 1.1),
                        (r * 0.7, r * 2.1),
                        (0.001, r * 2.6),
                    ],
                    6,
                )
            )
        )
    ]


def bread(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    if {"baguette", "french"} & attrs.words or rng.random() < 0.3:
        length, r = uniform(rng, 0.55, 0.7), uniform(rng, 0.03, 0.04)
        body = sphere(1.0, (0, r, 0), (length / 2, r, r * 1.1))
        cuts = union(
            [
                box(0.06, 0.02, r * 1.4, (x, r * 2, 0)).rotate((0.0, 30.0, 0.0))
                for x in np.linspace(-length * 0.3, length * 0.3, 5)
            ]
        )
        return [Part(body - cuts.translate((0, -0.008, 0)))]
    length, width, height = uniforms(rng, (0.22, 0.3), (0.11, 0.14), (0.09, 0.12))
    body = union(
        [
            rounded_box(length, height * 0.7, width, 0.02, height * 0.35),
            sphere(1.0, (0, height * 0.65, 0), (length / 2, height * 0.35, width / 2)),
        ]
    )
    return [Part(body)]


def croissant(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    size = uniform(rng, 0.12, 0.16)
    segments = []
    for a in np.linspace(-1.1, 1.1, 7):
        thick = size * (0.2 - 0.1 * abs(a) / 1.1)
        segments.append(
            sphere(
                thick,
                (np.sin(a) * size * 0.45, thick * 0.9, np.cos(a) * size * 0.3),
                (1.0, 0.8, 1.2),
            )
        )
    return [Part(union(segments))]


def pizza(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.15, 0.2)
    base = cylinder(r, 0.012, (0, 0.006, 0))
    crust = torus(r * 0.95, 0.012, (0, 0.014, 0))
    cheese = cylinder(r * 0.9, 0.004, (0, 0.014, 0))
    toppings = union(
        [
            cylinder(r * 0.1, 0.005, (x, 0.017, z))
            for x, z in ring_positions(6, r * 0.55, 0.3) + ring_positions(3, r * 0.25)
        ]
    )
    parts = [
        Part(union([base, crust]), "baked", _CRUST),
        Part(cheese, "food", (0.97, 0.82, 0.35), role="cheese"),
        Part(toppings, "food", (0.7, 0.12, 0.08), role="trim"),
    ]
    if {"slice", "piece", "wedge"} & attrs.words:
        wedge = prism([(0.0, 0.0), (r * 1.1, -r * 0.35), (r * 1.1, r * 0.35)], 0.2).rotate(
            (90.0, 0.0, 0.0)
        )
        parts = [Part(p.solid ^ wedge, p.material, p.colour, p.role) for p in parts]
    return parts


def hamburger(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.05, 0.06)
    bottom = cylinder(r, r * 0.35, (0, r * 0.175, 0), r_top=r * 1.02)
    patty = cylinder(r * 1.05, r * 0.3, (0, r * 0.5, 0))
    cheese = box(r * 2.0, r * 0.06, r * 2.0, (0, r * 0.68, 0)).rotate((0.0, 45.0, 0.0))
    lettuce = cylinder(r * 1.12, r * 0.08, (0, r * 0.75, 0))
    top = sphere(r * 1.02, (0, r * 0.8, 0), (1.0, 0.75, 1.0)) - box(1, 1, 1, (0, r * 0.8 - 0.5, 0))
    seeds = union(
        [
            sphere(
                r * 0.05,
                (x, r * 0.8 + r * 0.74 * float(np.sqrt(max(0.0, 1 - (x * x + z * z) / r**2))), z),
                (1.0, 0.5, 0.7),
            )
            for x, z in ring_positions(7, r * 0.5) + ring_positions(4, r * 0.2)
        ]
    )
    return [
        Part(union([bottom, top]), "baked", _CRUST, role="bun"),
        Part(patty, "food", (0.35, 0.2, 0.12)),
        Part(cheese, "food", (0.98, 0.75, 0.2), role="cheese"),
        Part(lettuce, "foliage", (0.4, 0.7, 0.2)),
        Part(seeds, "paint", (0.98, 0.95, 0.85), role="spots"),
    ]


def sandwich(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    size = uniform(rng, 0.1, 0.13)
    outline = [(0.0, 0.0), (size, 0.0), (0.0, size)]
    slice_ = prism(outline, 0.015).rotate((90.0, 0.0, 0.0))
    layers = [
        (slice_, 0.0075, "baked", (0.92, 0.8, 0.6)),
        (slice_.scale((1.05, 0.5, 1.05)), 0.018, "foliage", (0.4, 0.7, 0.2)),
        (slice_.scale((1.02, 0.6, 1.02)), 0.025, "food", (0.9, 0.55, 0.5)),
        (slice_, 0.039, "baked", (0.92, 0.8, 0.6)),
    ]
    return [Part(s.translate((-size / 3, y, -size / 3)), m, c) for s, y, m, c in layers]


def hot_dog(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length = uniform(rng, 0.15, 0.19)
    bun = sphere(1.0, (0, 0.025, 0), (length / 2, 0.025, 0.035)) - sphere(
        1.0, (0, 0.05, 0), (length / 2, 0.022, 0.018)
    )
    sausage = sphere(1.0, (0, 0.045, 0), (length * 0.58, 0.014, 0.014))
    mustard = union(
        [
            beam((x, 0.058, -0.006), (x + length * 0.08, 0.058, 0.006), 0.003)
            for x in np.linspace(-length * 0.35, length * 0.25, 6)
        ]
    )
    return [
        Part(bun, "baked", _CRUST, role="bun"),
        Part(sausage, "food", (0.65, 0.25, 0.15)),
        Part(mustard, "food", (0.95, 0.8, 0.1), role="trim"),
    ]


def donut(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.04, 0.05)
    dough = torus(r * 0.65, r * 0.38, (0, r * 0.38, 0))
    icing = torus(r * 0.65, r * 0.4, (0, r * 0.42, 0)) - box(1, 1, 1, (0, r * 0.45 - 0.5, 0))
    sprinkles = union(
        [
            box(r * 0.15, r * 0.05, r * 0.05, (x, r * 0.82, z)).rotate((0.0, float(i * 47), 0.0))
            for i, (x, z) in enumerate(ring_positions(10, r * 0.65, 0.2))
        ]
    )
    return [
        Part(dough, "baked", _CRUST),
        Part(icing, "icing", role="icing"),
        Part(sprinkles, "paint", (0.2, 0.6, 0.9), role="trim"),
    ]


def cupcake(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.03, 0.035)
    case = cylinder(r * 0.8, r * 1.2, (0, r * 0.6, 0), r_top=r)
    ridges = union(
        [box(r * 0.08, r * 1.2, r * 0.08, (x, r * 0.6, z)) for x, z in ring_positions(14, r * 0.88)]
    )
    swirl = union(
        [torus(r * (0.8 - 0.2 * i), r * 0.28, (0, r * (1.35 + 0.4 * i), 0)) for i in range(3)]
        + [sphere(r * 0.3, (0, r * 2.4, 0))]
    )
    cherry_ = sphere(r * 0.22, (0, r * 2.75, 0))
    return [
        Part(union([case, ridges]), "paper", (0.9, 0.5, 0.6), role="case"),
        Part(swirl, "icing", role="icing"),
        Part(cherry_, "food", (0.8, 0.05, 0.1), role="trim"),
    ]


def cake(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.1, 0.15)
    sliced = bool({"slice", "piece", "wedge"} & attrs.words)
    tiers = 2 if not sliced and rng.random() < 0.3 else 1
    if "wedding" in attrs.words:
        tiers = 3
    body, y = [], 0.0
    for i in range(tiers):
        h, tr = r * 0.7, r * (1 - 0.28 * i)
        body.append(cylinder(tr, h, (0, y + h / 2, 0)))
        y += h
    drips = union(
        [
            torus(r * (1 - 0.28 * i) * 0.98, r * 0.06, (0, r * 0.7 * (i + 1), 0))
            for i in range(tiers)
        ]
    )
    parts = [
        Part(union(body), "baked", (0.6, 0.35, 0.2), role="sponge"),
        Part(drips, "icing", role="icing"),
    ]
    if {"birthday", "candle", "candles"} & attrs.words:
        top_r = r * (1 - 0.28 * (tiers - 1))
        spots = ring_positions(count_or(attrs, 5, 1, 12), top_r * 0.6)
        candles = union([cylinder(0.004, 0.05, (x, y + 0.025, z)) for x, z in spots])
        flames = union([sphere(0.005, (x, y + 0.058, z), (0.6, 1.6, 0.6)) for x, z in spots])
        parts += [
            Part(candles, "wax", (0.5, 0.7, 0.95), role="candles"),
            Part(flames, "flame", role="flame"),
        ]
    if {"slice", "piece", "wedge"} & attrs.words:
        wedge = prism([(0.0, 0.0), (r * 1.2, -r * 0.4), (r * 1.2, r * 0.4)], 1.0).rotate(
            (90.0, 0.0, 0.0)
        )
        parts = [Part(p.solid ^ wedge, p.material, p.colour, p.role) for p in parts]
        parts = [p for p in parts if not p.solid.is_empty()]
    return parts


def ice_cream(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    scoops = count_or(attrs, int(rng.integers(1, 4)), 1, 4)
    cone_h, r = uniform(rng, 0.1, 0.13), uniform(rng, 0.028, 0.033)
    cone = cylinder(0.002, cone_h, (0, cone_h / 2, 0), r_top=r)
    grid = union([torus(r * f, 0.0015, (0, cone_h * f, 0)) for f in (0.4, 0.6, 0.8)])
    colours = [(0.98, 0.92, 0.8), (0.95, 0.6, 0.7), (0.45, 0.28, 0.15), (0.7, 0.9, 0.6)]
    parts = [Part(union([cone, grid]), "baked", (0.85, 0.62, 0.3), role="cone")]
    for i in range(scoops):
        parts.append(
            Part(
                sphere(r * 1.1, (0, cone_h + r * 0.7 + i * r * 1.5, 0)),
                "icing",
                attrs.colour or colours[i % 4],
                role="scoop",
            )
        )
    return parts


def cookie(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r = uniform(rng, 0.035, 0.05)
    body = sphere(r, (0, 0, 0), (1.0, 0.18, 1.0)).translate((0, r * 0.18, 0))
    chips = union(
        [
            sphere(r * 0.1, (x, r * 0.33, z), (1.0, 0.7, 1.0))
            for x, z in ring_positions(7, r * 0.6, 0.4) + ring_positions(3, r * 0.25)
        ]
    )
    return [
        Part(body, "baked", (0.82, 0.6, 0.3)),
        Part(chips, "food", (0.25, 0.14, 0.08), role="spots"),
    ]


def lollipop(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r, stick = uniform(rng, 0.03, 0.045), uniform(rng, 0.1, 0.14)
    disc = cylinder(r, 0.012, (0, 0, 0)).rotate((90.0, 0.0, 0.0)).translate((0, stick + r, 0))
    swirl = union(
        [
            torus(r * f, 0.004).rotate((90.0, 0.0, 0.0)).translate((0, stick + r, 0.006))
            for f in (0.3, 0.55, 0.8)
        ]
    )
    return [
        Part(disc),
        Part(swirl, "icing", (0.98, 0.98, 0.95), role="trim"),
        Part(cylinder(0.003, stick, (0, stick / 2, 0)), "paper", _WHITE, role="stem"),
    ]


def candy_cane(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    length, r = uniform(rng, 0.15, 0.2), 0.007
    hook = (
        [(0.0, length, 0.0)]
        + [
            (-0.025 + 0.025 * np.cos(a), length + 0.025 * np.sin(a), 0.0)
            for a in np.linspace(0, np.pi, 7)[1:]
        ]
        + [(-0.05, length - 0.03, 0.0)]
    )
    path = [(0.0, r, 0.0)] + hook
    cane = union(
        [beam(a, b, r) for a, b in zip(path, path[1:], strict=False)]
        + [sphere(r, p) for p in path[1:-1]]
    )
    stripes = union(
        [
            cylinder(r * 1.05, 0.008, (0, 0, 0)).rotate((25.0, 0.0, 0.0)).translate((0, y, 0))
            for y in np.linspace(0.02, length - 0.01, 8)
        ]
    )
    return [
        Part(cane, "icing", _WHITE),
        Part(
            stripes ^ union([cane.scale((1.08, 1.0, 1.08))]),
            "icing",
            (0.85, 0.08, 0.1),
            role="trim",
        ),
    ]


def cheese(rng: np.random.Generator, attrs: Attributes) -> list[Part]:
    r, h = uniform(rng, 0.1, 0.15), uniform(rng, 0.05, 0.08)
    wedge = (
        prism([(0.0, 0.0), (r, -r * 0.35), (r, r * 0.35)], h)
        .rotate((90.0, 0.0, 0.0))
        .translate((-r / 2, h / 2, 0))
    )
    holes = union(
        [
            sphere(h * 0.18, (x, y, z))
            for x, y, z in (
                (0.0, h * 0.6, r * 0.14),
                (r * 0.3, h * 0.2, -r * 0.1),
                (r * 0.2, h, 0.02),
                (-r * 0.2, h * 0.4, 0.0),
            )
        ]
    )
    return [Part(wedge - holes)]
