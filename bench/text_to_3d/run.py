"""Text-to-3D benchmark.

    python -m bench.text_to_3d            # every prompt, ~3-5 minutes on 2 busy cores
    python -m bench.text_to_3d --limit 20 # a quick look

For each prompt of prompts.json the engine generates at default settings (textured,
1024 px, 20k faces, seed = prompt index). In-vocabulary prompts are scored on the
category chosen, on whether the asked-for colour and material show on the model, and on
closed geometry; out-of-vocabulary prompts must be refused with EngineInputError. Model
load is timed apart from the per-prompt times. Writes bench/results/text_to_3d.json,
text_to_3d.md and text_to_3d_contact_sheet.png.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from bench.text_to_3d.checks import closed, colour_applied, material_applied, triangles
from bench.text_to_3d.sheet import contact_sheet
from meshforge.assets.thumbnail import render_thumbnail
from meshforge.engines.base import EngineInputError, GenerationRequest
from meshforge.engines.text_to_3d.engine import TextTo3DEngine, create_engine
from meshforge.engines.text_to_3d.vocabulary import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
PROMPTS = Path(__file__).with_name("prompts.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N prompts")
    args = parser.parse_args()
    prompts = json.loads(PROMPTS.read_text())["prompts"]
    if args.limit:
        prompts = prompts[: args.limit]
    engine = create_engine()
    started = time.perf_counter()
    engine.warm_up()
    load_s = time.perf_counter() - started
    rows, tiles = [], []
    for index, item in enumerate(prompts):
        row, thumbnail = _run_one(engine, index, item)
        rows.append(row)
        if thumbnail is not None:
            tiles.append((thumbnail, f"{item['prompt']} -> {row['predicted']}"))
        print(
            f"{index + 1:3d}/{len(prompts)} {row['outcome']:8s} {row['seconds']:.2f}s "
            f"{item['prompt']}",
            flush=True,
        )
    summary = _summarise(rows, load_s)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "text_to_3d.json").write_text(
        json.dumps({"summary": summary, "prompts": rows}, indent=1)
    )
    sheet = contact_sheet(tiles).quantize(colors=256)  # a palette PNG: ~1/3 the bytes
    sheet.save(RESULTS / "text_to_3d_contact_sheet.png", optimize=True)
    (RESULTS / "text_to_3d.md").write_text(_markdown(summary))
    print(json.dumps(summary, indent=1))


def _run_one(
    engine: TextTo3DEngine, index: int, item: dict[str, Any]
) -> tuple[dict[str, Any], bytes | None]:
    row: dict[str, Any] = {
        "prompt": item["prompt"],
        "expected": item["category"],
        "set": item.get("set", "main"),
    }
    started = time.perf_counter()
    try:
        scene = engine.generate(
            GenerationRequest(seed=index, prompt=item["prompt"]), lambda _p, _s: None
        )
    except EngineInputError as refusal:
        row.update(
            seconds=time.perf_counter() - started,
            outcome="refused",
            predicted=None,
            message=str(refusal),
        )
        return row, None
    row["seconds"] = time.perf_counter() - started
    row["predicted"] = engine.understand(item["prompt"])[0].category.name
    row["outcome"] = "correct" if row["predicted"] == item["category"] else "wrong"
    row.update(
        triangles=triangles(scene), closed=closed(scene), height_m=round(float(scene.extents[1]), 3)
    )
    if item.get("colour"):
        row["colour_ok"] = colour_applied(scene, item["colour"])
    if item.get("material"):
        row["material_ok"] = material_applied(scene, item["material"])
    return row, render_thumbnail(scene, size=256)


def _rate(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def _summarise(rows: list[dict[str, Any]], load_s: float) -> dict[str, Any]:
    known = [r for r in rows if r["expected"] is not None]
    unknown = [r for r in rows if r["expected"] is None]
    built = [r for r in rows if "triangles" in r]
    colours = [r["colour_ok"] for r in known if "colour_ok" in r]
    materials = [r["material_ok"] for r in known if "material_ok" in r]
    return {
        "categories": len(CATEGORIES),
        "prompts_in_vocabulary": len(known),
        "prompts_out_of_vocabulary": len(unknown),
        "top1_accuracy": _rate([r["outcome"] == "correct" for r in known]),
        "in_vocabulary_refused": sum(r["outcome"] == "refused" for r in known),
        "oov_refusal_rate": _rate([r["outcome"] == "refused" for r in unknown]),
        "oov_accepted": [
            r["prompt"] + " -> " + str(r["predicted"]) for r in unknown if r["outcome"] != "refused"
        ],
        "misclassified": [
            f"{r['prompt']} -> {r['predicted']} (expected {r['expected']})"
            for r in known
            if r["outcome"] != "correct"
        ],
        "colour_accuracy": _rate(colours),
        "colour_checked": len(colours),
        "material_accuracy": _rate(materials),
        "material_checked": len(materials),
        "closed_rate": _rate([r["closed"] for r in built]),
        "max_triangles": max((r["triangles"] for r in built), default=0),
        "median_seconds_per_prompt": round(statistics.median(r["seconds"] for r in rows), 3),
        "p90_seconds_per_prompt": round(
            sorted(r["seconds"] for r in rows)[int(0.9 * (len(rows) - 1))], 3
        ),
        "median_seconds_generated": round(statistics.median(r["seconds"] for r in built), 3)
        if built
        else None,
        "model_load_seconds": round(load_s, 2),
        "machine": f"{platform.machine()}, {_cpu_count()} CPUs shared with other jobs",
        "by_set": {
            name: _set_summary([r for r in rows if r["set"] == name])
            for name in sorted({r["set"] for r in rows})
        },
    }


def _set_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    known = [r for r in rows if r["expected"] is not None]
    unknown = [r for r in rows if r["expected"] is None]
    return {
        "in_vocabulary": len(known),
        "top1_accuracy": _rate([r["outcome"] == "correct" for r in known]),
        "out_of_vocabulary": len(unknown),
        "oov_refusal_rate": _rate([r["outcome"] == "refused" for r in unknown]),
    }


def _cpu_count() -> int:
    import os

    return len(os.sched_getaffinity(0))


def _markdown(s: dict[str, Any]) -> str:
    lines = [
        "# Text-to-3D benchmark (`python -m bench.text_to_3d`)",
        "",
        f"{s['prompts_in_vocabulary']} in-vocabulary prompts over {s['categories']} "
        f"categories, {s['prompts_out_of_vocabulary']} out-of-vocabulary prompts "
        "(bench/text_to_3d/prompts.json), default settings, on " + s["machine"] + ".",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| top-1 category accuracy (in vocabulary) | {s['top1_accuracy']:.1%} | >= 90% |",
        f"| out-of-vocabulary prompts refused | {s['oov_refusal_rate']:.1%} | >= 80% |",
        f"| colour applied | {s['colour_accuracy']:.1%} of {s['colour_checked']} | |",
        f"| material applied | {s['material_accuracy']:.1%} of {s['material_checked']} | |",
        f"| closed (watertight) geometry | {s['closed_rate']:.1%} of generated | |",
        f"| median time per generated object | {s['median_seconds_generated']:.2f} s | <= 1.5 s |",
        f"| median time per prompt, refusals included | {s['median_seconds_per_prompt']:.2f} s "
        f"(p90 {s['p90_seconds_per_prompt']:.2f} s) | |",
        f"| embedding model load (once per process) | {s['model_load_seconds']:.1f} s | |",
        "",
        "Misclassified in-vocabulary prompts:",
        "",
        *([f"- {m}" for m in s["misclassified"]] or ["- none"]),
        "",
        "Out-of-vocabulary prompts that were not refused:",
        "",
        *([f"- {m}" for m in s["oov_accepted"]] or ["- none"]),
        "",
        "Times are for `engine.generate` (prompt understanding, CSG, textures) at 1024 px "
        "textures on a CPU shared with other jobs; thumbnails and file export are not "
        "included. The model load happens once per worker process.",
        "",
        "Contact sheet: `bench/results/text_to_3d_contact_sheet.png`.",
        "",
    ]
    return "\n".join(lines)
