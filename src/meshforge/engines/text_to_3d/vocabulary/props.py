"""Words for game props: chests, barrels, crates, potions, trophies, crystals, tombstones,
signposts, coins."""

from __future__ import annotations

from meshforge.engines.text_to_3d.vocabulary.category import kind

KINDS = (
    kind(
        "treasure_chest",
        (0.55, 1.0),
        "treasure chest, chest, trunk, coffer",
        "a treasure chest; a wooden chest with metal bands; a pirate chest",
        "wood",
        holds=True,
    ),
    kind(
        "barrel",
        (0.75, 1.05),
        "barrel, cask, keg",
        "a wooden barrel; a cask with iron hoops; a keg",
        "wood",
        holds=True,
    ),
    kind(
        "crate",
        (0.45, 1.3),
        "crate, wooden box, box, shipping crate",
        "a wooden crate; a shipping box; a storage crate",
        "wood",
        holds=True,
    ),
    kind(
        "potion",
        (0.1, 0.25),
        "potion, potion bottle, elixir, vial, philter",
        "a potion bottle; a magic elixir in a round flask; a vial",
        "liquid",
        (0.2, 0.75, 0.35),
        place="small",
    ),
    kind(
        "trophy",
        (0.2, 0.45),
        "trophy, cup trophy, trophy cup, award, award cup, prize cup",
        "a trophy cup; a golden award; a winner's trophy",
        "gold",
        place="small",
    ),
    kind(
        "crystal",
        (0.15, 0.8),
        "crystal, gem, gemstone, diamond, amethyst, quartz",
        "a crystal cluster; a glowing gem; magic crystals",
        "gem",
        place="small",
        groups=True,
    ),
    kind(
        "tombstone",
        (0.6, 1.2),
        "tombstone, gravestone, headstone, grave",
        "a tombstone; a gravestone with a cross; a headstone in a cemetery",
        "stone",
    ),
    kind(
        "signpost",
        (1.7, 2.6),
        "signpost, sign post, road sign, sign, direction sign, signboard",
        "a signpost with arrows; a wooden direction sign",
        "wood",
    ),
    kind(
        "coin",
        (0.015, 0.04),
        "coin, gold coin, token, doubloon",
        "a coin; a gold coin; a round metal coin",
        "gold",
        place="small",
        groups=True,
    ),
)
