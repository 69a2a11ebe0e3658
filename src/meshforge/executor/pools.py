"""The local executor's worker pools: one per device class, each serving its own models.

The CPU pool (MESHFORGE_WORKERS processes) serves every model that is not a GPU or
upstream model, so a model no longer known still reaches a worker, which fails it with
a reason instead of leaving it QUEUED. The GPU pool serves the learned models: one
process per slot (MESHFORGE_GPU_SLOTS, by default one per visible GPU, slot i on GPU
i modulo their count), each keeping its models loaded. Without a GPU it exists only when
the operator lets learned models run on the CPU; with no GPU pool at all, their tasks go
to the CPU pool, whose worker fails them with the model's unavailable reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from multiprocessing.context import SpawnContext

from meshforge.config import Settings
from meshforge.domain.status import Status
from meshforge.engines.base import EngineDevice
from meshforge.engines.learned.device import gpu_total_gib, visible_gpu_count
from meshforge.executor.slots import WorkerSlot, spawn_worker
from meshforge.runtime import Runtime
from meshforge.store.tasks import TaskStore

log = logging.getLogger(__name__)


@dataclass
class WorkerPool:
    device: EngineDevice
    size: int
    other_than: frozenset[str] = frozenset()  # models that other pools or upstream serve
    models: frozenset[str] | None = None  # None: any model not in other_than
    gpus: int = 0  # GPUs to spread the slots over (GPU pool with GPUs only)
    slots: list[WorkerSlot] = field(default_factory=list)

    def spawn(self, context: SpawnContext, settings_json: str, index: int) -> WorkerSlot:
        """A worker for slot `index` (it keeps the same GPU when replaced)."""
        gpu = index % self.gpus if self.gpus else None
        return spawn_worker(context, settings_json, self.device, gpu)

    def queued_ids(self, store: TaskStore, limit: int) -> list[str]:
        """The oldest QUEUED tasks this pool may run."""
        return store.ids_in_status(
            Status.QUEUED, limit=limit, models=self.models, other_than=self.other_than
        )

    def ready_count(self) -> int:
        return sum(1 for slot in self.slots if slot.ready and slot.alive())


def gpu_slot_count(settings: Settings) -> int:
    """GPU worker processes: MESHFORGE_GPU_SLOTS, else one per visible GPU, else one on
    the CPU when the operator allows learned models there."""
    if settings.gpu_slots is not None:
        return settings.gpu_slots
    gpus = visible_gpu_count()
    return gpus if gpus else int(settings.learned_on_cpu)


def pools_for(runtime: Runtime) -> list[WorkerPool]:
    engines, settings = runtime.engines, runtime.settings
    learned = engines.ids_on("gpu")
    upstream = frozenset(engines.ids_on("upstream"))
    slots = gpu_slot_count(settings) if learned else 0
    if slots == 0:
        return [WorkerPool("cpu", settings.workers, other_than=upstream)]
    gpus = visible_gpu_count()
    _warn_if_oversubscribed(runtime, slots, gpus, learned)
    return [
        WorkerPool("cpu", settings.workers, other_than=upstream | frozenset(learned)),
        WorkerPool("gpu", slots, models=frozenset(learned), gpus=gpus),
    ]


def _warn_if_oversubscribed(runtime: Runtime, slots: int, gpus: int, learned: list[str]) -> None:
    """Each slot loads every available learned model; say so when that cannot fit."""
    if not gpus:
        return
    engines = [runtime.engines.get(model_id) for model_id in learned]
    per_slot = sum(e.gpu_memory_gib for e in engines if e.availability().available)
    total_gib = gpu_total_gib()
    slots_per_gpu = -(-slots // gpus)
    if per_slot * slots_per_gpu > total_gib:
        log.warning(
            "%d GPU slots per GPU x %.1f GiB of models each exceed the GPU's %.0f GiB; "
            "lower MESHFORGE_GPU_SLOTS",
            slots_per_gpu,
            per_slot,
            total_gib,
        )
