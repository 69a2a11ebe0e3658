"""The weight-free image-to-3D engine, end to end through generate() on synthetic photos
drawn by the tests (shaded objects on plain backdrops, and PNGs with real alpha)."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
import scipy.sparse as sp
import trimesh
from numpy.typing import NDArray
from PIL import Image
from scipy.sparse.csgraph import connected_components

from meshforge.assets.export import export_scene
from meshforge.assets.mesh_ops import decimate, scene_triangle_count
from meshforge.assets.thumbnail import render_thumbnail
from meshforge.engines.base import Engine, EngineInputError, GenerationRequest
from meshforge.engines.image_to_3d.box import find_box
from meshforge.engines.image_to_3d.engine import (
    DEFAULT_FACE_LIMIT,
    OBJECT_SIZE_M,
    ImageTo3DEngine,
    create_engine,
)
from meshforge.engines.image_to_3d.foreground import extract_foreground
from meshforge.engines.image_to_3d.polyhedral import looks_flat_faced
from meshforge.engines.image_to_3d.shape import inflate, silhouette_grid
from meshforge.engines.image_to_3d.symmetry import revolution_depth_sq
from meshforge.engines.image_to_3d.uv import projection_groups
from meshforge.engines.registry import EngineRegistry
from tests.support.gltf_validate import assert_valid_glb

SIZE = 384
BACKDROP = (238, 236, 232)
RED = np.array([200, 40, 30])


def png(image: NDArray[np.uint8]) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return buffer.getvalue()


def shaded_sphere_photo(
    center: tuple[int, int] = (190, 200), radius: int = 110
) -> tuple[NDArray[np.uint8], NDArray[np.bool_]]:
    """A Lambert-shaded red ball on a plain backdrop with a soft shadow; and its true mask."""
    rows, cols = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64)
    dx, dy = (cols - center[0]) / radius, (rows - center[1]) / radius
    inside = dx**2 + dy**2 < 1.0
    nz = np.sqrt(np.clip(1.0 - dx**2 - dy**2, 0.0, 1.0))
    light = np.clip(-0.4 * dx - 0.5 * dy + 0.77 * nz, 0.0, 1.0)
    image = np.empty((SIZE, SIZE, 3))
    image[:] = BACKDROP
    shadow = np.exp(-(((cols - center[0]) / 120) ** 2) - ((rows - center[1] - 115) / 12) ** 2)
    image *= 1.0 - 0.25 * shadow[..., None]
    image[inside] = RED * (0.25 + 0.75 * light[inside, None])
    return np.round(image).astype(np.uint8), inside


def bottle_rgba() -> tuple[bytes, NDArray[np.bool_]]:
    """A blue bottle with a white label as RGBA whose alpha is the only separation (the
    colour behind is the same blue, so colour segmentation could not find it)."""
    mask = np.zeros((SIZE, SIZE), np.uint8)
    cv2.rectangle(mask, (140, 150), (240, 340), 1, -1)
    cv2.ellipse(mask, (190, 150), (50, 35), 0, 180, 360, 1, -1)
    cv2.rectangle(mask, (172, 60), (208, 130), 1, -1)
    rgba = np.zeros((SIZE, SIZE, 4), np.uint8)
    rgba[..., :3] = (30, 90, 200)
    cv2.rectangle(rgba, (140, 220), (240, 270), (250, 250, 250, 0), -1)
    rgba[..., 3] = mask * 255
    return png(rgba), mask.astype(bool)


def generate(image: bytes, **options: object) -> trimesh.Scene:
    progress: list[tuple[int, str]] = []
    scene = create_engine().generate(
        GenerationRequest(seed=7, image=image, **options),  # type: ignore[arg-type]
        lambda percent, stage: progress.append((percent, stage)),
    )
    percents = [p for p, _ in progress]
    assert percents == sorted(percents) and percents[-1] == 100
    return scene


def single_mesh(scene: trimesh.Scene) -> trimesh.Trimesh:
    (mesh,) = scene.geometry.values()
    assert isinstance(mesh, trimesh.Trimesh)
    return mesh


def welded(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    """The geometry with UV seams closed, to judge watertightness."""
    plain = trimesh.Trimesh(mesh.vertices, mesh.faces, process=False)
    plain.merge_vertices()
    return plain


@pytest.fixture(scope="module")
def sphere_scene() -> trimesh.Scene:
    image, _ = shaded_sphere_photo()
    return generate(png(image))


def test_registered_and_cheap_to_create() -> None:
    registry = EngineRegistry.from_paths()
    engine = registry.get("meshforge/image-to-3d")
    assert isinstance(engine, ImageTo3DEngine) and isinstance(engine, Engine)
    assert engine.kind == "image-to-3d"
    assert engine.default_face_limit == DEFAULT_FACE_LIMIT
    assert engine.parameter_overrides()["face_limit"]["default"] == DEFAULT_FACE_LIMIT


def test_photo_becomes_watertight_textured_model_on_the_ground(sphere_scene: trimesh.Scene) -> None:
    mesh = single_mesh(sphere_scene)
    assert welded(mesh).is_watertight
    assert scene_triangle_count(sphere_scene) <= DEFAULT_FACE_LIMIT
    bounds = sphere_scene.bounds
    extents = bounds[1] - bounds[0]
    assert bounds[0][1] == pytest.approx(0.0, abs=1e-6)
    assert extents.max() == pytest.approx(OBJECT_SIZE_M, rel=1e-6)
    # A ball photographed head-on is inflated into a ball, not a disc or a slab.
    assert extents / extents.max() == pytest.approx([1.0, 1.0, 1.0], abs=0.06)
    texture = mesh.visual.material.baseColorTexture
    assert texture is not None and texture.size == (1024, 1024)


def test_texture_carries_the_photo_colours(sphere_scene: trimesh.Scene) -> None:
    mesh = single_mesh(sphere_scene).copy()
    mesh.apply_transform(sphere_scene.graph[sphere_scene.graph.nodes_geometry[0]][0])
    colours = mesh.visual.to_color().vertex_colors[:, :3].astype(float)
    # Every part of the ball, back included, is red: no black or backdrop-coloured patches.
    red_hued = colours[:, 0] > 2.0 * colours[:, 1:].max(axis=1)
    assert red_hued.mean() > 0.99
    assert colours[:, 0].min() >= 45  # the darkest shade in the photo is (50, 10, 8)
    assert (np.abs(colours - BACKDROP).sum(axis=1) < 30).mean() < 0.01
    # The lit upper-left of the front is brighter than the lower-right, as in the photo.
    front = mesh.vertices[:, 2] > 0.5 * mesh.vertices[:, 2].max()
    upper_left = (
        front & (mesh.vertices[:, 0] < mesh.centroid[0]) & (mesh.vertices[:, 1] > mesh.centroid[1])
    )
    lower_right = front & ~upper_left
    assert colours[upper_left, 0].mean() > colours[lower_right, 0].mean() + 20


def test_backdrop_seen_through_a_small_gap_does_not_colour_the_model() -> None:
    """A pin hole is filled into the solid, but its backdrop colour must not be sampled."""
    image, _ = shaded_sphere_photo()
    cv2.circle(image, (200, 210), 9, BACKDROP, -1)  # ~0.7% of the ball: filled as noise
    scene = generate(png(image), face_limit=5000)
    colours = single_mesh(scene).visual.to_color().vertex_colors[:, :3].astype(float)
    assert np.count_nonzero(np.abs(colours - BACKDROP).sum(axis=1) < 60) == 0


def test_glb_loads_back_and_passes_the_khronos_validator(sphere_scene: trimesh.Scene) -> None:
    exported = export_scene(sphere_scene, "glb")
    assert_valid_glb(exported.data)
    loaded = trimesh.load(io.BytesIO(exported.data), file_type="glb")
    mesh = single_mesh(loaded)
    assert len(mesh.faces) <= DEFAULT_FACE_LIMIT
    assert welded(mesh).is_watertight
    assert mesh.visual.uv is not None and mesh.visual.material.baseColorTexture is not None
    thumbnail = Image.open(io.BytesIO(render_thumbnail(sphere_scene, size=128)))
    assert np.asarray(thumbnail.convert("RGBA"))[64, 64, 3] == 255  # the model fills the centre


def test_alpha_channel_defines_the_object_and_face_limit_holds() -> None:
    image, mask = bottle_rgba()
    scene = generate(image, face_limit=800, texture_quality="HD", auto_size=False)
    mesh = single_mesh(scene)
    assert len(mesh.faces) <= 800
    assert welded(mesh).is_watertight
    assert mesh.visual.material.baseColorTexture.size == (2048, 2048)
    rows, cols = np.nonzero(mask)
    expected_aspect = (rows.max() + 1 - rows.min()) / (cols.max() + 1 - cols.min())
    extents = scene.extents
    assert extents[1] / extents[0] == pytest.approx(expected_aspect, rel=0.05)
    assert extents.max() == pytest.approx(1.0)  # auto_size off: unit largest side, centred
    assert np.allclose(scene.bounds.mean(axis=0), 0.0, atol=1e-6)


def test_same_input_and_options_give_the_same_model() -> None:
    image, _ = shaded_sphere_photo(center=(170, 180), radius=90)
    first = single_mesh(generate(png(image), face_limit=3000))
    second = single_mesh(generate(png(image), face_limit=3000))
    assert np.array_equal(first.vertices, second.vertices)
    assert np.array_equal(first.faces, second.faces)
    assert np.array_equal(
        np.asarray(first.visual.material.baseColorTexture),
        np.asarray(second.visual.material.baseColorTexture),
    )


def test_texture_disabled_gives_plain_object_coloured_material() -> None:
    image, _ = shaded_sphere_photo()
    scene = generate(png(image), texture_enable=False, pbr_enable=False, face_limit=2000)
    material = single_mesh(scene).visual.material
    assert material.baseColorTexture is None
    assert material.metallicFactor == 0.0 and material.roughnessFactor == 1.0
    red, green, blue = np.asarray(material.baseColorFactor[:3], dtype=float)
    assert red > green + 40 and red > blue + 40  # the ball's colour, not white or grey
    assert_valid_glb(export_scene(scene, "glb").data)


def test_grabcut_finds_the_object_without_alpha() -> None:
    image, truth = shaded_sphere_photo()
    mask = extract_foreground(png(image)).mask
    iou = np.count_nonzero(mask & truth) / np.count_nonzero(mask | truth)
    assert iou > 0.97  # the soft shadow under the ball is not part of it


def test_inflating_a_disc_gives_a_sphere() -> None:
    rows, cols = np.mgrid[0:400, 0:400]
    disc = (cols - 200.0) ** 2 + (rows - 210.0) ** 2 < 150.0**2
    solid = inflate(disc)
    assert solid.is_watertight and solid.is_winding_consistent and solid.volume > 0
    radii = np.linalg.norm(solid.vertices - [200.0, -210.0, 0.0], axis=1)
    assert radii.mean() == pytest.approx(150.0, rel=0.01)
    assert radii.std() < 1.5  # smooth: no voxel staircase


def test_round_object_is_smooth_without_terraces(sphere_scene: trimesh.Scene) -> None:
    """Marching cubes on a 112-cell grid, with whole-cell radii per row, left horizontal
    terraces on a ball (22% of neighbouring front faces met at more than 6 degrees, the
    95th percentile was 14 degrees). A smooth sphere of this size bends by ~2 degrees
    between neighbouring faces."""
    mesh = welded(single_mesh(sphere_scene))
    normals = mesh.face_normals[mesh.face_adjacency]
    facing_camera = (normals[:, :, 2] > 0.5).all(axis=1)
    bends = np.degrees(mesh.face_adjacency_angles[facing_camera])
    assert len(bends) > 5000
    assert np.mean(bends > 6.0) < 0.02
    assert np.percentile(bends, 95) < 6.0


def test_solid_with_a_hole_is_a_closed_manifold_torus() -> None:
    """Front and back height fields meet along every outline, the hole's too."""
    rows, cols = np.mgrid[0:300, 0:300]
    radius = np.hypot(cols - 150.0, rows - 150.0)
    ring = (radius < 120) & (radius > 50)
    solid = inflate(ring)
    assert solid.is_watertight and solid.is_winding_consistent and solid.volume > 0
    assert solid.euler_number == 0  # one hole through it
    # The outline is the mask's, to about a grid cell (2.1 px here), the hole's too.
    planar = np.hypot(solid.vertices[:, 0] - 150.0, solid.vertices[:, 1] + 150.0)
    assert planar.max() == pytest.approx(120.0, abs=3.0)
    assert planar.min() == pytest.approx(50.0, abs=3.0)


def test_rim_does_not_shatter_the_uv_atlas_into_tiny_charts() -> None:
    """Grouped by each face's own normal, the thin faces along the rim made ~400 charts
    of 1-3 faces on a bone outline, whose gutters showed as dark ticks on the outline."""
    rows, cols = np.mgrid[0:300, 0:400]
    bone = ((cols - 200) / 150.0) ** 2 + ((rows - 150) / 30.0) ** 2 < 1
    bone |= (np.hypot(cols - 60, rows - 150) < 50) | (np.hypot(cols - 340, rows - 150) < 50)
    solid = decimate(inflate(bone), DEFAULT_FACE_LIMIT)
    groups = projection_groups(solid)
    adjacency = solid.face_adjacency
    same = adjacency[groups[adjacency[:, 0]] == groups[adjacency[:, 1]]]
    graph = sp.coo_matrix(
        (np.ones(len(same)), (same[:, 0], same[:, 1])), shape=(len(groups), len(groups))
    )
    count, labels = connected_components(graph, directed=False)
    assert count <= 30
    assert np.count_nonzero(np.bincount(labels) < 4) <= 2
    # No face is projected edge-on or flipped: it faces its projection axis.
    axis, positive = groups // 2, groups % 2 == 1
    facing = solid.face_normals[np.arange(len(groups)), axis] * np.where(positive, 1, -1)
    assert facing.min() > 0.25


def test_solids_have_no_near_duplicate_vertices_to_pinch_when_welded() -> None:
    """Regression: a zero of the field on a grid corner gave vertices 1e-5 px apart, and
    welding the 0.3 m model (as any importer may) made a thin airplane non-manifold."""
    canvas = np.zeros((300, 300), np.uint8)
    cv2.fillPoly(
        canvas,
        [
            np.array(
                [
                    [150, 20],
                    [165, 135],
                    [280, 150],
                    [165, 165],
                    [150, 280],
                    [135, 165],
                    [20, 150],
                    [135, 135],
                ]
            )
        ],
        1,
    )
    cv2.line(canvas, (40, 40), (260, 260), 1, 3)  # a thin wing across the star
    solid = inflate(canvas.astype(bool))
    scaled = solid.copy()
    scaled.apply_scale(OBJECT_SIZE_M / solid.extents.max())
    assert solid.is_watertight and welded(scaled).is_watertight
    rounded = np.unique(np.round(solid.vertices, 3), axis=0)
    assert len(rounded) == len(solid.vertices)


def test_turned_looking_silhouette_becomes_a_body_of_revolution() -> None:
    rows, cols = np.mgrid[0:500, 0:400]
    bottle = (np.abs(cols - 200) < 70) & (rows > 150) & (rows < 460)
    bottle |= (np.abs(cols - 200) < 25) & (rows > 60) & (rows <= 150)
    assert revolution_depth_sq(bottle) is not None
    solid = inflate(bottle)
    assert solid.is_watertight
    # Round like a real bottle: as deep as wide (Poisson alone would be ~1.4x deeper).
    assert solid.extents[2] == pytest.approx(solid.extents[0], rel=0.04)
    lopsided = bottle.copy()
    lopsided[300:460, 270:340] = True  # a handle-like bump on one side only
    assert revolution_depth_sq(lopsided) is None
    # Wide and symmetric (a sofa from the front) is left to Poisson: not as deep as wide.
    loaf = ((cols - 200) / 190.0) ** 2 + ((rows - 250) / 60.0) ** 2 < 1.0
    assert revolution_depth_sq(loaf) is None


def test_sixteen_bit_greyscale_png_is_read_not_clipped_to_white() -> None:
    image, truth = shaded_sphere_photo()
    grey = np.asarray(Image.fromarray(image).convert("L")).astype(np.uint16) * 257
    buffer = io.BytesIO()
    Image.fromarray(grey).save(buffer, format="PNG")
    mask = extract_foreground(buffer.getvalue()).mask
    assert np.count_nonzero(mask & truth) / np.count_nonzero(mask | truth) > 0.95


def test_box_outline_becomes_flat_faced_not_a_cushion() -> None:
    """A convex outline of a few straight edges that is not a box's hexagon (a pentagon:
    a wedge, a house-shaped carton). Its thickness must fall linearly to the outline (a
    tent) instead of Poisson's vertical rim. (Hexagons: test_image_to_3d_box.py.)"""
    canvas = np.zeros((400, 400), np.uint8)
    pentagon = np.array([[80, 120], [220, 90], [330, 120], [320, 300], [90, 300]])
    cv2.fillPoly(canvas, [pentagon], 1)
    box = canvas.astype(bool)
    assert looks_flat_faced(silhouette_grid(box).inside)
    assert find_box(silhouette_grid(box).inside) is None
    rows, cols = np.mgrid[0:400, 0:400]
    assert not looks_flat_faced(
        silhouette_grid((cols - 200) ** 2 + (rows - 200) ** 2 < 150**2).inside
    )
    tent, cushion = inflate(box), inflate(box, use_cues=False)
    assert tent.is_watertight

    def depth_near_outline(solid: trimesh.Trimesh) -> float:
        """Thickness at points 10% of the way in from the left edge, mid-height."""
        band = np.abs(solid.vertices[:, 0] - 104) < 4
        band &= np.abs(solid.vertices[:, 1] + 210) < 20
        return float(np.ptp(solid.vertices[band, 2]))

    # Near the outline the tent is much thinner than the cushion (linear vs square-root).
    assert depth_near_outline(tent) < 0.75 * depth_near_outline(cushion)


def two_balls() -> bytes:
    image, _ = shaded_sphere_photo(center=(100, 190), radius=60)
    second, inside = shaded_sphere_photo(center=(290, 190), radius=60)
    image[inside] = second[inside]
    return png(image)


def border_filling_object() -> bytes:
    """A ball so large that it covers about two thirds of every image edge."""
    image, _ = shaded_sphere_photo(center=(192, 192), radius=230)
    return png(image)


def border_filling_cutout() -> bytes:
    """The same ball as an RGBA cut-out: alpha marks it, and it still overflows the frame."""
    image, inside = shaded_sphere_photo(center=(192, 192), radius=230)
    return png(np.dstack([image, inside.astype(np.uint8) * 255]))


def ball_touching_one_edge() -> bytes:
    """A ball grazing the bottom edge over a trace of its outline: still usable."""
    image, _ = shaded_sphere_photo(center=(192, 290), radius=95)
    return png(image)


@pytest.mark.parametrize(
    ("photo", "advice"),
    [
        (png(np.full((SIZE, SIZE, 3), BACKDROP, np.uint8)), "no distinguishable foreground"),
        (two_balls(), "2 objects of similar size"),
        (border_filling_object(), "cut off by the frame.*margin of background"),
        (border_filling_cutout(), "cut off by the frame along .* of its outline"),
        (b"definitely not an image", "could not be decoded"),
    ],
    ids=["blank", "two-objects", "fills-frame", "cutout-fills-frame", "undecodable"],
)
def test_unusable_photos_fail_with_advice(photo: bytes, advice: str) -> None:
    with pytest.raises(EngineInputError, match=advice):
        create_engine().generate(GenerationRequest(seed=1, image=photo), lambda *_: None)


def test_object_touching_one_edge_is_still_segmented() -> None:
    mask = extract_foreground(ball_touching_one_edge()).mask
    rows, cols = np.nonzero(mask)
    assert rows.max() == SIZE - 1  # reaches the edge it touches
    assert cols.max() + 1 - cols.min() == pytest.approx(190, abs=6)  # the full width of the ball


def test_transparent_png_with_nothing_opaque_is_blank() -> None:
    empty = np.zeros((SIZE, SIZE, 4), np.uint8)
    with pytest.raises(EngineInputError, match="no distinguishable foreground"):
        create_engine().generate(GenerationRequest(seed=1, image=png(empty)), lambda *_: None)


def test_missing_image_is_an_input_error() -> None:
    with pytest.raises(EngineInputError, match="send an image"):
        create_engine().generate(GenerationRequest(seed=1, prompt="a ball"), lambda *_: None)
