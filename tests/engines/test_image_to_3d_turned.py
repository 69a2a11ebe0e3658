"""Turned objects photographed from above lean towards the camera, as they do in the photo."""

from __future__ import annotations

import io
import math

import cv2
import numpy as np
import pytest
import trimesh
from numpy.typing import NDArray
from PIL import Image

from meshforge.engines.base import GenerationRequest
from meshforge.engines.image_to_3d.engine import create_engine
from meshforge.engines.image_to_3d.foreground import extract_foreground
from meshforge.engines.image_to_3d.lens import (
    DEFAULT_FOV_DEG,
    elevation_at_row,
    field_of_view_deg,
)
from meshforge.engines.image_to_3d.shape import inflate
from meshforge.engines.image_to_3d.symmetry import base_elevation
from tests.support.photos import photograph

BOTTLE = [(0, 0), (0.04, 0), (0.04, 0.17), (0.03, 0.2), (0.013, 0.23), (0.013, 0.29), (0, 0.29)]


def cylinder_outline(
    elevation_deg: float, radius: int = 60, height: int = 200
) -> NDArray[np.bool_]:
    """The orthographic outline of an upright cylinder seen from `elevation_deg` above."""
    canvas = np.zeros((400, 300), np.uint8)
    half_height = max(1, round(radius * math.sin(math.radians(elevation_deg))))
    top = 80
    bottom = top + round(height * math.cos(math.radians(elevation_deg)))
    cv2.rectangle(canvas, (150 - radius, top), (150 + radius, bottom), 1, -1)
    cv2.ellipse(canvas, (150, top), (radius, half_height), 0, 0, 360, 1, -1)
    cv2.ellipse(canvas, (150, bottom), (radius, half_height), 0, 0, 360, 1, -1)
    return canvas.astype(bool)


@pytest.mark.parametrize("elevation", [10.0, 20.0, 35.0])
def test_flat_base_tells_the_elevation(elevation: float) -> None:
    outline = cylinder_outline(elevation)
    base = base_elevation(outline)
    assert base is not None
    seen, centre_row = base
    assert abs(math.degrees(seen) - elevation) < 2.5
    bottom_row = np.flatnonzero(outline.any(axis=1)).max()
    half_height = 60 * math.sin(math.radians(elevation))
    assert abs(centre_row - (bottom_row - half_height)) < 2


@pytest.mark.parametrize("radius", [56, 100])  # 56: a ball on the shape stage's grid
def test_a_round_bottom_tells_nothing(radius: int) -> None:
    rows, cols = np.mgrid[0:300, 0:300]
    ball = (rows - 150) ** 2 + (cols - 150) ** 2 < radius**2
    assert base_elevation(ball) is None
    ball[150 + radius - 1 :] = False  # a row less at the bottom, as a cut-out may give
    assert base_elevation(ball) is None


def test_perspective_makes_a_low_base_look_steeper() -> None:
    at_base = math.radians(20.0)
    middle = elevation_at_row(at_base, 900.0, 512.0, (1024, 1024), 50.0)
    assert 0 < middle < at_base
    assert elevation_at_row(at_base, 512.0, 512.0, (1024, 1024), 50.0) == pytest.approx(at_base)


def jpeg(exif_focal_35mm: int | None) -> bytes:
    image = Image.new("RGB", (64, 48), (200, 200, 200))
    exif = Image.Exif()
    if exif_focal_35mm is not None:
        exif.get_ifd(0x8769)[0xA405] = exif_focal_35mm
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_field_of_view_comes_from_exif_when_the_photo_has_it() -> None:
    assert field_of_view_deg(jpeg(26)) == pytest.approx(69.4, abs=0.1)  # a phone's main camera
    assert field_of_view_deg(jpeg(None)) == DEFAULT_FOV_DEG
    assert field_of_view_deg(b"not an image") == DEFAULT_FOV_DEG


def revolved(profile: list[tuple[float, float]]) -> trimesh.Trimesh:
    """A green surface of revolution about the Y axis, centred on its bounding box."""
    solid = trimesh.creation.revolve(np.asarray(profile, dtype=np.float64), sections=64)
    solid.apply_transform(trimesh.transformations.rotation_matrix(-np.pi / 2, [1, 0, 0]))
    solid.apply_translation(-solid.bounds.mean(axis=0))
    solid.visual.vertex_colors = [40, 120, 70, 255]
    return solid


def bottle_photo(elevation: float) -> tuple[NDArray[np.bool_], trimesh.Trimesh]:
    """A rendered bottle (50 degree lens) and its mesh in that camera's frame."""
    bottle = revolved(BOTTLE)
    photo, truth = photograph(bottle, 30.0, elevation, size=768, fov_deg=50.0, framing_radius=0.2)
    return extract_foreground(photo).mask, truth


def lean(mesh: trimesh.Trimesh) -> float:
    """How much nearer the camera the top fifth's centre is than the bottom fifth's, per
    unit of height."""
    points = np.asarray(mesh.vertices)
    low, high = points[:, 1].min(), points[:, 1].max()
    span = high - low
    top = points[points[:, 1] > high - span / 5, 2].mean()
    bottom = points[points[:, 1] < low + span / 5, 2].mean()
    return float((top - bottom) / span)


def test_bottle_seen_from_above_leans_like_the_real_one() -> None:
    mask, truth = bottle_photo(elevation=25.0)
    solid = inflate(mask)
    assert solid.is_watertight
    assert lean(solid) == pytest.approx(lean(truth), abs=0.12)
    assert lean(truth) > 0.25  # the check above is not trivially met by an upright solid


def test_bottle_seen_level_stays_upright() -> None:
    mask, truth = bottle_photo(elevation=0.0)
    assert abs(lean(inflate(mask))) < 0.05


def test_generated_bottle_stands_upright() -> None:
    """Leaning in the photo's camera frame, the model is turned to stand on its base: the
    centres of its top and bottom slices are one above the other."""
    bottle = revolved(BOTTLE)
    photo, _ = photograph(bottle, 30.0, 25.0, size=768, fov_deg=50.0, framing_radius=0.2)
    scene = create_engine().generate(GenerationRequest(seed=0, image=photo), lambda *_: None)
    points = np.asarray(scene.to_mesh().vertices)
    low, high = points[:, 1].min(), points[:, 1].max()
    span = high - low
    top = points[points[:, 1] > high - span / 10][:, [0, 2]].mean(axis=0)
    bottom = points[points[:, 1] < low + span / 10][:, [0, 2]].mean(axis=0)
    assert np.linalg.norm(top - bottom) < 0.05 * span
