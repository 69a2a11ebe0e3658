from __future__ import annotations

import numpy as np
import pytest
import trimesh
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meshforge.assets import face_limit, mesh_ops

DENSE = trimesh.creation.icosphere(subdivisions=4)  # 5120 faces


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(limit=st.integers(min_value=4, max_value=6000))
def test_decimate_never_exceeds_the_face_limit(limit: int) -> None:
    result = mesh_ops.decimate(DENSE, limit)
    assert 0 < len(result.faces) <= limit


def test_decimate_keeps_a_watertight_mesh_watertight_and_close_to_the_limit() -> None:
    result = mesh_ops.decimate(DENSE, 1000)
    assert result.is_watertight
    assert 900 <= len(result.faces) <= 1000
    assert result.volume == pytest.approx(DENSE.volume, rel=0.05)


def test_decimate_returns_the_mesh_itself_when_within_the_limit() -> None:
    assert mesh_ops.decimate(DENSE, 10_000) is DENSE


def test_repair_merges_removes_degenerates_and_fixes_winding() -> None:
    box = trimesh.creation.box()
    faces = np.asarray(box.faces).copy()
    faces[::2] = faces[::2, ::-1]  # flip half the faces
    soup_vertices = box.vertices[faces].reshape(-1, 3)  # every face its own vertices
    soup_faces = np.arange(len(soup_vertices)).reshape(-1, 3)
    degenerate = [[0, 0, 1]]
    broken = trimesh.Trimesh(
        soup_vertices, np.vstack([soup_faces, degenerate, soup_faces[:1]]), process=False
    )
    repaired = mesh_ops.repair(broken)
    assert len(repaired.vertices) == 8
    assert len(repaired.faces) == 12
    assert repaired.is_watertight and repaired.is_winding_consistent
    assert repaired.volume == pytest.approx(1.0)


def test_repair_caps_small_holes() -> None:
    cylinder = trimesh.creation.cylinder(radius=1.0, height=2.0, sections=16)
    side = np.abs(cylinder.face_normals[:, 2]) < 0.5
    open_tube = trimesh.Trimesh(cylinder.vertices, cylinder.faces[side])
    assert not open_tube.is_watertight
    capped = mesh_ops.repair(open_tube)
    assert capped.is_watertight
    assert capped.volume == pytest.approx(cylinder.volume, rel=1e-6)


def test_place_on_ground_scales_height_and_centres() -> None:
    box = trimesh.creation.box(extents=(2.0, 4.0, 1.0))
    box.apply_translation([5.0, 7.0, -3.0])
    placed = mesh_ops.place_on_ground(trimesh.Scene(box), 1.0)
    low, high = placed.bounds
    np.testing.assert_allclose(low, [-0.25, 0.0, -0.125], atol=1e-9)
    np.testing.assert_allclose(high, [0.25, 1.0, 0.125], atol=1e-9)
    largest = mesh_ops.place_on_ground(trimesh.Scene(box), 1.0, measure="largest")
    assert largest.extents.max() == pytest.approx(1.0)


def test_scene_triangle_count_counts_every_instance() -> None:
    scene = trimesh.Scene()
    box = trimesh.creation.box()
    scene.add_geometry(box, geom_name="box", node_name="a")
    scene.add_geometry(box, geom_name="box", node_name="b", transform=np.eye(4))
    assert mesh_ops.scene_triangle_count(scene) == 24


def test_enforce_face_limit_brings_a_scene_under_the_limit() -> None:
    scene = trimesh.Scene([DENSE.copy(), trimesh.creation.icosphere(subdivisions=3)])
    assert mesh_ops.scene_triangle_count(scene) > 2000
    limited = face_limit.enforce_face_limit(scene, 2000)
    assert 1500 <= mesh_ops.scene_triangle_count(limited) <= 2000
    assert face_limit.enforce_face_limit(limited, 2000) is limited


def test_enforce_face_limit_rebakes_textures(textured_sphere: trimesh.Trimesh) -> None:
    from meshforge.assets import texture
    from tests.assets.conftest import normal_colour

    limited = face_limit.enforce_face_limit(trimesh.Scene(textured_sphere), 400)
    (mesh,) = limited.geometry.values()
    assert len(mesh.faces) <= 400
    image = mesh.visual.material.baseColorTexture
    assert image.size == textured_sphere.visual.material.baseColorTexture.size
    # The re-baked texture still shows the original colour field at the new vertices.
    colours = texture.sample_texture(image, texture.mesh_uv(mesh))[:, :3] / 255.0
    expected = normal_colour(
        mesh.vertices, mesh.vertices / np.linalg.norm(mesh.vertices, axis=1)[:, None]
    )
    assert np.abs(colours - expected).mean() < 0.05


def test_enforce_face_limit_keeps_vertex_colours() -> None:
    sphere = trimesh.creation.icosphere(subdivisions=3)
    sphere.visual.vertex_colors = np.where(
        sphere.vertices[:, :1] > 0, [255, 0, 0, 255], [0, 0, 255, 255]
    )
    limited = face_limit.enforce_face_limit(trimesh.Scene(sphere), 300)
    (mesh,) = limited.geometry.values()
    colours = mesh.visual.vertex_colors
    right = mesh.vertices[:, 0] > 0.2
    assert (colours[right, 0] == 255).all() and (
        colours[mesh.vertices[:, 0] < -0.2, 2] == 255
    ).all()
