"""Words for tools and weapons: hammers, axes, swords, shields, shovels, spears."""

from __future__ import annotations

from meshforge.engines.text_to_3d.vocabulary.category import kind

KINDS = (
    kind(
        "hammer",
        (0.25, 0.45),
        "hammer, claw hammer, mallet",
        "a hammer; a claw hammer with a wooden handle; a tool for nails",
        "wood",
        place="small",
    ),
    kind(
        "axe",
        (0.55, 1.0),
        "axe, hatchet, ax",
        "an axe; a wood-chopping axe; a hatchet",
        "wood",
        place="small",
    ),
    kind(
        "sword",
        (0.75, 1.25),
        "sword, longsword, broadsword, katana, blade, sabre, saber",
        "a sword; a knight's longsword; a medieval sword with a hilt",
        "steel",
        place="small",
    ),
    kind(
        "shield",
        (0.55, 0.95),
        "shield, buckler",
        "a shield; a knight's shield; a round viking shield",
        "wood",
        place="small",
    ),
    kind(
        "shovel",
        (1.1, 1.6),
        "shovel, spade",
        "a shovel; a garden spade for digging",
        "wood",
        place="small",
    ),
    kind(
        "spear",
        (1.8, 2.8),
        "spear, lance, javelin, pike",
        "a spear; a lance; a javelin",
        "wood",
        place="small",
    ),
)
