"""Request bodies and their field rules (pydantic lives here, at the HTTP edge only)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from meshforge.assets.export import SUPPORTED_FORMATS

SEED_RANGE = (-1, 9_999_999_999)
FACE_LIMIT_RANGE = (100, 1_000_000)
PROMPT_MAX = 2000

Seed = Annotated[int, Field(ge=SEED_RANGE[0], le=SEED_RANGE[1])]
OutputFormat = Literal["glb", "obj", "stl", "ply", "usdz", "fbx"]


class SubmitRequest(BaseModel):
    """POST /v1/3d/generations. Strict: no type coercion, unknown fields rejected."""

    model_config = ConfigDict(extra="forbid", strict=True)

    model: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    prompt: str | None = None
    image: Annotated[str, StringConstraints(min_length=1)] | None = None
    seed: Seed = -1
    face_limit: Annotated[int, Field(ge=FACE_LIMIT_RANGE[0], le=FACE_LIMIT_RANGE[1])] | None = None
    texture_enable: bool = True
    pbr_enable: bool = True
    quad: bool = False
    texture_quality: Literal["standard", "HD"] = "standard"
    texture_seed: Seed | None = None
    texture_alignment: Literal["original_image", "geometry"] = "original_image"
    auto_size: bool = True
    output_formats: Annotated[list[OutputFormat], Field(min_length=1, max_length=6)] = ["glb"]
    callback_url: Annotated[str, StringConstraints(min_length=1, max_length=2000)] | None = None

    @field_validator("prompt")
    @classmethod
    def _trim_prompt(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not 1 <= len(value) <= PROMPT_MAX:
            raise ValueError(f"prompt must be 1 to {PROMPT_MAX} characters after trimming")
        return value

    @field_validator("output_formats")
    @classmethod
    def _unique_formats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("output_formats must not repeat a format")
        return value

    def fields(self) -> dict[str, Any]:
        """The fields the client sent (or their defaults), without unset optionals."""
        data = self.model_dump(exclude_none=True)
        if "texture_alignment" not in self.model_fields_set:
            data.pop("texture_alignment")
        return data


assert set(SUPPORTED_FORMATS) == set(get_args(OutputFormat))  # keep the two lists in step
