"""Forwarded models as engines: listed, checked for availability and routed like any
other model, but run by the forwarder (worker/forwarding.py), never by a worker process."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import trimesh

from meshforge.domain.options import FACE_LIMIT_RANGE
from meshforge.engines.base import (
    Availability,
    BaseEngine,
    EngineDevice,
    EngineKind,
    GenerationRequest,
    ProgressFn,
)
from meshforge.engines.upstream.provider import Provider


@dataclass
class Health:
    """The last health probe of a provider (written by the forwarder's probe loop)."""

    answered: bool | None = None  # None: not probed yet
    reason: str = ""
    checked_at: float = 0.0

    def record(self, answered: bool, reason: str = "") -> None:
        self.answered, self.reason, self.checked_at = answered, reason, time.time()


@dataclass
class Endpoint:
    """One configured provider: its client code, where it is and the operator's key."""

    name: str  # e.g. "tripo" or "siray#2" when a provider is configured twice
    provider: Provider
    base_url: str
    api_key: str = field(repr=False)
    health: Health = field(default_factory=Health)


class UpstreamEngine(BaseEngine):
    device: EngineDevice = "upstream"
    default_face_limit = FACE_LIMIT_RANGE[1]  # no limit of ours unless the request sets one

    def __init__(self, model_id: str, kind: EngineKind, upstream_model: str, endpoint: Endpoint):
        self.id, self.kind = model_id, kind
        self.upstream_model = upstream_model
        self.endpoint = endpoint
        self.provider = endpoint.provider.name
        self.description = f"{kind} forwarded to {self.provider} ({upstream_model})"

    def availability(self) -> Availability:
        health = self.endpoint.health
        if not self.endpoint.api_key:
            reason = f"no API key is configured for the upstream provider {self.provider}"
            return Availability(False, reason)
        if health.answered is False:
            return Availability(False, health.reason)
        return Availability(True)

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        raise RuntimeError(f"{self.id} is forwarded upstream; the forwarder runs it, not a worker")
