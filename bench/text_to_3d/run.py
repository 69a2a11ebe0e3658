"""Text-to-3D benchmark.

    python -m bench.text_to_3d            # every set, the kinds and the scenes (~10 min)
    python -m bench.text_to_3d --limit 20 # a quick look: 20 prompts of each set

One-object sets (sets.py says where each came from) go through engine.generate at
default settings (textured, 1024 px, 20k faces, seed = prompt index): a prompt with an
expected kind must build it, one without must be refused. Scene sets must build every
named object, no two intersecting, each resting on something. One model of every kind
makes the kinds contact sheet, and the everyday held-out prompts are classified again
with the vocabulary as it grew. Writes bench/results/text_to_3d*.{md,json,png}.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path
from typing import Any

from bench.text_to_3d.growth import growth
from bench.text_to_3d.kinds import every_kind
from bench.text_to_3d.objects import run_prompt, summarise
from bench.text_to_3d.report import objects_markdown, scenes_markdown
from bench.text_to_3d.scenes import run_scene, summarise_scenes
from bench.text_to_3d.sets import Prompt, one_object_sets, scene_sets
from bench.text_to_3d.sheet import contact_sheet
from meshforge.engines.text_to_3d.classifier import MiniLMEncoder
from meshforge.engines.text_to_3d.engine import create_engine
from meshforge.engines.text_to_3d.vocabulary import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N of each set")
    args = parser.parse_args()
    engine = create_engine()
    started = time.perf_counter()
    engine.warm_up()
    load_s = time.perf_counter() - started
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = _objects(engine, args.limit)
    summary.update(model_load_seconds=round(load_s, 2), machine=_machine(), kinds=len(CATEGORIES))
    everyday = [p for p in one_object_sets() if p.set == "everyday-16"][: args.limit or None]
    summary["growth"] = growth(MiniLMEncoder(), everyday)
    summary["every_kind"] = _kinds(engine, args.limit)
    _write("text_to_3d", summary, objects_markdown(summary))
    scenes = _scenes(engine, args.limit)
    scenes["machine"] = summary["machine"]
    _write("text_to_3d_scenes", scenes, scenes_markdown(scenes))
    brief = {"objects": summary["by_set"], "growth": summary["growth"], "scenes": scenes["by_set"]}
    print(json.dumps(brief, indent=1))


def _objects(engine: Any, limit: int) -> dict[str, Any]:
    chosen = _first_of_each_set(one_object_sets(), limit)
    rows, tiles = [], []
    for index, prompt in enumerate(chosen):
        row, png = run_prompt(
            engine, index, prompt, thumbnail=prompt.set in ("main", "held-out-57")
        )
        rows.append(row)
        if png is not None:
            tiles.append((png, f"{prompt.text} -> {row['predicted']}"))
        print(
            f"{index + 1:4d}/{len(chosen)} {row['outcome']:8s} {row['seconds']:.2f}s {prompt.text}",
            flush=True,
        )
    _sheet(tiles, "text_to_3d_contact_sheet.png")
    return {**summarise(rows), "prompts": rows}


def _first_of_each_set(prompts: list[Prompt], limit: int) -> list[Prompt]:
    by_set: dict[str, list[Prompt]] = {}
    for prompt in prompts:
        by_set.setdefault(prompt.set, []).append(prompt)
    return [p for group in by_set.values() for p in group[: limit or None]]


def _kinds(engine: Any, limit: int) -> dict[str, Any]:
    rows, tiles = every_kind(engine, limit)
    _sheet(tiles, "text_to_3d_kinds.png", columns=12)
    seconds = sorted(r["seconds"] for r in rows)
    return {
        "kinds": len(rows),
        "understood_by_name": sum(r["understood"] for r in rows),
        "median_seconds": seconds[len(seconds) // 2],
        "p90_seconds": seconds[int(0.9 * (len(seconds) - 1))],
        "slowest": sorted(rows, key=lambda r: -r["seconds"])[:5],
        "rows": rows,
    }


def _scenes(engine: Any, limit: int) -> dict[str, Any]:
    rows, tiles = [], []
    sets = scene_sets()
    for index, (name, prompt, expected) in enumerate(sets[: limit * 2 or None]):
        row, png = run_scene(engine, index, name, prompt, expected)
        rows.append(row)
        mark = "ok" if row["passed"] else "FAIL"
        print(f"{index + 1:3d}/{len(sets)} {mark:4s} {row['seconds']:.2f}s {prompt}", flush=True)
        if png is not None:
            tiles.append((png, prompt))
    _sheet(tiles, "text_to_3d_scenes.png", columns=8)
    return {**summarise_scenes(rows), "scenes": rows}


def _sheet(tiles: list[tuple[bytes, str]], name: str, columns: int = 10) -> None:
    if tiles:
        sheet = contact_sheet(tiles, columns).quantize(colors=256)  # palette PNG: ~1/3 the bytes
        sheet.save(RESULTS / name, optimize=True)


def _write(stem: str, data: dict[str, Any], markdown: str) -> None:
    (RESULTS / f"{stem}.json").write_text(json.dumps(data, indent=1))
    (RESULTS / f"{stem}.md").write_text(markdown)


def _machine() -> str:
    import os

    return f"{platform.machine()}, {len(os.sched_getaffinity(0))} CPUs shared with other jobs"
