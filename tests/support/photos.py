"""Photographs of test meshes, rendered with meshforge's own OpenGL renderer."""

from __future__ import annotations

import io

import numpy as np
import trimesh
from PIL import Image

from meshforge.assets.camera import Framing
from meshforge.assets.render import render_views

BACKDROP = 235.0  # a plain light-grey studio backdrop


def photograph(
    mesh: trimesh.Trimesh,
    azimuth: float,
    elevation: float,
    *,
    size: int,
    fov_deg: float | None,
    framing_radius: float,
) -> tuple[bytes, trimesh.Trimesh]:
    """A PNG of the (painted) mesh on a plain backdrop, camera aimed at the origin, and
    the mesh moved into that camera's frame (x right, y up, z towards the camera)."""
    framing = Framing((0.0, 0.0, 0.0), framing_radius)
    (view,) = render_views(mesh, [(azimuth, elevation)], size, fov_deg=fov_deg, framing=framing)
    alpha = view.image[..., 3:4] / 255.0
    photo = view.image[..., :3] * alpha + BACKDROP * (1.0 - alpha)
    buffer = io.BytesIO()
    Image.fromarray(np.round(photo).astype(np.uint8)).save(buffer, format="PNG")
    in_camera_frame = mesh.copy()
    in_camera_frame.apply_transform(view.view)
    return buffer.getvalue(), in_camera_frame
