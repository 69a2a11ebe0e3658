"""Recognise an image's real format and read its declared size from the header alone.

Nothing here decodes pixels: these few bytes are all we trust before deciding whether
a full decode is safe, so a tiny file that declares a huge canvas is refused cheaply.
"""

from __future__ import annotations

import struct

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"

# Formats we refuse, named so the user learns what they actually sent.
_REFUSED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"%PDF", "PDF"),
)

# JPEG start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG), CC (DAC) do not.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers without a length field.
_STANDALONE_MARKERS = frozenset(range(0xD0, 0xD8)) | {0x01}


class HeaderError(ValueError):
    """The header is missing or inconsistent, so the size cannot be read."""


def sniff_format(data: bytes) -> str | None:
    """Return "png", "jpeg" or "webp" from the magic bytes, or None for anything else."""
    if data.startswith(PNG_MAGIC):
        return "png"
    if data.startswith(JPEG_MAGIC):
        return "jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def describe_refused_format(data: bytes) -> str | None:
    """Name a recognisable format we do not accept (GIF, BMP, SVG, ...), else None."""
    for magic, name in _REFUSED_MAGIC:
        if data.startswith(magic):
            return name
    head = data[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "SVG"
    if head.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    if len(data) >= 12 and data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"heic", b"mif1"):
        return "AVIF/HEIC"
    return None


def read_dimensions(data: bytes, image_format: str) -> tuple[int, int]:
    """(width, height) declared by the header of a PNG, JPEG or WebP file."""
    readers = {"png": _png_size, "jpeg": _jpeg_size, "webp": _webp_size}
    try:
        return readers[image_format](data)
    except (struct.error, IndexError) as exc:
        raise HeaderError("the image header is truncated") from exc


def count_jpeg_scans(data: bytes, stop_after: int) -> int:
    """How many scans (SOS segments) a JPEG has, counting no further than `stop_after`.

    Decoding costs time per scan for the whole image, and a scan can be a few bytes, so a
    small progressive JPEG with thousands of scans takes minutes to decode."""
    scans, pos = 0, 2
    while pos + 4 <= len(data) and scans <= stop_after:
        if data[pos] != 0xFF:
            raise HeaderError("the JPEG marker stream is corrupt")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            break
        if marker in _STANDALONE_MARKERS:
            pos += 2
            continue
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker == 0xDA:
            scans += 1
            pos = _end_of_entropy_data(data, pos)
    return scans


def _end_of_entropy_data(data: bytes, pos: int) -> int:
    """The position of the first marker after a scan's entropy-coded data."""
    while (pos := data.find(b"\xff", pos)) >= 0 and pos + 1 < len(data):
        follower = data[pos + 1]
        if follower != 0x00 and not 0xD0 <= follower <= 0xD7:  # not stuffing or a restart
            return pos
        pos += 2
    return len(data)


def _png_size(data: bytes) -> tuple[int, int]:
    # The first chunk must be IHDR: length(4) type(4) width(4) height(4).
    if data[12:16] != b"IHDR":
        raise HeaderError("the PNG has no IHDR chunk")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int]:
    pos = 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise HeaderError("the JPEG marker stream is corrupt")
        while data[pos] == 0xFF:  # fill bytes may pad any marker
            pos += 1
        marker = data[pos]
        pos += 1
        if marker in _STANDALONE_MARKERS:
            continue
        if marker == 0xD9 or marker == 0xDA:  # end of image / start of scan before a frame
            break
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2:
            raise HeaderError("the JPEG segment length is invalid")
        if marker in _SOF_MARKERS:
            height, width = struct.unpack(">HH", data[pos + 3 : pos + 7])
            return int(width), int(height)
        pos += length
    raise HeaderError("the JPEG has no frame header")


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8X":  # extended: 24-bit canvas size minus one
        if len(data) < 30:
            raise HeaderError("the WebP header is truncated")
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L":  # lossless: signature 0x2F then 14-bit sizes minus one
        if data[20] != 0x2F:
            raise HeaderError("the WebP lossless signature is missing")
        (bits,) = struct.unpack("<I", data[21:25])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":  # lossy: frame tag(3), start code 9D 01 2A, 14-bit sizes
        if data[23:26] != b"\x9d\x01\x2a":
            raise HeaderError("the WebP lossy start code is missing")
        width, height = struct.unpack("<HH", data[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    raise HeaderError("the WebP has no VP8, VP8L or VP8X chunk")
