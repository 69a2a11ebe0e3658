"""Availability is told up front: weights, licence, GPU and libraries, each with its reason;
and `meshforge weights` lists what an operator has to fix."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from meshforge.config import Settings
from meshforge.engines.learned import hunyuan3d, shap_e
from meshforge.engines.learned.snapshots import Snapshot

HY3DGEN_IMPORT_ERROR = hunyuan3d.hy3dgen_import_error()


def test_missing_weights_name_the_expected_folder(tmp_path: Path) -> None:
    engine = shap_e.create_text_engine(Settings(data_dir=tmp_path, learned_on_cpu=True))
    availability = engine.availability()
    assert not availability.available
    assert "copy a snapshot of openai/shap-e to <weights dir>/openai/shap-e" in availability.reason
    assert str(tmp_path) not in availability.reason  # no server paths in user messages
    assert engine.weights_folder == tmp_path / "weights" / "openai/shap-e"  # the default


def test_incomplete_weights_name_the_missing_files(weights_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "weights"
    shutil.copytree(weights_dir / "openai/shap-e-img2img", copy / "openai/shap-e-img2img")
    shutil.rmtree(copy / "openai/shap-e-img2img/image_encoder")
    settings = Settings(data_dir=tmp_path, weights_dir=copy, learned_on_cpu=True)
    reason = shap_e.create_image_engine(settings).availability().reason
    assert "incomplete (missing image_encoder/config.json)" in reason


def test_without_a_gpu_learned_models_need_the_operators_consent(
    weights_dir: Path, tmp_path: Path
) -> None:
    refused = Settings(data_dir=tmp_path, weights_dir=weights_dir)
    availability = shap_e.create_text_engine(refused).availability()
    assert not availability.available
    assert "needs a GPU" in availability.reason
    assert "MESHFORGE_LEARNED_ON_CPU=true" in availability.reason
    allowed = Settings(data_dir=tmp_path, weights_dir=weights_dir, learned_on_cpu=True)
    assert shap_e.create_text_engine(allowed).availability().available


def test_hunyuan3d_is_off_until_its_licence_is_accepted(tmp_path: Path) -> None:
    engine = hunyuan3d.create_engine(Settings(data_dir=tmp_path, learned_on_cpu=True))
    reason = engine.availability().reason
    assert "licence" in reason and "MESHFORGE_HUNYUAN3D_LICENSE_ACCEPTED=true" in reason
    assert "European Union" in reason


def test_hunyuan3d_with_the_licence_accepted_says_what_else_is_missing(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, learned_on_cpu=True, hunyuan3d_license_accepted=True)
    engine = hunyuan3d.create_engine(settings)
    assert "copy a snapshot of tencent/Hunyuan3D-2" in engine.availability().reason
    folder = engine.weights_folder
    for name in engine.snapshot.required:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("")
    reason = engine.availability().reason
    if HY3DGEN_IMPORT_ERROR:  # this machine: see docs/weights.md
        assert "hy3dgen" in reason
    else:
        assert reason == ""


def test_snapshot_lists_its_missing_files(tmp_path: Path) -> None:
    snapshot = Snapshot("owner/repo", ("a.json", "b/c.json"))
    assert snapshot.missing(tmp_path) == ["a.json", "b/c.json"]
    (tmp_path / "owner/repo").mkdir(parents=True)
    (tmp_path / "owner/repo/a.json").write_text("{}")
    assert snapshot.missing_reason(tmp_path) == (
        "its weights at <weights dir>/owner/repo are incomplete (missing b/c.json)"
    )


def test_weights_command_lists_each_learned_model(weights_dir: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "meshforge", "weights", "--data-dir", str(tmp_path)],
        env={"MESHFORGE_WEIGHTS_DIR": str(weights_dir), "MESHFORGE_LEARNED_ON_CPU": "true",
             "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    out = result.stdout
    assert f"weights directory: {weights_dir}" in out
    for model in ("openai/shap-e-text-to-3d", "openai/shap-e-image-to-3d"):
        block = out.split(model, 1)[1]
        assert "present:   yes" in block.split("available")[0]
        assert "loads:     yes" in block.split("available")[0]
    hunyuan = out.split("tencent/hunyuan3d-2-image-to-3d", 1)[1]
    assert str(weights_dir / "tencent/Hunyuan3D-2") in hunyuan
    assert "licence" in hunyuan
    segmenter = out.split("foreground segmenter", 1)[1]
    assert str(weights_dir / "imgly/isnet") in segmenter
    assert "install_segmenter.sh" in segmenter
    assert result.returncode == 1  # not every model is available


@pytest.mark.skipif(bool(HY3DGEN_IMPORT_ERROR), reason=f"hy3dgen: {HY3DGEN_IMPORT_ERROR}")
def test_hunyuan3d_imports_here() -> None:
    """Where hy3dgen imports (a GPU machine with a matching torchvision), it loads."""
    import hy3dgen.shapegen  # noqa: F401


def test_torchvision_stays_out_of_the_cpu_install() -> None:
    """PyPI's torchvision is built for the CUDA torch: beside the CPU torch even
    transformers' image processors fail with "operator torchvision::nms does not exist"."""
    import importlib.util

    assert importlib.util.find_spec("torchvision") is None
