"""One kind of object the engine can build, and how people ask for it."""

from __future__ import annotations

from dataclasses import dataclass, field

RGB = tuple[float, float, float]

# Where a kind goes in a scene when the prompt only says "with": a small thing is put on
# a piece of furniture that holds things ("a desk with a lamp"), anything else beside it.
PLACES = ("floor", "small")


@dataclass(frozen=True)
class Category:
    name: str  # the generator key, e.g. "wine_glass"
    keywords: tuple[str, ...]  # nouns that name the kind outright (whole words, plurals folded)
    phrases: tuple[str, ...]  # short descriptions the embedding model compares prompts with
    material: str  # default materials.PRESETS key of the main parts
    size_m: tuple[float, float]  # real-world range of the largest dimension, metres
    colour: RGB | None = None  # default main colour; None: the material's own
    place: str = "floor"  # one of PLACES
    holds: bool = False  # its top is a place to put small things (tables, shelves, trays)
    parts: tuple[str, ...] = ()  # nouns it draws itself ("a cake with candles")
    groups: bool = False  # a count makes one object of several ("three candles")
    family: str = field(default="", compare=False)  # the module it is listed in

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")


def kind(
    name: str,
    size_m: tuple[float, float],
    keywords: str,
    phrases: str,
    material: str,
    colour: RGB | None = None,
    *,
    place: str = "floor",
    holds: bool = False,
    parts: str = "",
    groups: bool = False,
) -> Category:
    """A Category from comma-separated keywords and parts and ';'-separated phrases."""
    if place not in PLACES:
        raise ValueError(f"{name}: place must be one of {PLACES}")
    return Category(
        name,
        _split(keywords, ","),
        _split(phrases, ";"),
        material,
        size_m,
        colour,
        place,
        holds,
        _split(parts, ","),
        groups,
    )


def _split(text: str, separator: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(separator) if item.strip())
