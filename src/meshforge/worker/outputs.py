"""Scene -> stored files: one export per requested format plus a thumbnail."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import trimesh

from meshforge.assets.export import export_scene
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
    outputs: list[Asset] = []
    artifacts: list[Artifact] = []
    for index, fmt in enumerate(formats):
        exported = export_scene(scene, fmt, quad=quad)
        asset, artifact = _store(
            storage,
            task_id,
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
        storage,
        task_id,
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
    storage: Storage,
    task_id: str,
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
    filename = f"{task_id[3:15]}-{filename}"
    key = f"outputs/{task_id}/{filename}"
    storage.put(key, data)
    token = new_token()
    asset = Asset(token, fmt, filename, content_type, len(data), triangles, vertices)
    return asset, Artifact(token, task_id, key, filename, content_type, expires_at)
