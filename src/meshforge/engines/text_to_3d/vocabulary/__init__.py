"""The kinds of objects the engine can build: names, how people ask for them, default looks.

One module per family lists its kinds (the family is the module's name, and the
generator of a kind is the function of that name in `generators.<family>`).
`keywords` are nouns that name a kind outright (matched as whole words, plurals
folded); `phrases` are short descriptions embedded once by the classifier so that
paraphrases ("something to sit on at the dinner table") land on the right kind.
"""

from __future__ import annotations

import dataclasses
from types import ModuleType

from meshforge.engines.text_to_3d.vocabulary import (
    architecture,
    fantasy,
    food,
    furniture,
    garden,
    household,
    instruments,
    kitchen,
    lighting,
    nature,
    office,
    props,
    sports,
    street,
    tableware,
    tools,
    toys,
    vehicles,
)
from meshforge.engines.text_to_3d.vocabulary.category import RGB, Category, kind
from meshforge.engines.text_to_3d.vocabulary.rejects import REJECT_CLASSES

__all__ = [
    "BY_NAME",
    "CATEGORIES",
    "FAMILIES",
    "REJECT_CLASSES",
    "RGB",
    "Category",
    "kind",
    "kinds_by_family",
    "vocabulary_summary",
]

_MODULES: tuple[ModuleType, ...] = (
    furniture,
    household,
    office,
    tableware,
    lighting,
    architecture,
    nature,
    vehicles,
    tools,
    props,
    street,
    kitchen,
    garden,
    toys,
    sports,
    instruments,
    food,
    fantasy,
)
FAMILIES: tuple[str, ...] = tuple(m.__name__.rsplit(".", 1)[-1] for m in _MODULES)

CATEGORIES: tuple[Category, ...] = tuple(
    dataclasses.replace(category, family=family)
    for family, module in zip(FAMILIES, _MODULES, strict=True)
    for category in module.KINDS
)

BY_NAME: dict[str, Category] = {c.name: c for c in CATEGORIES}


def kinds_by_family() -> dict[str, list[str]]:
    """Every kind's label, by family, in vocabulary order."""
    families: dict[str, list[str]] = {}
    for category in CATEGORIES:
        families.setdefault(category.family, []).append(category.label)
    return families


def vocabulary_summary() -> str:
    """One line per family, for GET /v1/models and the README."""
    return "; ".join(f"{f}: {', '.join(names)}" for f, names in kinds_by_family().items())
