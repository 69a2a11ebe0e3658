"""Things people ask for that this engine cannot build.

A prompt closer to one of these than to any kind is refused even if some kind is
vaguely similar ("a skull" resembles a tombstone). Kept generic: kinds of things, not
benchmark prompts. Food, instruments and devices left this list when the vocabulary
grew to cover them; what remains are living things, people, places, weather, ideas,
clothing and machines the engine has no kind for.
"""

from __future__ import annotations

REJECT_CLASSES: dict[str, tuple[str, ...]] = {
    "animal": (
        "an animal",
        "a pet or a farm animal",
        "a wild animal",
        "a bird or a fish",
        "an insect or a spider",
        "a sea creature",
    ),
    "person": (
        "a person",
        "a human figure",
        "a knight or a soldier in armour",
        "a body part or an organ",
        "a doll or a statue of a person",
    ),
    "creature": (
        "a fantasy creature",
        "a monster",
        "a mythical beast",
        "a fairy, an elf or a ghost",
    ),
    "place": (
        "a famous landmark or monument",
        "a skyscraper or a cathedral",
        "a large structure like a bridge or a dam",
        "a landscape or a scene",
        "a planet, the moon or a galaxy",
    ),
    "nature": (
        "the weather, clouds or rain",
        "leaves, sand, snow or water",
        "a heap of leaves, sand or stones",
        "a river, a lake or a waterfall",
    ),
    "idea": ("an abstract idea or a feeling", "a number, a letter or a symbol"),
    "clothing": (
        "clothing",
        "a piece of clothing or footwear",
        "jewellery, glasses or a watch",
        "a hat or a cap",
    ),
    "machine": (
        "an engine or a motor",
        "heavy machinery like a tractor or a bulldozer",
        "a robot",
        "a submarine or a spacecraft",
        "a power tool or a hand tool",
        "a household appliance",
    ),
    "meal": ("a cooked meal or a dish of food", "soup, pasta or noodles"),
}
