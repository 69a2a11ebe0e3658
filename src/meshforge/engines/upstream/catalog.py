"""MESHFORGE_UPSTREAMS -> one engine per forwarded model, sharing one Endpoint per provider."""

from __future__ import annotations

from collections.abc import Sequence

from meshforge.config import UpstreamModel, UpstreamSettings
from meshforge.engines.base import EngineKind
from meshforge.engines.upstream.engine import Endpoint, UpstreamEngine
from meshforge.engines.upstream.meshy import MeshyProvider
from meshforge.engines.upstream.provider import Provider
from meshforge.engines.upstream.siray import SirayProvider
from meshforge.engines.upstream.tripo import TripoProvider

PROVIDERS: dict[str, type[Provider]] = {
    "siray": SirayProvider,
    "tripo": TripoProvider,
    "meshy": MeshyProvider,
}
KIND_WORDS: dict[str, EngineKind] = {
    "image-to-3d": "image-to-3d",
    "image_to_model": "image-to-3d",
    "text-to-3d": "text-to-3d",
    "text_to_model": "text-to-3d",
}


def upstream_engines(configs: Sequence[UpstreamSettings]) -> list[UpstreamEngine]:
    engines = []
    for index, config in enumerate(configs):
        name = config.provider if index == 0 else f"{config.provider}#{index + 1}"
        provider = PROVIDERS[config.provider]()
        key = config.api_key.get_secret_value()
        endpoint = Endpoint(name, provider, config.base_url, key)
        for model_id, spec in config.models.items():
            model = spec if isinstance(spec, UpstreamModel) else UpstreamModel(id=spec)
            kind = model.kind or kind_from_ids(model_id, model.id)
            engines.append(UpstreamEngine(model_id, kind, model.id, endpoint))
    return engines


def kind_from_ids(model_id: str, upstream_id: str) -> EngineKind:
    """The kind a model id names (Siray's catalogue does: "...-image-to-3d")."""
    for name in (model_id, upstream_id):
        for word, kind in KIND_WORDS.items():
            if word in name.lower():
                return kind
    raise ValueError(
        f"MESHFORGE_UPSTREAMS: the kind of model {model_id!r} is not in its id; write it "
        f'as {{"id": "{upstream_id}", "kind": "image-to-3d"}} (or "text-to-3d")'
    )
