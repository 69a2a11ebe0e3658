"""Words for buildings and their parts: houses, towers, columns, arches, doors, fences,
stairs, wells."""

from __future__ import annotations

from meshforge.engines.text_to_3d.vocabulary.category import kind

KINDS = (
    kind(
        "house",
        (6.0, 15.0),
        "house, home, cottage, cabin, bungalow, farmhouse",
        "a house; a small cottage with a roof and windows; a family home",
        "paint",
        (0.9, 0.86, 0.76),
    ),
    kind(
        "tower",
        (8.0, 25.0),
        "tower, castle tower, watchtower, turret, keep, castle",
        "a castle tower; a stone watchtower with battlements; a medieval tower",
        "stone",
    ),
    kind(
        "column",
        (2.0, 4.5),
        "column, pillar, greek column, roman column",
        "a classical column; a marble pillar; a greek column",
        "marble",
    ),
    kind(
        "archway",
        (2.5, 6.5),
        "archway, arch, gate, gateway",
        "a stone archway; an arch; a gateway",
        "stone",
    ),
    kind(
        "door",
        (1.9, 2.4),
        "door, front door, doorway",
        "a wooden door; a front door with panels; a door in a frame",
        "wood",
    ),
    kind(
        "fence",
        (0.8, 3.5),
        "fence, picket fence, railing, palisade",
        "a wooden picket fence; a garden fence; a fence section",
        "paint",
        (0.95, 0.95, 0.93),
    ),
    kind(
        "staircase",
        (1.0, 4.5),
        "staircase, stairs, stairway, steps, stair",
        "a staircase; a flight of stairs; steps with a handrail",
        "wood",
    ),
    kind(
        "well",
        (1.5, 3.5),
        "well, wishing well, water well",
        "a wishing well; a stone water well with a roof",
        "stone",
        parts="bucket",
    ),
)
