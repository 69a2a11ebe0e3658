"""Engine time and memory on 1024x1024 photos, in a fresh process of its own.

Run as `python -m bench.image_to_3d.speed photo.png ...`; prints one JSON object. A
separate process keeps the renderer and the evaluation meshes out of the peak RSS.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

from bench.image_to_3d.segmenter import WEIGHTS_DIR
from meshforge.engines.base import GenerationRequest
from meshforge.engines.image_to_3d.engine import ImageTo3DEngine


def time_one(engine: object, photo: bytes) -> tuple[float, dict[str, float]]:
    """Wall time of one generate() at default settings, and the time spent per stage."""
    marks: list[tuple[float, str]] = []
    cpu_start = time.process_time()
    start = time.perf_counter()
    engine.generate(  # type: ignore[attr-defined]
        GenerationRequest(seed=0, image=photo),
        lambda _percent, stage: marks.append((time.perf_counter(), stage)),
    )
    total = time.perf_counter() - start
    stages = {
        stage: later - now for (now, stage), (later, _) in zip(marks, marks[1:], strict=False)
    }
    stages["CPU time, all stages"] = time.process_time() - cpu_start
    return total, stages


def peak_rss_kib() -> int:
    """This process's peak resident memory. Not getrusage's ru_maxrss: on Linux that
    carries over the parent's peak through fork and exec (the benchmark's ~1 GB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main(paths: list[str]) -> None:
    engine = ImageTo3DEngine(WEIGHTS_DIR)
    photos = [Path(path).read_bytes() for path in paths]
    time_one(engine, photos[0])  # warm-up: imports and first-call caches
    totals: list[float] = []
    per_stage: dict[str, list[float]] = {}
    for photo in photos:
        total, stages = time_one(engine, photo)
        totals.append(total)
        for stage, seconds in stages.items():
            per_stage.setdefault(stage, []).append(seconds)
    peak_kib = peak_rss_kib()
    print(
        json.dumps(
            {
                "photos": len(photos),
                "median_s": statistics.median(totals),
                "max_s": max(totals),
                "min_s": min(totals),
                "stage_median_s": {stage: statistics.median(v) for stage, v in per_stage.items()},
                "peak_rss_mib": peak_kib / 1024,
                # 1-minute load average at the end: above 2 means other jobs shared the CPU.
                "load_average_1min": os.getloadavg()[0],
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
