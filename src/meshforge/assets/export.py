"""Scene -> file bytes for each output format the contract lists.

| fmt  | filename                 | content type          | notes                                  |
|------|--------------------------|-----------------------|----------------------------------------|
| glb  | model.glb                | model/gltf-binary     | embedded PNG, metallic-roughness PBR   |
| obj  | model.obj                | model/obj             | untextured: one self-contained OBJ     |
| obj  | model.obj.zip            | application/zip       | textured: model.obj + model.mtl + PNGs |
| stl  | model.stl                | model/stl             | binary                                 |
| ply  | model.ply                | model/ply             | binary; vertex colours from texture    |
| usdz | model.usdz               | model/vnd.usdz+zip    | ARKit-style usdc + PNG, see usdz_writer|
| fbx  | model.fbx                | application/octet-stream | binary FBX 7.4, embedded PNG        |

``quad=True`` pairs triangles into quads in OBJ and FBX only. ``triangles`` always counts
triangles (a quad counts as two) and ``vertices`` counts the vertices written.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import trimesh

from meshforge.assets.mesh_ops import scene_triangle_count, scene_vertex_count
from meshforge.assets.obj_writer import MTL_NAME, write_obj
from meshforge.assets.parts import MeshPart, scene_parts
from meshforge.domain.options import OUTPUT_FORMATS

SUPPORTED_FORMATS = OUTPUT_FORMATS  # the contract's list (domain.options), in its order


@dataclass(frozen=True)
class ExportedFile:
    filename: str  # e.g. "model.glb"; served as the Content-Disposition filename
    content_type: str  # e.g. "model/gltf-binary"
    data: bytes
    triangles: int
    vertices: int


def export_scene(scene: trimesh.Scene, fmt: str, *, quad: bool = False) -> ExportedFile:
    """Export the scene in one format (one of SUPPORTED_FORMATS).

    Raises ValueError for an unknown format or a scene without triangles."""
    exporter = _EXPORTERS.get(fmt.lower())
    if exporter is None:
        raise ValueError(f"unsupported format {fmt!r}; use one of {', '.join(SUPPORTED_FORMATS)}")
    if scene_triangle_count(scene) == 0:
        raise ValueError("the scene has no triangles to export")
    return exporter(scene, quad)


def _export_glb(scene: trimesh.Scene, quad: bool) -> ExportedFile:
    data = scene.export(file_type="glb", include_normals=True)  # type: ignore[no-untyped-call]
    return ExportedFile(
        "model.glb",
        "model/gltf-binary",
        bytes(data),
        scene_triangle_count(scene),
        scene_vertex_count(scene),
    )


def _export_obj(scene: trimesh.Scene, quad: bool) -> ExportedFile:
    parts = scene_parts(scene)
    textured = any(part.textured for part in parts)
    files = write_obj(parts, quad=quad, with_materials=textured)
    if not textured:
        return ExportedFile("model.obj", "model/obj", files.obj, files.triangles, files.vertices)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model.obj", files.obj)
        archive.writestr(MTL_NAME, files.mtl)
        for name, png in files.textures.items():
            archive.writestr(name, png, compress_type=zipfile.ZIP_STORED)
    return ExportedFile(
        "model.obj.zip", "application/zip", buffer.getvalue(), files.triangles, files.vertices
    )


def _plain_mesh(parts: list[MeshPart], with_colors: bool) -> trimesh.Trimesh:
    """All parts concatenated into one mesh, optionally with per-vertex RGBA colours."""
    offsets = np.cumsum([0] + [len(part.vertices) for part in parts])[:-1]
    return trimesh.Trimesh(
        vertices=np.vstack([part.vertices for part in parts]),
        faces=np.vstack([part.faces + offset for part, offset in zip(parts, offsets, strict=True)]),
        vertex_normals=np.vstack([part.normals for part in parts]),
        vertex_colors=np.vstack([part.vertex_rgba() for part in parts]) if with_colors else None,
        process=False,
    )


def _export_stl(scene: trimesh.Scene, quad: bool) -> ExportedFile:
    mesh = _plain_mesh(scene_parts(scene), with_colors=False)
    data = _as_bytes(mesh.export(file_type="stl"))
    return ExportedFile("model.stl", "model/stl", data, len(mesh.faces), len(mesh.vertices))


def _export_ply(scene: trimesh.Scene, quad: bool) -> ExportedFile:
    mesh = _plain_mesh(scene_parts(scene), with_colors=True)
    data = _as_bytes(mesh.export(file_type="ply", encoding="binary"))
    return ExportedFile("model.ply", "model/ply", data, len(mesh.faces), len(mesh.vertices))


def _as_bytes(data: object) -> bytes:
    if not isinstance(data, bytes):
        raise TypeError(f"exporter returned {type(data).__name__}, expected bytes")
    return data


def _export_usdz(scene: trimesh.Scene, quad: bool) -> ExportedFile:
    from meshforge.assets.usdz_writer import write_usdz

    parts = scene_parts(scene)
    data = write_usdz(parts)
    return ExportedFile(
        "model.usdz",
        "model/vnd.usdz+zip",
        data,
        sum(len(p.faces) for p in parts),
        sum(len(p.vertices) for p in parts),
    )


def _export_fbx(scene: trimesh.Scene, quad: bool) -> ExportedFile:
    from meshforge.assets.fbx_writer import write_fbx

    result = write_fbx(scene_parts(scene), quad=quad)
    return ExportedFile(
        "model.fbx", "application/octet-stream", result.data, result.triangles, result.vertices
    )


_EXPORTERS: dict[str, Callable[[trimesh.Scene, bool], ExportedFile]] = {
    "glb": _export_glb,
    "obj": _export_obj,
    "stl": _export_stl,
    "ply": _export_ply,
    "usdz": _export_usdz,
    "fbx": _export_fbx,
}

# Every format of the contract has an exporter (checked on import, not by a second list).
assert set(_EXPORTERS) == set(OUTPUT_FORMATS), "an output format has no exporter"
