"""Words that name a part of an object, so "a house with a red roof" paints the roof.

Generators tag parts with one of the ROLES below; a colour or material written right
before a part word (skipping other such words: "black metal legs") applies to that
part only, and not to the whole object.
"""

from __future__ import annotations

# part word (singular or plural) -> role tag used by the generators
PART_WORDS: dict[str, str] = {
    "leg": "legs",
    "legs": "legs",
    "seat": "seat",
    "back": "back",
    "backrest": "back",
    "top": "top",
    "tabletop": "top",
    "cushion": "cushion",
    "cushions": "cushion",
    "pillow": "cushion",
    "pillows": "cushion",
    "handle": "handle",
    "handles": "handle",
    "knob": "handle",
    "knobs": "handle",
    "lid": "lid",
    "cap": "lid",
    "cork": "lid",
    "stopper": "lid",
    "shade": "shade",
    "lampshade": "shade",
    "roof": "roof",
    "door": "door",
    "doors": "door",
    "window": "window",
    "windows": "window",
    "trunk": "trunk",
    "leaves": "leaves",
    "leaf": "leaves",
    "foliage": "leaves",
    "crown": "leaves",
    "pot": "pot",
    "planter": "pot",
    "stem": "stem",
    "stalk": "stem",
    "spots": "spots",
    "dots": "spots",
    "wheel": "wheel",
    "wheels": "wheel",
    "tyres": "wheel",
    "tires": "wheel",
    "cargo": "cargo",
    "trailer": "cargo",
    "sail": "sail",
    "sails": "sail",
    "cabin": "cabin",
    "fin": "fin",
    "fins": "fin",
    "head": "head",
    "blade": "blade",
    "hilt": "hilt",
    "guard": "hilt",
    "pommel": "hilt",
    "grip": "handle",
    "trim": "trim",
    "band": "trim",
    "bands": "trim",
    "hoop": "trim",
    "hoops": "trim",
    "rim": "trim",
    "rims": "trim",
    "base": "base",
    "stand": "base",
    "holder": "base",
    "candlestick": "base",
    "candelabra": "base",
    "pedestal": "base",
    "frame": "frame",
    "books": "books",
    "mattress": "mattress",
    "sheets": "mattress",
    "blanket": "blanket",
    "duvet": "blanket",
    "quilt": "blanket",
    "flame": "flame",
    "liquid": "liquid",
    "shaft": "handle",
}


def split_part_phrases(
    tokens: list[str], descriptive: frozenset[str]
) -> tuple[list[str], dict[str, list[str]]]:
    """(tokens describing the whole object, tokens describing each part role)."""
    whole: list[str] = []
    parts: dict[str, list[str]] = {}
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and _is_descriptive(tokens[j], descriptive):
            j += 1
        if j > i and j < len(tokens) and tokens[j] in PART_WORDS:
            parts.setdefault(PART_WORDS[tokens[j]], []).extend(tokens[i:j])
            whole.append(tokens[j])
            i = j + 1
        elif j > i:
            whole.extend(tokens[i:j])
            i = j
        else:
            whole.append(tokens[i])
            i += 1
    return whole, parts


def _is_descriptive(token: str, descriptive: frozenset[str]) -> bool:
    return token in descriptive or any(p in descriptive for p in token.split("-"))
