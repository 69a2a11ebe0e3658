"""Photographs of evaluation meshes, made with meshforge's own OpenGL renderer.

assets.thumbnail.render_views (moderngl on Mesa EGL, Lambert + ambient light,
supersampled) renders the painted mesh with a perspective camera of 30 degrees field of
view (a short telephoto product shot); the transparent background is replaced by a
plain light-grey backdrop, so the engine has to segment the object itself.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import trimesh
from numpy.typing import NDArray
from PIL import Image

from bench.image_to_3d.segmenter import WEIGHTS_DIR
from meshforge.assets.thumbnail import Framing, render_views
from meshforge.engines.image_to_3d.foreground import extract_foreground

FOV_DEG = 30.0
BACKGROUND = np.array([240.0, 240.0, 240.0])
# The renderer frames the bounding sphere to ~93% of the half-image; a larger framing
# radius leaves the margin of background a product photo has (object ~ 75% of the frame).
FRAMING_MARGIN = 1.25


@dataclass(frozen=True)
class View:
    """A rendered photo, its depth and the rigid transform from world to camera frame."""

    image: NDArray[np.uint8]  # H x W x 3 RGB
    depth: NDArray[np.float32]  # H x W distance along the viewing axis, inf on background
    world_to_camera: NDArray[np.float64]  # 4x4: x right, y up, z towards the camera


def render(
    mesh: trimesh.Trimesh,
    azimuth_deg: float,
    elevation_deg: float,
    color: tuple[float, float, float],
    size: int = 1024,
    fov_deg: float = FOV_DEG,
) -> View:
    """Render a mesh centred at the origin (bounding radius 1) painted in one colour."""
    painted = mesh.copy()
    rgba = np.round(np.array([*color, 1.0]) * 255).astype(np.uint8)
    painted.visual = trimesh.visual.ColorVisuals(
        painted, vertex_colors=np.tile(rgba, (len(painted.vertices), 1))
    )
    framing = Framing(center=(0.0, 0.0, 0.0), radius=FRAMING_MARGIN)
    (view,) = render_views(
        painted, [(azimuth_deg, elevation_deg)], size, fov_deg=fov_deg, framing=framing
    )
    alpha = view.image[..., 3:4].astype(np.float64) / 255.0
    photo = view.image[..., :3] * alpha + BACKGROUND * (1.0 - alpha)
    return View(image=np.round(photo).astype(np.uint8), depth=view.depth, world_to_camera=view.view)


def png_bytes(image: NDArray[np.uint8]) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return buffer.getvalue()


def photo_mask_and_truth(
    mesh: trimesh.Trimesh,
    color: tuple[float, float, float],
    azimuth_deg: float,
    elevation_deg: float,
    size: int = 1024,
    fov_deg: float = FOV_DEG,
) -> tuple[NDArray[np.bool_], trimesh.Trimesh]:
    """Photograph the mesh, segment the photo as the engine does, and move the mesh into
    that camera's frame: what an ablation of the shape stage needs."""
    view = render(mesh, azimuth_deg, elevation_deg, color, size=size, fov_deg=fov_deg)
    truth = mesh.copy()
    truth.apply_transform(view.world_to_camera)
    return extract_foreground(png_bytes(view.image), weights_dir=WEIGHTS_DIR).mask, truth
