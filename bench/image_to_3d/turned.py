"""Ablation of the symmetry cue on turned objects (bottle, vase, glass, lamp, jar).

No turned product is among the installed real meshes, so these are modelled here as
surfaces of revolution from measured-looking profiles (metres). Each is photographed like
the real set, and the shape stage is scored with and without the cue on the same mask,
and with the body upright or leaning as its flat base says the camera looks down on it;
then the lean again for photos taken with other lenses than the engine's guess.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import trimesh
from numpy.typing import NDArray

from bench.image_to_3d.metrics import average, compare
from bench.image_to_3d.render import photo_mask_and_truth
from meshforge.engines.image_to_3d.shape import inflate

# (radius, height) profile points from the bottom centre up to the top centre.
PROFILES: dict[str, list[tuple[float, float]]] = {
    "bottle": [
        (0, 0),
        (0.04, 0),
        (0.04, 0.17),
        (0.03, 0.2),
        (0.013, 0.23),
        (0.013, 0.29),
        (0, 0.29),
    ],
    "vase": [(0, 0), (0.05, 0), (0.08, 0.08), (0.06, 0.18), (0.035, 0.24), (0.05, 0.28), (0, 0.28)],
    "wine_glass": [
        (0, 0),
        (0.035, 0),
        (0.035, 0.006),
        (0.005, 0.012),
        (0.005, 0.09),
        (0.04, 0.13),
        (0.042, 0.2),
        (0, 0.2),
    ],
    "table_lamp": [
        (0, 0),
        (0.07, 0),
        (0.07, 0.03),
        (0.012, 0.04),
        (0.012, 0.25),
        (0.11, 0.25),
        (0.07, 0.42),
        (0, 0.42),
    ],
    "jar": [(0, 0), (0.06, 0), (0.065, 0.1), (0.05, 0.14), (0.05, 0.16), (0, 0.16)],
}
COLORS = ((0.2, 0.5, 0.3), (0.7, 0.4, 0.3), (0.8, 0.8, 0.85), (0.85, 0.75, 0.5), (0.5, 0.3, 0.6))
VARIANTS = ("poisson_only", "upright", "leaning")
LENS_FOVS_DEG = (30.0, 50.0, 65.0)
LENS_ELEVATIONS_DEG = (0.0, 15.0, 30.0)


def turned_mesh(profile: list[tuple[float, float]]) -> trimesh.Trimesh:
    mesh = trimesh.creation.revolve(np.asarray(profile, dtype=np.float64), sections=96)
    mesh.apply_transform(trimesh.transformations.rotation_matrix(-np.pi / 2, [1, 0, 0]))
    mesh.apply_translation(-mesh.bounds.mean(axis=0))
    mesh.apply_scale(1.0 / float(np.linalg.norm(mesh.vertices, axis=1).max()))
    return mesh


def run_turned(azimuths: tuple[float, ...], elevation: float) -> dict[str, Any]:
    """Mean scores of the shape stage per object: Poisson alone, an upright body of
    revolution, and one leaning as the flat base says (the engine's default)."""
    results: dict[str, Any] = {}
    for (name, profile), color in zip(PROFILES.items(), COLORS, strict=True):
        mesh = turned_mesh(profile)
        scores: dict[str, list[dict[str, float]]] = {key: [] for key in VARIANTS}
        for azimuth in azimuths:
            mask, truth = photo_mask_and_truth(mesh, color, azimuth, elevation)
            for key, solid in _variants(mask).items():
                scores[key].append(compare(solid, truth).as_dict())
        results[name] = {key: average(rows) for key, rows in scores.items()}
        print(f"turned {name:10s} {results[name]}", flush=True)
    return results


def run_lens_sensitivity(azimuth: float) -> dict[str, Any]:
    """Mean F-scores over the turned objects, upright vs leaning, for photos taken with
    other lenses and from other heights than the engine's guess (50 degrees) assumes."""
    results: dict[str, Any] = {}
    for fov in LENS_FOVS_DEG:
        for elevation in LENS_ELEVATIONS_DEG:
            scores: dict[str, list[dict[str, float]]] = {"upright": [], "leaning": []}
            for (_, profile), color in zip(PROFILES.items(), COLORS, strict=True):
                mask, truth = photo_mask_and_truth(
                    turned_mesh(profile), color, azimuth, elevation, fov_deg=fov
                )
                variants = _variants(mask)
                for key in scores:
                    scores[key].append(compare(variants[key], truth).as_dict())
            key = f"fov {fov:g}, elevation {elevation:g}"
            results[key] = {name: average(rows) for name, rows in scores.items()}
            print(f"turned lens {key}: {results[key]}", flush=True)
    return results


def _variants(mask: NDArray[np.bool_]) -> dict[str, trimesh.Trimesh]:
    return {
        "poisson_only": inflate(mask, use_cues=False),
        "upright": inflate(mask, lean_turned=False),
        "leaning": inflate(mask),
    }
