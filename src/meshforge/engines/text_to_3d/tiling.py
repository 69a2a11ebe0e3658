"""Tiling procedural textures and box-projected UVs for them.

Why not an xatlas atlas plus a per-object bake: a bake costs seconds per material at
1024 px and spreads one image over the whole object (a house's bricks turn to mush),
while a tiling texture is made in milliseconds and keeps real-world texel density at
any object size. UVs are in metres / tile size, so they run past 1 and rely on the
REPEAT wrapping that glTF, USD and OBJ viewers apply by default.
"""

from __future__ import annotations

import functools

import cv2
import numpy as np
import trimesh
from numpy.typing import NDArray
from PIL import Image

from meshforge.engines.text_to_3d.materials import RGB

Grey = NDArray[np.float64]

# Real-world size of one texture tile per pattern, in metres.
TILE_METRES: dict[str, float] = {
    "wood": 0.6,
    "brushed": 0.4,
    "stone": 0.8,
    "marble": 1.0,
    "weave": 0.08,
    "brick": 0.9,
    "foliage": 0.6,
    "bark": 0.8,
    "shingle": 1.2,
}


def box_uv(mesh: trimesh.Trimesh, tile_m: float, long_axis: int) -> trimesh.Trimesh:
    """A copy whose faces are projected on the axis plane they face most; vertices are
    split only where neighbouring faces use different planes. The object's long axis
    becomes U wherever a plane contains it, so wood grain runs along boards and legs."""
    normals = np.asarray(mesh.face_normals)
    face_axis = np.argmax(np.abs(normals), axis=1)
    faces = np.asarray(mesh.faces)
    keys = faces * 3 + face_axis[:, None]
    unique_keys, inverse = np.unique(keys.ravel(), return_inverse=True)
    source_vertex, axis = unique_keys // 3, unique_keys % 3
    positions = np.asarray(mesh.vertices)[source_vertex]
    uv = np.zeros((len(unique_keys), 2))
    for a in range(3):
        plane = [b for b in range(3) if b != a]
        if long_axis in plane:
            plane = [long_axis] + [b for b in plane if b != long_axis]
        chosen = axis == a
        uv[chosen] = positions[chosen][:, plane] / tile_m
    return trimesh.Trimesh(
        vertices=positions,
        faces=inverse.reshape(-1, 3),
        visual=trimesh.visual.TextureVisuals(uv=uv),  # type: ignore[no-untyped-call]
        process=False,
    )


def periodic_noise(rng: np.random.Generator, size: int, cells: tuple[int, int]) -> Grey:
    """Smooth noise in about [0, 1] that tiles seamlessly; cells = (across u, across v)."""
    cu, cv = cells
    grid = rng.random((cv, cu))
    pad = 2
    padded = np.pad(grid, pad, mode="wrap")
    su, sv = size / cu, size / cv
    upscaled = cv2.resize(
        padded,
        (int(round((cu + 2 * pad) * su)), int(round((cv + 2 * pad) * sv))),
        interpolation=cv2.INTER_CUBIC,
    )
    y0, x0 = int(round(pad * sv)), int(round(pad * su))
    tile = np.asarray(upscaled[y0 : y0 + size, x0 : x0 + size], dtype=np.float64)
    return np.clip(tile, 0.0, 1.0)  # cubic interpolation overshoots the grid's range


def _fbm(rng: np.random.Generator, size: int, base: tuple[int, int], octaves: int = 3) -> Grey:
    total, norm = np.zeros((size, size)), 0.0
    for octave in range(octaves):
        scale = 2**octave
        cells = (min(base[0] * scale, size), min(base[1] * scale, size))
        total += periodic_noise(rng, size, cells) / scale
        norm += 1.0 / scale
    return total / norm


def _coords(size: int) -> tuple[Grey, Grey]:
    """u (columns) and v (rows) in [0, 1) for every texel."""
    axis = np.arange(size) / size
    return np.meshgrid(axis, axis)


def _wood(rng: np.random.Generator, size: int) -> Grey:
    u, v = _coords(size)
    warp = _fbm(rng, size, (2, 4), 2)
    rings = np.abs(np.sin((v * 9 + warp * 2.5) * np.pi)) ** 5
    grain = periodic_noise(rng, size, (4, 96))
    return 0.9 + 0.16 * grain - 0.2 * rings


def _brushed(rng: np.random.Generator, size: int) -> Grey:
    return 0.94 + 0.1 * periodic_noise(rng, size, (2, 256))


def _stone(rng: np.random.Generator, size: int) -> Grey:
    return 0.75 + 0.45 * _fbm(rng, size, (6, 6), 4)


def _marble(rng: np.random.Generator, size: int) -> Grey:
    u, v = _coords(size)
    veins = np.abs(np.sin((u * 2 + v * 2 + 3.0 * _fbm(rng, size, (4, 4), 4)) * np.pi))
    return 0.7 + 0.32 * veins**0.3


def _weave(rng: np.random.Generator, size: int) -> Grey:
    u, v = _coords(size)
    threads = 48
    over = (np.floor(u * threads) + np.floor(v * threads)) % 2
    bump = np.where(over > 0, np.sin(u * threads * np.pi * 2), np.sin(v * threads * np.pi * 2))
    return 0.9 + 0.06 * bump + 0.08 * periodic_noise(rng, size, (8, 8))


def _brick(rng: np.random.Generator, size: int) -> Grey:
    u, v = _coords(size)
    courses, bricks = 14, 4
    row = np.floor(v * courses)
    along = u * bricks + 0.5 * (row % 2)
    mortar = ((v * courses) % 1 < 0.14) | (along % 1 < 0.05)
    tone = rng.uniform(0.8, 1.15, size=(courses, bricks + 1))
    brick_tone = tone[row.astype(int) % courses, np.floor(along).astype(int) % (bricks + 1)]
    surface = brick_tone * (0.9 + 0.15 * periodic_noise(rng, size, (32, 32)))
    return np.where(mortar, 1.5, surface)


def _foliage(rng: np.random.Generator, size: int) -> Grey:
    return 0.62 + 0.65 * _fbm(rng, size, (12, 12), 3) ** 1.4


def _bark(rng: np.random.Generator, size: int) -> Grey:
    return 0.65 + 0.5 * _fbm(rng, size, (3, 24), 3)


def _shingle(rng: np.random.Generator, size: int) -> Grey:
    u, v = _coords(size)
    rows = 6
    row = np.floor(v * rows)
    edge = (v * rows) % 1 > 0.85
    along = u * 8 + 0.5 * (row % 2)
    gap = along % 1 < 0.04
    tone = 0.85 + 0.25 * periodic_noise(rng, size, (8, rows))
    return np.where(edge | gap, 0.6, tone)


PATTERNS = {
    "wood": _wood,
    "brushed": _brushed,
    "stone": _stone,
    "marble": _marble,
    "weave": _weave,
    "brick": _brick,
    "foliage": _foliage,
    "bark": _bark,
    "shingle": _shingle,
}


@functools.lru_cache(maxsize=64)
def pattern_image(
    pattern: str, colour: RGB, size: int, seed: int, contrast: float = 1.0
) -> Image.Image:
    """An RGB tile: the colour modulated by the pattern's shading (cached, it is pure).

    contrast < 1 flattens the pattern, for painted or stained surfaces ("a white desk"
    shows a hint of grain, not grey stripes)."""
    shade = 1.0 + contrast * (PATTERNS[pattern](np.random.default_rng(seed), size) - 1.0)
    rgb = np.clip(np.asarray(colour)[None, None, :] * shade[:, :, None], 0.0, 1.0)
    # Colours are sRGB; shading in sRGB is a fine approximation for a procedural tile.
    return Image.fromarray(np.round(rgb * 255).astype(np.uint8), mode="RGB")
