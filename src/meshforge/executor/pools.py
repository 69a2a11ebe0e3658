"""The local executor's worker pools: one per device class, each serving its own models.

Today one CPU pool of MESHFORGE_WORKERS processes serves every model that is not a GPU
or upstream model (so a model no longer known still reaches a worker, which fails it
with a reason instead of leaving it QUEUED).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from multiprocessing.context import SpawnContext

from meshforge.domain.status import Status
from meshforge.engines.base import EngineDevice
from meshforge.executor.slots import WorkerSlot, spawn_worker
from meshforge.runtime import Runtime
from meshforge.store.tasks import TaskStore


@dataclass
class WorkerPool:
    device: EngineDevice
    size: int
    other_than: frozenset[str] = frozenset()  # models that other pools or upstream serve
    slots: list[WorkerSlot] = field(default_factory=list)

    def spawn(self, context: SpawnContext, settings_json: str) -> WorkerSlot:
        return spawn_worker(context, settings_json, self.device)

    def queued_ids(self, store: TaskStore, limit: int) -> list[str]:
        """The oldest QUEUED tasks this pool may run."""
        return store.ids_in_status(Status.QUEUED, limit=limit, other_than=self.other_than)

    def ready_count(self) -> int:
        return sum(1 for slot in self.slots if slot.ready and slot.alive())


def pools_for(runtime: Runtime) -> list[WorkerPool]:
    engines = runtime.engines
    elsewhere = frozenset(engines.ids_on("gpu") + engines.ids_on("upstream"))
    return [WorkerPool("cpu", runtime.settings.workers, other_than=elsewhere)]
