"""Things people ask for that this engine cannot build."""

from __future__ import annotations

# Things people ask for that this engine cannot build. A prompt closer to one of these
# than to any category is refused even if some category is vaguely similar ("a skull"
# resembles a tombstone). Kept generic: kinds of things, not benchmark prompts.
REJECT_CLASSES: dict[str, tuple[str, ...]] = {
    "animal": (
        "an animal",
        "a pet or a farm animal",
        "a wild animal",
        "a bird or a fish",
        "an insect",
    ),
    "person": ("a person", "a human figure", "a character in armour", "a body part"),
    "creature": ("a fantasy creature", "a monster", "a mythical beast"),
    "food": ("food", "a meal", "a piece of fruit", "a vegetable", "a snack or dessert"),
    "device": (
        "an electronic device",
        "a computer or a phone",
        "a household appliance",
        "a machine",
    ),
    "instrument": ("a musical instrument",),
    "clothing": ("clothing", "a piece of clothing or footwear", "a bag or an accessory"),
    "landmark": (
        "a famous landmark",
        "a skyscraper",
        "a large structure like a bridge or a dam",
        "a landscape or a scene",
    ),
}
