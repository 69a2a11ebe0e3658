"""What every fake shares: tasks that progress with time, scripted faults, statistics."""

from __future__ import annotations

import io
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import trimesh


@dataclass
class FakeTask:
    id: str
    kind: str  # what the provider calls it: image_to_model, preview, refine, ...
    body: dict[str, Any]
    created: float = field(default_factory=time.time)
    canceled: bool = False

    def phase(self, duration: float) -> tuple[str, int]:
        """("queued" | "running" | "done" | "canceled", progress 0..100) by elapsed time."""
        if self.canceled:
            return "canceled", 0
        elapsed = time.time() - self.created
        if elapsed >= duration:
            return "done", 100
        if elapsed < duration * 0.1:
            return "queued", 0
        return "running", min(99, int(100 * elapsed / duration))


@dataclass
class Fault:
    status: int
    retry_after: str | None = None


@dataclass
class FakeState:
    key: str
    duration: float = 1.0
    fail_reason: str | None = None  # every task fails with this reason
    faults: dict[str, list[Fault]] = field(default_factory=dict)  # by kind: submit, poll...
    tasks: dict[str, FakeTask] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    idempotency: dict[str, str] = field(default_factory=dict)
    submitted: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    glb: bytes = field(default_factory=lambda: cube_glb())

    def count(self, what: str) -> None:
        with self.lock:
            self.counts[what] = self.counts.get(what, 0) + 1

    def next_fault(self, kind: str) -> Fault | None:
        with self.lock:
            queue = self.faults.get(kind) or []
            return queue.pop(0) if queue else None

    def add_task(self, kind: str, body: dict[str, Any], idem_key: str | None = None) -> FakeTask:
        with self.lock:
            if idem_key and idem_key in self.idempotency:
                return self.tasks[self.idempotency[idem_key]]
            task = FakeTask(str(uuid.uuid4()), kind, body)
            self.tasks[task.id] = task
            self.submitted.append({"kind": kind, **body})
            self.counts["created"] = self.counts.get("created", 0) + 1
            if idem_key:
                self.idempotency[idem_key] = task.id
            return task

    def running_now(self) -> int:
        with self.lock:
            tasks = list(self.tasks.values())
        return sum(1 for t in tasks if t.phase(self.duration)[0] in ("queued", "running"))

    def configure(self, data: dict[str, Any]) -> None:
        with self.lock:
            self.duration = float(data.get("duration", self.duration))
            self.fail_reason = data.get("fail_reason", self.fail_reason)
            if "key" in data:
                self.key = str(data["key"])
            for kind, faults in (data.get("faults") or {}).items():
                self.faults[kind] = [Fault(int(f[0]), f[1] if len(f) > 1 else None) for f in faults]

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {
                "counts": dict(self.counts),
                "submitted": list(self.submitted),
                "tasks": len(self.tasks),
                "pending_faults": {k: len(v) for k, v in self.faults.items()},
            }


def cube_glb() -> bytes:
    """A 0.5 m box resting on y=0, the model every fake task produces."""
    mesh = trimesh.creation.box(extents=(0.5, 0.5, 0.5))
    mesh.apply_translation([0, 0.25, 0])
    buffer = io.BytesIO()
    trimesh.Scene(mesh).export(buffer, file_type="glb")
    return buffer.getvalue()
