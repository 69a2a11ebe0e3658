"""The project's marching-cubes tables, run through diffusers' own mesh decoder."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import trimesh
from diffusers.pipelines.shap_e.renderer import MeshDecoder

from meshforge.engines.learned.marching_cubes import EDGES, MAX_TRIANGLES, case_tables
from meshforge.engines.learned.shap_e_pipeline import fill_empty_case_tables


def _surface(field: torch.Tensor) -> trimesh.Trimesh:
    """The decoder's mesh of `field` (positive inside) padded with an outside border."""
    decoder = MeshDecoder()
    assert fill_empty_case_tables(decoder)
    padded = torch.full([n + 2 for n in field.shape], -1.0)
    padded[1:-1, 1:-1, 1:-1] = field
    out = decoder(padded, torch.tensor([-1.0, -1.0, -1.0]), torch.tensor([2.0, 2.0, 2.0]))
    return trimesh.Trimesh(out.verts.numpy(), out.faces.numpy(), process=True)


def test_tables_fit_the_decoders_layout() -> None:
    cases, masks = case_tables()
    assert cases.shape == (256, MAX_TRIANGLES, 3) and masks.shape == (256, MAX_TRIANGLES)
    assert not masks[0].any() and not masks[255].any()  # all outside, all inside
    assert masks.sum(axis=1).max() <= MAX_TRIANGLES
    assert cases.max() < len(EDGES) == 12


def test_a_sphere_comes_out_closed_and_facing_outwards() -> None:
    axis = torch.linspace(-1, 1, 40)
    x, y, z = torch.meshgrid(axis, axis, axis, indexing="ij")
    sphere = _surface(0.6 - torch.sqrt(x**2 + y**2 + z**2))
    assert sphere.is_watertight and sphere.is_winding_consistent
    assert sphere.volume > 0  # positive volume: normals point out
    radii = np.linalg.norm(sphere.vertices, axis=1)
    assert radii.std() < 0.01


@pytest.mark.parametrize("seed", range(4))
def test_any_field_gives_a_closed_consistently_wound_surface(seed: int) -> None:
    """Ambiguous faces are split the same way by both cubes that share them."""
    field = torch.randn((10, 10, 10), generator=torch.Generator().manual_seed(seed))
    noise = _surface(field)
    assert noise.is_watertight and noise.is_winding_consistent and noise.volume > 0


def test_tables_the_weights_brought_are_kept() -> None:
    decoder = MeshDecoder()
    decoder.masks[1, 0] = True
    assert not fill_empty_case_tables(decoder)
    assert int(decoder.masks.sum()) == 1
