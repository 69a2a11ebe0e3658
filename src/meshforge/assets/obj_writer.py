"""Wavefront OBJ (+ MTL + PNG textures) text from mesh parts, triangles or quads.

Every part's positions, UVs and normals share one index, so faces read ``f i/i/i``. An
untextured part with vertex colours or a non-white base colour writes them with the common
``v x y z r g b`` extension (MeshLab, Blender), so a lone .obj keeps its colours.
Materials carry Kd/d and the PBR extension keys Pr (roughness) and Pm (metallic).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from meshforge.assets.parts import WHITE, MeshPart
from meshforge.assets.quads import pair_triangles

MTL_NAME = "model.mtl"


@dataclass(frozen=True)
class ObjFiles:
    obj: bytes
    mtl: bytes
    textures: dict[str, bytes]  # file name -> PNG bytes
    triangles: int
    vertices: int


def texture_name(index: int) -> str:
    return f"texture_{index}.png"


def write_obj(parts: list[MeshPart], *, quad: bool, with_materials: bool) -> ObjFiles:
    """OBJ text for all parts; with_materials adds ``mtllib``/``usemtl`` and the MTL."""
    obj = io.StringIO()
    obj.write("# meshforge OBJ, metres, Y up\n")
    if with_materials:
        obj.write(f"mtllib {MTL_NAME}\n")
    offset, triangles = 0, 0
    for index, part in enumerate(parts):
        obj.write(f"o {part.name}\n")
        _write_vertex_block(obj, part)
        if with_materials:
            obj.write(f"usemtl material_{index}\n")
        triangles += _write_faces(obj, part, offset, quad)
        offset += len(part.vertices)
    textures = {texture_name(i): part.texture_png for i, part in enumerate(parts) if part.textured}
    mtl = _mtl_text(parts) if with_materials else ""
    return ObjFiles(obj.getvalue().encode(), mtl.encode(), textures, triangles, offset)


def _write_vertex_block(out: io.StringIO, part: MeshPart) -> None:
    if not part.textured and (part.colors is not None or part.base_color != WHITE):
        rgb = part.vertex_rgba()[:, :3].astype(np.float64) / 255.0
        _write_rows(out, "v", np.hstack([part.vertices, rgb]), "%.6g")
    else:
        _write_rows(out, "v", part.vertices, "%.7g")
    if part.uv is not None:
        _write_rows(out, "vt", part.uv, "%.7g")
    _write_rows(out, "vn", part.normals, "%.5g")


def _write_faces(out: io.StringIO, part: MeshPart, offset: int, quad: bool) -> int:
    """Write the part's faces (1-based indices); return the triangles they stand for."""
    if quad:
        polygons = pair_triangles(part.vertices, part.faces)
        groups: list[NDArray[np.int64]] = [polygons.quads, polygons.triangles]
        count = polygons.triangle_count
    else:
        groups, count = [part.faces], len(part.faces)
    corner = "%d/%d/%d" if part.uv is not None else "%d//%d"
    refs = 3 if part.uv is not None else 2
    for group in groups:
        if len(group) == 0:
            continue
        fmt = "f " + " ".join([corner] * group.shape[1])
        np.savetxt(out, np.repeat(group + offset + 1, refs, axis=1), fmt=fmt)
    return count


def _write_rows(out: io.StringIO, tag: str, rows: NDArray[np.float64], number: str) -> None:
    np.savetxt(out, rows, fmt=tag + " " + " ".join([number] * rows.shape[1]))


def _mtl_text(parts: list[MeshPart]) -> str:
    lines = ["# meshforge MTL"]
    for index, part in enumerate(parts):
        r, g, b, a = part.base_color
        lines += [
            f"newmtl material_{index}",
            f"Kd {r:.6g} {g:.6g} {b:.6g}",
            "Ka 0 0 0",
            "Ks 0 0 0",
            f"d {a:.6g}",
            "illum 1",
            f"Pr {part.roughness:.6g}",
            f"Pm {part.metallic:.6g}",
        ]
        if part.textured:
            lines.append(f"map_Kd {texture_name(index)}")
    return "\n".join(lines) + "\n"
