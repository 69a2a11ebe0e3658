"""The engine's side of the shared foreground stage (meshforge.inputs.foreground).

The stage refuses with its own exception (it lives below the engines); here that
becomes the engine's EngineInputError, whose message is the task's fail_reason.
"""

from __future__ import annotations

from meshforge.engines.base import EngineInputError
from meshforge.inputs.foreground import Cutout, ForegroundRefused, cut_out


def extract_foreground(data: bytes, max_side: int = 1024) -> Cutout:
    """The photo's one object, or EngineInputError saying what to change in the photo."""
    try:
        return cut_out(data, max_side)
    except ForegroundRefused as refusal:
        raise EngineInputError(refusal.message) from refusal
