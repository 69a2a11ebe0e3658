"""Runs the scene prompt sets: every named object built, none intersecting, each resting."""

from __future__ import annotations

import time
from typing import Any

from bench.text_to_3d.objects import rate
from bench.text_to_3d.scene_checks import floating, intersecting, kinds_present, object_solids
from meshforge.assets.thumbnail import render_thumbnail
from meshforge.engines.base import EngineInputError, GenerationRequest
from meshforge.engines.text_to_3d.engine import TextTo3DEngine


def run_scene(
    engine: TextTo3DEngine, index: int, set_name: str, prompt: str, expected: dict[Any, int]
) -> tuple[dict[str, Any], bytes | None]:
    row: dict[str, Any] = {"set": set_name, "prompt": prompt, "expected": _named(expected)}
    started = time.perf_counter()
    try:
        scene = engine.generate(GenerationRequest(seed=index, prompt=prompt), lambda *_: None)
    except EngineInputError as refusal:
        row.update(seconds=time.perf_counter() - started, refused=str(refusal), passed=False)
        return row, None
    row["seconds"] = time.perf_counter() - started
    objects = object_solids(scene)
    present = kinds_present(objects)
    row.update(
        objects=present,
        all_objects=_all_present(expected, present),
        intersecting=intersecting(objects),
        floating=floating(objects),
    )
    row["passed"] = row["all_objects"] and not row["intersecting"] and not row["floating"]
    return row, render_thumbnail(scene, size=320)


def _all_present(expected: dict[Any, int], present: dict[str, int]) -> bool:
    """Every expected kind with its count (0: at least one); an unknown object fails."""
    return all(
        kind is not None and (present.get(kind, 0) >= 1 if n == 0 else present.get(kind, 0) == n)
        for kind, n in expected.items()
    )


def _named(expected: dict[Any, int]) -> dict[str, int]:
    return {str(kind): n for kind, n in expected.items()}


def summarise_scenes(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_set = {}
    for name in dict.fromkeys(r["set"] for r in rows):
        chosen = [r for r in rows if r["set"] == name]
        built = [r for r in chosen if "objects" in r]
        known = [r for r in chosen if "None" not in r["expected"]]
        unknown = [r for r in chosen if "None" in r["expected"]]
        by_set[name] = {
            "prompts": len(chosen),
            "passed": rate([r["passed"] for r in chosen]),
            "all_kinds_known": len(known),
            "passed_all_kinds_known": rate([r["passed"] for r in known]),
            "naming_an_unbuildable_object": len(unknown),
            "of_those_refused": sum("refused" in r for r in unknown),
            "every_object": rate([bool(r.get("all_objects")) for r in chosen]),
            "no_intersection": rate([not r["intersecting"] for r in built]),
            "all_resting": rate([not r["floating"] for r in built]),
            "refused": sum("refused" in r for r in chosen),
            "failures": [_failure(r) for r in chosen if not r["passed"]],
        }
    return {"by_set": by_set}


def _failure(row: dict[str, Any]) -> str:
    if "refused" in row:
        return f"{row['prompt']}: refused"
    reasons = []
    if not row["all_objects"]:
        reasons.append(f"built {row['objects']}, expected {row['expected']}")
    if row["intersecting"]:
        reasons.append("intersecting " + ", ".join(row["intersecting"]))
    if row["floating"]:
        reasons.append("floating " + ", ".join(row["floating"]))
    return f"{row['prompt']}: " + "; ".join(reasons)
