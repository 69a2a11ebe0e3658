"""The Engine interface every generator implements.

Engines know nothing about HTTP, the database or storage: they get a frozen
GenerationRequest and a progress callback and return a trimesh Scene. The worker
turns that scene into files (assets package) and records the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Literal, Protocol, runtime_checkable

import trimesh

from meshforge.domain.options import GenerationOptions

EngineKind = Literal["text-to-3d", "image-to-3d"]
# Where an engine runs: a CPU worker, a GPU worker slot, or a provider it forwards to.
EngineDevice = Literal["cpu", "gpu", "upstream"]

# progress(percent, stage): percent is 0..100 *within the engine*; the worker maps it
# onto the task's overall progress and keeps it monotonic.
ProgressFn = Callable[[int, str], None]


class EngineInputError(Exception):
    """The input cannot be turned into a model; the message tells the user what to change.

    Raised by engines for problems the user can fix (no foreground object, a prompt
    that names nothing we can build). The worker records the message as fail_reason.
    """


@dataclass(frozen=True)
class Availability:
    """Whether a model can take tasks now; `reason` says why not, for the user."""

    available: bool = True
    reason: str = ""


AVAILABLE = Availability()


@dataclass(frozen=True, kw_only=True)
class GenerationRequest(GenerationOptions):
    """One task's options plus its seed and input image, as the engine sees them."""

    seed: int
    image: bytes | None = None  # PNG, JPEG or WebP bytes, already checked for limits

    @classmethod
    def of(cls, options: GenerationOptions, seed: int, image: bytes | None) -> GenerationRequest:
        values = {field.name: getattr(options, field.name) for field in fields(options)}
        return cls(**values, seed=seed, image=image)

    @property
    def effective_texture_seed(self) -> int:
        return self.seed if self.texture_seed is None else self.texture_seed


@runtime_checkable
class Engine(Protocol):
    """A generator. Implementations are plain classes registered in engines.registry;
    most derive from BaseEngine for the defaults."""

    id: str  # e.g. "meshforge/image-to-3d"
    kind: EngineKind
    device: EngineDevice
    provider: str | None  # the upstream provider a forwarded model goes to
    seed_dependent: bool  # the output changes with the seed (the result cache needs a seed)
    description: str
    default_face_limit: int
    # Request options beyond the common ones that this engine takes (a subset of
    # domain.options.ENGINE_OPTIONS); a request naming another one is refused.
    engine_options: frozenset[str]
    gpu_memory_gib: float  # what one loaded copy needs on a GPU (device "gpu" only)

    def parameter_overrides(self) -> dict[str, dict[str, Any]]:
        """Extra JSON Schema keywords per request field (e.g. a vocabulary description)."""
        ...

    def availability(self) -> Availability:
        """Whether the model can run here now (weights present, licence accepted, a
        GPU or an upstream provider reachable); cheap, called on every submit."""
        ...

    def warm_up(self) -> None:
        """Load what the first task would otherwise wait for (called as a worker starts)."""
        ...

    def release_memory(self) -> None:
        """Give back what one task left cached (a GPU engine's allocator cache); called by
        the worker after every task, whatever its outcome."""
        ...

    def out_of_memory_advice(self, request: GenerationRequest) -> str:
        """What to lower when this request ran out of accelerator memory, for the user."""
        ...

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        """Build the model: metres, Y up, resting on y=0 when request.auto_size.

        Must return at most request.face_limit (or default_face_limit) triangles.
        Raise EngineInputError for input the user must change; any other exception
        is reported as an internal engine failure.
        """
        ...


class BaseEngine:
    """Defaults for the optional parts of Engine: a CPU model that is always available,
    needs no warm-up and adds nothing to the request schema."""

    device: EngineDevice = "cpu"
    provider: str | None = None
    engine_options: frozenset[str] = frozenset()
    gpu_memory_gib: float = 0.0
    seed_dependent: bool = True

    def parameter_overrides(self) -> dict[str, dict[str, Any]]:
        return {}

    def availability(self) -> Availability:
        return AVAILABLE

    def warm_up(self) -> None:
        return None

    def release_memory(self) -> None:
        return None

    def out_of_memory_advice(self, request: GenerationRequest) -> str:
        return "try a lower face_limit, or run fewer tasks at once on this machine"
