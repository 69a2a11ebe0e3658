from __future__ import annotations

import gc
import io
import multiprocessing
import os
import time

import numpy as np
import pytest
import trimesh
from PIL import Image

from meshforge.assets.camera import Framing
from meshforge.assets.gl_context import gl_session
from meshforge.assets.thumbnail import render_thumbnail, render_views
from tests.assets.conftest import normal_colour


def _project(points: np.ndarray, view: np.ndarray, projection: np.ndarray, size: int) -> np.ndarray:
    """(col, row) pixel coordinates of world points, per camera.py's conventions."""
    clip = (projection @ view @ np.c_[points, np.ones(len(points))].T).T
    ndc = clip[:, :3] / clip[:, 3:4]
    return np.c_[(ndc[:, 0] + 1) / 2 * size, (1 - ndc[:, 1]) / 2 * size]


def test_thumbnail_is_a_png_with_the_object_in_the_middle(
    coloured_box_scene: trimesh.Scene,
) -> None:
    png = render_thumbnail(coloured_box_scene, size=256)
    image = np.asarray(Image.open(io.BytesIO(png)))
    assert png.startswith(b"\x89PNG") and image.shape == (256, 256, 4)
    alpha = image[..., 3]
    assert alpha[128, 128] == 255  # object at the centre
    assert alpha[:4].max() == 0 and alpha[:, :4].max() == 0  # transparent margins
    object_pixels = image[alpha == 255][:, :3].astype(int)
    assert (object_pixels[:, 0] > object_pixels[:, 2]).mean() > 0.95  # the box is orange
    assert object_pixels.std(axis=0).max() > 5  # lit: its faces differ in brightness
    edge = (alpha > 0) & (alpha < 255)
    assert edge.any()  # supersampled, anti-aliased silhouette


@pytest.mark.parametrize("fov", [None, 35.0])
def test_silhouette_matches_the_projected_corners(
    coloured_box_scene: trimesh.Scene, fov: float | None
) -> None:
    box = coloured_box_scene.to_geometry()
    size = 128
    for azimuth, elevation in [(0.0, 0.0), (90.0, 0.0), (35.0, 20.0), (200.0, -30.0)]:
        (view,) = render_views(box, [(azimuth, elevation)], size, fov_deg=fov)
        corners = _project(np.asarray(box.vertices), view.view, view.projection, size)
        rows, cols = np.nonzero(view.image[..., 3] > 127)
        assert abs(cols.min() - corners[:, 0].min()) <= 1.5
        assert abs(cols.max() + 1 - corners[:, 0].max()) <= 1.5
        assert abs(rows.min() - corners[:, 1].min()) <= 1.5
        assert abs(rows.max() + 1 - corners[:, 1].max()) <= 1.5


def test_depth_is_the_distance_along_the_view_axis(coloured_box_scene: trimesh.Scene) -> None:
    (view,) = render_views(coloured_box_scene, [(0.0, 0.0)], 64, fov_deg=30.0)
    camera_z = view.view @ np.array([0.0, 0.0, 0.25, 1.0])  # centre of the front face
    assert view.depth[32, 32] == pytest.approx(-camera_z[2], rel=1e-3)
    assert np.isinf(view.depth[0, 0])


def test_unlit_views_show_the_texture_colours(textured_scene: trimesh.Scene) -> None:
    (view,) = render_views(textured_scene, [(0.0, 0.0)], 64, fov_deg=None, lit=False)
    # Front view of the sphere: centre normal is +Z.
    expected = normal_colour(np.zeros((1, 3)), np.array([[0.0, 0.0, 1.0]]))[0]
    assert view.image[32, 32, :3] / 255.0 == pytest.approx(expected, abs=0.04)


def test_shared_framing_gives_identical_cameras(textured_scene: trimesh.Scene) -> None:
    framing = Framing.of(textured_scene)
    small = textured_scene.copy()
    small.apply_scale(0.5)
    first = render_views(textured_scene, [(10.0, 5.0)], 32, framing=framing)[0]
    second = render_views(small, [(10.0, 5.0)], 32, framing=framing)[0]
    np.testing.assert_allclose(first.view, second.view)
    np.testing.assert_allclose(first.projection, second.projection)
    assert (second.image[..., 3] > 0).sum() < (first.image[..., 3] > 0).sum()


def _resident_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_repeated_renders_do_not_leak_gl_memory(coloured_box_scene: trimesh.Scene) -> None:
    # Each render allocates ~2 MiB of framebuffers (512 px with 2x supersampling), so a
    # leak would add >= 100 MiB over 60 renders; released objects keep memory flat.
    for _ in range(5):
        render_views(coloured_box_scene, [(0.0, 0.0)], 256)
    gc.collect()
    before = _resident_mib()
    start = time.perf_counter()
    for _ in range(60):
        render_views(coloured_box_scene, [(0.0, 0.0)], 256)
    gc.collect()
    assert _resident_mib() - before < 40
    assert time.perf_counter() - start < 60
    with gl_session() as state:
        assert len(state.programs) == 1  # one compiled program, reused


def _render_in_child(scene: trimesh.Scene, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    queue.put(len(render_thumbnail(scene, size=32)))


def test_a_forked_child_of_a_rendering_process_can_render(
    coloured_box_scene: trimesh.Scene,
) -> None:
    render_thumbnail(coloured_box_scene, size=32)  # the parent owns a context now
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_render_in_child, args=(coloured_box_scene, queue))
    child.start()
    child.join(60)
    if child.exitcode is None:
        child.kill()
        child.join()
        pytest.fail("rendering hung in a forked child")
    assert child.exitcode == 0
    assert queue.get(timeout=5) > 0
