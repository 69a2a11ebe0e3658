"""The engine's side of the shared foreground stage (meshforge.inputs.foreground).

The stage refuses with its own exception (it lives below the engines); here that
becomes the engine's EngineInputError, whose message is the task's fail_reason.
"""

from __future__ import annotations

from pathlib import Path

from meshforge.engines.base import EngineInputError
from meshforge.inputs.foreground import Cutout, ForegroundRefused, cut_out, installed_model


def extract_foreground(
    data: bytes, max_side: int = 1024, weights_dir: Path | None = None
) -> Cutout:
    """The photo's one object, or EngineInputError saying what to change in the photo.
    The learned segmenter is used when its weights are installed under `weights_dir`."""
    try:
        return cut_out(data, max_side, installed_model(weights_dir))
    except ForegroundRefused as refusal:
        raise EngineInputError(refusal.message) from refusal
