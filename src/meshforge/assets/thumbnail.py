"""Rendering with a real rasterizer (OpenGL through EGL on Mesa): thumbnails and views."""

from __future__ import annotations

import io

import trimesh
from PIL import Image

from meshforge.assets.camera import Framing
from meshforge.assets.render import RenderedView, render_views

__all__ = ["Framing", "RenderedView", "render_thumbnail", "render_views"]

# Three-quarter front view: camera in front (+Z), turned 35 deg towards +X, 20 deg above.
THUMBNAIL_AZIMUTH = 35.0
THUMBNAIL_ELEVATION = 20.0


def render_thumbnail(scene: trimesh.Scene, size: int = 512) -> bytes:
    """A PNG (RGBA, transparent background) of the textured, lit model from a
    three-quarter front view, 3x supersampled for smooth edges."""
    (view,) = render_views(
        scene, [(THUMBNAIL_AZIMUTH, THUMBNAIL_ELEVATION)], size, fov_deg=35.0, supersample=3
    )
    buffer = io.BytesIO()
    Image.fromarray(view.image, mode="RGBA").save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
