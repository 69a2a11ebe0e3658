"""Where learned models run: the GPUs a process sees, offline hub switches, memory release.

torch is imported lazily (inside the functions), so listing models or sizing worker pools
costs nothing until a learned model's weights are actually on disk.
"""

from __future__ import annotations

import gc
import os
import sys
from functools import cache
from typing import Any

# The hub libraries read these when first imported: set before any of them loads, so no
# code path (a missing file, a typo in a folder name) can reach for the network.
OFFLINE_SWITCHES = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DISABLE_TELEMETRY": "1",
}


def go_offline() -> None:
    """Set the hub libraries' offline switches for this process and its children."""
    os.environ.update(OFFLINE_SWITCHES)


@cache
def visible_gpu_count() -> int:
    """CUDA devices this process may use (0 without a CUDA build of torch)."""
    import torch

    return int(torch.cuda.device_count()) if torch.cuda.is_available() else 0


def gpu_total_gib() -> float:
    """Memory of the first visible GPU, in GiB."""
    import torch

    return float(torch.cuda.get_device_properties(0).total_memory) / 2**30


def pin_gpu(index: int) -> None:
    """Make this process see only the index-th of the GPUs it could see. Call before
    torch initialises CUDA (worker processes are spawned, so nothing has yet)."""
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    ordinals = [o.strip() for o in visible.split(",")] if visible else None
    os.environ["CUDA_VISIBLE_DEVICES"] = ordinals[index] if ordinals else str(index)


def torch_device() -> Any:
    """The torch device learned models run on here: the first visible GPU, else the CPU."""
    import torch

    return torch.device("cuda" if visible_gpu_count() else "cpu")


def release_cached_memory() -> None:
    """Return the CUDA allocator's cached blocks to the device after a task, so memory
    in use stays flat from task to task (and other processes on the GPU can use it)."""
    torch = sys.modules.get("torch")
    if torch is None or not torch.cuda.is_initialized():
        return
    gc.collect()  # tensors held by reference cycles (e.g. a caught exception's frames)
    torch.cuda.empty_cache()


def is_out_of_memory(error: BaseException) -> bool:
    """True for torch's out-of-memory error. Checked without importing torch: an engine
    that raised it has imported torch already."""
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(error, torch.OutOfMemoryError)
