"""Material presets: glTF metallic-roughness values and which tiling pattern to use.

Colours are sRGB in 0..1. Metals carry their own colour (gold is yellow) unless the
prompt names one; patterns are drawn by tiling.py.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class Preset:
    """glTF metallic-roughness values and the look of one material."""

    colour: RGB
    metallic: float
    roughness: float
    pattern: str | None = None  # a key of tiling.PATTERNS; None: a flat colour
    alpha: float = 1.0
    emissive: bool = False


PRESETS: dict[str, Preset] = {
    "wood": Preset((0.62, 0.42, 0.24), 0.0, 0.65, "wood"),
    "dark_wood": Preset((0.33, 0.2, 0.11), 0.0, 0.6, "wood"),
    "bark": Preset((0.36, 0.25, 0.16), 0.0, 0.95, "bark"),
    "metal": Preset((0.62, 0.63, 0.65), 1.0, 0.38, "brushed"),
    "steel": Preset((0.7, 0.71, 0.73), 1.0, 0.3, "brushed"),
    "iron": Preset((0.3, 0.3, 0.32), 1.0, 0.6, "stone"),
    "chrome": Preset((0.9, 0.9, 0.92), 1.0, 0.08),
    "gold": Preset((0.95, 0.76, 0.33), 1.0, 0.25),
    "silver": Preset((0.9, 0.9, 0.9), 1.0, 0.2),
    "copper": Preset((0.92, 0.6, 0.45), 1.0, 0.3),
    "brass": Preset((0.88, 0.72, 0.38), 1.0, 0.35),
    "bronze": Preset((0.7, 0.47, 0.25), 1.0, 0.4),
    "glass": Preset((0.85, 0.92, 0.95), 0.0, 0.05, None, 0.35),
    "stone": Preset((0.55, 0.54, 0.52), 0.0, 0.9, "stone"),
    "marble": Preset((0.9, 0.89, 0.87), 0.0, 0.3, "marble"),
    "concrete": Preset((0.62, 0.61, 0.6), 0.0, 0.95, "stone"),
    "brick": Preset((0.62, 0.28, 0.2), 0.0, 0.9, "brick"),
    "plastic": Preset((0.8, 0.8, 0.8), 0.0, 0.4),
    "fabric": Preset((0.55, 0.55, 0.6), 0.0, 0.95, "weave"),
    "leather": Preset((0.4, 0.23, 0.13), 0.0, 0.6, "stone"),
    "ceramic": Preset((0.92, 0.91, 0.88), 0.0, 0.2),
    "terracotta": Preset((0.72, 0.38, 0.24), 0.0, 0.85, "stone"),
    "rubber": Preset((0.08, 0.08, 0.09), 0.0, 0.9),
    "paper": Preset((0.9, 0.88, 0.82), 0.0, 0.85),
    "foliage": Preset((0.22, 0.48, 0.16), 0.0, 0.8, "foliage"),
    "grass": Preset((0.35, 0.6, 0.2), 0.0, 0.85, "foliage"),
    "soil": Preset((0.28, 0.19, 0.12), 0.0, 1.0, "stone"),
    "roof": Preset((0.55, 0.2, 0.15), 0.0, 0.8, "shingle"),
    "paint": Preset((0.85, 0.85, 0.82), 0.0, 0.55),
    "wax": Preset((0.95, 0.92, 0.82), 0.0, 0.5),
    "flame": Preset((1.0, 0.7, 0.2), 0.0, 1.0, None, 1.0, True),
    "light": Preset((1.0, 0.95, 0.8), 0.0, 0.5, None, 1.0, True),
    "gem": Preset((0.4, 0.75, 0.95), 0.0, 0.05, None, 0.75),
    "liquid": Preset((0.2, 0.8, 0.3), 0.0, 0.1, None, 0.85),
    "water": Preset((0.25, 0.45, 0.6), 0.0, 0.05, None, 0.8),
    "mirror": Preset((0.93, 0.94, 0.96), 1.0, 0.03),
    "screen": Preset((0.04, 0.05, 0.07), 0.2, 0.12),
    "wicker": Preset((0.74, 0.56, 0.33), 0.0, 0.8, "weave"),
    "food": Preset((0.8, 0.3, 0.2), 0.0, 0.5),
    "baked": Preset((0.8, 0.55, 0.27), 0.0, 0.85, "stone"),
    "icing": Preset((0.96, 0.72, 0.8), 0.0, 0.35),
}
