"""Attributes a prompt states besides the object: colour, material, size, count, style.

Plain word lists on purpose: these words are a closed set, and a lookup is exact,
instant and explainable, where the embedding model is only needed for the open set
of object names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from meshforge.engines.text_to_3d.part_words import split_part_phrases

RGB = tuple[float, float, float]

COLOURS: dict[str, RGB] = {
    "red": (0.78, 0.10, 0.10),
    "crimson": (0.65, 0.05, 0.15),
    "maroon": (0.45, 0.05, 0.08),
    "orange": (0.95, 0.50, 0.10),
    "yellow": (0.95, 0.82, 0.15),
    "gold": (0.83, 0.66, 0.22),
    "golden": (0.83, 0.66, 0.22),
    "green": (0.15, 0.55, 0.20),
    "lime": (0.55, 0.85, 0.20),
    "olive": (0.45, 0.47, 0.18),
    "teal": (0.05, 0.50, 0.50),
    "cyan": (0.10, 0.75, 0.85),
    "turquoise": (0.20, 0.78, 0.72),
    "blue": (0.12, 0.28, 0.75),
    "navy": (0.06, 0.10, 0.35),
    "purple": (0.45, 0.18, 0.60),
    "violet": (0.55, 0.30, 0.80),
    "lavender": (0.70, 0.60, 0.85),
    "pink": (0.95, 0.50, 0.65),
    "magenta": (0.85, 0.15, 0.60),
    "brown": (0.42, 0.26, 0.13),
    "tan": (0.78, 0.65, 0.47),
    "beige": (0.88, 0.82, 0.68),
    "cream": (0.95, 0.92, 0.80),
    "white": (0.93, 0.93, 0.92),
    "ivory": (0.96, 0.94, 0.86),
    "black": (0.06, 0.06, 0.07),
    "grey": (0.50, 0.50, 0.52),
    "gray": (0.50, 0.50, 0.52),
    "silver": (0.78, 0.79, 0.80),
    "bronze": (0.70, 0.45, 0.20),
    "copper": (0.72, 0.42, 0.28),
    "ruby": (0.7, 0.05, 0.15),
    "emerald": (0.05, 0.6, 0.3),
    "sapphire": (0.1, 0.2, 0.75),
    "amethyst": (0.55, 0.3, 0.75),
}
_SHADES = {"light": 0.45, "pale": 0.55, "dark": -0.45, "deep": -0.3, "bright": 0.15}

# word -> materials.PRESETS key
MATERIAL_WORDS: dict[str, str] = {
    "wood": "wood",
    "wooden": "wood",
    "timber": "wood",
    "walnut": "dark_wood",
    "mahogany": "dark_wood",
    "ebony": "dark_wood",
    "bamboo": "wood",
    "metal": "metal",
    "metallic": "metal",
    "steel": "steel",
    "iron": "iron",
    "aluminium": "steel",
    "aluminum": "steel",
    "chrome": "chrome",
    "gold": "gold",
    "golden": "gold",
    "silver": "silver",
    "copper": "copper",
    "brass": "brass",
    "bronze": "bronze",
    "glass": "glass",
    "crystal": "glass",
    "stone": "stone",
    "marble": "marble",
    "granite": "stone",
    "rock": "stone",
    "concrete": "concrete",
    "brick": "brick",
    "plastic": "plastic",
    "fabric": "fabric",
    "cloth": "fabric",
    "velvet": "fabric",
    "wool": "fabric",
    "linen": "fabric",
    "cotton": "fabric",
    "leather": "leather",
    "ceramic": "ceramic",
    "porcelain": "ceramic",
    "clay": "terracotta",
    "terracotta": "terracotta",
    "rubber": "rubber",
    "paper": "paper",
    "cardboard": "paper",
}
# Words that name both a colour and a material: a material when a colour is also given
# ("red gold") and otherwise a metal ("a golden trophy"); "gold" / "silver" as metals.
_METAL_COLOURS = {"gold", "golden", "silver", "bronze", "copper"}

_COUNT_WORDS = {
    "one": 1,
    "single": 1,
    "two": 2,
    "double": 2,
    "twin": 2,
    "three": 3,
    "triple": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
}
# size word -> (overall scale, extra height scale)
_SIZES: dict[str, tuple[float, float]] = {
    "tiny": (0.5, 1.0),
    "miniature": (0.5, 1.0),
    "small": (0.75, 1.0),
    "little": (0.75, 1.0),
    "large": (1.3, 1.0),
    "big": (1.3, 1.0),
    "huge": (1.7, 1.0),
    "giant": (2.0, 1.0),
    "tall": (1.0, 1.35),
    "short": (1.0, 0.75),
    "low": (1.0, 0.8),
}
STYLES: dict[str, str] = {
    "low-poly": "low-poly",
    "lowpoly": "low-poly",
    "low poly": "low-poly",
    "faceted": "low-poly",
    "polygonal": "low-poly",
    "modern": "modern",
    "minimalist": "modern",
    "contemporary": "modern",
    "sleek": "modern",
    "rustic": "rustic",
    "antique": "rustic",
    "medieval": "rustic",
    "old": "rustic",
    "vintage": "rustic",
    "futuristic": "futuristic",
    "sci-fi": "futuristic",
    "high-poly": "smooth",
    "smooth": "smooth",
    "detailed": "smooth",
    "cartoon": "cartoon",
    "cartoony": "cartoon",
    "stylized": "cartoon",
    "toy": "cartoon",
}


_DESCRIPTIVE = frozenset(set(COLOURS) | set(_SHADES) | set(MATERIAL_WORDS))


@dataclass(frozen=True)
class Attributes:
    """What the prompt says about the object, each None / 1.0 when not stated."""

    colour: RGB | None = None
    colour_name: str | None = None
    accent_colour: RGB | None = None
    material: str | None = None  # a materials.PRESETS key
    scale: float = 1.0
    height_scale: float = 1.0
    count: int | None = None
    style: str | None = None
    words: frozenset[str] = field(default_factory=frozenset)
    part_colours: dict[str, RGB] = field(default_factory=dict)  # role -> colour
    part_materials: dict[str, str] = field(default_factory=dict)  # role -> preset


def tokenize(prompt: str) -> list[str]:
    """Lower-case words, keeping hyphenated words whole and split ("three-legged")."""
    return re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", prompt.lower())


def parse_attributes(prompt: str) -> Attributes:
    tokens = tokenize(prompt)
    whole, part_tokens = split_part_phrases(tokens, _DESCRIPTIVE)
    colour_name, colour, accent, material = _colour_and_material(whole)
    part_colours, part_materials = {}, {}
    for role, described in part_tokens.items():
        _, part_colour, _, part_material = _colour_and_material(described)
        if part_colour is not None:
            part_colours[role] = part_colour
        if part_material is not None:
            part_materials[role] = part_material
    scale, height = _find_size(_without_style_phrases(tokens))
    return Attributes(
        colour=colour,
        colour_name=colour_name,
        accent_colour=accent,
        material=material,
        scale=scale,
        height_scale=height,
        count=_find_count(tokens),
        style=_find_style(prompt.lower(), _expand_hyphens(tokens)),
        words=frozenset(_expand_hyphens(tokens)),
        part_colours=part_colours,
        part_materials=part_materials,
    )


def _colour_and_material(
    tokens: list[str],
) -> tuple[str | None, RGB | None, RGB | None, str | None]:
    """(first colour name, its RGB, a second colour, material preset) of some words."""
    colours = _find_colours(tokens)
    material = _find_material(_expand_hyphens(tokens))
    if material in _METAL_COLOURS | {"gold"}:
        # "a golden cup": golden is the metal, not a paint colour on top of it.
        colours = [c for c in colours if c[0] not in _METAL_COLOURS]
    return (
        colours[0][0] if colours else None,
        colours[0][1] if colours else None,
        colours[1][1] if len(colours) > 1 else None,
        material,
    )


def attribute_words() -> frozenset[str]:
    """Every word this module interprets; the classifier strips them from the object name."""
    return frozenset(
        set(COLOURS)
        | set(_SHADES)
        | set(MATERIAL_WORDS)
        | set(_COUNT_WORDS)
        | set(_SIZES)
        | {w for style in STYLES for w in style.split()}
    )


def _expand_hyphens(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        out.append(token)
        if "-" in token:
            out.extend(token.split("-"))
    return out


def _find_colours(tokens: list[str]) -> list[tuple[str, RGB]]:
    found: list[tuple[str, RGB]] = []
    for i, token in enumerate(tokens):
        for part in token.split("-"):
            if part not in COLOURS:
                continue
            shade = tokens[i - 1] if i > 0 else ""
            found.append((part, _shaded(COLOURS[part], _SHADES.get(shade, 0.0))))
    return found


def _shaded(colour: RGB, amount: float) -> RGB:
    """Mix towards white (amount > 0) or black (amount < 0)."""
    if amount >= 0:
        r, g, b = (c + (1.0 - c) * amount for c in colour)
    else:
        r, g, b = (c * (1.0 + amount) for c in colour)
    return (r, g, b)


def _find_material(words: list[str]) -> str | None:
    """First material word; a metal-colour word ("golden") only if nothing else is named."""
    named = [w for w in words if w in MATERIAL_WORDS]
    plain = [w for w in named if w not in _METAL_COLOURS]
    chosen = plain or named
    return MATERIAL_WORDS[chosen[0]] if chosen else None


def _find_count(tokens: list[str]) -> int | None:
    for token in tokens:
        head = token.split("-")[0]
        if head in _COUNT_WORDS and (token != head or head not in {"one", "single"}):
            return _COUNT_WORDS[head]
        if head.isdigit() and 0 < int(head) <= 24:
            return int(head)
    for token in tokens:
        if token in _COUNT_WORDS:
            return _COUNT_WORDS[token]
    return None


def _without_style_phrases(tokens: list[str]) -> list[str]:
    """Tokens minus multi-word style phrases, so "low poly" is not read as "low"."""
    text = f" {' '.join(tokens)} "
    for phrase in STYLES:
        if " " in phrase:
            text = text.replace(f" {phrase} ", " ")
    return text.split()


def _find_size(words: list[str]) -> tuple[float, float]:
    scale, height = 1.0, 1.0
    for word in words:
        if word in _SIZES:
            s, h = _SIZES[word]
            scale, height = scale * s, height * h
    return min(max(scale, 0.3), 2.5), min(max(height, 0.5), 2.0)


def _find_style(text: str, words: list[str]) -> str | None:
    for phrase, style in STYLES.items():
        if " " in phrase and phrase in text:
            return style
    for word in words:
        if word in STYLES:
            return STYLES[word]
    return None
