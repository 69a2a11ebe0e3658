"""The result cache in front of every engine: a request that matches a finished task
becomes SUCCESS at once, sharing that task's files.

A task's cache key hashes its model, its options (output formats included), its input
image's bytes and, for models whose output depends on the seed, the seed it used. The key
is recorded on every task when its input is stored, so any SUCCESS can serve later
requests. A request is answered from the cache only when it asks nothing random of the
model: an explicit seed, or a model whose output does not depend on the seed.

A hit is a new task with new download tokens that point at the same stored files, with
its own retention; retention deletes a file only when no live artifact uses it, so a
file lives as long as its newest use.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import replace

from meshforge.domain.ids import new_token
from meshforge.domain.records import Artifact, Asset, Task
from meshforge.runtime import Runtime

# A cached task must have this long left, so retention cannot delete its files while a
# hit is being recorded (a hit takes milliseconds).
MIN_REMAINING_LIFE_S = 300
KEY_VERSION = 1


def image_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ResultCache:
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime

    @property
    def enabled(self) -> bool:
        return self._rt.settings.result_cache

    def may_answer(self, model: str, explicit_seed: bool, wanted: bool) -> bool:
        """Whether a request may be answered from the cache (`wanted`: its `cache` field)."""
        if not (self.enabled and wanted):
            return False
        return explicit_seed or not self._seed_dependent(model)

    def key_for(self, task: Task, digest: str | None) -> str | None:
        """The task's cache key (None when the cache is off); `digest` is its image's
        sha256, read from storage when not given."""
        if not self.enabled:
            return None
        if digest is None and task.input_key:
            digest = image_digest(self._rt.storage.get(task.input_key))
        options = task.options.to_json()
        options.pop("cache")
        fields = {
            "v": KEY_VERSION,
            "model": task.model,
            "options": options,
            "image": digest,
            "seed": task.seed if self._seed_dependent(task.model) else None,
        }
        body = json.dumps(fields, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(body.encode()).hexdigest()

    def answer(self, task_id: str, cache_key: str) -> bool:
        """Finish a SUBMITTED task from the newest cached result; False on a miss."""
        task = self._rt.tasks.get(task_id)
        alive_after = int(time.time()) + MIN_REMAINING_LIFE_S
        source = self._rt.tasks.cached_result(cache_key, alive_after)
        if task is None or source is None or source.id == task_id:
            return False
        shared = self._share(source, task)
        if shared is None:
            return False
        outputs, thumbnail, artifacts = shared
        return self._rt.tasks.succeed_from_cache(task_id, outputs, thumbnail, artifacts)

    def _share(
        self, source: Task, task: Task
    ) -> tuple[list[Asset], str | None, list[Artifact]] | None:
        """New tokens for the source's files, expiring with the new task; None when a
        file of the source is already gone."""
        tokens = [a.token for a in source.outputs]
        if source.thumbnail_token:
            tokens.append(source.thumbnail_token)
        found = self._rt.artifacts.get_many(tokens)
        if len(found) != len(tokens):
            return None
        renamed = {token: new_token() for token in tokens}
        artifacts = [
            replace(found[old], token=new, task_id=task.id, expires_at=task.expires_at)
            for old, new in renamed.items()
        ]
        outputs = [replace(asset, token=renamed[asset.token]) for asset in source.outputs]
        thumbnail = renamed.get(source.thumbnail_token or "")
        return outputs, thumbnail, artifacts

    def _seed_dependent(self, model: str) -> bool:
        engines = self._rt.engines
        return model not in engines or engines.get(model).seed_dependent
