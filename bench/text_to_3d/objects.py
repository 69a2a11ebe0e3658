"""Runs the one-object prompt sets through the engine and scores them."""

from __future__ import annotations

import statistics
import time
from typing import Any

from bench.text_to_3d.checks import closed, colour_applied, material_applied, triangles
from bench.text_to_3d.sets import HELD_OUT, Prompt
from meshforge.assets.thumbnail import render_thumbnail
from meshforge.engines.base import EngineInputError, GenerationRequest
from meshforge.engines.text_to_3d.engine import TextTo3DEngine


def run_prompt(
    engine: TextTo3DEngine, index: int, prompt: Prompt, thumbnail: bool
) -> tuple[dict[str, Any], bytes | None]:
    """One prompt through engine.generate: outcome, time, and what the model shows."""
    row: dict[str, Any] = {"prompt": prompt.text, "expected": prompt.expected, "set": prompt.set}
    started = time.perf_counter()
    try:
        scene = engine.generate(GenerationRequest(seed=index, prompt=prompt.text), _quiet)
    except EngineInputError as refusal:
        row.update(seconds=time.perf_counter() - started, outcome="refused", predicted=None)
        row["message"] = str(refusal)
        return row, None
    row["seconds"] = time.perf_counter() - started
    row["predicted"] = engine.understand(prompt.text)[0].category.name
    row["outcome"] = "correct" if row["predicted"] == prompt.expected else "wrong"
    row.update(triangles=triangles(scene), closed=closed(scene), nodes=len(scene.graph.nodes))
    if prompt.colour:
        row["colour_ok"] = colour_applied(scene, prompt.colour)
    if prompt.material:
        row["material_ok"] = material_applied(scene, prompt.material)
    return row, render_thumbnail(scene, size=256) if thumbnail else None


def _quiet(_percent: int, _stage: str) -> None:
    """Progress is not reported in the benchmark."""


def rate(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def summarise_set(rows: list[dict[str, Any]]) -> dict[str, Any]:
    known = [r for r in rows if r["expected"] is not None]
    unknown = [r for r in rows if r["expected"] is None]
    built = [r for r in rows if "triangles" in r]
    return {
        "held_out": bool(rows) and rows[0]["set"] in HELD_OUT,
        "in_vocabulary": len(known),
        "right_object": rate([r["outcome"] == "correct" for r in known]),
        "out_of_vocabulary": len(unknown),
        "oov_refused": rate([r["outcome"] == "refused" for r in unknown]),
        "median_seconds_per_object": _median([r["seconds"] for r in built]),
        "p90_seconds_per_object": _p90([r["seconds"] for r in built]),
        "misses": [
            f"{r['prompt']} -> {r['predicted']} (expected {r['expected']})"
            for r in known
            if r["outcome"] != "correct"
        ],
        "oov_accepted": [f"{r['prompt']} -> {r['predicted']}" for r in unknown if r["predicted"]],
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    built = [r for r in rows if "triangles" in r]
    colours = [r["colour_ok"] for r in rows if "colour_ok" in r]
    materials = [r["material_ok"] for r in rows if "material_ok" in r]
    return {
        "prompts": len(rows),
        "generated": len(built),
        "closed_rate": rate([r["closed"] for r in built]),
        "colour_applied": rate(colours),
        "colour_checked": len(colours),
        "material_applied": rate(materials),
        "material_checked": len(materials),
        "max_triangles": max((r["triangles"] for r in built), default=0),
        "median_seconds_per_object": _median([r["seconds"] for r in built]),
        "p90_seconds_per_object": _p90([r["seconds"] for r in built]),
        "by_set": {
            name: summarise_set([r for r in rows if r["set"] == name]) for name in _sets(rows)
        },
    }


def _sets(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(r["set"] for r in rows))


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def _p90(values: list[float]) -> float | None:
    return round(sorted(values)[int(0.9 * (len(values) - 1))], 3) if values else None
