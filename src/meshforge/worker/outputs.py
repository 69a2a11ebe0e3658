"""Scene -> stored files: one export per requested format plus a thumbnail.

Each run writes under its own folder (outputs/<task_id>/<run>/), so a stale run of the
same task can never overwrite the files of the run that stands, and a run that fails or
loses its task removes what it wrote.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import trimesh

from meshforge.assets.export import ExportedFile, export_scene
from meshforge.assets.face_limit import enforce_face_limit
from meshforge.assets.thumbnail import render_thumbnail
from meshforge.domain.ids import new_token
from meshforge.domain.records import Artifact, Asset
from meshforge.storage.base import Storage

log = logging.getLogger(__name__)


@dataclass
class RunFiles:
    """The files one run of a task stored, so they can be removed if the run does not stand."""

    storage: Storage
    task_id: str
    run: str = field(default_factory=lambda: secrets.token_hex(4))
    keys: list[str] = field(default_factory=list)

    def put(self, filename: str, data: bytes) -> str:
        key = f"outputs/{self.task_id}/{self.run}/{filename}"
        self.keys.append(key)  # before the write: a failed write may leave a file behind
        self.storage.put(key, data)
        return key

    def remove(self) -> None:
        """Delete every file of this run; a failure is logged (retention removes it later)."""
        for key in self.keys:
            try:
                self.storage.delete(key)
            except Exception:
                log.exception("could not delete %s of a run that did not stand", key)
        self.keys.clear()


def store_outputs(
    scene: trimesh.Scene,
    *,
    files: RunFiles,
    formats: Sequence[str],
    quad: bool,
    face_limit: int,
    retention_s: int,
    progress: Callable[[int], None],
) -> tuple[list[Asset], Asset, list[Artifact]]:
    """Export, store and describe every output; returns (outputs, thumbnail, artifacts).

    `progress` takes 0..100 of this stage: one step per format, the last for the thumbnail.
    """
    scene = enforce_face_limit(scene, face_limit)
    expires_at = int(time.time()) + retention_s
    stored: list[tuple[Asset, Artifact]] = []
    for index, fmt in enumerate(formats):
        stored.append(_store(files, fmt, export_scene(scene, fmt, quad=quad), expires_at))
        progress(100 * (index + 1) // (len(formats) + 1))
    thumbnail = ExportedFile("thumbnail.png", "image/png", render_thumbnail(scene), 0, 0)
    thumbnail_asset, thumbnail_artifact = _store(files, "png", thumbnail, expires_at)
    progress(100)
    outputs = [asset for asset, _ in stored]
    return outputs, thumbnail_asset, [artifact for _, artifact in stored] + [thumbnail_artifact]


def _store(
    files: RunFiles, fmt: str, exported: ExportedFile, expires_at: int
) -> tuple[Asset, Artifact]:
    # A short task prefix keeps two tasks' files apart when downloaded into one folder.
    filename = f"{files.task_id[3:15]}-{exported.filename}"
    key = files.put(filename, exported.data)
    token = new_token()
    size, kind = len(exported.data), exported.content_type
    asset = Asset(token, fmt, filename, kind, size, exported.triangles, exported.vertices)
    return asset, Artifact(token, files.task_id, key, filename, kind, expires_at)
