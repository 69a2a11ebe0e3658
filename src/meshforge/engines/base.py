"""The Engine interface every generator implements.

Engines know nothing about HTTP, the database or storage: they get a frozen
GenerationRequest and a progress callback and return a trimesh Scene. The worker
turns that scene into files (assets package) and records the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

import trimesh

EngineKind = Literal["text-to-3d", "image-to-3d"]

# progress(percent, stage): percent is 0..100 *within the engine*; the worker maps it
# onto the task's overall progress and keeps it monotonic.
ProgressFn = Callable[[int, str], None]


class EngineInputError(Exception):
    """The input cannot be turned into a model; the message tells the user what to change.

    Raised by engines for problems the user can fix (no foreground object, a prompt
    that names nothing we can build). The worker records the message as fail_reason.
    """


@dataclass(frozen=True)
class GenerationRequest:
    """Validated inputs and options of one task, as the engine sees them."""

    seed: int
    prompt: str | None = None
    image: bytes | None = None  # PNG, JPEG or WebP bytes, already checked for limits
    face_limit: int | None = None  # None: the engine's default_face_limit
    texture_enable: bool = True
    pbr_enable: bool = True
    quad: bool = False
    texture_quality: Literal["standard", "HD"] = "standard"
    texture_seed: int | None = None  # None: same as seed
    texture_alignment: Literal["original_image", "geometry"] = "original_image"
    auto_size: bool = True

    @property
    def texture_size(self) -> int:
        return 2048 if self.texture_quality == "HD" else 1024

    @property
    def effective_texture_seed(self) -> int:
        return self.seed if self.texture_seed is None else self.texture_seed


@runtime_checkable
class Engine(Protocol):
    """A generator. Implementations are plain classes registered in engines.registry."""

    id: str  # e.g. "meshforge/image-to-3d"
    kind: EngineKind
    description: str
    default_face_limit: int

    def parameter_overrides(self) -> dict[str, dict[str, Any]]:
        """Extra JSON Schema keywords per request field (e.g. a vocabulary description)."""
        ...

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        """Build the model: metres, Y up, resting on y=0 when request.auto_size.

        Must return at most request.face_limit (or default_face_limit) triangles.
        Raise EngineInputError for input the user must change; any other exception
        is reported as an internal engine failure.
        """
        ...
