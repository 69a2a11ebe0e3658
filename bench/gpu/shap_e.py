"""GPU benchmark of the Shap-E engines: cold load, seconds per stage, memory over a run of
tasks, and throughput with one and two tasks at once on one GPU.

    python -m bench.gpu.shap_e                     # on a GPU: the published shapes
    python -m bench.gpu.shap_e --smoke --out DIR   # on the CPU: tiny weights, a smoke check

Weights are random (tests/support/learned_weights.py): on a GPU with the shapes of the
published openai/shap-e and openai/shap-e-img2img configs, so every stage does the
published model's work; the renderer is shaped so that each latent decodes to a smooth
closed blob, as a trained model's does (random renderers decode to noise). Per task, as
a worker runs it: encode -> denoise (64 steps) -> decode (128 grid) -> texture (decimate,
unwrap, bake) -> export (GLB); then the worker's release of cached memory. Memory is
torch's allocated memory on a GPU (peak: torch's max), resident memory on the CPU.
Targets on one H200-class GPU: prompt to GLB <= 5 s; memory after the last task within
5% of after task 2. Writes <out>/shap_e_gpu.json and .md (shap_e_cpu_smoke.* with --smoke).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from meshforge.assets.export import export_scene
from meshforge.config import Settings
from meshforge.domain.options import GenerationOptions
from meshforge.engines.base import GenerationRequest
from meshforge.engines.learned import shap_e
from tests.support.learned_weights import ball_photo_png, write_shap_e

RESULTS = Path(__file__).resolve().parents[1] / "results"
STAGES = ("encode", "denoise", "decode", "texture", "export")


@dataclass(frozen=True)
class Plan:
    size: str  # "published" or "tiny" weights
    tasks: int  # tasks in a row per model (memory series)
    steps: int
    resolution: int
    throughput_tasks: int  # tasks per process in the throughput runs


GPU_PLAN = Plan("published", tasks=20, steps=64, resolution=128, throughput_tasks=6)
SMOKE_PLAN = Plan("tiny", tasks=3, steps=4, resolution=32, throughput_tasks=2)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny weights on the CPU")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the figures go")
    args = parser.parse_args(argv)
    import torch

    on_gpu = torch.cuda.is_available() and not args.smoke
    plan = GPU_PLAN if on_gpu else SMOKE_PLAN
    with tempfile.TemporaryDirectory() as scratch:
        weights = Path(scratch) / "weights"
        write_shap_e(weights, image=False, size=plan.size)  # type: ignore[arg-type]
        write_shap_e(weights, image=True, size=plan.size)  # type: ignore[arg-type]
        figures = {
            "machine": _machine(on_gpu),
            "plan": asdict(plan),
            "text": measure_engine("text", weights, plan),
            "image": measure_engine("image", weights, plan),
            "throughput": {n: throughput(weights, plan, n) for n in (1, 2)},
        }
    name = "shap_e_gpu" if on_gpu else "shap_e_cpu_smoke"
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{name}.json").write_text(json.dumps(figures, indent=2) + "\n")
    (args.out / f"{name}.md").write_text(report(figures))
    print(report(figures))
    return figures


def _machine(on_gpu: bool) -> dict[str, Any]:
    import torch

    machine = {"python": platform.python_version(), "torch": torch.__version__}
    machine["device"] = torch.cuda.get_device_name(0) if on_gpu else platform.processor() or "cpu"
    return machine


def _engine(kind: str, weights: Path) -> shap_e.ShapEEngine:
    settings = Settings(data_dir=weights.parent, weights_dir=weights, learned_on_cpu=True)
    if kind == "text":
        return shap_e.create_text_engine(settings)
    return shap_e.create_image_engine(settings)


def _request(kind: str, plan: Plan, seed: int) -> GenerationRequest:
    options = GenerationOptions(
        prompt="a red wooden chair" if kind == "text" else None,
        num_inference_steps=plan.steps,
        mesh_resolution=plan.resolution,
    )
    return GenerationRequest.of(options, seed, None if kind == "text" else ball_photo_png())


def run_task(engine: shap_e.ShapEEngine, request: GenerationRequest) -> dict[str, float]:
    """One task as a worker runs it; seconds per stage."""
    scene = engine.generate(request, lambda *_: None)
    seconds = dict(engine.clock.seconds)
    started = time.perf_counter()
    export_scene(scene, "glb", quad=False)
    seconds["export"] = time.perf_counter() - started
    engine.release_memory()
    return seconds


def _memory_mib() -> tuple[float, float]:
    """(now, peak since the last reset) in MiB: torch's allocations on a GPU, else RSS."""
    import resource

    import torch

    if torch.cuda.is_initialized():
        now, peak = torch.cuda.memory_allocated(), torch.cuda.max_memory_allocated()
        torch.cuda.reset_peak_memory_stats()
        return now / 2**20, peak / 2**20
    status = Path("/proc/self/status").read_text()
    rss_kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    return rss_kib / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_engine(kind: str, weights: Path, plan: Plan) -> dict[str, Any]:
    """Cold load, then plan.tasks tasks in a row: stage seconds and memory after each."""
    engine = _engine(kind, weights)
    started = time.perf_counter()
    engine.warm_up()
    cold_load_s = time.perf_counter() - started
    loaded_mib, _ = _memory_mib()
    runs, after, peaks = [], [], []
    for seed in range(plan.tasks):
        runs.append(run_task(engine, _request(kind, plan, seed)))
        now, peak = _memory_mib()
        after.append(round(now, 1))
        peaks.append(round(peak, 1))
    totals = [sum(run.values()) for run in runs]
    return {
        "cold_load_s": round(cold_load_s, 3),
        "stage_median_s": {s: round(statistics.median(r[s] for r in runs), 4) for s in STAGES},
        "input_to_glb_median_s": round(statistics.median(totals), 3),
        "input_to_glb_s": [round(total, 3) for total in totals],
        "memory_after_load_mib": round(loaded_mib, 1),
        "memory_after_task_mib": after,
        "peak_memory_per_task_mib": peaks,
        "drift_after_last_vs_task_2_pct": round(
            100 * (after[-1] / after[min(1, len(after) - 1)] - 1), 2
        ),
    }


def _throughput_worker(weights: Path, plan: Plan, ready: Any, start: Any, done: Any) -> None:
    engine = _engine("text", weights)
    engine.warm_up()
    ready.put(True)
    start.wait()
    for seed in range(plan.throughput_tasks):
        run_task(engine, _request("text", plan, seed))
    done.put(time.perf_counter())


def throughput(weights: Path, plan: Plan, processes: int) -> dict[str, float]:
    """Tasks per minute with `processes` worker processes on the device at once (as
    MESHFORGE_GPU_SLOTS=processes), each with its own loaded model."""
    context = mp.get_context("spawn")
    ready, done, start = context.Queue(), context.Queue(), context.Event()
    workers = [
        context.Process(target=_throughput_worker, args=(weights, plan, ready, start, done))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.get(timeout=600)
    began = time.perf_counter()
    start.set()
    finished = max(done.get(timeout=1800) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    seconds = finished - began
    tasks = processes * plan.throughput_tasks
    return {
        "tasks": tasks,
        "seconds": round(seconds, 2),
        "tasks_per_minute": round(60 * tasks / seconds, 2),
    }


def report(figures: dict[str, Any]) -> str:
    plan, machine = figures["plan"], figures["machine"]
    lines = [
        f"# Shap-E engines on {machine['device']} (torch {machine['torch']})",
        "",
        f"Random weights of the {plan['size']} shapes; {plan['tasks']} tasks in a row per "
        f"model, {plan['steps']} steps, mesh_resolution {plan['resolution']}.",
        "",
        "| | text-to-3d | image-to-3d |",
        "|---|---|---|",
        _row(figures, "cold load, s", lambda m: m["cold_load_s"]),
    ]
    for stage in STAGES:
        lines.append(
            _row(figures, f"{stage}, s (median)", lambda m, s=stage: m["stage_median_s"][s])
        )
    lines += [
        _row(figures, "input to GLB, s (median)", lambda m: m["input_to_glb_median_s"]),
        _row(figures, "memory after load, MiB", lambda m: m["memory_after_load_mib"]),
        _row(figures, "memory after task 2 / last, MiB",
             lambda m: f"{m['memory_after_task_mib'][min(1, len(m['memory_after_task_mib']) - 1)]}"
             f" / {m['memory_after_task_mib'][-1]}"),
        _row(figures, "drift last vs task 2, %", lambda m: m["drift_after_last_vs_task_2_pct"]),
        _row(figures, "peak per task, MiB (max)", lambda m: max(m["peak_memory_per_task_mib"])),
        "",
        "| tasks at once | tasks | seconds | tasks/min |",
        "|---|---|---|---|",
    ]  # fmt: skip
    for processes, run in figures["throughput"].items():
        lines.append(
            f"| {processes} | {run['tasks']} | {run['seconds']} | {run['tasks_per_minute']} |"
        )
    return "\n".join(lines) + "\n"


def _row(figures: dict[str, Any], label: str, value: Any) -> str:
    return f"| {label} | {value(figures['text'])} | {value(figures['image'])} |"


if __name__ == "__main__":
    main()
