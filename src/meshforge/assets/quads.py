"""Quad-dominant topology: pair adjacent, near-coplanar triangles into convex quads.

Matching is greedy by quality and vectorised in rounds: every triangle picks its best
still-free candidate pair, and pairs that are each other's choice are accepted. Only
triangles sharing an edge by vertex index pair up, so UV seams (split vertices) are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import trimesh
from numpy.typing import NDArray

MAX_FOLD_DEGREES = 30.0  # dihedral angle above which two triangles stay separate
_ROUNDS = 64


@dataclass(frozen=True)
class Polygons:
    quads: NDArray[np.int64]  # (q, 4) counter-clockwise corners
    triangles: NDArray[np.int64]  # (t, 3) triangles left unpaired

    @property
    def triangle_count(self) -> int:
        """Triangles these polygons stand for (a quad is two)."""
        return 2 * len(self.quads) + len(self.triangles)


def pair_triangles(vertices: NDArray[np.float64], faces: NDArray[np.int64]) -> Polygons:
    """Quads from greedily matched triangle pairs plus the leftover triangles."""
    mesh = trimesh.Trimesh(vertices, faces, process=False)
    pairs = np.asarray(mesh.face_adjacency, dtype=np.int64)
    if len(pairs) == 0:
        return Polygons(np.zeros((0, 4), dtype=np.int64), faces)
    flat_enough = np.degrees(mesh.face_adjacency_angles) <= MAX_FOLD_DEGREES
    quads = _candidate_quads(faces, pairs, np.asarray(mesh.face_adjacency_unshared))
    score = _corner_deviation(vertices, quads, mesh.face_normals[pairs].sum(axis=1))
    usable = flat_enough & np.isfinite(score)
    chosen = _match(pairs[usable], score[usable], len(faces))
    paired = np.zeros(len(faces), dtype=bool)
    paired[pairs[usable][chosen].ravel()] = True
    return Polygons(quads[usable][chosen], faces[~paired])


def _candidate_quads(
    faces: NDArray[np.int64], pairs: NDArray[np.int64], unshared: NDArray[np.int64]
) -> NDArray[np.int64]:
    """(u0, s1, u1, s2) for each pair, wound like the first triangle (u0, s1, s2).

    Pairs whose second triangle is not wound the opposite way along the shared edge get
    corner -1, which the scoring rejects."""
    first = faces[pairs[:, 0]]
    rows = np.arange(len(pairs))
    at = np.argmax(first == unshared[:, :1], axis=1)
    s1, s2 = first[rows, (at + 1) % 3], first[rows, (at + 2) % 3]
    second = faces[pairs[:, 1]]
    at2 = np.argmax(second == unshared[:, 1:], axis=1)
    consistent = second[rows, (at2 + 1) % 3] == s2
    u1 = np.where(consistent, unshared[:, 1], -1)
    return np.column_stack([unshared[:, 0], s1, u1, s2])


def _corner_deviation(
    vertices: NDArray[np.float64], quads: NDArray[np.int64], normal: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Largest |corner angle - 90 deg| per quad (radians); inf if invalid or not convex."""
    valid = (quads >= 0).all(axis=1)
    corners = vertices[np.where(quads >= 0, quads, 0)]
    to_next = np.roll(corners, -1, axis=1) - corners
    to_prev = np.roll(corners, 1, axis=1) - corners
    turn = np.einsum("qkj,qj->qk", np.cross(to_next, to_prev), normal)
    lengths = np.linalg.norm(to_next, axis=2) * np.linalg.norm(to_prev, axis=2)
    cosine = np.einsum("qkj,qkj->qk", to_next, to_prev) / np.maximum(lengths, 1e-30)
    deviation = np.abs(np.arccos(np.clip(cosine, -1, 1)) - np.pi / 2).max(axis=1)
    convex = (turn > 0).all(axis=1) & (lengths > 0).all(axis=1)
    return np.where(valid & convex, deviation, np.inf)


def _match(pairs: NDArray[np.int64], score: NDArray[np.float64], n_faces: int) -> NDArray[np.int64]:
    """Indices of disjoint pairs, chosen by mutual best (lowest) score per round."""
    rank = np.empty(len(score), dtype=np.int64)
    rank[np.argsort(score, kind="stable")] = np.arange(len(score))
    free = np.ones(n_faces, dtype=bool)
    open_pairs = np.arange(len(pairs))
    chosen: list[NDArray[np.int64]] = []
    for _ in range(_ROUNDS):
        open_pairs = open_pairs[free[pairs[open_pairs]].all(axis=1)]
        if len(open_pairs) == 0:
            break
        best = np.full(n_faces, len(score), dtype=np.int64)
        for side in (0, 1):
            np.minimum.at(best, pairs[open_pairs, side], rank[open_pairs])
        mutual = open_pairs[
            (best[pairs[open_pairs, 0]] == rank[open_pairs])
            & (best[pairs[open_pairs, 1]] == rank[open_pairs])
        ]
        free[pairs[mutual].ravel()] = False
        chosen.append(mutual)
    return np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.int64)
