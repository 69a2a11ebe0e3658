"""Scene -> stored files: one export per requested format plus a thumbnail."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import trimesh

from meshforge.assets.export import ExportedFile, export_scene
from meshforge.assets.face_limit import enforce_face_limit
from meshforge.assets.thumbnail import render_thumbnail
from meshforge.domain.ids import new_token
from meshforge.domain.records import Artifact, Asset
from meshforge.storage.base import Storage


def store_outputs(
    scene: trimesh.Scene,
    *,
    task_id: str,
    formats: Sequence[str],
    quad: bool,
    face_limit: int,
    retention_s: int,
    storage: Storage,
    progress: Callable[[int], None],
) -> tuple[list[Asset], Asset, list[Artifact]]:
    """Export, store and describe every output; returns (outputs, thumbnail, artifacts).

    `progress` takes 0..100 of this stage: one step per format, the last for the thumbnail.
    """
    scene = enforce_face_limit(scene, face_limit)
    expires_at = int(time.time()) + retention_s
    stored: list[tuple[Asset, Artifact]] = []
    for index, fmt in enumerate(formats):
        exported = export_scene(scene, fmt, quad=quad)
        stored.append(_store(storage, task_id, fmt, exported, expires_at))
        progress(100 * (index + 1) // (len(formats) + 1))
    thumbnail = ExportedFile("thumbnail.png", "image/png", render_thumbnail(scene), 0, 0)
    thumbnail_asset, thumbnail_artifact = _store(storage, task_id, "png", thumbnail, expires_at)
    progress(100)
    outputs = [asset for asset, _ in stored]
    return outputs, thumbnail_asset, [artifact for _, artifact in stored] + [thumbnail_artifact]


def _store(
    storage: Storage, task_id: str, fmt: str, exported: ExportedFile, expires_at: int
) -> tuple[Asset, Artifact]:
    # A short task prefix keeps two tasks' files apart when downloaded into one folder.
    filename = f"{task_id[3:15]}-{exported.filename}"
    key = f"outputs/{task_id}/{filename}"
    storage.put(key, exported.data)
    token = new_token()
    size = len(exported.data)
    asset = Asset(
        token, fmt, filename, exported.content_type, size, exported.triangles, exported.vertices
    )
    return asset, Artifact(token, task_id, key, filename, exported.content_type, expires_at)
