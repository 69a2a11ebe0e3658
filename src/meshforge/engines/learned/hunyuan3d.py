"""`tencent/hunyuan3d-2-image-to-3d`: the shape stage of Tencent's Hunyuan3D-2 (PyPI's
hy3dgen, an optional extra), textured by the project's own photo projection.

Stages: the shared foreground stage cuts the object out (RGBA, as hy3dgen's image
processor expects) -> the DiT flow-matching pipeline, loaded from the local snapshot's
hunyuan3d-dit-v2-0 folder, denoises a shape latent -> its VAE decodes it and plain
marching cubes extracts the surface -> repair, decimate, unwrap -> the photo projected
along the view axis (front +Z, as hy3dgen's own paint stage puts its front camera),
mirrored to the back -> placed on the ground. The paint stage is left out: it needs a
CUDA extension that is not on PyPI.

Its licence excludes the European Union, the United Kingdom and South Korea and limits
large deployments, so the model stays off until the operator accepts it
(MESHFORGE_HUNYUAN3D_LICENSE_ACCEPTED=true).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from typing import Any

import numpy as np
import trimesh
from numpy.typing import NDArray
from PIL import Image

from meshforge.config import Settings
from meshforge.engines.base import EngineInputError, EngineKind, GenerationRequest, ProgressFn
from meshforge.engines.image_to_3d.foreground import extract_foreground
from meshforge.engines.image_to_3d.projection import PhotoProjector, build_projector
from meshforge.engines.learned import surface
from meshforge.engines.learned.engine import LearnedEngine
from meshforge.engines.learned.snapshots import Snapshot
from meshforge.engines.learned.stages import StageClock
from meshforge.inputs.foreground import Cutout

ENGINE_ID = "tencent/hunyuan3d-2-image-to-3d"
DIT_FOLDER = "hunyuan3d-dit-v2-0"
CONFIG_FILE = f"{DIT_FOLDER}/config.yaml"
WEIGHTS_FILE = f"{DIT_FOLDER}/model.fp16.safetensors"
DEFAULT_STEPS = 50
DEFAULT_GUIDANCE = 5.0
DEFAULT_RESOLUTION = 256  # hy3dgen's octree resolution
DEFAULT_FACE_LIMIT = 40_000
PHOTO_SIDE = 1024

LICENCE_REASON = (
    "its licence (Tencent Hunyuan 3D community licence) is not accepted on this server: it "
    "does not apply in the European Union, the United Kingdom and South Korea, and large "
    "deployments need Tencent's permission; an operator who accepts it sets "
    "MESHFORGE_HUNYUAN3D_LICENSE_ACCEPTED=true"
)
NOT_INSTALLED_REASON = (
    "the hy3dgen package is not installed on this server (pip install 'meshforge[hunyuan3d]', "
    "see docs/weights.md)"
)


@cache
def hy3dgen_import_error() -> str:
    """ "" when hy3dgen's shape stage imports here, else the error it raised. Importing it
    pulls in torch and torchvision, so it is tried once, and only by an operator who
    accepted the licence, installed the package and copied the weights."""
    try:
        import hy3dgen.shapegen  # noqa: F401
    except Exception as error:  # anything: a broken torchvision raises RuntimeError
        return f"{type(error).__name__}: {error}"
    return ""


class Hunyuan3DEngine(LearnedEngine):
    id = ENGINE_ID
    kind: EngineKind = "image-to-3d"
    default_face_limit = DEFAULT_FACE_LIMIT
    default_guidance = DEFAULT_GUIDANCE
    default_steps = DEFAULT_STEPS
    default_resolution = DEFAULT_RESOLUTION
    gpu_memory_gib = 6.0
    snapshot = Snapshot("tencent/Hunyuan3D-2", (CONFIG_FILE, WEIGHTS_FILE))
    description = (
        "Tencent's Hunyuan3D-2 shape stage, image to 3D, from local weights: a detailed "
        "solid of the photo's one object, textured by projecting the photo. Needs a GPU "
        "(about 6 GB), the hunyuan3d extra and the operator's acceptance of its licence. "
        f"auto_size scales the largest side to {surface.OBJECT_SIZE_M:g} m, Y up."
    )

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.clock = StageClock()

    def licence_reason(self) -> str:
        return "" if self._settings.hunyuan3d_license_accepted else LICENCE_REASON

    def runtime_reason(self) -> str:
        if importlib.util.find_spec("hy3dgen") is None:
            return NOT_INSTALLED_REASON
        error = hy3dgen_import_error()
        return f"hy3dgen cannot be imported on this server ({error})" if error else ""

    def load(self, torch_device: Any) -> Any:
        return load_hunyuan3d(self.weights_folder, torch_device)

    def generate(self, request: GenerationRequest, progress: ProgressFn) -> trimesh.Scene:
        if request.image is None:
            raise EngineInputError("this model builds from a photo: send an image")
        pipe = self.pipeline()
        self.clock.restart()
        progress(2, "segmenting the object")
        cutout = extract_foreground(request.image, PHOTO_SIDE, self.weights_dir)
        self.clock.mark("segment")
        mesh = run_shape_stage(pipe, rgba_image(cutout), request, progress)
        self.clock.mark("shape")
        progress(80, "texturing")
        scene = textured_from_photo(mesh, cutout, request)
        self.clock.mark("texture")
        self.clock.log(self.id)
        progress(100, "done")
        return scene


def load_hunyuan3d(folder: Any, torch_device: Any) -> Any:
    """hy3dgen's flow-matching pipeline from the snapshot's files, never the hub: its
    from_pretrained looks in ~/.cache/hy3dgen and then downloads, from_single_file reads
    exactly the two files named."""
    import torch
    from hy3dgen.shapegen import Hunyuan3DDiTFlowMatchingPipeline

    dtype = torch.float16 if torch_device.type == "cuda" else torch.float32
    return Hunyuan3DDiTFlowMatchingPipeline.from_single_file(
        str(folder / WEIGHTS_FILE),
        str(folder / CONFIG_FILE),
        device=str(torch_device),
        dtype=dtype,
        use_safetensors=True,
    )


def rgba_image(cutout: Cutout) -> Image.Image:
    """The photo with the object's alpha: hy3dgen's processor centres and crops by it."""
    alpha = np.round(cutout.alpha * 255).astype(np.uint8)[..., None]
    return Image.fromarray(np.concatenate([cutout.rgb, alpha], axis=2), mode="RGBA")


def run_shape_stage(
    pipe: Any, image: Image.Image, request: GenerationRequest, progress: ProgressFn
) -> trimesh.Trimesh:
    """The raw surface hy3dgen extracts for the photo (Y up, front +Z)."""
    import torch

    steps = request.num_inference_steps or DEFAULT_STEPS

    def on_step(step: int, _timestep: Any, _outputs: Any) -> None:
        progress(5 + 65 * (step + 1) // steps, "denoising")

    meshes = pipe(
        image=image,
        num_inference_steps=steps,
        guidance_scale=DEFAULT_GUIDANCE
        if request.guidance_scale is None
        else request.guidance_scale,
        octree_resolution=request.mesh_resolution or DEFAULT_RESOLUTION,
        generator=torch.Generator().manual_seed(request.seed),
        output_type="trimesh",
        enable_pbar=False,
        callback=on_step,
        callback_steps=1,
    )
    mesh = meshes[0] if meshes else None
    if not isinstance(mesh, trimesh.Trimesh) or len(mesh.faces) == 0:
        raise EngineInputError(surface.NO_SURFACE)
    return mesh


def textured_from_photo(
    mesh: trimesh.Trimesh, cutout: Cutout, request: GenerationRequest
) -> trimesh.Scene:
    """The surface cleaned to the face limit, the photo projected onto it, placed."""
    geometry = surface.cleaned(mesh, request.face_limit or DEFAULT_FACE_LIMIT)
    projector = build_projector(cutout.rgb, cutout.mask, cutout.colour_mask)
    colour_fn = _photo_colours(projector, cutout.mask, np.asarray(geometry.bounds))
    return surface.placed(surface.textured(geometry, colour_fn, request), request.auto_size)


def _photo_colours(
    projector: PhotoProjector, mask: NDArray[np.bool_], bounds: NDArray[np.float64]
) -> Any:
    """color_fn mapping model points onto the photo: the model's X/Y extent onto the
    object's box in the photo (the projector works in pixels, x right, y = -row)."""
    rows, cols = np.nonzero(mask)
    left, top = float(cols.min()), float(rows.min())
    width, height = float(cols.max() + 1 - left), float(rows.max() + 1 - top)
    low, high = bounds[0], bounds[1]
    span = np.maximum(high - low, 1e-9)

    def colour_at(points: NDArray[np.float64], normals: NDArray[np.float64]) -> NDArray[np.float64]:
        pixels = np.empty_like(points)
        pixels[:, 0] = left + (points[:, 0] - low[0]) / span[0] * width
        pixels[:, 1] = -(top + (high[1] - points[:, 1]) / span[1] * height)
        pixels[:, 2] = points[:, 2]
        return projector(pixels, normals)

    return colour_at


def create_engine(settings: Settings) -> Hunyuan3DEngine:
    return Hunyuan3DEngine(settings)
