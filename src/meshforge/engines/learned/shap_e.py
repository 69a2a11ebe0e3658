"""`openai/shap-e-text-to-3d` and `openai/shap-e-image-to-3d`: OpenAI's Shap-E (MIT
licence) through diffusers' ShapEPipeline / ShapEImg2ImgPipeline, from local weights.

Stages: encode the prompt (CLIP text) or photo (CLIP vision, on the object cut out by the
shared foreground stage) -> denoise Shap-E's latent with the prior transformer -> decode
the latent into an implicit function and extract its surface with marching cubes, with
a colour per vertex -> turn Z-up into Y-up (front +Z) -> repair, decimate, unwrap, bake
the vertex colours into a texture -> place on the ground.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import trimesh
from numpy.typing import NDArray
from PIL import Image

from meshforge.config import Settings
from meshforge.engines.base import EngineInputError, EngineKind, GenerationRequest, ProgressFn
from meshforge.engines.image_to_3d.foreground import extract_foreground
from meshforge.engines.learned import surface
from meshforge.engines.learned.engine import LearnedEngine
from meshforge.engines.learned.shap_e_pipeline import load_shap_e
from meshforge.engines.learned.snapshots import diffusers_snapshot
from meshforge.engines.learned.stages import StageClock

TEXT_ID = "openai/shap-e-text-to-3d"
IMAGE_ID = "openai/shap-e-image-to-3d"
DEFAULT_STEPS = 64  # the published examples' count
DEFAULT_RESOLUTION = 128  # the decoder's own default grid
DEFAULT_FACE_LIMIT = 30_000
PHOTO_SIDE = 256  # the photo the image encoder sees (its processor resizes to 224)
# Shap-E models stand on Z; a -90 degree turn about X makes Y up with the front on +Z.
Z_UP_TO_Y_UP = trimesh.transformations.rotation_matrix(-np.pi / 2, [1, 0, 0])  # type: ignore[no-untyped-call]


class ShapEEngine(LearnedEngine):
    """What the text and the image variant share: options, denoising, mesh decoding."""

    default_face_limit = DEFAULT_FACE_LIMIT
    default_steps = DEFAULT_STEPS
    default_resolution = DEFAULT_RESOLUTION

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.clock = StageClock()  # the last task's seconds per stage

    def load(self, torch_device: Any) -> Any:
        return load_shap_e(self.weights_folder, torch_device, image=self.kind == "image-to-3d")

    def condition(self, request: GenerationRequest) -> Any:
        """The prompt or the photo the pipeline is conditioned on."""
        raise NotImplementedError

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        pipe = self.pipeline()
        self.clock.restart()
        condition = self.condition(request)
        latent = _denoise(pipe, condition, request, self.default_guidance, progress, self.clock)
        progress(70, "extracting the surface")
        resolution = request.mesh_resolution or DEFAULT_RESOLUTION
        mesh, colours = _decode(pipe, latent, resolution)
        self.clock.mark("decode")
        progress(80, "texturing")
        geometry = surface.cleaned(mesh, request.face_limit or DEFAULT_FACE_LIMIT)
        colour_fn = surface.vertex_colour_fn(np.asarray(mesh.vertices), colours)
        scene = surface.placed(surface.textured(geometry, colour_fn, request), request.auto_size)
        self.clock.mark("texture")
        self.clock.log(self.id)
        progress(100, "done")
        return scene


class ShapETextEngine(ShapEEngine):
    id = TEXT_ID
    kind: EngineKind = "text-to-3d"
    default_guidance = 15.0
    gpu_memory_gib = 3.0
    snapshot = diffusers_snapshot(
        "openai/shap-e", ("prior", "text_encoder", "tokenizer", "scheduler", "shap_e_renderer")
    )
    description = (
        "OpenAI's Shap-E, text to 3D, from local weights (MIT licence): any object from a "
        "prompt, coarse and smooth, with baked vertex colours. Needs a GPU (about 3 GB). "
        f"auto_size scales the largest side to {surface.OBJECT_SIZE_M:g} m, Y up."
    )

    def condition(self, request: GenerationRequest) -> Any:
        if not request.prompt:
            raise EngineInputError("this model builds from a prompt: send one")
        return request.prompt


class ShapEImageEngine(ShapEEngine):
    id = IMAGE_ID
    kind: EngineKind = "image-to-3d"
    default_guidance = 3.0
    gpu_memory_gib = 3.5
    snapshot = diffusers_snapshot(
        "openai/shap-e-img2img",
        ("prior", "image_encoder", "image_processor", "scheduler", "shap_e_renderer"),
    )
    description = (
        "OpenAI's Shap-E, image to 3D, from local weights (MIT licence): the photo's one "
        "object as a whole solid, back included, with baked vertex colours. Needs a GPU "
        f"(about 3.5 GB). auto_size scales the largest side to {surface.OBJECT_SIZE_M:g} m."
    )

    def condition(self, request: GenerationRequest) -> Any:
        if request.image is None:
            raise EngineInputError("this model builds from a photo: send an image")
        return object_on_white(request.image, self.weights_dir)


def object_on_white(data: bytes, weights_dir: Path | None = None) -> Image.Image:
    """The photo's one object, cut out onto white and centred in a square: the kind of
    picture Shap-E's image model was trained on."""
    cutout = extract_foreground(data, 2 * PHOTO_SIDE, weights_dir)
    alpha = cutout.alpha[..., None]
    composed = cutout.rgb.astype(np.float32) * alpha + 255.0 * (1.0 - alpha)
    rows, cols = np.nonzero(cutout.mask)
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    side = int(max(bottom - top, right - left) * 1.2) + 1
    canvas = np.full((side, side, 3), 255.0, dtype=np.float32)
    row0, col0 = (side - (bottom - top)) // 2, (side - (right - left)) // 2
    canvas[row0 : row0 + bottom - top, col0 : col0 + right - left] = composed[
        top:bottom, left:right
    ]
    square = Image.fromarray(np.clip(canvas + 0.5, 0, 255).astype(np.uint8), mode="RGB")
    return square.resize((PHOTO_SIDE, PHOTO_SIDE), Image.Resampling.LANCZOS)


def _denoise(
    pipe: Any,
    condition: Any,
    request: GenerationRequest,
    default_guidance: float,
    progress: ProgressFn,
    clock: StageClock,
) -> Any:
    """The denoised latent; progress and the encode/denoise split come from the prior's
    calls (the scheduler has set its timesteps before the first)."""
    import torch

    calls = 0

    def on_prior_call(_module: Any, _args: Any) -> None:
        nonlocal calls
        if calls == 0:
            clock.mark("encode")
        calls += 1
        progress(5 + 65 * calls // max(len(pipe.scheduler.timesteps), 1), "denoising")

    progress(2, "encoding the input")
    handle = pipe.prior.register_forward_pre_hook(on_prior_call)
    try:
        output = pipe(
            condition,
            num_inference_steps=request.num_inference_steps or DEFAULT_STEPS,
            guidance_scale=default_guidance
            if request.guidance_scale is None
            else request.guidance_scale,
            generator=torch.Generator().manual_seed(request.seed),
            output_type="latent",
        )
    finally:
        handle.remove()
    clock.mark("denoise")
    return output.images[0]


def _decode(pipe: Any, latent: Any, resolution: int) -> tuple[trimesh.Trimesh, NDArray[np.float64]]:
    """The latent's surface (Y up) and its vertex colours (N,3 sRGB in 0..1)."""
    renderer = pipe.shap_e_renderer
    on_gpu = latent.device.type == "cuda"
    handle = renderer.mesh_decoder.register_forward_hook(_refuse_empty_surface)
    try:
        decoded = renderer.decode_to_mesh(
            latent[None, :],
            latent.device,
            grid_size=resolution,
            query_batch_size=2**16 if on_gpu else 2**13,
        )
    finally:
        handle.remove()
    vertices = decoded.verts.float().cpu().numpy().astype(np.float64)
    faces = decoded.faces.cpu().numpy()
    channels = [decoded.vertex_channels[name].float().cpu().numpy() for name in "RGB"]
    colours = _linear_to_srgb(np.clip(np.stack(channels, axis=1).astype(np.float64), 0.0, 1.0))
    mesh = trimesh.Trimesh(vertices, faces, process=False)
    mesh.apply_transform(Z_UP_TO_Y_UP)
    return mesh, colours


def _refuse_empty_surface(_module: Any, _inputs: Any, output: Any) -> None:
    """A field without a zero crossing has no surface; the decoder would then fail on an
    empty vertex list with an obscure error."""
    if len(output.verts) == 0:
        raise EngineInputError(surface.NO_SURFACE)


def _linear_to_srgb(linear: NDArray[np.float64]) -> NDArray[np.float64]:
    """Undo the decoder's sRGB-to-linear step: the model predicts sRGB colours, which is
    what a glTF base-colour texture holds."""
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)


def create_text_engine(settings: Settings) -> ShapETextEngine:
    return ShapETextEngine(settings)


def create_image_engine(settings: Settings) -> ShapEImageEngine:
    return ShapEImageEngine(settings)
