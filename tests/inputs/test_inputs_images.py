"""check_image, decode_data_url and the image-field classifier, on real generated images."""

from __future__ import annotations

import base64

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from meshforge.errors import (
    InvalidRequest,
    MeshforgeError,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from meshforge.inputs.images import (
    CheckedImage,
    ImageLimits,
    check_image,
    classify_image_field,
    decode_data_url,
    is_image_url,
)

LIMITS = ImageLimits()


def data_url(data: bytes, media_type: str = "image/png") -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


# --- check_image: accepted formats -------------------------------------------------------


@pytest.mark.parametrize(
    ("pillow_format", "expected_format", "mime"),
    [("PNG", "png", "image/png"), ("JPEG", "jpeg", "image/jpeg"), ("WEBP", "webp", "image/webp")],
)
def test_accepts_real_png_jpeg_webp_and_reads_their_size(
    image_bytes, pillow_format, expected_format, mime
):
    data = image_bytes(pillow_format, size=(40, 30))
    checked = check_image(data, LIMITS)
    assert checked == CheckedImage(
        data=data, format=expected_format, mime=mime, width=40, height=30
    )


@pytest.mark.parametrize("mode", ["RGBA", "L"])
def test_accepts_png_with_alpha_or_grey(image_bytes, mode):
    checked = check_image(image_bytes("PNG", size=(17, 9), mode=mode), LIMITS)
    assert (checked.width, checked.height) == (17, 9)


def test_accepts_lossless_and_alpha_webp(tmp_path):
    # Lossless WebP uses the VP8L header, alpha WebP the VP8X one: both must be read.
    image = Image.new("RGBA", (23, 11), (10, 20, 30, 128))
    for options in ({"lossless": True}, {"lossless": False}):
        path = tmp_path / "x.webp"
        image.save(path, format="WEBP", **options)
        checked = check_image(path.read_bytes(), LIMITS)
        assert (checked.format, checked.width, checked.height) == ("webp", 23, 11)


def test_format_is_sniffed_not_taken_from_the_data_url(image_bytes):
    jpeg = image_bytes("JPEG")
    decoded = decode_data_url(data_url(jpeg, "image/png"), LIMITS)
    assert check_image(decoded, LIMITS).format == "jpeg"


def test_progressive_jpeg_size_is_read(tmp_path):
    path = tmp_path / "p.jpg"
    Image.new("RGB", (50, 20), "red").save(path, format="JPEG", progressive=True)
    checked = check_image(path.read_bytes(), LIMITS)
    assert (checked.width, checked.height) == (50, 20)


# --- check_image: refused formats --------------------------------------------------------


@pytest.mark.parametrize(
    ("pillow_format", "name"), [("GIF", "GIF"), ("BMP", "BMP"), ("TIFF", "TIFF")]
)
def test_refuses_other_raster_formats_naming_accepted_types(image_bytes, pillow_format, name):
    with pytest.raises(UnsupportedMediaType) as caught:
        check_image(image_bytes(pillow_format), LIMITS)
    assert caught.value.status == 415
    assert name in caught.value.message
    assert "PNG, JPEG or WebP" in caught.value.message


def test_refuses_svg():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    with pytest.raises(UnsupportedMediaType, match="SVG.*PNG, JPEG or WebP"):
        check_image(svg, LIMITS)


def test_refuses_unknown_bytes():
    with pytest.raises(UnsupportedMediaType, match="not a recognised image format"):
        check_image(b"hello, this is plain text", LIMITS)


def test_refuses_empty_bytes():
    with pytest.raises(InvalidRequest, match="empty"):
        check_image(b"", LIMITS)


# --- check_image: size limits and decompression bombs ------------------------------------


def test_tiny_png_declaring_60000_square_is_refused_from_its_header(bomb_png):
    bomb = bomb_png(60000, 60000)
    assert len(bomb) < 200
    with pytest.raises(InvalidRequest, match="60000x60000 px; each side must be at most 4096"):
        check_image(bomb, LIMITS)


def test_image_one_pixel_wider_than_the_limit_is_refused(image_bytes):
    with pytest.raises(InvalidRequest, match="4097x10 px; each side must be at most 4096 px"):
        check_image(image_bytes("PNG", size=(4097, 10)), LIMITS)


def test_side_at_the_limit_is_accepted(image_bytes):
    checked = check_image(image_bytes("PNG", size=(4096, 2)), LIMITS)
    assert checked.width == 4096


def test_pixel_count_limit_applies_even_when_each_side_fits(image_bytes):
    limits = ImageLimits(max_side=100, max_pixels=50 * 50)
    with pytest.raises(InvalidRequest, match="the limit is 2500 pixels"):
        check_image(image_bytes("PNG", size=(60, 60)), limits)
    assert check_image(image_bytes("PNG", size=(50, 50)), limits).width == 50


@pytest.mark.parametrize("pillow_format", ["JPEG", "WEBP"])
def test_side_limit_applies_to_jpeg_and_webp(image_bytes, pillow_format):
    limits = ImageLimits(max_side=31)
    with pytest.raises(InvalidRequest, match="32x24 px; each side must be at most 31 px"):
        check_image(image_bytes(pillow_format, size=(32, 24)), limits)


def test_bytes_over_the_limit_are_payload_too_large(image_bytes):
    data = image_bytes("PNG", size=(64, 64))
    with pytest.raises(PayloadTooLarge) as caught:
        check_image(data, ImageLimits(max_bytes=len(data) - 1))
    assert caught.value.status == 413
    assert check_image(data, ImageLimits(max_bytes=len(data))).width == 64


def test_zero_sized_declaration_is_refused(bomb_png):
    with pytest.raises(InvalidRequest, match="zero width or height"):
        check_image(bomb_png(0, 10), LIMITS)


# --- check_image: corrupt files ----------------------------------------------------------


@pytest.mark.parametrize("pillow_format", ["PNG", "JPEG", "WEBP"])
def test_truncated_images_are_refused_as_undecodable(image_bytes, pillow_format):
    data = image_bytes(pillow_format, size=(64, 64))
    with pytest.raises(InvalidRequest, match="the image could not be decoded"):
        check_image(data[: len(data) // 2], LIMITS)


def test_png_with_small_declared_size_but_garbage_data_is_refused(bomb_png):
    # Within the limits, yet the pixel data cannot fill 100x100: a full decode catches it.
    with pytest.raises(InvalidRequest, match="the image could not be decoded"):
        check_image(bomb_png(100, 100), LIMITS)


def test_header_only_is_refused():
    with pytest.raises(InvalidRequest, match="the image could not be decoded"):
        check_image(b"\x89PNG\r\n\x1a\n", LIMITS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(
        [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"GIF89a"]
    ),
    tail=st.binary(max_size=300),
)
def test_random_bytes_only_ever_raise_our_errors(prefix, tail):
    try:
        check_image(prefix + tail, LIMITS)
    except MeshforgeError as exc:
        assert exc.status in (400, 413, 415)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pillow_format=st.sampled_from(["PNG", "JPEG", "WEBP"]),
    cut=st.integers(min_value=0, max_value=10_000),
    flip=st.integers(1, 255),
)
def test_damaged_real_images_only_ever_raise_our_errors(image_bytes, pillow_format, cut, flip):
    data = bytearray(image_bytes(pillow_format, size=(20, 20)))
    position = cut % len(data)
    data[position] ^= flip
    try:
        check_image(bytes(data), LIMITS)
    except MeshforgeError as exc:
        assert exc.status in (400, 415)


# --- decode_data_url ---------------------------------------------------------------------


def test_data_url_round_trip(image_bytes):
    data = image_bytes("PNG")
    assert decode_data_url(data_url(data), LIMITS) == data


@pytest.mark.parametrize("media_type", ["image/jpeg", "image/jpg", "image/webp", "IMAGE/PNG"])
def test_data_url_accepts_declared_image_types(image_bytes, media_type):
    data = image_bytes("PNG")
    assert decode_data_url(data_url(data, media_type), LIMITS) == data


def test_data_url_with_extra_parameters_before_base64(image_bytes):
    data = image_bytes("PNG")
    encoded = base64.b64encode(data).decode()
    assert decode_data_url(f"data:image/png;name=a.png;base64,{encoded}", LIMITS) == data


@pytest.mark.parametrize("media_type", ["text/plain", "application/octet-stream", ""])
def test_data_url_non_image_media_type_is_unsupported(media_type):
    with pytest.raises(UnsupportedMediaType, match="image/png, image/jpeg and image/webp"):
        decode_data_url(f"data:{media_type};base64,AAAA", LIMITS)


@pytest.mark.parametrize("media_type", ["image/gif", "image/svg+xml", "image/bmp"])
def test_data_url_other_image_types_are_unsupported(media_type):
    with pytest.raises(UnsupportedMediaType, match=media_type.replace("+", r"\+")):
        decode_data_url(f"data:{media_type};base64,AAAA", LIMITS)


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("data:image/png,rawbytes", "must be base64-encoded"),
        ("data:image/png;base64", "no ','"),
        ("data:image/png;base64,", "carries no data"),
        ("data:image/png;base64,AAA", "multiple of 4"),
        ("data:image/png;base64,AA AA", "not valid base64"),
        ("data:image/png;base64,AA\nA", "not valid base64"),
        ("data:image/png;base64,A*AA", "not valid base64"),
        ("data:image/png;base64,AA-_", "not valid base64"),
        ("data:image/png;base64,AAé=", "not valid base64"),
        ("data:image/png;base64,=AAA", "not valid base64"),
        ("image/png;base64,AAAA", "data URL"),
    ],
)
def test_malformed_data_urls_are_invalid_requests(url, fragment):
    with pytest.raises(InvalidRequest, match=fragment) as caught:
        decode_data_url(url, LIMITS)
    assert caught.value.status == 400


def test_oversize_payload_is_refused_before_decoding(monkeypatch):
    limits = ImageLimits(max_bytes=1000)

    def must_not_decode(*args, **kwargs):
        raise AssertionError("decoded a payload that was already known to be too large")

    monkeypatch.setattr("meshforge.inputs.images.base64.b64decode", must_not_decode)
    # 1336 base64 chars decode to 1002 bytes; invalid characters prove nothing is decoded.
    with pytest.raises(PayloadTooLarge, match="1002 bytes decoded; the limit is 1000 bytes"):
        decode_data_url("data:image/png;base64," + "*" * 1336, limits)


def test_decoded_size_estimate_counts_padding_exactly():
    limits = ImageLimits(max_bytes=4)
    assert decode_data_url("data:image/png;base64," + base64.b64encode(b"1234").decode(), limits)
    with pytest.raises(PayloadTooLarge):
        decode_data_url("data:image/png;base64," + base64.b64encode(b"12345").decode(), limits)


def test_default_limit_is_20_mib():
    over = base64.b64encode(b"\x00" * (20 * 1024 * 1024 + 1)).decode()
    with pytest.raises(PayloadTooLarge, match="20 MiB"):
        decode_data_url("data:image/png;base64," + over, LIMITS)


# --- classify_image_field / is_image_url -------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "http://example.com/a.png",
        "https://example.com/a.png?x=1",
        "HTTPS://EXAMPLE.COM/",
        "https://[2001:db8::1]/x",
    ],
)
def test_http_urls_are_urls(value):
    assert is_image_url(value)
    assert classify_image_field(value) == "url"


def test_data_urls_are_data():
    assert classify_image_field("data:image/png;base64,AAAA") == "data"
    assert classify_image_field("DATA:image/png;base64,AAAA") == "data"
    assert not is_image_url("data:image/png;base64,AAAA")


@pytest.mark.parametrize(
    "value",
    [
        "ftp://example.com/a.png",
        "file:///etc/passwd",
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
        "",
        "http://",
        "https:///path-only",
        "//example.com/a.png",
        "http://exa mple.com/a.png",
        "http://[::1/a.png",
        "gopher://example.com/",
        "javascript:alert(1)",
    ],
)
def test_other_values_are_refused_saying_what_is_accepted(value):
    assert not is_image_url(value)
    with pytest.raises(InvalidRequest) as caught:
        classify_image_field(value)
    assert "data URL (data:image/png;base64,...)" in caught.value.message
    assert "http:// or https:// URL" in caught.value.message
