"""What a provider is asked to make, and what a poll of its task says."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Literal

from meshforge.domain.options import GenerationOptions

UpstreamKind = Literal["text-to-3d", "image-to-3d"]
PollState = Literal["running", "success", "failure"]

IMAGE_MIME = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}


@dataclass(frozen=True)
class UpstreamJob:
    """One forwarded task as the provider client sees it."""

    kind: UpstreamKind
    model: str  # the provider's model id
    options: GenerationOptions
    seed: int
    image: bytes | None = None
    image_format: str = "png"  # png, jpeg or webp (as stored after checks)

    @property
    def image_mime(self) -> str:
        return IMAGE_MIME.get(self.image_format, "image/png")

    def image_data_url(self) -> str:
        assert self.image is not None
        return f"data:{self.image_mime};base64," + base64.b64encode(self.image).decode()


@dataclass(frozen=True)
class Poll:
    """An upstream task's state: progress 0..100, the model's URL once it succeeded, the
    provider's reason once it failed."""

    state: PollState
    progress: int = 0
    model_url: str | None = None
    reason: str = ""
