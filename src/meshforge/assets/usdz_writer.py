"""USDZ written by hand: an uncompressed zip whose first file is a USDA layer
(UsdGeomMesh + UsdPreviewSurface materials) followed by its PNG textures, every file's data
aligned to 64 bytes as the USDZ spec requires. No USD library is needed at run time; the
tests open the result with Pixar's usd-core.

Units: metersPerUnit = 1, upAxis = "Y". Meshes stay triangles (USDZ has no quad option here).
"""

from __future__ import annotations

import io
import struct
import zipfile

import numpy as np
from numpy.typing import NDArray

from meshforge.assets.parts import MeshPart

ROOT_LAYER = "model.usda"
_ALIGNMENT = 64
_PADDING_FIELD_ID = 0x1986  # the extra-field id Pixar's own writer uses for padding


def write_usdz(parts: list[MeshPart]) -> bytes:
    """The .usdz bytes for the parts (root layer first, then textures)."""
    files = {ROOT_LAYER: usda_text(parts).encode()}
    for index, part in enumerate(parts):
        if part.textured:
            files[_texture_path(index)] = part.texture_png
    return _aligned_zip(files)


def _texture_path(index: int) -> str:
    return f"textures/texture_{index}.png"


def _aligned_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            header_end = buffer.tell() + 30 + len(name.encode())
            pad = (-(header_end + 4)) % _ALIGNMENT
            info.extra = struct.pack("<HH", _PADDING_FIELD_ID, pad) + b"\0" * pad
            archive.writestr(info, data)
    return buffer.getvalue()


def usda_text(parts: list[MeshPart]) -> str:
    header = (
        '#usda 1.0\n(\n    defaultPrim = "Model"\n    metersPerUnit = 1\n'
        '    upAxis = "Y"\n)\n\ndef Xform "Model" (\n    kind = "component"\n)\n{\n'
    )
    meshes = "".join(_mesh_prim(index, part) for index, part in enumerate(parts))
    materials = "".join(_material_prim(index, part) for index, part in enumerate(parts))
    return header + meshes + '    def Scope "Materials"\n    {\n' + materials + "    }\n}\n"


def _array(rows: NDArray[np.generic], fmt: str) -> str:
    """USDA array literal, e.g. [(1, 2, 3), (4, 5, 6)], one row per fmt."""
    out = io.StringIO()
    np.savetxt(out, rows, fmt=fmt, newline=", ")
    return "[" + out.getvalue().rstrip(", ") + "]"


def _mesh_prim(index: int, part: MeshPart) -> str:
    low, high = part.vertices.min(axis=0), part.vertices.max(axis=0)
    lines = [
        f'    def Mesh "{part.name}" (\n        prepend apiSchemas = ["MaterialBindingAPI"]\n    )',
        "    {",
        f"        float3[] extent = {_array(np.vstack([low, high]), '(%.7g, %.7g, %.7g)')}",
        f"        int[] faceVertexCounts = {_array(np.full(len(part.faces), 3), '%d')}",
        f"        int[] faceVertexIndices = {_array(part.faces.ravel(), '%d')}",
        f"        rel material:binding = </Model/Materials/material_{index}>",
        f"        normal3f[] normals = {_array(part.normals, '(%.5g, %.5g, %.5g)')} (",
        '            interpolation = "vertex"\n        )',
        f"        point3f[] points = {_array(part.vertices, '(%.7g, %.7g, %.7g)')}",
    ]
    if part.uv is not None:
        lines.append(f"        texCoord2f[] primvars:st = {_array(part.uv, '(%.7g, %.7g)')} (")
        lines.append('            interpolation = "vertex"\n        )')
    if part.colors is not None and not part.textured:
        rgb = part.colors[:, :3].astype(np.float64) / 255.0
        lines.append(
            f"        color3f[] primvars:displayColor = {_array(rgb, '(%.4g, %.4g, %.4g)')} ("
        )
        lines.append('            interpolation = "vertex"\n        )')
    lines += [
        '        uniform token orientation = "rightHanded"',
        '        uniform token subdivisionScheme = "none"',
        "    }",
        "",
    ]
    return "\n".join(lines) + "\n"


def _material_prim(index: int, part: MeshPart) -> str:
    path = f"/Model/Materials/material_{index}"
    r, g, b, a = part.base_color
    diffuse = (
        f"color3f inputs:diffuseColor.connect = <{path}/texture.outputs:rgb>"
        if part.textured
        else f"color3f inputs:diffuseColor = ({r:.6g}, {g:.6g}, {b:.6g})"
    )
    text = f"""        def Material "material_{index}"
        {{
            token outputs:surface.connect = <{path}/surface.outputs:surface>

            def Shader "surface"
            {{
                uniform token info:id = "UsdPreviewSurface"
                {diffuse}
                float inputs:metallic = {part.metallic:.6g}
                float inputs:roughness = {part.roughness:.6g}
                float inputs:opacity = {a:.6g}
                token outputs:surface
            }}
"""
    if part.textured:
        text += _texture_shaders(index, path, (r, g, b, a))
    return text + "        }\n"


def _texture_shaders(index: int, path: str, scale: tuple[float, float, float, float]) -> str:
    r, g, b, a = scale
    return f"""
            def Shader "st_reader"
            {{
                uniform token info:id = "UsdPrimvarReader_float2"
                string inputs:varname = "st"
                float2 outputs:result
            }}

            def Shader "texture"
            {{
                uniform token info:id = "UsdUVTexture"
                asset inputs:file = @{_texture_path(index)}@
                float2 inputs:st.connect = <{path}/st_reader.outputs:result>
                float4 inputs:scale = ({r:.6g}, {g:.6g}, {b:.6g}, {a:.6g})
                token inputs:sourceColorSpace = "sRGB"
                token inputs:wrapS = "repeat"
                token inputs:wrapT = "repeat"
                float3 outputs:rgb
            }}
"""
