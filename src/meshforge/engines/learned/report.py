"""`meshforge weights`: each learned model, the folder it expects, whether it is there and
whether it loads, so an operator can check a weights directory before starting."""

from __future__ import annotations

import time
from dataclasses import dataclass

from meshforge.config import Settings
from meshforge.engines.learned.engine import LearnedEngine
from meshforge.engines.registry import EngineRegistry


@dataclass(frozen=True)
class WeightsRow:
    model: str
    folder: str
    present: str  # "yes", or what is missing
    loads: str  # "yes (... s on ...)", "no: <error>", or why it was not tried
    available: str  # "yes", or the reason the API gives


def learned_engines(settings: Settings) -> list[LearnedEngine]:
    registry = EngineRegistry.from_paths((), builtins=True, settings=settings)
    engines = [registry.get(model_id) for model_id in registry.ids_on("gpu")]
    return [engine for engine in engines if isinstance(engine, LearnedEngine)]


def weights_report(settings: Settings, *, load: bool) -> list[WeightsRow]:
    return [_row(engine, settings, load) for engine in learned_engines(settings)]


def _row(engine: LearnedEngine, settings: Settings, load: bool) -> WeightsRow:
    missing = engine.snapshot.missing_reason(settings.resolved_weights_dir)
    availability = engine.availability()
    return WeightsRow(
        model=engine.id,
        folder=str(engine.weights_folder.resolve()),
        present=missing or "yes",
        loads=_try_load(engine) if load and not missing else "not tried",
        available="yes" if availability.available else availability.reason,
    )


def _try_load(engine: LearnedEngine) -> str:
    """Load the model as a worker would (on the GPU if one is visible)."""
    reason = engine.licence_reason() or engine.runtime_reason()
    if reason:
        return f"not tried: {reason}"
    started = time.perf_counter()
    try:
        pipe = engine.pipeline()
    except Exception as error:
        return f"no: {type(error).__name__}: {error}"
    seconds = time.perf_counter() - started
    where = getattr(pipe, "device", None) or "the CPU"
    return f"yes ({seconds:.1f} s on {where})"
