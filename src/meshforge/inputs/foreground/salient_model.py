"""The learned half of the foreground stage: a salient-object segmentation network.

IS-Net (Qin et al., "Highly Accurate Dichotomous Image Segmentation", MIT licence),
general-use weights as ONNX, run on the CPU by onnxruntime: about 1.3 s per photo on
two cores, whatever its size (the network sees it at 1024 x 1024), ~0.9 GB at peak. It
answers, for every pixel, how likely it belongs to the salient object, which is what a
person photographing one object meant; learned.py turns that into the object's mask or a
refusal. The weights come from a package registry, never a model hub: see
salient_model_files.py and docs/weights.md.
"""

from __future__ import annotations

import functools
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

MODEL_FOLDER = Path("imgly") / "isnet"  # under the weights directory
MODEL_FILE = "model.onnx"
INPUT_SIDE = 1024  # the network's fixed input size
INPUT_MEAN, INPUT_SCALE = 128.0, 256.0  # 8-bit RGB -> about -0.5..0.5, as trained
INPUT_NAME, OUTPUT_NAME = "input", "output"  # the other outputs are side supervision maps

Probability = NDArray[np.float32]
RGB = NDArray[np.uint8]


class SalientObjectModel:
    """One loaded network (onnxruntime sessions may be run from several threads)."""

    def __init__(self, path: Path) -> None:
        import onnxruntime  # imported here: only processes that segment photos pay for it

        options = onnxruntime.SessionOptions()
        # Without its arena and planned buffers onnxruntime frees each photo's activations
        # as it goes: measured here, 0.9 GB at peak instead of 2.1 GB.
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False
        try:
            self._session = onnxruntime.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise RuntimeError(f"the segmentation model {path} does not load: {exc}") from exc

    def probability(self, rgb: RGB) -> Probability:
        """H x W float32 in 0..1: how likely each pixel of `rgb` is the salient object."""
        height, width = rgb.shape[:2]
        shrink = max(height, width) > INPUT_SIDE
        resample = cv2.INTER_AREA if shrink else cv2.INTER_LINEAR
        square = cv2.resize(rgb, (INPUT_SIDE, INPUT_SIDE), interpolation=resample)
        tensor = ((square.astype(np.float32) - INPUT_MEAN) / INPUT_SCALE).transpose(2, 0, 1)
        (output,) = self._session.run([OUTPUT_NAME], {INPUT_NAME: tensor[None]})
        answer = np.asarray(output, np.float32)[0, 0]
        resized = cv2.resize(answer, (width, height), interpolation=cv2.INTER_LINEAR)
        return np.asarray(np.clip(resized, 0.0, 1.0), np.float32)


def model_path(weights_dir: Path) -> Path:
    return weights_dir / MODEL_FOLDER / MODEL_FILE


def installed_model(weights_dir: Path | None) -> SalientObjectModel | None:
    """The model under `weights_dir`, loaded once per process; None when not installed
    (the stage then segments without weights)."""
    if weights_dir is None:
        return None
    path = model_path(weights_dir)
    return _load(path.resolve()) if path.is_file() else None


@functools.cache
def _load(path: Path) -> SalientObjectModel:
    return SalientObjectModel(path)
