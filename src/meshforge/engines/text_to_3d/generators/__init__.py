"""Every object generator by kind name: the function of that name in its family's module."""

from __future__ import annotations

import importlib

from meshforge.engines.text_to_3d.parts import Generator
from meshforge.engines.text_to_3d.vocabulary import CATEGORIES, FAMILIES

_MODULES = {family: importlib.import_module(f"{__name__}.{family}") for family in FAMILIES}

GENERATORS: dict[str, Generator] = {
    category.name: getattr(_MODULES[category.family], category.name) for category in CATEGORIES
}
