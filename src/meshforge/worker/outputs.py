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

from meshforge.assets.export import export_scene
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
    outputs: list[Asset] = []
    artifacts: list[Artifact] = []
    for index, fmt in enumerate(formats):
        exported = export_scene(scene, fmt, quad=quad)
        asset, artifact = _store(
            files,
            exported.filename,
            exported.content_type,
            exported.data,
            fmt=fmt,
            triangles=exported.triangles,
            vertices=exported.vertices,
            expires_at=expires_at,
        )
        outputs.append(asset)
        artifacts.append(artifact)
        progress(100 * (index + 1) // (len(formats) + 1))
    png = render_thumbnail(scene)
    thumbnail, artifact = _store(
        files,
        "thumbnail.png",
        "image/png",
        png,
        fmt="png",
        triangles=0,
        vertices=0,
        expires_at=expires_at,
    )
    artifacts.append(artifact)
    progress(100)
    return outputs, thumbnail, artifacts


def _store(
    files: RunFiles,
    filename: str,
    content_type: str,
    data: bytes,
    *,
    fmt: str,
    triangles: int,
    vertices: int,
    expires_at: int,
) -> tuple[Asset, Artifact]:
    # A short task prefix keeps two tasks' files apart when downloaded into one folder.
    filename = f"{files.task_id[3:15]}-{filename}"
    key = files.put(filename, data)
    token = new_token()
    asset = Asset(token, fmt, filename, content_type, len(data), triangles, vertices)
    return asset, Artifact(token, files.task_id, key, filename, content_type, expires_at)
