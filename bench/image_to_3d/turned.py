"""Ablation of the symmetry cue on turned objects (bottle, vase, glass, lamp, jar).

No turned product is among the installed real meshes, so these are modelled here as
surfaces of revolution from measured-looking profiles (metres). Each is photographed like
the real set, and the shape stage is scored with and without the cue on the same mask.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import trimesh

from bench.image_to_3d.metrics import compare
from bench.image_to_3d.render import png_bytes, render
from meshforge.engines.image_to_3d.foreground import extract_foreground
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


def turned_mesh(profile: list[tuple[float, float]]) -> trimesh.Trimesh:
    mesh = trimesh.creation.revolve(np.asarray(profile, dtype=np.float64), sections=96)
    mesh.apply_transform(trimesh.transformations.rotation_matrix(-np.pi / 2, [1, 0, 0]))
    mesh.apply_translation(-mesh.bounds.mean(axis=0))
    mesh.apply_scale(1.0 / float(np.linalg.norm(mesh.vertices, axis=1).max()))
    return mesh


def run_turned(azimuths: tuple[float, ...], elevation: float) -> dict[str, Any]:
    """Mean scores of the shape stage with and without the symmetry cue, per object."""
    results: dict[str, Any] = {}
    for (name, profile), color in zip(PROFILES.items(), COLORS, strict=True):
        mesh = turned_mesh(profile)
        with_cue, without_cue = [], []
        for azimuth in azimuths:
            view = render(mesh, azimuth, elevation, color)
            truth = mesh.copy()
            truth.apply_transform(view.world_to_camera)
            mask = extract_foreground(png_bytes(view.image)).mask
            with_cue.append(compare(inflate(mask), truth).as_dict())
            without_cue.append(compare(inflate(mask, use_cues=False), truth).as_dict())
        results[name] = {"with_cue": _mean(with_cue), "poisson_only": _mean(without_cue)}
        print(
            f"turned {name:10s} cue {results[name]['with_cue']}  "
            f"poisson {results[name]['poisson_only']}",
            flush=True,
        )
    return results


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {key: float(np.mean([row[key] for row in rows])) for key in rows[0]}
