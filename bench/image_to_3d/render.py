"""Photographs of evaluation meshes: OpenGL (moderngl, headless EGL on Mesa) renders.

A perspective camera (30 degree field of view, like a short telephoto product shot)
orbits the object; Lambert shading with a key and a fill light on a plain light-grey
backdrop, 4x multisampled so edges are anti-aliased like a real photo.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import moderngl
import numpy as np
import trimesh
from numpy.typing import NDArray

FOV_DEG = 30.0
BACKGROUND = (0.94, 0.94, 0.94)

_VERTEX = """
#version 330
uniform mat4 mvp;
uniform mat4 model_view;
in vec3 in_position;
in vec3 in_normal;
out vec3 normal_cam;
void main() {
    normal_cam = mat3(model_view) * in_normal;
    gl_Position = mvp * vec4(in_position, 1.0);
}
"""
_FRAGMENT = """
#version 330
uniform vec3 base_color;
in vec3 normal_cam;
out vec4 color;
void main() {
    vec3 n = normalize(normal_cam);
    if (!gl_FrontFacing) n = -n;
    float key = max(dot(n, normalize(vec3(0.4, 0.6, 0.7))), 0.0);
    float fill = max(dot(n, normalize(vec3(-0.6, 0.1, 0.5))), 0.0);
    vec3 lit = base_color * (0.25 + 0.7 * key + 0.25 * fill);
    color = vec4(pow(clamp(lit, 0.0, 1.0), vec3(1.0 / 1.6)), 1.0);
}
"""


@dataclass(frozen=True)
class View:
    """A rendered photo and the rigid transform from world to camera frame."""

    image: NDArray[np.uint8]  # H x W x 3
    world_to_camera: NDArray[np.float64]  # 4x4: camera frame is x right, y up, z to viewer


@lru_cache(maxsize=1)
def _context() -> moderngl.Context:
    return moderngl.create_standalone_context(backend="egl")


def look_at(azimuth_deg: float, elevation_deg: float, distance: float) -> NDArray[np.float64]:
    """World -> camera matrix for a camera orbiting the origin (Y up)."""
    az, el = np.radians(azimuth_deg), np.radians(elevation_deg)
    eye = distance * np.array([np.cos(el) * np.sin(az), np.sin(el), np.cos(el) * np.cos(az)])
    forward = -eye / np.linalg.norm(eye)
    right = np.cross(forward, [0.0, 1.0, 0.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    matrix = np.eye(4)
    matrix[:3, :3] = np.stack([right, up, -forward])
    matrix[:3, 3] = -matrix[:3, :3] @ eye
    return matrix


def perspective(aspect: float, near: float, far: float) -> NDArray[np.float64]:
    f = 1.0 / np.tan(np.radians(FOV_DEG) / 2)
    return np.array(
        [
            [f / aspect, 0, 0, 0],
            [0, f, 0, 0],
            [0, 0, (far + near) / (near - far), 2 * far * near / (near - far)],
            [0, 0, -1, 0],
        ]
    )


def render(
    mesh: trimesh.Trimesh,
    azimuth_deg: float,
    elevation_deg: float,
    color: tuple[float, float, float],
    size: int = 1024,
) -> View:
    """Render a mesh centred at the origin so that it fills about 70% of the frame."""
    radius = float(np.linalg.norm(mesh.vertices, axis=1).max())
    distance = radius / np.sin(np.radians(FOV_DEG) / 2) / 0.8
    view = look_at(azimuth_deg, elevation_deg, distance)
    projection = perspective(1.0, distance - radius * 1.5, distance + radius * 1.5)
    ctx = _context()
    triangles = np.asarray(mesh.vertices, np.float32)[mesh.faces].reshape(-1, 3)
    normals = np.repeat(np.asarray(mesh.face_normals, np.float32), 3, axis=0)
    program = ctx.program(vertex_shader=_VERTEX, fragment_shader=_FRAGMENT)
    program["mvp"].write((projection @ view).T.astype("f4").tobytes())
    program["model_view"].write(view.T.astype("f4").tobytes())
    program["base_color"].value = color
    buffer = ctx.buffer(np.hstack([triangles, normals]).astype("f4").tobytes())
    vao = ctx.vertex_array(program, [(buffer, "3f 3f", "in_position", "in_normal")])
    samples = ctx.framebuffer(
        color_attachments=[ctx.renderbuffer((size, size), samples=4)],
        depth_attachment=ctx.depth_renderbuffer((size, size), samples=4),
    )
    resolved = ctx.simple_framebuffer((size, size))
    samples.use()
    ctx.enable(moderngl.DEPTH_TEST)
    samples.clear(*BACKGROUND, 1.0)
    vao.render(moderngl.TRIANGLES)
    ctx.copy_framebuffer(resolved, samples)
    pixels = np.frombuffer(resolved.read(components=3), np.uint8).reshape(size, size, 3)
    for resource in (vao, buffer, program, samples, resolved):
        resource.release()
    return View(image=np.ascontiguousarray(pixels[::-1]), world_to_camera=view)
