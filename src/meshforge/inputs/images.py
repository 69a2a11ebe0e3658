"""Turn the request's `image` field into bytes we have proven to be a safe, whole image.

Order matters: size limits are checked on the encoded length, then the format on the
magic bytes, then the declared dimensions on the header, and only then do we let Pillow
decode pixels, so neither a huge upload nor a decompression bomb costs real memory.
"""

from __future__ import annotations

import base64
import binascii
import io
import urllib.parse
from dataclasses import dataclass
from typing import Literal

from PIL import Image

from meshforge.errors import InvalidRequest, MeshforgeError, PayloadTooLarge, UnsupportedMediaType
from meshforge.inputs.sniff import (
    HeaderError,
    count_jpeg_scans,
    describe_refused_format,
    read_dimensions,
    sniff_format,
)

ACCEPTED_TYPES_TEXT = "PNG, JPEG or WebP"
_MIME_BY_FORMAT = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}
_PILLOW_FORMAT = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}
# Media types a data URL may declare; the real format is still sniffed from the bytes.
_DECLARABLE_TYPES = frozenset({"image/png", "image/jpeg", "image/jpg", "image/pjpeg", "image/webp"})
_FIELD_RULE = (
    "image must be a data URL (data:image/png;base64,...) or an http:// or https:// URL "
    f"of a {ACCEPTED_TYPES_TEXT} image"
)


@dataclass(frozen=True)
class ImageLimits:
    """What an input image may be: encoded bytes, longest side, and total pixels."""

    max_bytes: int = 20 * 1024 * 1024
    max_side: int = 4096
    max_pixels: int = 4096 * 4096
    # Progressive JPEGs have about 10 scans (encoders that optimise them, about 20).
    max_jpeg_scans: int = 64


@dataclass(frozen=True)
class CheckedImage:
    """An image that passed every check; `format` is the sniffed one, not the declared one."""

    data: bytes
    format: str  # "png" | "jpeg" | "webp"
    mime: str
    width: int
    height: int


def is_image_url(value: str) -> bool:
    """True for an absolute http(s) URL with a host and no whitespace."""
    if not value or any(ch.isspace() for ch in value):
        return False
    try:
        parts = urllib.parse.urlsplit(value)
        host = parts.hostname
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


def classify_image_field(value: str) -> Literal["data", "url"]:
    """Say which kind of `image` value this is, or refuse it with the accepted forms."""
    if value[:5].lower() == "data:":
        return "data"
    if is_image_url(value):
        return "url"
    raise InvalidRequest(_FIELD_RULE)


def decode_data_url(url: str, limits: ImageLimits) -> bytes:
    """Decode `data:image/<type>;base64,<payload>`, refusing oversize payloads before decoding."""
    if url[:5].lower() != "data:":
        raise InvalidRequest(_FIELD_RULE)
    comma = url.find(",")
    if comma < 0:
        raise InvalidRequest("the image data URL has no ',' before its data")
    _check_declared_media_type(url[5:comma])
    payload = url[comma + 1 :]
    if not payload:
        raise InvalidRequest("the image data URL carries no data")
    if len(payload) % 4:
        raise InvalidRequest(
            "the image data URL is not valid base64 (its length is not a multiple of 4)"
        )
    decoded_size = len(payload) // 4 * 3 - (len(payload) - len(payload.rstrip("=")))
    if decoded_size > limits.max_bytes:
        raise PayloadTooLarge(_too_large_message(decoded_size, limits))
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidRequest(
            "the image data URL is not valid base64 (standard alphabet, padded, no whitespace)"
        ) from exc


def check_image(data: bytes, limits: ImageLimits) -> CheckedImage:
    """Prove `data` is a whole PNG, JPEG or WebP image within the limits."""
    if len(data) > limits.max_bytes:
        raise PayloadTooLarge(_too_large_message(len(data), limits))
    if not data:
        raise InvalidRequest("the image is empty")
    image_format = sniff_format(data)
    if image_format is None:
        raise UnsupportedMediaType(_unsupported_message(data))
    try:
        width, height = read_dimensions(data, image_format)
    except HeaderError as exc:
        raise InvalidRequest(_undecodable_message(str(exc))) from exc
    _check_dimensions(width, height, limits)
    if image_format == "jpeg":
        _check_jpeg_scans(data, limits)
    _decode_fully(data, image_format, limits)
    return CheckedImage(
        data=data,
        format=image_format,
        mime=_MIME_BY_FORMAT[image_format],
        width=width,
        height=height,
    )


def _check_declared_media_type(header: str) -> None:
    params = [part.strip().lower() for part in header.split(";")]
    if len(params) < 2 or params[-1] != "base64":
        raise InvalidRequest("the image data URL must be base64-encoded: data:image/png;base64,...")
    media_type = params[0]
    if media_type in _DECLARABLE_TYPES:
        return
    shown = media_type or "none"
    raise UnsupportedMediaType(
        f"the image data URL declares media type {shown}; "
        "accepted are image/png, image/jpeg and image/webp"
    )


def _check_dimensions(width: int, height: int, limits: ImageLimits) -> None:
    if width < 1 or height < 1:
        raise InvalidRequest("the image declares a zero width or height")
    if width > limits.max_side or height > limits.max_side:
        raise InvalidRequest(
            f"the image is {width}x{height} px; each side must be at most {limits.max_side} px"
        )
    if width * height > limits.max_pixels:
        raise InvalidRequest(
            f"the image is {width}x{height} px ({width * height} pixels); "
            f"the limit is {limits.max_pixels} pixels"
        )


def _check_jpeg_scans(data: bytes, limits: ImageLimits) -> None:
    try:
        scans = count_jpeg_scans(data, stop_after=limits.max_jpeg_scans)
    except HeaderError as exc:
        raise InvalidRequest(_undecodable_message(str(exc))) from exc
    if scans > limits.max_jpeg_scans:
        raise InvalidRequest(
            f"the JPEG has more than {limits.max_jpeg_scans} progressive scans, which would "
            "take minutes to decode; save it again as a baseline or ordinary progressive JPEG"
        )


def _decode_fully(data: bytes, image_format: str, limits: ImageLimits) -> None:
    """Decode every pixel once, so truncated or corrupt files are refused now, not mid-job.

    The process-wide Image.MAX_IMAGE_PIXELS is left alone (other code shares it); our own
    header check above is the stricter guard, and Pillow's bomb check stays a second line.
    """
    try:
        with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMAT[image_format]]) as image:
            # Pillow's reading of the header must agree with our limits too.
            _check_dimensions(image.width, image.height, limits)
            frames = getattr(image, "n_frames", 1)
            if frames > 1:
                raise InvalidRequest(
                    f"the image is animated ({frames} frames); send one still image of the object"
                )
            image.load()
    except MeshforgeError:
        raise
    except Image.DecompressionBombError as exc:
        raise InvalidRequest(
            f"the image declares too many pixels; the limit is {limits.max_pixels} pixels"
        ) from exc
    except Exception as exc:  # Pillow's decoders raise many unrelated types on bad input
        raise InvalidRequest(_undecodable_message("it is truncated or corrupt")) from exc


def _undecodable_message(reason: str) -> str:
    return f"the image could not be decoded: {reason}; send a complete {ACCEPTED_TYPES_TEXT} file"


def _unsupported_message(data: bytes) -> str:
    found = describe_refused_format(data)
    sent = f"the image is {found}" if found else "the image is not a recognised image format"
    return f"{sent}; accepted formats are {ACCEPTED_TYPES_TEXT}"


def _too_large_message(size: int, limits: ImageLimits) -> str:
    return (
        f"the image is {size} bytes decoded; "
        f"the limit is {limits.max_bytes} bytes ({limits.max_bytes / 2**20:g} MiB)"
    )
