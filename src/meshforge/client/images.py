"""Turn an image given as a URL, path, bytes or PIL image into the contract's `image` field."""

from __future__ import annotations

import base64
import io
import os
import pathlib
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from PIL import Image as PILImage

ImageInput = Union[str, "os.PathLike[str]", bytes, bytearray, "PILImage.Image"]
"""What submit() accepts as `image`."""

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def sniff_image_type(data: bytes) -> str | None:
    """The MIME type of PNG, JPEG or WebP bytes, judged by their signature; else None."""
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def bytes_to_data_url(data: bytes) -> str:
    """Encode image bytes as a `data:image/...;base64,...` URL."""
    mime = sniff_image_type(data)
    if mime is None:
        raise ValueError("image must be a PNG, JPEG or WebP file")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def image_to_field(image: ImageInput) -> str:
    """The `image` field for any accepted input: URLs pass through, the rest is inlined."""
    if isinstance(image, str) and _is_url(image):
        return image
    if isinstance(image, (str, os.PathLike)):
        path = pathlib.Path(image).expanduser()
        if not path.is_file():
            raise ValueError(f"image file not found: {path}")
        return bytes_to_data_url(path.read_bytes())
    if isinstance(image, (bytes, bytearray)):
        return bytes_to_data_url(bytes(image))
    return bytes_to_data_url(_encode_pil(image))


def _is_url(text: str) -> bool:
    lowered = text[:8].lower()
    return lowered.startswith(("http://", "https://", "data:"))


def _encode_pil(image: PILImage.Image) -> bytes:
    """PNG-encode a PIL image (lossless, keeps alpha, which helps background removal)."""
    if not hasattr(image, "save"):
        raise TypeError(f"unsupported image type {type(image).__name__}")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
