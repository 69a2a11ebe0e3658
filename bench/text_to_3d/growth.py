"""Does the matcher keep its accuracy as the vocabulary grows? The everyday held-out
prompts are classified with the vocabulary as it grew in #16 (the 57 kinds before it,
then each family added, in the order they were built): at each step, a prompt whose
object is in the vocabulary must get it and every other prompt must be refused."""

from __future__ import annotations

from typing import Any

from bench.text_to_3d.objects import rate
from bench.text_to_3d.sets import Prompt
from meshforge.engines.base import EngineInputError
from meshforge.engines.text_to_3d.classifier import Encoder, PromptClassifier
from meshforge.engines.text_to_3d.mentions import word_set
from meshforge.engines.text_to_3d.vocabulary import CATEGORIES

# The 57 kinds before #16 (with today's keywords, so this measures today's matcher).
ORIGINAL_KINDS = word_set(
    "chair stool table desk sofa bed bookshelf cabinet bench mug bowl plate vase bottle "
    "wine_glass teapot bucket jar table_lamp floor_lamp candle lantern street_lamp house "
    "tower column archway door fence staircase well tree pine_tree potted_plant cactus "
    "mushroom rock car truck boat airplane rocket hammer axe sword shield shovel spear "
    "treasure_chest barrel crate potion trophy crystal tombstone signpost coin"
)
# Families in the order #16 added them, with the kinds each step added to old families.
STEPS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("57 kinds (before)", (), ()),
    (
        "+ household, office",
        ("household", "office"),
        ("armchair", "rocking_chair", "nightstand", "chest_of_drawers", "office_chair"),
    ),
    (
        "+ street, kitchen",
        ("street", "kitchen"),
        ("bicycle", "motorcycle", "scooter", "bus", "train", "helicopter"),
    ),
    ("+ garden", ("garden",), ()),
    ("+ toys, sports", ("toys", "sports"), ()),
    ("+ instruments", ("instruments",), ()),
    ("+ food", ("food",), ()),
    ("+ fantasy (all)", ("fantasy",), ()),
)


def growth(encoder: Encoder, prompts: list[Prompt]) -> list[dict[str, Any]]:
    """Right-object and refusal rates of the prompts at each vocabulary size."""
    families: set[str] = set()
    names: set[str] = set(ORIGINAL_KINDS)
    out = []
    for label, added_families, added_kinds in STEPS:
        families |= set(added_families)
        names |= set(added_kinds)
        kinds = tuple(c for c in CATEGORIES if c.name in names or c.family in families)
        out.append({"step": label, "kinds": len(kinds), **_score(encoder, kinds, prompts)})
    return out


def _score(encoder: Encoder, kinds: tuple[Any, ...], prompts: list[Prompt]) -> dict[str, Any]:
    classifier = PromptClassifier(encoder, kinds)
    names = {k.name for k in kinds}
    right: list[bool] = []
    refused: list[bool] = []
    for prompt in prompts:
        expected = prompt.expected if prompt.expected in names else None
        try:
            got: str | None = classifier.classify(prompt.text).category.name
        except EngineInputError:
            got = None
        (right if expected else refused).append(got == expected)
    return {
        "in_vocabulary": len(right),
        "right_object": rate(right),
        "out_of_vocabulary": len(refused),
        "oov_refused": rate(refused),
    }
