"""The learned segmenter the image benchmarks run with, as a server with the weights has it.

Its weights are installed by scripts/install_segmenter.sh under meshforge-data/weights
(or MESHFORGE_WEIGHTS_DIR); the benchmarks stop with that hint when they are missing.
"""

from __future__ import annotations

import os
from pathlib import Path

from meshforge.inputs.foreground import SalientObjectModel, installed_model

ROOT = Path(__file__).resolve().parents[2]
WEIGHTS_DIR = Path(os.environ.get("MESHFORGE_WEIGHTS_DIR", ROOT / "meshforge-data" / "weights"))


def segmenter() -> SalientObjectModel:
    model = installed_model(WEIGHTS_DIR)
    if model is None:
        raise SystemExit(f"no segmentation model under {WEIGHTS_DIR}: scripts/install_segmenter.sh")
    return model
