"""Image-to-3D benchmark: quality against real meshes, and speed.

    python -m bench.image_to_3d              # everything, ~8-10 minutes on 2 shared cores
    python -m bench.image_to_3d --no-speed   # quality only
    python -m bench.image_to_3d --speed-only # re-time the last run's photos

Each evaluation mesh (dataset.py) is rendered from 4 views with OpenGL (render.py); the
engine builds a model from each render at default settings (textured, 30k faces) and is
scored against the mesh in that camera's frame (metrics.py), next to the ellipsoid
baseline (baseline.py). Writes bench/results/image_to_3d.json and .md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import trimesh

from bench.image_to_3d.baseline import ellipsoid_from_mask
from bench.image_to_3d.dataset import OBJECTS, EvalObject, load_object
from bench.image_to_3d.ground_cue import run_ground_cue
from bench.image_to_3d.metrics import Scores, compare
from bench.image_to_3d.oracles import depth_stretch_oracle, rim_depth_oracle
from bench.image_to_3d.render import png_bytes, render
from bench.image_to_3d.report import write_markdown
from bench.image_to_3d.segmenter import WEIGHTS_DIR, segmenter
from bench.image_to_3d.turned import run_lens_sensitivity, run_turned
from meshforge.engines.base import GenerationRequest
from meshforge.engines.image_to_3d.engine import CAMERA_TO_MODEL, ImageTo3DEngine
from meshforge.engines.image_to_3d.foreground import extract_foreground
from meshforge.engines.image_to_3d.shape import inflate

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
PHOTOS = ROOT / "bench" / ".cache" / "image_to_3d"
AZIMUTHS = (30.0, 120.0, 210.0, 300.0)  # four sides, none exactly axis-aligned
ELEVATION = 15.0
METRICS = ("chamfer", "fscore@0.05", "fscore@0.1")


def evaluate_view(item: EvalObject, mesh: trimesh.Trimesh, azimuth: float) -> dict[str, Any]:
    view = render(mesh, azimuth, ELEVATION, item.color)
    photo = png_bytes(view.image)
    (PHOTOS / f"{item.name}_{int(azimuth)}.png").write_bytes(photo)
    truth = mesh.copy()
    truth.apply_transform(view.world_to_camera)
    start = time.perf_counter()
    engine = ImageTo3DEngine(WEIGHTS_DIR)
    scene = engine.generate(GenerationRequest(seed=0, image=photo), lambda *_: None)
    seconds = time.perf_counter() - start
    predicted = scene.to_mesh()
    # Back into the camera frame with the engine's own estimate of how it turned the model
    # upright (a box or bottle seen from above); the ground truth is not used for this.
    upright = np.asarray(scene.metadata.get(CAMERA_TO_MODEL, np.eye(4)), dtype=np.float64)
    predicted.apply_transform(np.linalg.inv(upright))
    mask = extract_foreground(photo, weights_dir=WEIGHTS_DIR).mask
    baseline = ellipsoid_from_mask(mask)
    engine_scores: Scores = compare(predicted, truth)
    merged = predicted.copy()
    merged.merge_vertices(merge_tex=True, merge_norm=True)
    return {
        "depth_oracle": depth_stretch_oracle(predicted, truth),
        "rim_depth_oracle": rim_depth_oracle(mask, view.depth, truth),
        "object": item.name,
        "azimuth": azimuth,
        "engine": engine_scores.as_dict(),
        "baseline": compare(baseline, truth).as_dict(),
        # The shape stage alone with the symmetry and flat-face cues off: what they add.
        "poisson_only": compare(inflate(mask, use_cues=False), truth).as_dict(),
        "engine_seconds": seconds,
        "triangles": len(predicted.faces),
        "watertight": bool(merged.is_watertight),
    }


def mean_scores(rows: list[dict[str, Any]], method: str) -> dict[str, float]:
    return {metric: float(np.mean([row[method][metric] for row in rows])) for metric in METRICS}


def run_speed(paths: list[Path]) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.image_to_3d.speed", *map(str, paths)]
    output = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(output.stdout.strip().splitlines()[-1])
    return result


def print_view(row: dict[str, Any]) -> None:
    engine, base = row["engine"], row["baseline"]
    print(
        f"{row['object']:9s} az={row['azimuth']:5.0f}  engine F@.05={engine['fscore@0.05']:.3f}"
        f" F@.1={engine['fscore@0.1']:.3f} CD={engine['chamfer']:.4f}"
        f" | ellipsoid F@.05={base['fscore@0.05']:.3f} F@.1={base['fscore@0.1']:.3f}"
        f"  {row['engine_seconds']:.2f}s",
        flush=True,
    )


def summarise(rows: list[dict[str, Any]], chosen: list[EvalObject]) -> dict[str, Any]:
    return {
        "views_per_object": len(AZIMUTHS),
        "elevation_deg": ELEVATION,
        "engine_mean": mean_scores(rows, "engine"),
        "baseline_mean": mean_scores(rows, "baseline"),
        "depth_oracle_mean": mean_scores(rows, "depth_oracle"),
        "rim_depth_oracle_mean": mean_scores(rows, "rim_depth_oracle"),
        "poisson_only_mean": mean_scores(rows, "poisson_only"),
        "per_object": {
            item.name: {
                method: mean_scores([r for r in rows if r["object"] == item.name], method)
                for method in ("engine", "baseline")
            }
            for item in chosen
        },
        "all_watertight": all(row["watertight"] for row in rows),
        "max_triangles": max(row["triangles"] for row in rows),
        "in_process_median_s": statistics.median(row["engine_seconds"] for row in rows),
        "machine": f"{platform.processor() or platform.machine()}, shared 2-core CPU",
        "views": rows,
    }


def speed_photos(chosen: list[EvalObject]) -> list[Path]:
    return [PHOTOS / f"{o.name}_{int(AZIMUTHS[0])}.png" for o in chosen]


def save(summary: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "image_to_3d.json").write_text(json.dumps(summary, indent=2))
    write_markdown(summary, RESULTS / "image_to_3d.md")


def retime() -> None:
    """Only the speed figures, on the photos the last full run rendered (e.g. once the
    shared CPU is quieter); quality figures are kept."""
    summary = json.loads((RESULTS / "image_to_3d.json").read_text())
    chosen = [o for o in OBJECTS if o.name in summary["per_object"]]
    summary["speed"] = run_speed(speed_photos(chosen))
    save(summary)
    print(json.dumps(summary["speed"], indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-speed", action="store_true", help="skip the timing run")
    parser.add_argument("--objects", default="", help="comma-separated subset (default all)")
    parser.add_argument(
        "--speed-only", action="store_true", help="re-time the cached photos of the last run"
    )
    args = parser.parse_args()
    segmenter()  # the learned segmenter, as a server with its weights segments photos
    if args.speed_only:
        retime()
        return
    chosen = [o for o in OBJECTS if not args.objects or o.name in args.objects.split(",")]
    PHOTOS.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for item in chosen:
        mesh = load_object(item)
        for azimuth in AZIMUTHS:
            rows.append(evaluate_view(item, mesh, azimuth))
            print_view(rows[-1])
    summary = summarise(rows, chosen)
    summary["turned_symmetry_ablation"] = run_turned(AZIMUTHS[:2], ELEVATION)
    summary["turned_lens_sensitivity"] = run_lens_sensitivity(AZIMUTHS[0])
    summary["ground_cue_ablation"] = run_ground_cue(AZIMUTHS)
    if not args.no_speed:
        summary["speed"] = run_speed(speed_photos(chosen))
    save(summary)
    print(json.dumps({k: summary[k] for k in ("engine_mean", "baseline_mean")}, indent=2))
    if "speed" in summary:
        print(json.dumps(summary["speed"], indent=2))
