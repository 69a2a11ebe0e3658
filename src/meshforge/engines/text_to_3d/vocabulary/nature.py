"""Words for plants and nature: trees, pines, potted plants, cacti, mushrooms, rocks."""

from __future__ import annotations

from meshforge.engines.text_to_3d.vocabulary.category import kind

KINDS = (
    kind(
        "tree",
        (3.0, 10.0),
        "tree, oak, oak tree, maple, birch, apple tree, deciduous tree, willow, elm",
        "a tree; a leafy oak tree; a green tree with a trunk and branches",
        "foliage",
    ),
    kind(
        "pine_tree",
        (4.0, 13.0),
        "pine tree, pine, fir, spruce, conifer, christmas tree, evergreen",
        "a pine tree; a fir tree; a christmas tree; an evergreen conifer",
        "foliage",
        (0.1, 0.35, 0.15),
    ),
    kind(
        "potted_plant",
        (0.2, 0.8),
        "potted plant, houseplant, house plant, plant, pot plant, succulent, plant in a pot, fern",
        "a potted plant; a houseplant in a pot; a plant with leaves",
        "foliage",
        place="small",
        parts="pot, flower pot, planter",
    ),
    kind(
        "cactus",
        (0.7, 2.2),
        "cactus, cacti, saguaro",
        "a cactus; a desert saguaro cactus with arms",
        "foliage",
        (0.25, 0.5, 0.25),
    ),
    kind(
        "mushroom",
        (0.05, 0.25),
        "mushroom, toadstool, fungus",
        "a mushroom; a red toadstool with white spots; a fungus",
        "paint",
        (0.78, 0.12, 0.1),
        place="small",
    ),
    kind(
        "rock",
        (0.3, 1.6),
        "rock, boulder, stone, pebble",
        "a rock; a large boulder; a stone",
        "stone",
    ),
)
