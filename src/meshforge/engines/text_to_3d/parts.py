"""What a generator returns: solids tagged with the material they are made of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from manifold3d import Manifold

from meshforge.engines.text_to_3d.attributes import RGB, Attributes  # RGB: sRGB in 0..1


@dataclass(frozen=True)
class Part:
    """One solid of an object.

    material None means "the object's main material": the colour and material the
    prompt asks for (or the category default). Other parts name a preset from
    materials.PRESETS, optionally with a fixed colour (a red book, a green bottle).
    """

    solid: Manifold
    material: str | None = None
    colour: RGB | None = None
    role: str | None = None  # a part_words role ("legs", "roof") the prompt may recolour


Generator = Callable[[np.random.Generator, Attributes], list[Part]]


def uniform(rng: np.random.Generator, low: float, high: float) -> float:
    """One draw in [low, high) as a plain float (keeps generator code short)."""
    return float(rng.uniform(low, high))


def uniforms(rng: np.random.Generator, *ranges: tuple[float, float]) -> tuple[float, ...]:
    """One draw per (low, high) range: `width, height = uniforms(rng, (1, 2), (3, 4))`."""
    return tuple(uniform(rng, low, high) for low, high in ranges)


def choose(rng: np.random.Generator, options: list[str]) -> str:
    return options[int(rng.integers(len(options)))]


def count_or(attrs: Attributes, default: int, low: int, high: int) -> int:
    """The count the prompt asked for ("three-legged"), clamped to what the object allows."""
    if attrs.count is None:
        return default
    return max(low, min(high, attrs.count))


_ROUND = frozenset({"round", "circular", "oval"})
_SQUARE = frozenset({"square", "rectangular", "angular", "heater", "kite"})


def round_variant(rng: np.random.Generator, attrs: Attributes, chance: float) -> bool:
    """Whether to build the round design: as the prompt says, else by chance."""
    if attrs.words & _ROUND:
        return True
    if attrs.words & _SQUARE:
        return False
    return bool(rng.random() < chance)
