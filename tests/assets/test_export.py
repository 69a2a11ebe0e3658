from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest
import trimesh

from meshforge.assets.export import SUPPORTED_FORMATS, export_scene
from tests.support.gltf_validate import assert_valid_glb


def _load_scene(data: bytes, file_type: str) -> trimesh.Scene:
    return trimesh.load(io.BytesIO(data), file_type=file_type, force="scene")


def _single_mesh(scene: trimesh.Scene) -> trimesh.Trimesh:
    (mesh,) = scene.geometry.values()
    assert isinstance(mesh, trimesh.Trimesh)
    return mesh


@pytest.mark.parametrize("fmt", SUPPORTED_FORMATS)
def test_every_format_reports_counts_and_a_model_filename(
    fmt: str, textured_scene: trimesh.Scene, textured_sphere: trimesh.Trimesh
) -> None:
    exported = export_scene(textured_scene, fmt)
    assert exported.filename.startswith("model.") and fmt in exported.filename
    assert exported.triangles == len(textured_sphere.faces)
    assert exported.vertices == len(textured_sphere.vertices)
    assert len(exported.data) > 1000


def test_unknown_format_is_refused(textured_scene: trimesh.Scene) -> None:
    with pytest.raises(ValueError, match="unsupported format"):
        export_scene(textured_scene, "3ds")


def test_glb_textured_round_trip_is_valid_watertight_and_pbr(
    textured_scene: trimesh.Scene, textured_sphere: trimesh.Trimesh
) -> None:
    exported = export_scene(textured_scene, "glb")
    assert exported.content_type == "model/gltf-binary"
    assert_valid_glb(exported.data)
    assert b'"NORMAL"' in exported.data[:4096]  # smooth shading survives in viewers
    mesh = _single_mesh(_load_scene(exported.data, "glb"))
    material = mesh.visual.material
    assert material.baseColorTexture is not None
    assert material.metallicFactor == pytest.approx(0.1)
    assert material.roughnessFactor == pytest.approx(0.7)
    assert len(mesh.faces) == len(textured_sphere.faces)
    mesh.merge_vertices(merge_tex=True, merge_norm=True)  # UV seams split vertices
    assert mesh.is_watertight


def test_glb_plain_and_vertex_coloured_are_valid(
    plain_sphere_scene: trimesh.Scene, coloured_box_scene: trimesh.Scene
) -> None:
    plain = export_scene(plain_sphere_scene, "glb")
    assert_valid_glb(plain.data)
    assert _single_mesh(_load_scene(plain.data, "glb")).is_watertight
    coloured = export_scene(coloured_box_scene, "glb")
    assert_valid_glb(coloured.data)
    colours = _single_mesh(_load_scene(coloured.data, "glb")).visual.vertex_colors
    np.testing.assert_array_equal(np.unique(colours, axis=0), [[200, 80, 40, 255]])


def test_textured_obj_is_a_zip_with_obj_mtl_and_png(
    textured_scene: trimesh.Scene, tmp_path: Path
) -> None:
    exported = export_scene(textured_scene, "obj")
    assert (exported.filename, exported.content_type) == ("model.obj.zip", "application/zip")
    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        assert set(archive.namelist()) == {"model.obj", "model.mtl", "texture_0.png"}
        archive.extractall(tmp_path)
    assert "map_Kd texture_0.png" in (tmp_path / "model.mtl").read_text()
    loaded = trimesh.load(tmp_path / "model.obj", force="mesh")
    assert len(loaded.faces) == exported.triangles
    assert loaded.visual.material.image.size == (256, 256)


def test_plain_obj_is_one_file_and_quad_option_writes_quads(
    coloured_box_scene: trimesh.Scene,
) -> None:
    triangles = export_scene(coloured_box_scene, "obj")
    assert (triangles.filename, triangles.content_type) == ("model.obj", "model/obj")
    loaded = trimesh.load(io.BytesIO(triangles.data), file_type="obj", force="mesh")
    assert len(loaded.faces) == 12
    quads = export_scene(coloured_box_scene, "obj", quad=True)
    face_lines = [line for line in quads.data.decode().splitlines() if line.startswith("f ")]
    assert len(face_lines) == 6 and all(len(line.split()) == 5 for line in face_lines)
    assert quads.triangles == 12


def test_stl_is_binary_and_watertight(plain_sphere_scene: trimesh.Scene) -> None:
    exported = export_scene(plain_sphere_scene, "stl")
    (count,) = struct.unpack("<I", exported.data[80:84])
    assert count == exported.triangles and len(exported.data) == 84 + 50 * count
    assert _single_mesh(_load_scene(exported.data, "stl")).is_watertight


def test_ply_is_binary_with_colours_sampled_from_the_texture(
    textured_scene: trimesh.Scene,
) -> None:
    exported = export_scene(textured_scene, "ply")
    assert b"format binary_little_endian" in exported.data[:200]
    mesh = _single_mesh(_load_scene(exported.data, "ply"))
    colours = mesh.visual.vertex_colors[:, :3].astype(float) / 255.0
    normals = mesh.vertices / np.linalg.norm(mesh.vertices, axis=1, keepdims=True)
    expected = 0.2 + 0.6 * (normals + 1.0) / 2.0  # the fixture's colour field
    assert np.abs(colours - expected).mean() < 0.03


def test_usdz_is_aligned_and_valid_for_pixars_usd(
    textured_scene: trimesh.Scene, tmp_path: Path
) -> None:
    from pxr import Usd, UsdGeom, UsdShade, UsdValidation

    exported = export_scene(textured_scene, "usdz")
    assert exported.content_type == "model/vnd.usdz+zip"
    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        infos = archive.infolist()
        assert infos[0].filename.endswith((".usda", ".usdc"))
        for info in infos:
            assert info.compress_type == zipfile.ZIP_STORED
            data_start = info.header_offset + 30 + len(info.filename) + len(info.extra)
            assert data_start % 64 == 0, info.filename
    path = tmp_path / "model.usdz"
    path.write_bytes(exported.data)
    stage = Usd.Stage.Open(str(path))
    assert UsdGeom.GetStageUpAxis(stage) == "Y"
    assert UsdGeom.GetStageMetersPerUnit(stage) == 1.0
    mesh = UsdGeom.Mesh(stage.GetPrimAtPath("/Model/part_0"))
    assert len(mesh.GetFaceVertexCountsAttr().Get()) == exported.triangles
    material, _ = UsdShade.MaterialBindingAPI(mesh.GetPrim()).ComputeBoundMaterial()
    texture = UsdShade.Shader(material.GetPrim().GetChild("texture"))
    assert texture.GetInput("file").Get().resolvedPath.endswith("[textures/texture_0.png]")
    registry = UsdValidation.ValidationRegistry()
    errors = UsdValidation.ValidationContext(registry.GetOrLoadAllValidators()).Validate(stage)
    assert [error.GetMessage() for error in errors] == []


def _assimp_info(data: bytes, suffix: str, tmp_path: Path) -> str:
    assimp = shutil.which("assimp")
    assert assimp is not None, "install Debian's assimp-utils (the independent FBX reader)"
    path = tmp_path / f"model{suffix}"
    path.write_bytes(data)
    result = subprocess.run(
        [assimp, "info", str(path), "-r"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _info_number(info: str, label: str) -> int:
    match = re.search(rf"^{label}:\s+(\d+)", info, flags=re.MULTILINE)
    assert match, info
    return int(match.group(1))


def test_fbx_loads_in_assimp_with_its_embedded_texture(
    textured_scene: trimesh.Scene, tmp_path: Path
) -> None:
    exported = export_scene(textured_scene, "fbx")
    assert exported.data.startswith(b"Kaydara FBX Binary  \x00")
    info = _assimp_info(exported.data, ".fbx", tmp_path)
    assert _info_number(info, "Faces") == exported.triangles
    assert _info_number(info, "Textures \\(embed.\\)") == 1
    assert "texture_0.png" in info


def test_fbx_quads_load_as_polygons(coloured_box_scene: trimesh.Scene, tmp_path: Path) -> None:
    exported = export_scene(coloured_box_scene, "fbx", quad=True)
    info = _assimp_info(exported.data, ".fbx", tmp_path)
    assert _info_number(info, "Faces") == 6
    assert "n-polygons" in info
    assert exported.triangles == 12
    low = re.search(r"Minimum point\s+\(([-\d. ]+)\)", info)
    high = re.search(r"Maximum point\s+\(([-\d. ]+)\)", info)
    assert low and high, info
    np.testing.assert_allclose([float(v) for v in low.group(1).split()], [-0.5, -1.0, -0.25])
    np.testing.assert_allclose([float(v) for v in high.group(1).split()], [0.5, 1.0, 0.25])


def test_uv_less_base_colour_material_exports_everywhere(sphere: trimesh.Trimesh) -> None:
    from meshforge.assets import texture

    mesh = texture.apply_texture(sphere, None, texture.make_material(None, (0.1, 0.2, 0.9, 1.0)))
    scene = trimesh.Scene(mesh)
    assert_valid_glb(export_scene(scene, "glb").data)
    for fmt in SUPPORTED_FORMATS:
        assert export_scene(scene, fmt).triangles == len(sphere.faces)
    ply = _single_mesh(_load_scene(export_scene(scene, "ply").data, "ply"))
    np.testing.assert_array_equal(np.unique(ply.visual.vertex_colors, axis=0), [[26, 51, 230, 255]])


def test_plain_obj_keeps_vertex_colours(coloured_box_scene: trimesh.Scene) -> None:
    exported = export_scene(coloured_box_scene, "obj")
    loaded = trimesh.load(io.BytesIO(exported.data), file_type="obj", force="mesh")
    np.testing.assert_array_equal(
        np.unique(loaded.visual.vertex_colors, axis=0), [[200, 80, 40, 255]]
    )
