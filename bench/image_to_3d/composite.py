"""Photoreal composites: a textured, lit object standing in a photographed scene.

Each composite is built the way a phone photo of a product comes out: a backdrop made of
package photos (a wall meeting a table, or one surface), the object rendered with
meshforge's OpenGL renderer (key, fill and ambient light) wearing a photo texture, a soft
contact shadow on the table under it (and optionally its faint reflection in a glossy
table), then the camera: lens blur of the backdrop, uneven light and vignetting, sensor
noise and JPEG compression. The object's own alpha from the render is the true mask.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import cv2
import numpy as np
import trimesh
from numpy.typing import NDArray
from PIL import Image

from bench.image_to_3d.photo_sources import texture_patch
from meshforge.assets.camera import Framing
from meshforge.assets.thumbnail import render_views

RGB = NDArray[np.uint8]
Float = NDArray[np.float64]
EXPOSURE = 1.1  # the renderer's light tops out near 0.9 x albedo: expose like a camera would


@dataclass(frozen=True)
class Placement:
    """Where an object stands: centre x and base y as fractions of the frame, height too.

    inside: a long object (a bone seen side-on) is shrunk, if need be, to fit across the
    frame where it stands, between the frame's sides and halfway to its neighbours, so
    that it is whole and apart; placements meant to cut an object off set it False.
    """

    x: float = 0.5
    base_y: float = 0.8
    height: float = 0.55
    inside: bool = True


FIT_MARGIN = 0.9  # an `inside` object takes at most this share of the width it has


@dataclass(frozen=True)
class Scene:
    """Everything that makes one composite photo; see make_composite."""

    wall: RGB  # the backdrop's upper part (or all of it when horizon is None)
    table: RGB | None = None
    horizon: float | None = 0.6  # where the table meets the wall, fraction of the height
    size: tuple[int, int] = (768, 576)  # width, height
    shadow: float = 0.55  # darkening at the contact shadow's centre (0: none)
    reflection: float = 0.0  # opacity of the object's mirror image in a glossy table
    backdrop_blur: float = 0.0  # lens blur of the backdrop, sigma in pixels
    light_gradient: float = 0.25  # uneven light: the left edge is this much brighter
    vignette: float = 0.3  # corners darker by this fraction
    noise: float = 3.0  # sensor noise, sigma in 8-bit levels
    jpeg_quality: int | None = 85
    exif_rotation: int = 0  # 0, 90, 180 or 270: stored rotated, tagged to display upright
    cut_out_png: bool = False  # a PNG whose alpha is the object's (the backdrop stays under it)
    placements: tuple[Placement, ...] = field(default_factory=lambda: (Placement(),))


@dataclass(frozen=True)
class Composite:
    """The photo file's bytes and the true mask of each object, as the photo displays."""

    data: bytes
    masks: tuple[NDArray[np.bool_], ...]


def textured(mesh: trimesh.Trimesh, image: RGB) -> trimesh.Trimesh:
    """The mesh wearing `image` by a spherical projection around its centre."""
    painted = mesh.copy()
    centred = painted.vertices - painted.bounds.mean(axis=0)
    u = 0.5 + np.arctan2(centred[:, 0], centred[:, 2]) / (2 * np.pi)
    radius = np.linalg.norm(centred, axis=1) + 1e-9
    v = 0.5 + np.arcsin(np.clip(centred[:, 1] / radius, -1, 1)) / np.pi
    # SimpleMaterial multiplies the texture by a grey diffuse colour unless told white.
    material = trimesh.visual.material.SimpleMaterial(
        image=Image.fromarray(image), diffuse=(255, 255, 255, 255)
    )
    painted.visual = trimesh.visual.TextureVisuals(uv=np.column_stack([u, v]), material=material)
    return painted


def render_object(
    mesh: trimesh.Trimesh, azimuth: float, elevation: float, alpha: float = 1.0
) -> NDArray[np.float64]:
    """RGBA in 0..1 of the lit object, cropped to its bounding box."""
    (view,) = render_views(
        mesh, [(azimuth, elevation)], 640, fov_deg=30.0, framing=Framing.of(mesh), supersample=2
    )
    rgba = view.image.astype(np.float64) / 255.0
    rgba[..., :3] = np.clip(rgba[..., :3] * EXPOSURE, 0.0, 1.0)
    rgba[..., 3] *= alpha
    rows, cols = np.nonzero(view.image[..., 3] > 0)
    return rgba[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def backdrop(scene: Scene) -> Float:
    """The wall (and table below the horizon) at the photo's size, linear-ish 0..1."""
    width, height = scene.size
    wall = cv2.resize(scene.wall, (width, height), interpolation=cv2.INTER_CUBIC) / 255.0
    if scene.table is None or scene.horizon is None:
        return np.asarray(wall, np.float64)
    table = cv2.resize(scene.table, (width, height), interpolation=cv2.INTER_CUBIC) / 255.0
    rows = np.arange(height)[:, None, None]
    # The table lies in perspective: its far edge is a little brighter than its front.
    depth_tint = 1.0 + 0.08 * (1 - (rows - scene.horizon * height) / height)
    return np.where(rows >= scene.horizon * height, table * depth_tint, wall)


def contact_shadow(size: tuple[int, int], box: tuple[int, int, int, int], strength: float) -> Float:
    """A soft dark ellipse on the table under the object's base, longer to the light's far
    side (the key light comes from the upper left); 1 where no shadow falls."""
    width, height = size
    left, top, right, bottom = box
    shade = np.zeros((height, width), np.float32)
    centre = (int((left + right) / 2 + 0.08 * (right - left)), bottom - 2)
    axes = (int(0.62 * (right - left)), max(3, int(0.07 * (bottom - top))))
    cv2.ellipse(shade, centre, axes, 0, 0, 360, 1.0, -1)
    shade = cv2.GaussianBlur(shade, (0, 0), max(2.0, 0.05 * (bottom - top)))
    return np.asarray(1.0 - strength * np.clip(shade, 0, 1), np.float64)


def over(base: Float, rgba: Float, left: int, top: int) -> tuple[Float, NDArray[np.float64]]:
    """Composite rgba onto base at (left, top), clipped to the frame; returns the image
    and the pasted alpha at the frame's size."""
    height, width = base.shape[:2]
    alpha_full = np.zeros((height, width))
    y0, x0 = max(0, top), max(0, left)
    y1, x1 = min(height, top + rgba.shape[0]), min(width, left + rgba.shape[1])
    if y1 <= y0 or x1 <= x0:
        return base, alpha_full
    patch = rgba[y0 - top : y1 - top, x0 - left : x1 - left]
    alpha = patch[..., 3:4]
    out = base.copy()
    out[y0:y1, x0:x1] = patch[..., :3] * alpha + out[y0:y1, x0:x1] * (1 - alpha)
    alpha_full[y0:y1, x0:x1] = alpha[..., 0]
    return out, alpha_full


def scaled(rgba: Float, height_px: int) -> Float:
    scale = height_px / rgba.shape[0]
    size = (max(1, round(rgba.shape[1] * scale)), max(1, height_px))
    return np.asarray(cv2.resize(rgba, size, interpolation=cv2.INTER_AREA), np.float64)


def fitted_height(rgba: Float, placement: Placement, scene: Scene) -> int:
    """The object's height in pixels: the placement's, less if it must fit across."""
    width, height = scene.size
    height_px = round(placement.height * height)
    if not placement.inside:
        return height_px
    xs = sorted(p.x for p in scene.placements)
    index = xs.index(placement.x)
    left = (xs[index - 1] + placement.x) / 2 if index > 0 else 0.0
    right = (xs[index + 1] + placement.x) / 2 if index + 1 < len(xs) else 1.0
    room = 2 * min(placement.x - left, right - placement.x) * width * FIT_MARGIN
    natural = rgba.shape[1] * height_px / rgba.shape[0]
    return height_px if natural <= room else max(1, round(height_px * room / natural))


def stage_objects(scene: Scene, image: Float, objects: list[Float]) -> tuple[Float, list[Float]]:
    """Shadows, reflections and the objects themselves, in that order."""
    width, height = scene.size
    sized = [
        scaled(rgba, fitted_height(rgba, p, scene))
        for rgba, p in zip(objects, scene.placements, strict=True)
    ]
    corners = [
        (round(p.x * width - rgba.shape[1] / 2), round(p.base_y * height) - rgba.shape[0])
        for rgba, p in zip(sized, scene.placements, strict=True)
    ]
    for rgba, (left, top) in zip(sized, corners, strict=True):
        box = (left, top, left + rgba.shape[1], top + rgba.shape[0])
        image = image * contact_shadow(scene.size, box, scene.shadow)[..., None]
        if scene.reflection > 0:
            mirror = cv2.GaussianBlur(rgba[::-1], (0, 0), 2.0)
            mirror[..., 3] *= scene.reflection * np.linspace(1, 0, len(mirror))[:, None]
            image, _ = over(image, mirror, left, top + rgba.shape[0])
    alphas = []
    for rgba, (left, top) in zip(sized, corners, strict=True):
        image, alpha = over(image, rgba, left, top)
        alphas.append(alpha)
    return image, alphas


def camera(scene: Scene, image: Float) -> RGB:
    """Uneven light, vignetting, noise and 8-bit quantisation."""
    height, width = image.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width]
    light = 1 + scene.light_gradient * (0.5 - xs / width)
    radius = np.hypot((xs - width / 2) / (width / 2), (ys - height / 2) / (height / 2)) / np.sqrt(2)
    light = light * (1 - scene.vignette * radius**2)
    lit = image * light[..., None] * 255.0
    noise = np.random.default_rng(7).normal(0.0, scene.noise, lit.shape)
    return np.clip(np.round(lit + noise), 0, 255).astype(np.uint8)


def encode(scene: Scene, rgb: RGB) -> bytes:
    """PNG or JPEG bytes; an EXIF rotation stores the pixels turned back and tags them."""
    image = Image.fromarray(rgb)
    # EXIF orientation 6 = display rotated 90 deg clockwise, 3 = 180, 8 = 270.
    tag = {0: 1, 90: 6, 180: 3, 270: 8}[scene.exif_rotation]
    if scene.exif_rotation:
        image = image.rotate(scene.exif_rotation, expand=True)  # PIL turns anticlockwise
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = tag
    if scene.jpeg_quality is None:
        image.save(buffer, format="PNG", exif=exif)
    else:
        image.save(buffer, format="JPEG", quality=scene.jpeg_quality, exif=exif)
    return buffer.getvalue()


def make_composite(scene: Scene, objects: list[Float]) -> Composite:
    """objects: RGBA renders (render_object), one per placement."""
    image = backdrop(scene)
    if scene.backdrop_blur > 0:
        image = cv2.GaussianBlur(image, (0, 0), scene.backdrop_blur)
    image, alphas = stage_objects(scene, image, objects)
    pixels = camera(scene, image)
    # Where the object covers over half of a pixel, however see-through it is.
    opacities = [float(rgba[..., 3].max()) for rgba in objects]
    masks = tuple(alpha > 0.5 * opacity for alpha, opacity in zip(alphas, opacities, strict=True))
    if scene.cut_out_png:
        alpha = np.round(np.clip(sum(alphas), 0, 1) * 255).astype(np.uint8)
        buffer = io.BytesIO()
        Image.fromarray(np.dstack([pixels, alpha])).save(buffer, format="PNG")
        return Composite(buffer.getvalue(), masks)
    return Composite(encode(scene, pixels), masks)


def wood() -> RGB:
    """The wooden table of scikit-image's coffee photo, its top-left corner."""
    return texture_patch("coffee.png", (440, 0, 600, 110), (480, 330))
