"""Rendering with a real rasterizer (OpenGL through EGL on Mesa): thumbnails and views."""

from __future__ import annotations

import trimesh


def render_thumbnail(scene: trimesh.Scene, size: int = 512) -> bytes:
    """A PNG of the textured model from a three-quarter front view."""
    raise NotImplementedError("assets.thumbnail.render_thumbnail is being written")
