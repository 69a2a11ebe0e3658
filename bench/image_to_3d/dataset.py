"""The evaluation meshes: real 3D models that are installed offline.

Sources: Debian's `assimp-testmodels` (/usr/share/assimp/models) and the sample meshes
inside PyPI's `pymeshlab` wheel (pymeshlab/tests/sample_meshes). Objects with one closed
outer surface were picked (no scenes, no single triangles or point clouds).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import trimesh

ASSIMP_MODELS = Path("/usr/share/assimp/models")


@dataclass(frozen=True)
class EvalObject:
    name: str
    source: str  # "assimp-testmodels" or "pymeshlab"
    relative_path: str
    color: tuple[float, float, float]  # paint used for the renders
    up_rotation: tuple[float, float, float] = (0.0, 0.0, 0.0)  # Euler XYZ deg to make Y up


OBJECTS: tuple[EvalObject, ...] = (
    EvalObject("bunny", "pymeshlab", "bunny.obj", (0.75, 0.62, 0.45)),
    EvalObject("cow", "pymeshlab", "cow.obj", (0.55, 0.35, 0.25)),
    EvalObject("airplane", "pymeshlab", "airplane.obj", (0.7, 0.72, 0.78)),
    EvalObject("bone", "pymeshlab", "bone.ply", (0.85, 0.8, 0.65)),
    EvalObject("wuson", "assimp-testmodels", "PLY/Wuson.ply", (0.35, 0.55, 0.3)),
    EvalObject("duck", "assimp-testmodels", "Collada/duck.dae", (0.9, 0.75, 0.1)),
    EvalObject("spider", "assimp-testmodels", "OBJ/spider.obj", (0.3, 0.25, 0.2)),
    EvalObject("sphere", "assimp-testmodels", "Collada/sphere.dae", (0.2, 0.45, 0.8)),
    EvalObject("human", "assimp-testmodels", "Collada/human.zae", (0.8, 0.6, 0.5)),
    EvalObject("cube", "assimp-testmodels", "OFF/Cube.off", (0.7, 0.2, 0.2)),
)


def pymeshlab_samples() -> Path:
    try:
        import pymeshlab  # type: ignore[import-not-found]
    except ImportError as exc:
        raise SystemExit("the benchmark needs `pip install -e .[bench]` (pymeshlab)") from exc
    return Path(pymeshlab.__file__).parent / "tests" / "sample_meshes"


def mesh_path(item: EvalObject) -> Path:
    root = ASSIMP_MODELS if item.source == "assimp-testmodels" else pymeshlab_samples()
    path = root / item.relative_path
    if not path.exists():
        raise SystemExit(f"{path} is missing: apt-get install assimp-testmodels")
    return path


def load_object(item: EvalObject) -> trimesh.Trimesh:
    """The mesh, Y up, centred on its bounding box and scaled to a bounding radius of 1."""
    mesh = trimesh.load(mesh_path(item), force="mesh")
    mesh = trimesh.Trimesh(mesh.vertices, mesh.faces, process=True)
    if any(item.up_rotation):
        angles = np.radians(item.up_rotation)
        mesh.apply_transform(trimesh.transformations.euler_matrix(*angles, "sxyz"))
    mesh.apply_translation(-mesh.bounds.mean(axis=0))
    mesh.apply_scale(1.0 / float(np.linalg.norm(mesh.vertices, axis=1).max()))
    return mesh
