"""What a request may ask for besides its model and input: one frozen options object.

Built once from the request at the HTTP edge, stored in the task row, read back by the
worker and handed to the engine. Every default and every limit of the request fields
lives here and nowhere else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Literal, get_args

OutputFormat = Literal["glb", "obj", "stl", "ply", "usdz", "fbx"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)
TextureQuality = Literal["standard", "HD"]
TextureAlignment = Literal["original_image", "geometry"]

SEED_RANGE = (-1, 9_999_999_999)  # -1: the server picks a seed
FACE_LIMIT_RANGE = (100, 1_000_000)
PROMPT_MAX_CHARS = 2000
LIST_LIMIT_RANGE = (1, 100)  # tasks per page of GET /v1/3d/generations
TEXTURE_SIZES: dict[TextureQuality, int] = {"standard": 1024, "HD": 2048}

# Options of the learned engines: only an engine that lists one in its engine_options
# takes it (its schema then shows the engine's default).
GUIDANCE_SCALE_RANGE = (0.0, 30.0)  # classifier-free guidance; <= 1 turns it off
INFERENCE_STEPS_RANGE = (1, 200)  # denoising steps
MESH_RESOLUTION_RANGE = (32, 256)  # cells per side of the grid the surface is extracted on
ENGINE_OPTIONS = ("guidance_scale", "num_inference_steps", "mesh_resolution")

# Inclusive bounds per request field, for the error message of a value out of range.
FIELD_RANGES: dict[str, tuple[float, float]] = {
    "seed": SEED_RANGE,
    "texture_seed": SEED_RANGE,
    "face_limit": FACE_LIMIT_RANGE,
    "limit": LIST_LIMIT_RANGE,
    "guidance_scale": GUIDANCE_SCALE_RANGE,
    "num_inference_steps": INFERENCE_STEPS_RANGE,
    "mesh_resolution": MESH_RESOLUTION_RANGE,
}


@dataclass(frozen=True)
class GenerationOptions:
    """The request's options, with their defaults; None means "the engine's default"."""

    prompt: str | None = None
    face_limit: int | None = None
    texture_enable: bool = True
    pbr_enable: bool = True
    quad: bool = False
    texture_quality: TextureQuality = "standard"
    texture_seed: int | None = None  # None: the same as the task's seed
    texture_alignment: TextureAlignment | None = None  # None: "original_image"
    auto_size: bool = True
    output_formats: tuple[OutputFormat, ...] = ("glb",)
    guidance_scale: float | None = None  # ENGINE_OPTIONS: None means the engine's default
    num_inference_steps: int | None = None
    mesh_resolution: int | None = None
    cache: bool = True  # false: never answer this request from the result cache

    @property
    def texture_size(self) -> int:
        return TEXTURE_SIZES[self.texture_quality]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["output_formats"] = list(self.output_formats)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GenerationOptions:
        """From a stored row; keys this version does not know are ignored."""
        known = {field.name for field in fields(cls)}
        values = {name: value for name, value in data.items() if name in known}
        if "output_formats" in values:
            values["output_formats"] = tuple(values["output_formats"])
        return cls(**values)


DEFAULT_OPTIONS = GenerationOptions()
