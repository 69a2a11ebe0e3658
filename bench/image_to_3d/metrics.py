"""Chamfer distance and F-score between two surfaces, after a documented alignment.

Alignment (no ICP, nothing fitted to the ground truth): both meshes are expressed in the
camera frame of the photo (x right, y up, z towards the camera), translated so their
bounding-box centres sit at the origin, and uniformly scaled so the largest side of
each bounding box is 1. Distances are then in units of the object's largest side.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import trimesh
from numpy.typing import NDArray
from scipy.spatial import cKDTree

SAMPLES = 20_000
THRESHOLDS = (0.05, 0.1)


@dataclass(frozen=True)
class Scores:
    chamfer: float  # mean of the two directed mean nearest-neighbour distances
    fscore_005: float
    fscore_010: float

    def as_dict(self) -> dict[str, float]:
        return {
            "chamfer": self.chamfer,
            "fscore@0.05": self.fscore_005,
            "fscore@0.1": self.fscore_010,
        }


def normalised_samples(mesh: trimesh.Trimesh, seed: int) -> NDArray[np.float64]:
    """Surface samples, bounding-box centred and scaled to a largest side of 1."""
    points, _ = trimesh.sample.sample_surface(mesh, SAMPLES, seed=seed)
    low, high = points.min(axis=0), points.max(axis=0)
    return np.asarray((points - (low + high) / 2) / float((high - low).max()))


def compare(predicted: trimesh.Trimesh, truth: trimesh.Trimesh, seed: int = 0) -> Scores:
    pred = normalised_samples(predicted, seed)
    gt = normalised_samples(truth, seed + 1)
    pred_to_gt = cKDTree(gt).query(pred)[0]
    gt_to_pred = cKDTree(pred).query(gt)[0]
    chamfer = 0.5 * (float(pred_to_gt.mean()) + float(gt_to_pred.mean()))
    fscores = []
    for threshold in THRESHOLDS:
        precision = float((pred_to_gt < threshold).mean())
        recall = float((gt_to_pred < threshold).mean())
        total = precision + recall
        fscores.append(2 * precision * recall / total if total > 0 else 0.0)
    return Scores(chamfer, fscores[0], fscores[1])


def average(rows: list[dict[str, float]]) -> dict[str, float]:
    """The mean of each score over several comparisons (Scores.as_dict() rows)."""
    return {key: float(np.mean([row[key] for row in rows])) for key in rows[0]}
