"""Material presets (PBR values) and the procedural solid textures baked onto them.

Textures are 3D functions of the surface point (solid texturing), so wood grain runs
continuously across a chair's seat and legs and no UV seam shows a jump; the assets
bake evaluates them at every texel of the xatlas atlas.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

RGB = tuple[float, float, float]
Points = NDArray[np.float64]
ShadeFn = Callable[["NoiseField", Points, int], NDArray[np.float64]]


@dataclass(frozen=True)
class Preset:
    """glTF metallic-roughness values and the look of one material."""

    colour: RGB
    metallic: float
    roughness: float
    pattern: str | None = None  # a key of PATTERNS; None: a flat colour, nothing to bake
    feature_m: float = 0.05  # size of the pattern's features in metres
    alpha: float = 1.0
    emissive: bool = False


PRESETS: dict[str, Preset] = {
    "wood": Preset((0.62, 0.42, 0.24), 0.0, 0.65, "wood", 0.012),
    "dark_wood": Preset((0.33, 0.2, 0.11), 0.0, 0.6, "wood", 0.012),
    "bark": Preset((0.36, 0.25, 0.16), 0.0, 0.95, "bark", 0.03),
    "metal": Preset((0.62, 0.63, 0.65), 1.0, 0.38, "brushed", 0.004),
    "steel": Preset((0.7, 0.71, 0.73), 1.0, 0.3, "brushed", 0.004),
    "iron": Preset((0.3, 0.3, 0.32), 1.0, 0.6, "stone", 0.01),
    "chrome": Preset((0.9, 0.9, 0.92), 1.0, 0.08),
    "gold": Preset((0.95, 0.76, 0.33), 1.0, 0.25),
    "silver": Preset((0.9, 0.9, 0.9), 1.0, 0.2),
    "copper": Preset((0.92, 0.6, 0.45), 1.0, 0.3),
    "brass": Preset((0.88, 0.72, 0.38), 1.0, 0.35),
    "bronze": Preset((0.7, 0.47, 0.25), 1.0, 0.4),
    "glass": Preset((0.85, 0.92, 0.95), 0.0, 0.05, None, 0.05, 0.35),
    "stone": Preset((0.55, 0.54, 0.52), 0.0, 0.9, "stone", 0.04),
    "marble": Preset((0.9, 0.89, 0.87), 0.0, 0.3, "marble", 0.08),
    "concrete": Preset((0.62, 0.61, 0.6), 0.0, 0.95, "stone", 0.01),
    "brick": Preset((0.62, 0.28, 0.2), 0.0, 0.9, "brick", 0.065),
    "plastic": Preset((0.8, 0.8, 0.8), 0.0, 0.4),
    "fabric": Preset((0.55, 0.55, 0.6), 0.0, 0.95, "weave", 0.003),
    "leather": Preset((0.4, 0.23, 0.13), 0.0, 0.6, "stone", 0.004),
    "ceramic": Preset((0.92, 0.91, 0.88), 0.0, 0.2),
    "terracotta": Preset((0.72, 0.38, 0.24), 0.0, 0.85, "stone", 0.01),
    "rubber": Preset((0.08, 0.08, 0.09), 0.0, 0.9),
    "paper": Preset((0.9, 0.88, 0.82), 0.0, 0.85),
    "foliage": Preset((0.22, 0.48, 0.16), 0.0, 0.8, "foliage", 0.05),
    "grass": Preset((0.35, 0.6, 0.2), 0.0, 0.85, "foliage", 0.03),
    "soil": Preset((0.28, 0.19, 0.12), 0.0, 1.0, "stone", 0.01),
    "roof": Preset((0.55, 0.2, 0.15), 0.0, 0.8, "shingle", 0.12),
    "paint": Preset((0.85, 0.85, 0.82), 0.0, 0.55),
    "wax": Preset((0.95, 0.92, 0.82), 0.0, 0.5),
    "flame": Preset((1.0, 0.7, 0.2), 0.0, 1.0, None, 0.05, 1.0, True),
    "light": Preset((1.0, 0.95, 0.8), 0.0, 0.5, None, 0.05, 1.0, True),
    "gem": Preset((0.4, 0.75, 0.95), 0.0, 0.05, None, 0.05, 0.75),
    "liquid": Preset((0.2, 0.8, 0.3), 0.0, 0.1, None, 0.05, 0.85),
    "water": Preset((0.25, 0.45, 0.6), 0.0, 0.05, None, 0.05, 0.8),
}


class NoiseField:
    """Seeded 3D value noise (a hashed lattice, smoothly interpolated), vectorised."""

    def __init__(self, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self._perm = rng.permutation(256).astype(np.int64)
        self._values = rng.random(256)

    def _lattice(self, ix: NDArray[np.int64], iy: NDArray[np.int64],
                 iz: NDArray[np.int64]) -> NDArray[np.float64]:
        p = self._perm
        return self._values[p[(p[(p[ix & 255] + iy) & 255] + iz) & 255]]

    def noise(self, points: Points) -> NDArray[np.float64]:
        """Smooth noise in [0, 1] with features about one unit apart."""
        cell = np.floor(points)
        f = points - cell
        u = f * f * (3.0 - 2.0 * f)
        i = cell.astype(np.int64)
        out = np.zeros(len(points))
        for dx in (0, 1):
            wx = u[:, 0] if dx else 1.0 - u[:, 0]
            for dy in (0, 1):
                wy = u[:, 1] if dy else 1.0 - u[:, 1]
                for dz in (0, 1):
                    wz = u[:, 2] if dz else 1.0 - u[:, 2]
                    out += wx * wy * wz * self._lattice(i[:, 0] + dx, i[:, 1] + dy,
                                                        i[:, 2] + dz)
        return out

    def fbm(self, points: Points, octaves: int = 3) -> NDArray[np.float64]:
        """Fractal sum of octaves, in about [0, 1]."""
        total, amplitude, norm = np.zeros(len(points)), 1.0, 0.0
        for octave in range(octaves):
            total += amplitude * self.noise(points * (2.0**octave) + 17.3 * octave)
            norm += amplitude
            amplitude *= 0.5
        return total / norm


def _wood(field: NoiseField, p: Points, axis: int) -> NDArray[np.float64]:
    # Rings around the object's long axis, wobbled by noise: long streaks on long faces.
    across = np.delete(p, axis, axis=1)
    stretched = p.copy()
    stretched[:, axis] *= 0.08
    radius = np.linalg.norm(across, axis=1) + 0.6 * field.fbm(stretched * 0.5, 2)
    rings = np.abs(np.sin(radius * np.pi)) ** 6
    return 0.88 + 0.14 * field.noise(stretched * 4.0) - 0.18 * rings


def _brushed(field: NoiseField, p: Points, axis: int) -> NDArray[np.float64]:
    stretched = p.copy()
    stretched[:, axis] *= 0.02
    return 0.93 + 0.1 * field.noise(stretched)


def _stone(field: NoiseField, p: Points, axis: int) -> NDArray[np.float64]:
    return 0.78 + 0.4 * field.fbm(p, 3)


def _marble(field: NoiseField, p: Points, axis: int) -> NDArray[np.float64]:
    veins = np.abs(np.sin((p[:, 0] + p[:, 1] * 0.6 + 3.0 * field.fbm(p * 0.7, 3)) * np.pi))
    return 0.72 + 0.3 * veins**0.35


def _weave(field: NoiseField, p: Points, axis: int) -> NDArray[np.float64]:
    threads = np.sin(p[:, 0] * np.pi) * np.sin(p[:, 2] * np.pi) + np.sin(p[:, 1] * np.pi)
    return 0.9 + 0.05 * threads + 0.1 * field.noise(p * 0.05)


def _brick(field: NoiseField, p: Points, axis: int) -> NDArray[np.float64]:
    # Courses 1 unit tall, bricks 3.4 units long with every other course offset.
    course = np.floor(p[:, 1])
    along = p[:, 0] + p[:, 2] + 1.7 * (course % 2)
    mortar = (np.abs(p[:, 1] - course - 0.5) > 0.42) | (np.abs((along / 3.4) % 1 - 0.5) > 0.47)
    brick_tone = 0.85 + 0.25 * field.noise(np.stack([along / 3.4, course, course], axis=1))
    return np.where(mortar, 1.45, brick_tone * (0.9 + 0.1 * field.noise(p * 3)))


def _foliage(field: NoiseField, p: Points, axis: int) -> NDArray[np.float64]:
    return 0.65 + 0.6 * field.fbm(p, 3) ** 1.5


def _bark(field: NoiseField, p: Points, axis: int) -> NDArray[np.float64]:
    stretched = p * np.array([1.0, 0.15, 1.0])
    return 0.7 + 0.45 * field.fbm(stretched * 2.0, 2)


def _shingle(field: NoiseField, p: Points, axis: int) -> NDArray[np.float64]:
    row = np.floor(p[:, 1] * 2.0)
    edge = (p[:, 1] * 2.0 - row) < 0.12
    tile = 0.85 + 0.25 * field.noise(np.stack([p[:, 0] + p[:, 2] + row * 0.5, row, row], 1))
    return np.where(edge, 0.55, tile)


PATTERNS: dict[str, ShadeFn] = {
    "wood": _wood, "brushed": _brushed, "stone": _stone, "marble": _marble,
    "weave": _weave, "brick": _brick, "foliage": _foliage, "bark": _bark,
    "shingle": _shingle,
}


def shade_colours(preset: Preset, colour: RGB, points: Points, seed: int,
                  long_axis: int) -> NDArray[np.float64]:
    """RGB (N, 3) in 0..1: the colour modulated by the preset's pattern at each point."""
    base = np.asarray(colour, dtype=np.float64)
    if preset.pattern is None:
        return np.tile(base, (len(points), 1))
    field = NoiseField(seed)
    shade = PATTERNS[preset.pattern](field, points / preset.feature_m, long_axis)
    return np.clip(base[None, :] * shade[:, None], 0.0, 1.0)
