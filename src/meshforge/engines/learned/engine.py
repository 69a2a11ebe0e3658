"""What every learned engine shares: weights from a local snapshot, a GPU (or the CPU
when the operator allows it), the pipeline loaded once per worker and kept.

Construction is cheap (the API server builds every engine to list models); the pipeline
is loaded by warm_up() when a worker starts, or by the first task otherwise.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from meshforge.config import Settings
from meshforge.domain.options import ENGINE_OPTIONS
from meshforge.engines.base import (
    AVAILABLE,
    Availability,
    BaseEngine,
    EngineDevice,
    EngineKind,
    GenerationRequest,
)
from meshforge.engines.learned import device
from meshforge.engines.learned.snapshots import Snapshot

NO_GPU_REASON = (
    "it needs a GPU and this server has none; an operator can set "
    "MESHFORGE_LEARNED_ON_CPU=true to run it on the CPU (minutes per task)"
)


class LearnedEngine(BaseEngine):
    """Base of the engines that run a published model from MESHFORGE_WEIGHTS_DIR."""

    id: str
    kind: EngineKind
    device: EngineDevice = "gpu"
    engine_options = frozenset(ENGINE_OPTIONS)
    snapshot: Snapshot
    default_face_limit: int
    default_guidance: float
    default_steps: int
    default_resolution: int

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._pipeline: Any = None
        self._loading = threading.Lock()

    @property
    def weights_dir(self) -> Path:
        """The weights directory: this model's folder, and the foreground stage's model."""
        return self._settings.resolved_weights_dir

    @property
    def weights_folder(self) -> Any:
        return self.snapshot.folder(self._settings.resolved_weights_dir)

    def availability(self) -> Availability:
        """Licence, then weights on disk, then a device to run on: the cheap checks
        first, so a server without weights never even imports torch."""
        reason = (
            self.licence_reason()
            or self.snapshot.missing_reason(self._settings.resolved_weights_dir)
            or self.runtime_reason()
            or self._device_reason()
        )
        return Availability(False, reason) if reason else AVAILABLE

    def parameter_overrides(self) -> dict[str, dict[str, Any]]:
        return {
            "guidance_scale": {
                "default": self.default_guidance,
                "description": "How closely the shape follows the input (<= 1: not at all).",
            },
            "num_inference_steps": {
                "default": self.default_steps,
                "description": "Denoising steps; fewer is faster and rougher.",
            },
            "mesh_resolution": {
                "default": self.default_resolution,
                "description": "Grid cells per side of the surface extraction; lower uses "
                "less GPU memory and gives a coarser surface.",
            },
            "face_limit": {"default": self.default_face_limit},
        }

    def out_of_memory_advice(self, request: GenerationRequest) -> str:
        resolution = request.mesh_resolution or self.default_resolution
        return f"try a lower mesh_resolution (this task asked for {resolution})"

    def licence_reason(self) -> str:
        """Why the model's licence keeps it off here, or ""."""
        return ""

    def runtime_reason(self) -> str:
        """Why the libraries the model needs cannot run here, or ""."""
        return ""

    def _device_reason(self) -> str:
        if self._settings.learned_on_cpu or device.visible_gpu_count() > 0:
            return ""
        return NO_GPU_REASON

    def warm_up(self) -> None:
        self.pipeline()

    def pipeline(self) -> Any:
        """The loaded pipeline, loading it on first use (once, whatever the threads)."""
        with self._loading:
            if self._pipeline is None:
                device.go_offline()
                self._pipeline = self.load(device.torch_device())
            return self._pipeline

    def load(self, torch_device: Any) -> Any:
        """Load the model from self.weights_folder onto torch_device (local files only)."""
        raise NotImplementedError

    def release_memory(self) -> None:
        device.release_cached_memory()
