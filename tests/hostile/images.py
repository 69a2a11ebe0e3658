"""The hostile image corpus: every file is made here, from Pillow and a few bytes by hand.

Each case carries the answer the service must give when the image is sent inline: a 4xx
(status, code, a phrase of the message) or acceptance. Accepted cases go on to the real
image engine in test_engine_corpus.py, which must end them SUCCESS or FAILURE with a
reason a user can act on.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw


@dataclass(frozen=True)
class Refused:
    status: int
    code: str
    phrase: str


ACCEPTED = None  # the answer of a case the edge lets through
Answer = Refused | None


@dataclass(frozen=True)
class ImageCase:
    name: str
    make: Callable[[], bytes]
    answer: Answer
    declared: str = "image/png"  # the media type the data URL claims


def saved(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def object_photo(size: tuple[int, int] = (240, 180), mode: str = "RGB") -> Image.Image:
    """A dark red disc on a pale backdrop: an object the image engine can build."""
    image = Image.new("RGB", size, (225, 225, 218))
    width, height = size
    box = (width * 0.3, height * 0.25, width * 0.7, height * 0.75)
    ImageDraw.Draw(image).ellipse(box, fill=(150, 20, 25))
    return image.convert(mode) if mode != "RGB" else image


def cut_disc(mode: str) -> Image.Image:
    """The disc with a real alpha channel (clear backdrop), in `mode` (RGBA, LA, P)."""
    rgba = object_photo().convert("RGBA")
    alpha = np.where(np.asarray(object_photo().convert("L")) < 150, 255, 0).astype(np.uint8)
    rgba.putalpha(Image.fromarray(alpha))
    if mode == "P":
        palette = rgba.convert("RGB").quantize(colors=16)
        palette.info["transparency"] = 0
        pixels = np.asarray(palette).copy()
        pixels[alpha == 0] = 0
        palette.putdata(pixels.ravel().tolist())
        return palette
    return rgba.convert(mode)


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_declaring(width: int, height: int, extra_chunks: bytes = b"") -> bytes:
    """A tiny PNG whose header declares `width` x `height` (a decompression bomb)."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    idat = png_chunk(b"IDAT", zlib.compress(b"\0" * 1024))
    return b"\x89PNG\r\n\x1a\n" + header + extra_chunks + idat + png_chunk(b"IEND", b"")


def png_with_ztxt_bomb() -> bytes:
    """A small valid PNG with a text chunk that inflates to 256 MiB."""
    inflated = zlib.compressobj(9)
    body = inflated.compress(b"\0" * (256 * 2**20)) + inflated.flush()
    chunk = png_chunk(b"zTXt", b"Comment\0\0" + body)
    plain = saved(object_photo((32, 32)), "PNG")
    return plain[:33] + chunk + plain[33:]


def jpeg_declaring(width: int, height: int) -> bytes:
    """A real JPEG whose frame header is rewritten to declare `width` x `height`."""
    data = bytearray(saved(object_photo((16, 16)), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def webp_declaring(width: int, height: int) -> bytes:
    """A lossless WebP whose header declares `width` x `height` (14 bits each)."""
    data = bytearray(saved(object_photo((16, 16)), "WEBP", lossless=True))
    bits = (width - 1) | ((height - 1) << 14)
    data[21:25] = struct.pack("<I", bits | (struct.unpack("<I", data[21:25])[0] & 0xF0000000))
    return bytes(data)


def jpeg_with_scans(extra_scans: int) -> bytes:
    """A progressive JPEG with one tiny scan repeated: decode time grows per scan."""
    data = saved(Image.new("L", (512, 512), 128), "JPEG", progressive=True)
    starts = [i for i in range(len(data) - 1) if data[i : i + 2] == b"\xff\xda"]
    first, second = starts[1], starts[2]
    tail = data.rindex(b"\xff\xd9")
    return data[:tail] + data[first:second] * extra_scans + data[tail:]


def cmyk_jpeg() -> bytes:
    return saved(object_photo().convert("CMYK"), "JPEG", quality=95)


def sixteen_bit_png() -> bytes:
    grey = np.asarray(object_photo().convert("L"), dtype=np.uint16) * 257
    return saved(Image.fromarray(grey.astype(np.uint16)), "PNG")


def exif_rotated_jpeg() -> bytes:
    """A tall object stored lying on its side, with EXIF orientation 6 (turn 90 clockwise
    to display), so the displayed photo shows it standing."""
    standing = Image.new("RGB", (180, 240), (225, 225, 218))
    ImageDraw.Draw(standing).rectangle((70, 40, 110, 200), fill=(30, 40, 150))
    stored = standing.transpose(Image.Transpose.ROTATE_90)  # as the sensor saw it
    exif = Image.Exif()
    exif[0x0112] = 6
    return saved(stored, "JPEG", exif=exif.tobytes(), quality=95)


def animated(fmt: str) -> bytes:
    frames = [object_photo((64, 48)), object_photo((64, 48)).rotate(90)]
    return saved(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)


def iso_box(brand: bytes) -> bytes:
    """The opening 'ftyp' box of a HEIC or AVIF file."""
    return struct.pack(">I", 24) + b"ftyp" + brand + b"\0\0\0\0" + b"mif1" + brand + b"\0" * 64


def truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def corrupted_png() -> bytes:
    """The compressed pixel data overwritten with noise: zlib refuses it."""
    data = bytearray(saved(object_photo(), "PNG"))
    start = data.index(b"IDAT") + 8
    data[start : start + 64] = bytes(range(64))
    return bytes(data)


def corrupted_jpeg() -> bytes:
    """The Huffman table marker overwritten: no decoder can read the scan."""
    data = bytearray(saved(object_photo(), "JPEG"))
    dht = data.index(b"\xff\xc4")
    data[dht + 4 : dht + 40] = b"\xff" * 36
    return bytes(data)


def corrupted_webp() -> bytes:
    data = bytearray(saved(object_photo(), "WEBP"))
    data[30:90] = b"\x00" * 60
    return bytes(data)


def png(image: Image.Image) -> Callable[[], bytes]:
    return lambda: saved(image, "PNG")


UNDECODABLE = Refused(400, "invalid_request", "could not be decoded")
TOO_LARGE_SIDE = Refused(400, "invalid_request", "each side must be at most 4096 px")
ANIMATED = Refused(400, "invalid_request", "is animated")


def unsupported(name: str) -> Refused:
    return Refused(415, "unsupported_media_type", f"the image is {name}")


IMAGE_CASES: list[ImageCase] = [
    # Truncated and corrupted files of each accepted format.
    ImageCase("truncated-png", lambda: truncated(saved(object_photo(), "PNG")), UNDECODABLE),
    ImageCase("truncated-jpeg", lambda: truncated(saved(object_photo(), "JPEG")), UNDECODABLE),
    ImageCase("truncated-webp", lambda: truncated(saved(object_photo(), "WEBP")), UNDECODABLE),
    ImageCase("corrupted-png", corrupted_png, UNDECODABLE),
    ImageCase("corrupted-jpeg", corrupted_jpeg, UNDECODABLE),
    ImageCase("corrupted-webp", corrupted_webp, UNDECODABLE),
    ImageCase("png-magic-only", lambda: b"\x89PNG\r\n\x1a\n", UNDECODABLE),
    # The declared type is never trusted: the bytes are sniffed.
    ImageCase("jpeg-declared-png", lambda: saved(object_photo(), "JPEG"), ACCEPTED),
    ImageCase("webp-declared-jpeg", lambda: saved(object_photo(), "WEBP"), ACCEPTED, "image/jpeg"),
    ImageCase(
        "text-declared-png",
        lambda: b"hello, this is not an image" * 4,
        Refused(415, "unsupported_media_type", "not a recognised image format"),
    ),
    ImageCase("gif-declared-png", lambda: saved(object_photo(), "GIF"), unsupported("GIF")),
    ImageCase(
        "png-magic-jpeg-body",
        lambda: b"\x89PNG\r\n\x1a\n" + saved(object_photo(), "JPEG"),
        Refused(400, "invalid_request", "could not be decoded"),
    ),
    # Polyglots: read as the image their magic says; the rest is never interpreted or served.
    ImageCase(
        "png-zip-polyglot",
        lambda: saved(object_photo(), "PNG") + b"PK\x03\x04" + b"\0" * 64,
        ACCEPTED,
    ),
    ImageCase(
        "jpeg-html-polyglot",
        lambda: saved(object_photo(), "JPEG") + b"<html><script>alert(1)</script></html>",
        ACCEPTED,
    ),
    ImageCase(
        "html-with-png-inside",
        lambda: b"<html><body>" + saved(object_photo(), "PNG"),
        unsupported("HTML"),
    ),
    ImageCase(
        "gif-jar-polyglot",
        lambda: saved(object_photo(), "GIF") + b"PK\x03\x04" + b"\0" * 64,
        unsupported("GIF"),
    ),
    # Unusual but valid encodings: accepted, and the engine reads them right.
    ImageCase("png-16-bit-grey", sixteen_bit_png, ACCEPTED),
    ImageCase("jpeg-cmyk", cmyk_jpeg, ACCEPTED, "image/jpeg"),
    ImageCase("png-palette-transparency", png(cut_disc("P")), ACCEPTED),
    ImageCase("png-grey-alpha", png(cut_disc("LA")), ACCEPTED),
    ImageCase("jpeg-exif-rotated", exif_rotated_jpeg, ACCEPTED, "image/jpeg"),
    ImageCase(
        "jpeg-progressive",
        lambda: saved(object_photo(), "JPEG", progressive=True),
        ACCEPTED,
        "image/jpeg",
    ),
    # Animation: one photo of one object is what the engines take.
    ImageCase("gif-animated", lambda: animated("GIF"), unsupported("GIF")),
    ImageCase("webp-animated", lambda: animated("WEBP"), ANIMATED, "image/webp"),
    ImageCase("apng", lambda: animated("PNG"), ANIMATED),
    # Extreme shapes.
    ImageCase("png-1x1", png(Image.new("RGB", (1, 1), (150, 20, 25))), ACCEPTED),
    ImageCase("png-1x4096", png(Image.new("RGB", (1, 4096), (150, 20, 25))), ACCEPTED),
    ImageCase("png-1x20000", png(Image.new("RGB", (1, 20000))), TOO_LARGE_SIDE),
    ImageCase("png-20000x1", png(Image.new("RGB", (20000, 1))), TOO_LARGE_SIDE),
    # Decompression bombs, one per format, each refused before a pixel is decoded.
    ImageCase("bomb-png-60000", lambda: png_declaring(60000, 60000), TOO_LARGE_SIDE),
    ImageCase("bomb-png-4096x4097", lambda: png_declaring(4096, 4097), TOO_LARGE_SIDE),
    ImageCase(
        "bomb-jpeg-65000", lambda: jpeg_declaring(65000, 65000), TOO_LARGE_SIDE, "image/jpeg"
    ),
    ImageCase(
        "bomb-webp-16383", lambda: webp_declaring(16383, 16383), TOO_LARGE_SIDE, "image/webp"
    ),
    ImageCase("bomb-png-ztxt-256mib", png_with_ztxt_bomb, UNDECODABLE),
    ImageCase(
        "bomb-jpeg-10000-scans",
        lambda: jpeg_with_scans(10000),
        Refused(400, "invalid_request", "progressive scans"),
        "image/jpeg",
    ),
    # Formats we do not take.
    ImageCase(
        "svg",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>',
        unsupported("SVG"),
    ),
    ImageCase("heic", lambda: iso_box(b"heic"), unsupported("AVIF/HEIC")),
    ImageCase("avif", lambda: iso_box(b"avif"), unsupported("AVIF/HEIC")),
    ImageCase("tiff", lambda: saved(object_photo(), "TIFF"), unsupported("TIFF")),
]
