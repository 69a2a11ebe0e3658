"""Orbit cameras around a model, with OpenGL conventions.

World: metres, Y up, the model's front facing +Z (glTF convention).

Orbit angles: the camera sits on a sphere around the framing centre and looks at it.
``azimuth`` (degrees) turns about +Y from +Z towards +X: 0 = front view (camera on +Z),
90 = the model's right side seen from +X, 180 = back. ``elevation`` (degrees) lifts the
camera above the XZ plane (positive = looking down); it is clamped to +-89.

Matrices are 4x4, column vectors (``clip = projection @ view @ [x, y, z, 1]``):
``view`` maps world to camera space, where the camera looks down -Z with +Y up and +X to
the right of the image; ``projection`` maps camera space to OpenGL clip space (NDC in
[-1, 1]^3 after division by w; NDC depth -1 = near plane). Image pixel (col, row), with row
0 at the *top*, has its centre at NDC ``x = 2 (col + 0.5) / size - 1``,
``y = 1 - 2 (row + 0.5) / size``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import trimesh
from numpy.typing import NDArray

Matrix = NDArray[np.float64]
FRAME_MARGIN = 1.08  # the bounding sphere fills 1/1.08 of the half-image


@dataclass(frozen=True)
class Framing:
    """The sphere (centre, radius in metres) every view keeps in frame. Share one Framing
    between two renders (e.g. ground truth and reconstruction) for identical cameras."""

    center: tuple[float, float, float]
    radius: float

    @classmethod
    def of(cls, geometry: trimesh.Scene | trimesh.Trimesh) -> Framing:
        """The bounding box's centre and the farthest vertex's distance from it."""
        bounds = np.asarray(geometry.bounds, dtype=np.float64)
        centre = (bounds[0] + bounds[1]) / 2
        points = _world_vertices(geometry)
        radius = float(np.linalg.norm(points - centre, axis=1).max()) if len(points) else 0.0
        return cls((float(centre[0]), float(centre[1]), float(centre[2])), radius or 1.0)


def _world_vertices(geometry: trimesh.Scene | trimesh.Trimesh) -> NDArray[np.float64]:
    if isinstance(geometry, trimesh.Trimesh):
        return np.asarray(geometry.vertices, dtype=np.float64)
    chunks = [np.zeros((0, 3))]
    for node in geometry.graph.nodes_geometry:
        transform, name = geometry.graph[node]
        mesh = geometry.geometry.get(name)
        if isinstance(mesh, trimesh.Trimesh):
            chunks.append(trimesh.transform_points(mesh.vertices, transform))
    return np.vstack(chunks)


def orbit_position(framing: Framing, azimuth: float, elevation: float, distance: float) -> Matrix:
    az = math.radians(azimuth)
    el = math.radians(max(-89.0, min(89.0, elevation)))
    direction = np.array([math.cos(el) * math.sin(az), math.sin(el), math.cos(el) * math.cos(az)])
    return np.asarray(framing.center) + distance * direction


def look_at(eye: Matrix, target: Matrix, up: Matrix | None = None) -> Matrix:
    """World -> camera matrix for a camera at eye looking at target."""
    up_vector = np.array([0.0, 1.0, 0.0]) if up is None else up
    forward = target - eye
    forward /= np.linalg.norm(forward)
    right = np.cross(forward, up_vector)
    right /= np.linalg.norm(right)
    true_up = np.cross(right, forward)
    view = np.eye(4)
    view[0, :3], view[1, :3], view[2, :3] = right, true_up, -forward
    view[:3, 3] = -view[:3, :3] @ eye
    return view


def perspective(fov_y_deg: float, near: float, far: float) -> Matrix:
    f = 1.0 / math.tan(math.radians(fov_y_deg) / 2)
    projection = np.zeros((4, 4))
    projection[0, 0], projection[1, 1] = f, f
    projection[2, 2] = (far + near) / (near - far)
    projection[2, 3] = 2 * far * near / (near - far)
    projection[3, 2] = -1.0
    return projection


def orthographic(half_size: float, near: float, far: float) -> Matrix:
    projection = np.eye(4)
    projection[0, 0] = projection[1, 1] = 1.0 / half_size
    projection[2, 2] = -2.0 / (far - near)
    projection[2, 3] = -(far + near) / (far - near)
    return projection


def orbit_camera(
    framing: Framing, azimuth: float, elevation: float, *, fov_deg: float | None
) -> tuple[Matrix, Matrix, float, float]:
    """(view, projection, near, far) for an orbit view; fov_deg None = orthographic."""
    radius = framing.radius * FRAME_MARGIN
    ortho = fov_deg is None
    distance = 3.0 * radius if ortho else radius / math.sin(math.radians(fov_deg or 1.0) / 2)
    near, far = max(distance - radius * 1.5, distance * 1e-3), distance + radius * 1.5
    if fov_deg is None:
        projection = orthographic(radius, near, far)
    else:
        projection = perspective(fov_deg, near, far)
    eye = orbit_position(framing, azimuth, elevation, distance)
    view = look_at(eye, np.asarray(framing.center, dtype=np.float64))
    return view, projection, near, far
