"""Loading Shap-E through diffusers, and the two traps of published snapshots.

- The mesh decoder's marching-cubes tables are buffers that some weight files lack: they
  load as zeros and every mesh would come out empty. Detected here and filled with the
  tables marching_cubes builds.
- A tokenizer whose config has no model_max_length reports a huge one, and the pipeline
  pads every prompt to it; CLIP's text encoder has 77 positions, so it is capped there.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from meshforge.engines.learned.marching_cubes import case_tables

log = logging.getLogger(__name__)


def load_shap_e(folder: Path, torch_device: Any, *, image: bool) -> Any:
    """ShapEPipeline (or ShapEImg2ImgPipeline) from a local snapshot, on torch_device:
    half precision on a GPU, full precision on the CPU (which lacks fast fp16 kernels)."""
    import torch
    from diffusers import ShapEImg2ImgPipeline, ShapEPipeline
    from diffusers.utils import logging as diffusers_logging
    from transformers.utils import logging as transformers_logging

    # Progress bars in worker logs are noise.
    diffusers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    pipeline_class = ShapEImg2ImgPipeline if image else ShapEPipeline
    dtype = torch.float16 if torch_device.type == "cuda" else torch.float32
    pipe = pipeline_class.from_pretrained(  # type: ignore[no-untyped-call]
        str(folder), dtype=dtype, local_files_only=True
    )
    pipe = pipe.to(torch_device)
    pipe.set_progress_bar_config(disable=True)
    fill_empty_case_tables(pipe.shap_e_renderer.mesh_decoder)
    if not image:
        cap_tokenizer_length(pipe.tokenizer, pipe.text_encoder)
    return pipe


def fill_empty_case_tables(mesh_decoder: Any) -> bool:
    """Fill the decoder's marching-cubes tables if they loaded as zeros; True if it did."""
    import torch

    if bool(mesh_decoder.masks.any()):
        return False
    cases, masks = case_tables()
    mesh_decoder.cases.copy_(torch.from_numpy(cases))
    mesh_decoder.masks.copy_(torch.from_numpy(masks))
    log.info("the weights had no marching-cubes tables; filled them with meshforge's")
    return True


def cap_tokenizer_length(tokenizer: Any, text_encoder: Any) -> None:
    """Pad prompts to the text encoder's positions, not to a missing config's 10**30."""
    positions = int(text_encoder.config.max_position_embeddings)
    if tokenizer.model_max_length > positions:
        log.info("tokenizer has no usable model_max_length; using %d", positions)
        tokenizer.model_max_length = positions
