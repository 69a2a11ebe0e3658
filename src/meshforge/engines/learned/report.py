"""`meshforge weights`: each learned model, the folder it expects, whether it is there and
whether it loads, so an operator can check a weights directory before starting; and the
foreground stage's segmenter, which every image engine uses when it is there."""

from __future__ import annotations

import time
from dataclasses import dataclass

from meshforge.config import Settings
from meshforge.engines.learned.engine import LearnedEngine
from meshforge.engines.registry import EngineRegistry
from meshforge.inputs.foreground import installed_model
from meshforge.inputs.foreground.salient_model import model_path

SEGMENTER = "foreground segmenter (IS-Net; every image engine, on the CPU)"


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
    rows = [_row(engine, settings, load) for engine in learned_engines(settings)]
    return [*rows, segmenter_row(settings, load)]


def segmenter_row(settings: Settings, load: bool) -> WeightsRow:
    path = model_path(settings.resolved_weights_dir)
    if not path.is_file():
        missing = "no: scripts/install_segmenter.sh installs it"
        return WeightsRow(
            SEGMENTER, str(path.parent.resolve()), missing, "not tried",
            "no: photos are segmented without weights (far less accurately)",
        )  # fmt: skip
    loads = "not tried"
    if load:
        started = time.perf_counter()
        try:
            installed_model(settings.resolved_weights_dir)
            loads = f"yes ({time.perf_counter() - started:.1f} s on the CPU)"
        except RuntimeError as error:
            loads = f"no: {error}"
    available = "yes" if not loads.startswith("no") else "no: it does not load"
    return WeightsRow(SEGMENTER, str(path.parent.resolve()), "yes", loads, available)


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
