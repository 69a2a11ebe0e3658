"""Small meshes and scenes shared by the asset tests (kept small: the suite runs on 2 cores)."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh
from numpy.typing import NDArray

from meshforge.assets import texture


def normal_colour(points: NDArray[np.float64], normals: NDArray[np.float64]) -> NDArray[np.float64]:
    """A smooth, never-black colour field: easy to check texel by texel."""
    return 0.2 + 0.6 * (normals + 1.0) / 2.0


@pytest.fixture(scope="session")
def sphere() -> trimesh.Trimesh:
    return trimesh.creation.icosphere(subdivisions=3, radius=0.5)


@pytest.fixture(scope="session")
def unwrapped_sphere(sphere: trimesh.Trimesh) -> trimesh.Trimesh:
    return texture.unwrap(sphere, resolution=256)


@pytest.fixture(scope="session")
def textured_sphere(unwrapped_sphere: trimesh.Trimesh) -> trimesh.Trimesh:
    image = texture.bake_texture(unwrapped_sphere, normal_colour, 256)
    material = texture.make_material(image, metallic=0.1, roughness=0.7)
    return texture.apply_texture(unwrapped_sphere, None, material)


@pytest.fixture
def textured_scene(textured_sphere: trimesh.Trimesh) -> trimesh.Scene:
    return trimesh.Scene(textured_sphere.copy())


@pytest.fixture
def coloured_box_scene() -> trimesh.Scene:
    box = trimesh.creation.box(extents=(1.0, 2.0, 0.5))
    box.visual.vertex_colors = np.tile([200, 80, 40, 255], (len(box.vertices), 1))
    return trimesh.Scene(box)


@pytest.fixture
def plain_sphere_scene(sphere: trimesh.Trimesh) -> trimesh.Scene:
    return trimesh.Scene(sphere.copy())
