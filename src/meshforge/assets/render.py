"""Rasterised views of a model through OpenGL (EGL): textured, Lambert + ambient lit.

Camera conventions are documented in camera.py. Every GL object made for a render is
released before returning, so calling this thousands of times does not leak.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import moderngl
import numpy as np
import trimesh
from numpy.typing import NDArray

from meshforge.assets.camera import Framing, Matrix, orbit_camera
from meshforge.assets.gl_context import GLState, cached_program, gl_session
from meshforge.assets.parts import MeshPart, scene_parts
from meshforge.assets.render_shaders import FRAGMENT, VERTEX

SHARP_EDGE_COS = 0.77  # corners whose vertex normal is > 40 deg off the face use the face normal


@dataclass(frozen=True)
class RenderedView:
    """One view. image: (size, size, 4) uint8 RGBA, row 0 at the top, alpha 0 where no
    surface is (straight, not premultiplied, alpha). depth: (size, size) float32 distance in
    metres along the camera's viewing axis (camera-space -z) of the nearest surface, inf
    on background. view/projection: the 4x4 matrices described in camera.py."""

    image: NDArray[np.uint8]
    depth: NDArray[np.float32]
    view: Matrix
    projection: Matrix
    azimuth: float
    elevation: float


def render_views(
    scene_or_mesh: trimesh.Scene | trimesh.Trimesh,
    views: Sequence[tuple[float, float]],
    size: int = 512,
    *,
    fov_deg: float | None = 35.0,
    framing: Framing | None = None,
    supersample: int = 2,
    lit: bool = True,
) -> list[RenderedView]:
    """Render (azimuth, elevation) degree views; fov_deg None gives orthographic cameras.

    framing defaults to the model's bounding sphere (Framing.of); pass the same Framing to
    render two models with identical cameras. supersample renders at size * supersample
    and averages blocks down (anti-aliasing). lit=False outputs the unlit albedo colours.
    """
    scene = (
        scene_or_mesh if isinstance(scene_or_mesh, trimesh.Scene) else trimesh.Scene(scene_or_mesh)
    )
    frame = framing or Framing.of(scene)
    parts = scene_parts(scene)
    results = []
    with gl_session() as state:
        for azimuth, elevation in views:
            view, projection, near, far = orbit_camera(frame, azimuth, elevation, fov_deg=fov_deg)
            rgba, depth = _draw(state, parts, view, projection, size * supersample, lit)
            image, metric_depth = _downsample(rgba, depth, supersample, near, far, fov_deg is None)
            results.append(RenderedView(image, metric_depth, view, projection, azimuth, elevation))
    return results


def _draw(
    state: GLState, parts: list[MeshPart], view: Matrix, projection: Matrix, pixels: int, lit: bool
) -> tuple[NDArray[np.uint8], NDArray[np.float32]]:
    """Raw RGBA (top row first) and window depth (0..1) buffers for one view."""
    ctx = state.ctx
    program = cached_program(state, "lit", VERTEX, FRAGMENT)
    color = ctx.renderbuffer((pixels, pixels), components=4)
    depth = ctx.depth_texture((pixels, pixels))
    fbo = ctx.framebuffer(color_attachments=[color], depth_attachment=depth)
    try:
        fbo.use()
        ctx.viewport = (0, 0, pixels, pixels)
        fbo.clear(0.0, 0.0, 0.0, 0.0, depth=1.0)
        ctx.enable(moderngl.DEPTH_TEST)
        ctx.disable(moderngl.CULL_FACE)
        _uniform(program, "u_mvp").write((projection @ view).T.astype("f4").tobytes())
        _uniform(program, "u_view").write(view.T.astype("f4").tobytes())
        _uniform(program, "u_lit").value = 1 if lit else 0
        for part in parts:
            _draw_part(ctx, program, part)
        rgba = np.frombuffer(fbo.read(components=4), dtype=np.uint8).reshape(pixels, pixels, 4)
        window_depth = np.frombuffer(
            fbo.read(components=1, attachment=-1, dtype="f4"), dtype=np.float32
        )
    finally:
        fbo.release()
        color.release()
        depth.release()
    return rgba[::-1], window_depth.reshape(pixels, pixels)[::-1]


def _draw_part(ctx: moderngl.Context, program: moderngl.Program, part: MeshPart) -> None:
    """Upload one part as a triangle soup (+ its texture), draw it, free the GL objects."""
    corners = part.faces.ravel()
    uv = part.uv[corners] if part.uv is not None else np.zeros((len(corners), 2))
    colors = part.colors[corners] / 255.0 if part.colors is not None else np.ones((len(corners), 4))
    soup = np.hstack(
        [part.vertices[corners], _corner_normals(part), uv, colors * np.asarray(part.base_color)]
    ).astype("f4")
    vbo = ctx.buffer(soup.tobytes())
    vao = ctx.vertex_array(
        program, [(vbo, "3f 3f 2f 4f", "in_pos", "in_normal", "in_uv", "in_color")]
    )
    texture = _upload_texture(ctx, part)
    try:
        texture.use(location=0)
        _uniform(program, "u_texture").value = 0
        _uniform(program, "u_textured").value = 1 if part.textured else 0
        vao.render(moderngl.TRIANGLES)
    finally:
        vao.release()
        vbo.release()
        texture.release()


def _uniform(program: moderngl.Program, name: str) -> moderngl.Uniform:
    member = program[name]
    if not isinstance(member, moderngl.Uniform):
        raise TypeError(f"{name} is not a uniform of the render program")
    return member


def _corner_normals(part: MeshPart) -> NDArray[np.float64]:
    """Smooth vertex normals, except at sharp corners (e.g. a box's) where the face normal
    is used so flat faces shade flat."""
    a, b, c = (part.vertices[part.faces[:, k]] for k in range(3))
    face_normal = np.cross(b - a, c - a)
    face_normal /= np.maximum(np.linalg.norm(face_normal, axis=1, keepdims=True), 1e-30)
    vertex_normal = part.normals[part.faces]  # (m, 3, 3)
    agree = np.einsum("mkj,mj->mk", vertex_normal, face_normal) > SHARP_EDGE_COS
    chosen = np.where(agree[..., None], vertex_normal, face_normal[:, None, :])
    return chosen.reshape(-1, 3)


def _upload_texture(ctx: moderngl.Context, part: MeshPart) -> moderngl.Texture:
    """The part's texture (top row first, so GL t=0 is the image top), or a white texel."""
    if part.texture is None or part.uv is None:
        return ctx.texture((1, 1), 4, b"\xff\xff\xff\xff")
    image = part.texture.convert("RGBA")
    texture = ctx.texture(image.size, 4, image.tobytes())
    texture.build_mipmaps()
    texture.filter = (moderngl.LINEAR_MIPMAP_LINEAR, moderngl.LINEAR)
    return texture


def _downsample(
    rgba: NDArray[np.uint8],
    window_depth: NDArray[np.float32],
    factor: int,
    near: float,
    far: float,
    ortho: bool,
) -> tuple[NDArray[np.uint8], NDArray[np.float32]]:
    """Average factor x factor blocks (alpha-weighted colour); nearest depth per block."""
    size = rgba.shape[0] // factor
    blocks = rgba.astype(np.float64).reshape(size, factor, size, factor, 4)
    alpha = blocks[..., 3:4]
    weight = np.maximum(alpha.sum(axis=(1, 3)), 1e-9)
    colour = (blocks[..., :3] * alpha).sum(axis=(1, 3)) / weight
    mean_alpha = alpha.mean(axis=(1, 3))
    image = np.round(np.concatenate([colour, mean_alpha], axis=-1)).clip(0, 255).astype(np.uint8)
    nearest = window_depth.reshape(size, factor, size, factor).min(axis=(1, 3)).astype(np.float64)
    if ortho:
        metric = near + nearest * (far - near)
    else:
        ndc = 2.0 * nearest - 1.0
        metric = 2.0 * far * near / np.maximum(far + near - ndc * (far - near), 1e-30)
    metric = np.where(nearest >= 1.0, np.inf, metric)
    return image, metric.astype(np.float32)
