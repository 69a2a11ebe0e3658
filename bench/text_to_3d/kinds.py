"""One model of every kind, asked for by its name: the kinds contact sheet, and how long
each kind takes and how big it is."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from meshforge.assets.thumbnail import render_thumbnail
from meshforge.engines.base import GenerationRequest
from meshforge.engines.text_to_3d.engine import TextTo3DEngine
from meshforge.engines.text_to_3d.vocabulary import CATEGORIES


def every_kind(
    engine: TextTo3DEngine, limit: int = 0
) -> tuple[list[dict[str, Any]], list[tuple[bytes, str]]]:
    rows, tiles = [], []
    for index, category in enumerate(CATEGORIES[: limit or None]):
        prompt = f"a {category.label}"
        started = time.perf_counter()
        scene = engine.generate(GenerationRequest(seed=index, prompt=prompt), lambda *_: None)
        seconds = time.perf_counter() - started
        size = float(np.max(scene.extents))
        rows.append(
            {
                "kind": category.name,
                "family": category.family,
                "seconds": round(seconds, 3),
                "size_m": round(size, 3),
                "declared_m": list(category.size_m),
                "understood": engine.understand(prompt)[0].category.name == category.name,
            }
        )
        label = f"{category.label} ({_metres(size)})"
        tiles.append((render_thumbnail(scene, size=256), label))
    return rows, tiles


def _metres(size: float) -> str:
    return f"{size * 100:.0f} cm" if size < 1 else f"{size:.1f} m"
