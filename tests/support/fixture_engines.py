"""Tiny engines for tests: fast, deterministic, and able to fail in every way we handle.

Loaded by test servers through
MESHFORGE_EXTRA_ENGINES=["tests.support.fixture_engines:all_engines"].
"""

from __future__ import annotations

import io
import os
import signal
import time
from pathlib import Path
from typing import Any

import trimesh
from PIL import Image

from meshforge.engines.base import (
    BaseEngine,
    EngineDevice,
    EngineInputError,
    EngineKind,
    GenerationRequest,
    ProgressFn,
)


class _Fixture(BaseEngine):
    kind: EngineKind = "text-to-3d"
    default_face_limit = 1000

    def __init__(self, model_id: str, description: str) -> None:
        self.id, self.description = model_id, description

    def _box(self, extents: tuple[float, float, float]) -> trimesh.Scene:
        mesh = trimesh.creation.box(extents=extents)
        mesh.apply_translation([0, extents[1] / 2, 0])
        return trimesh.Scene(mesh)


class CubeEngine(_Fixture):
    """A 1 m cube in four progress steps (about 0.4 s)."""

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        for percent in (10, 40, 70, 100):
            time.sleep(0.1)
            progress(percent, "building")
        return self._box((1.0, 1.0, 1.0))


class FixedCubeEngine(CubeEngine):
    """The same cube whatever the seed: the result cache may answer it without a seed."""

    seed_dependent = False


class FailEngine(_Fixture):
    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        raise EngineInputError("the fixture engine failed on purpose")


class RaiseEngine(_Fixture):
    """An engine with a bug: an unexpected exception."""

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        raise ZeroDivisionError("division by zero in /opt/secret/engine.py")


class SlowEngine(_Fixture):
    """Sleeps for `prompt` seconds; writes its pid to $FIXTURE_PID_DIR/<seed>.pid."""

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        pid_dir = os.environ.get("FIXTURE_PID_DIR")
        if pid_dir:
            Path(pid_dir, f"{request.seed}.pid").write_text(str(os.getpid()))
        seconds = float(request.prompt or "1")
        steps = max(1, int(seconds * 10))
        for step in range(steps):
            time.sleep(seconds / steps)
            progress(100 * (step + 1) // steps, "sleeping")
        return self._box((0.5, 2.0, 0.5))


class SuicideEngine(_Fixture):
    """Kills its own worker process with SIGKILL, every time."""

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        progress(30, "about to die")
        time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable")


class ImageBoxEngine(_Fixture):
    """A box with the input image's aspect ratio."""

    kind: EngineKind = "image-to-3d"

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        assert request.image is not None
        width, height = Image.open(io.BytesIO(request.image)).size
        progress(50, "measuring")
        return self._box((width / max(width, height), height / max(width, height), 0.2))


def all_engines() -> list[Any]:
    return [
        CubeEngine("test/cube", "a 1 m cube"),
        FixedCubeEngine("test/fixed-cube", "a 1 m cube that ignores the seed"),
        FailEngine("test/fail", "always fails with a message for the user"),
        RaiseEngine("test/raise", "always crashes with an internal error"),
        SlowEngine("test/slow", "sleeps for `prompt` seconds"),
        SuicideEngine("test/suicide", "kills its worker process"),
        ImageBoxEngine("test/image-cube", "a box shaped like the image"),
    ]


class GpuCubeEngine(_Fixture):
    """A model that declares the GPU: the prompt "oom" raises torch's real out-of-memory
    error inside the worker; any other prompt gives a cube. Writes the worker's pid to
    $FIXTURE_PID_DIR/<seed>.pid."""

    device: EngineDevice = "gpu"
    gpu_memory_gib = 1.0

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        import torch

        pid_dir = os.environ.get("FIXTURE_PID_DIR")
        if pid_dir:
            Path(pid_dir, f"{request.seed}.pid").write_text(str(os.getpid()))
        if request.prompt == "oom":
            raise torch.cuda.OutOfMemoryError(
                "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 1.00 GiB free)"
            )
        return self._box((0.5, 0.5, 0.5))

    def out_of_memory_advice(self, request: GenerationRequest) -> str:
        return "try a lower mesh_resolution"


def gpu_engines() -> list[Any]:
    """Engines that go to the GPU pool (opt in: probing for GPUs imports torch)."""
    return [GpuCubeEngine("test/gpu-cube", "a cube from a GPU worker")]


def quick_engines() -> list[Any]:
    """The engines whose tasks end within a second, whatever the request (for tests that
    submit generated requests, such as schemathesis)."""
    return [
        CubeEngine("test/cube", "a 1 m cube"),
        FailEngine("test/fail", "always fails with a message for the user"),
        ImageBoxEngine("test/image-cube", "a box shaped like the image"),
    ]
