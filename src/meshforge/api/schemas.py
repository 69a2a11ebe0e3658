"""Request bodies and their field rules (pydantic lives here, at the HTTP edge only).

Defaults and limits come from domain.options, so the schema, the stored options and the
error messages can never disagree.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from meshforge.domain.options import (
    DEFAULT_OPTIONS,
    FACE_LIMIT_RANGE,
    GUIDANCE_SCALE_RANGE,
    INFERENCE_STEPS_RANGE,
    MESH_RESOLUTION_RANGE,
    PROMPT_MAX_CHARS,
    SEED_RANGE,
    GenerationOptions,
    OutputFormat,
    TextureAlignment,
    TextureQuality,
)
from meshforge.tasks.service import Submission

Seed = Annotated[int, Field(ge=SEED_RANGE[0], le=SEED_RANGE[1])]
FaceLimit = Annotated[int, Field(ge=FACE_LIMIT_RANGE[0], le=FACE_LIMIT_RANGE[1])]
GuidanceScale = Annotated[float, Field(ge=GUIDANCE_SCALE_RANGE[0], le=GUIDANCE_SCALE_RANGE[1])]
InferenceSteps = Annotated[int, Field(ge=INFERENCE_STEPS_RANGE[0], le=INFERENCE_STEPS_RANGE[1])]
MeshResolution = Annotated[int, Field(ge=MESH_RESOLUTION_RANGE[0], le=MESH_RESOLUTION_RANGE[1])]
_D = DEFAULT_OPTIONS


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "NUL characters"
    if any("\ud800" <= char <= "\udfff" for char in text):
        return "unpaired surrogates (it is not valid Unicode)"
    return None


class SubmitRequest(BaseModel):
    """POST /v1/3d/generations. Strict: no type coercion, unknown fields rejected."""

    model_config = ConfigDict(extra="forbid", strict=True)

    model: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    prompt: str | None = None
    image: Annotated[str, StringConstraints(min_length=1)] | None = None
    seed: Seed = -1
    face_limit: FaceLimit | None = None
    texture_enable: bool = _D.texture_enable
    pbr_enable: bool = _D.pbr_enable
    quad: bool = _D.quad
    texture_quality: TextureQuality = _D.texture_quality
    texture_seed: Seed | None = None
    texture_alignment: TextureAlignment = "original_image"
    auto_size: bool = _D.auto_size
    output_formats: Annotated[list[OutputFormat], Field(min_length=1, max_length=6)] = list(
        _D.output_formats
    )
    callback_url: Annotated[str, StringConstraints(min_length=1, max_length=2000)] | None = None
    # [ext] options of learned models (refused for a model that does not take them)
    guidance_scale: GuidanceScale | None = None
    num_inference_steps: InferenceSteps | None = None
    mesh_resolution: MeshResolution | None = None
    cache: bool = _D.cache

    @model_validator(mode="before")
    @classmethod
    def _only_real_text(cls, body: Any) -> Any:
        """Refuse NUL characters and unpaired surrogates in any string field: they are no
        text a user means, PostgreSQL cannot store NUL, and UTF-8 cannot encode a lone
        surrogate, so they would otherwise fail deep inside the server."""
        if isinstance(body, dict):
            for name, value in body.items():
                if name not in cls.model_fields:
                    continue  # reported as an unknown field
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str) and (problem := _text_problem(text)):
                        raise ValueError(f"{name} must be text without {problem}")
        return body

    @field_validator("prompt")
    @classmethod
    def _trim_prompt(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not 1 <= len(value) <= PROMPT_MAX_CHARS:
            raise ValueError(f"prompt must be 1 to {PROMPT_MAX_CHARS} characters after trimming")
        return value

    @field_validator("output_formats")
    @classmethod
    def _unique_formats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("output_formats must not repeat a format")
        return value

    def submission(self) -> Submission:
        """The request as the task service takes it; texture_alignment stays None unless
        the client sent it (the service refuses it for text models)."""
        sent_alignment = "texture_alignment" in self.model_fields_set
        options = GenerationOptions(
            prompt=self.prompt,
            face_limit=self.face_limit,
            texture_enable=self.texture_enable,
            pbr_enable=self.pbr_enable,
            quad=self.quad,
            texture_quality=self.texture_quality,
            texture_seed=self.texture_seed,
            texture_alignment=self.texture_alignment if sent_alignment else None,
            auto_size=self.auto_size,
            output_formats=tuple(self.output_formats),
            guidance_scale=self.guidance_scale,
            num_inference_steps=self.num_inference_steps,
            mesh_resolution=self.mesh_resolution,
            cache=self.cache,
        )
        return Submission(self.model, options, self.seed, self.image, self.callback_url)
