"""Which engines exist: a plain dict from model id to a factory, built once per process."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable

from meshforge.config import Settings
from meshforge.engines.base import Engine, EngineDevice

log = logging.getLogger(__name__)

EngineFactory = Callable[[], Engine]

# Built-in engines, by model id -> "module:factory". Imported lazily so that listing
# models or serving the API never loads an engine's heavy dependencies. Their factories
# take the settings when there are some (the weights directory, for the segmenter).
BUILTIN_ENGINES: dict[str, str] = {
    "meshforge/image-to-3d": "meshforge.engines.image_to_3d.engine:create_engine",
    "meshforge/text-to-3d": "meshforge.engines.text_to_3d.engine:create_engine",
}
# Learned engines (engines/learned): their factories take the settings (weights dir,
# devices, licences). They are always listed, as unavailable until their weights are in.
LEARNED_ENGINES: dict[str, str] = {
    "openai/shap-e-text-to-3d": "meshforge.engines.learned.shap_e:create_text_engine",
    "openai/shap-e-image-to-3d": "meshforge.engines.learned.shap_e:create_image_engine",
    "tencent/hunyuan3d-2-image-to-3d": "meshforge.engines.learned.hunyuan3d:create_engine",
}


def _load(path: str) -> EngineFactory:
    module_name, _, attr = path.partition(":")
    factory: EngineFactory = getattr(importlib.import_module(module_name), attr)
    return factory


class EngineRegistry:
    """Maps model ids to engines; each engine is created on first use and then reused."""

    def __init__(self, factories: dict[str, EngineFactory]) -> None:
        self._factories = dict(factories)
        self._instances: dict[str, Engine] = {}

    @classmethod
    def from_paths(
        cls,
        extra: Iterable[str] = (),
        builtins: bool = True,
        settings: Settings | None = None,
        engines: Iterable[Engine] = (),
    ) -> EngineRegistry:
        """Builtins (the learned ones too when given the settings), extra "module:factory"
        paths (each factory returns one Engine or a list of engines) and ready `engines`
        (e.g. forwarded models)."""
        factories: dict[str, EngineFactory] = {}
        if builtins:
            for model_id, path in BUILTIN_ENGINES.items():
                factories[model_id] = (
                    _lazy(path) if settings is None else _lazy_configured(path, settings)
                )
        if builtins and settings is not None:
            for model_id, path in LEARNED_ENGINES.items():
                factories[model_id] = _lazy_configured(path, settings)
        for path in extra:
            for engine in _as_list(_load(path)()):
                factories[engine.id] = _constant(engine)
        for engine in engines:
            if engine.id in factories:
                raise ValueError(f"model id {engine.id!r} is configured twice")
            factories[engine.id] = _constant(engine)
        return cls(factories)

    def ids(self) -> list[str]:
        return sorted(self._factories)

    def __contains__(self, model_id: object) -> bool:
        return model_id in self._factories

    def get(self, model_id: str) -> Engine:
        if model_id not in self._instances:
            self._instances[model_id] = self._factories[model_id]()
        return self._instances[model_id]

    def ids_on(self, device: EngineDevice) -> list[str]:
        """The models that run on `device` (cpu, gpu or upstream)."""
        return [model_id for model_id in self.ids() if self.get(model_id).device == device]

    def warm_up(self, device: EngineDevice) -> None:
        """Load what the first task of each available model on `device` would wait for;
        a model that fails to load is logged and left to fail its tasks with a reason."""
        for model_id in self.ids_on(device):
            engine = self.get(model_id)
            if not engine.availability().available:
                continue
            try:
                engine.warm_up()
            except Exception:
                log.exception("warming up %s failed", model_id)


def _as_list(value: Engine | list[Engine]) -> list[Engine]:
    return value if isinstance(value, list) else [value]


def _lazy(path: str) -> EngineFactory:
    return lambda: _load(path)()


def _lazy_configured(path: str, settings: Settings) -> EngineFactory:
    module_name, _, attr = path.partition(":")
    return lambda: getattr(importlib.import_module(module_name), attr)(settings)  # type: ignore[no-any-return]


def _constant(engine: Engine) -> EngineFactory:
    return lambda: engine
