"""Hostile request bodies, data URLs, headers and paths: each gets its documented 4xx
(never a 5xx), on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.api.conftest import Api, assert_error
from tests.hostile.conftest import data_url
from tests.hostile.images import object_photo, saved

TEXT = {"model": "test/cube", "prompt": "a cube"}
IMAGE = {"model": "test/image-cube"}
MIB = 2**20


def post_raw(api: Api, body: bytes | Iterator[bytes], **headers: str) -> Any:
    sent = {**api.auth, "Content-Type": "application/json", **headers}
    return api.client.post("/v1/3d/generations", content=body, headers=sent)


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_a_body_nested_10000_deep_is_refused(hostile_api: Api, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    deep = (opener * 10_000 + "1" + closer * 10_000).encode()
    assert_error(post_raw(hostile_api, deep), 400, "invalid_request", "nested too deeply")


def test_a_50_mib_body_is_refused_from_its_length(hostile_api: Api) -> None:
    body = b'{"model": "test/cube", "prompt": "' + b"x" * (50 * MIB) + b'"}'
    assert_error(post_raw(hostile_api, body), 413, "payload_too_large")


def test_a_50_mib_chunked_body_is_413(hostile_api: Api) -> None:
    """No Content-Length: the limit applies while the body streams (that the server stops
    reading early is checked on a real socket in test_real_server_corpus.py)."""

    def chunks() -> Iterator[bytes]:
        yield b'{"model": "test/cube", "prompt": "'
        for _ in range(50):
            yield b"x" * MIB
        yield b'"}'

    assert_error(post_raw(hostile_api, chunks()), 413, "payload_too_large")


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""],
)
def test_bodies_that_are_not_json_are_415(hostile_api: Api, content_type: str) -> None:
    response = post_raw(hostile_api, json.dumps(TEXT).encode(), **{"Content-Type": content_type})
    assert_error(response, 415, "unsupported_media_type", "must be JSON")


@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"nul\x00l", b"\xff\xfe{}", b'{"model": "a"} trailing', b"[]", b'"text"', b"1e999"],
)
def test_bodies_that_are_not_a_json_object_are_400(hostile_api: Api, body: bytes) -> None:
    assert_error(post_raw(hostile_api, body), 400, "invalid_request")


@pytest.mark.parametrize("field", ["model", "prompt", "image", "callback_url", "texture_quality"])
@pytest.mark.parametrize(("bad", "problem"), [("\x00", "NUL"), ("\ud800", "unpaired surrogate")])
def test_nul_and_lone_surrogates_are_refused_in_every_string(
    hostile_api: Api, field: str, bad: str, problem: str
) -> None:
    body = {**TEXT, field: f"https://example.com/a{bad}b"}
    raw = json.dumps(body).encode()  # ensure_ascii: the surrogate travels as \\ud800
    response = post_raw(hostile_api, raw)
    assert_error(response, 400, "invalid_request", field, problem)


def test_nul_and_surrogates_inside_the_output_formats_list(hostile_api: Api) -> None:
    response = post_raw(hostile_api, json.dumps({**TEXT, "output_formats": ["gl\x00b"]}).encode())
    assert_error(response, 400, "invalid_request", "output_formats", "NUL")


@pytest.mark.parametrize(
    "prompt",
    [
        "\u202eriahc a\u202c",  # right-to-left override
        "كرسي خشبي أحمر",  # Arabic: a red wooden chair
        "כיסא עץ",  # Hebrew: a wooden chair
        "a red\u200b chair\u200d\ufeff",  # zero-width space, joiner, BOM
        "a chair \U0001f468\u200d\U0001f469\u200d\U0001f467",  # a ZWJ emoji sequence
        "a cha\u0301\u0301\u0301ir",  # stacked combining accents
    ],
)
def test_unusual_but_real_text_in_prompts_is_accepted(hostile_api: Api, prompt: str) -> None:
    response = hostile_api.submit({**TEXT, "prompt": prompt})
    assert response.status_code == 200, response.text


# Valid JSON types per field; every other type must be refused naming the field.
RIGHT_TYPES: dict[str, set[str]] = {
    "model": {"string"},
    "prompt": {"string", "null"},
    "image": {"string", "null"},
    "seed": {"integer"},
    "face_limit": {"integer", "null"},
    "texture_enable": {"boolean"},
    "pbr_enable": {"boolean"},
    "quad": {"boolean"},
    "texture_quality": {"string"},
    "texture_seed": {"integer", "null"},
    "texture_alignment": {"string"},
    "auto_size": {"boolean"},
    "output_formats": {"list"},
    "callback_url": {"string", "null"},
}
VALUES_BY_TYPE: dict[str, list[Any]] = {
    "null": [None],
    "boolean": [True, False],
    "integer": [0, 500, -1, 10**30],
    "number": [1.5, 500.0, -0.0],
    "string": ["", "500", "true", "glb"],
    "list": [[], ["glb", 1], [None], [{}], [["glb"]]],
    "object": [{}, {"glb": True}],
}


@pytest.mark.parametrize("field", sorted(RIGHT_TYPES))
def test_every_field_with_every_wrong_type_is_a_400_naming_it(hostile_api: Api, field: str) -> None:
    wrong = [
        value
        for kind, values in VALUES_BY_TYPE.items()
        if kind not in RIGHT_TYPES[field]
        for value in values
    ]
    if field == "output_formats":  # lists of the wrong items are the wrong type too
        wrong += VALUES_BY_TYPE["list"][1:]
    base = IMAGE | {"image": data_url(saved(object_photo(), "PNG"))} if field == "image" else TEXT
    for value in wrong:
        response = hostile_api.submit({**base, field: value})
        assert_error(response, 400, "invalid_request", field)


@pytest.mark.parametrize(
    ("image", "status", "phrase"),
    [
        ("data:image/png;base64,!!!!", 400, "not valid base64"),
        ("data:image/png;base64,iVBORw0KGgo", 400, "not valid base64"),
        ("data:image/png;base64,iVBO Rw0K", 400, "not valid base64"),
        ("data:image/png;base64,iVBO\nRw0K", 400, "not valid base64"),
        ("data:image/png;base64,-_-_", 400, "not valid base64"),
        ("data:image/png;base64,====", 400, "not valid base64"),
        ("data:image/png;base64,", 400, "carries no data"),
        ("data:image/png,iVBORw0KGgo=", 400, "must be base64-encoded"),
        ("data:image/png;base64", 400, "no ','"),
        ("data:;base64,iVBORw0KGgo=", 415, "media type none"),
        ("data:text/plain;base64,aGVsbG8=", 415, "media type text/plain"),
        ("data:image/svg+xml;base64,PHN2Zy8+", 415, "media type image/svg+xml"),
        ("data:image/gif;base64,R0lGODlh", 415, "media type image/gif"),
        ("data:application/octet-stream;base64,AAAA", 415, "application/octet-stream"),
        ("data:image/heic;base64,AAAA", 415, "image/heic"),
    ],
)
def test_bad_data_urls(hostile_api: Api, image: str, status: int, phrase: str) -> None:
    response = hostile_api.submit({**IMAGE, "image": image})
    code = "invalid_request" if status == 400 else "unsupported_media_type"
    assert_error(response, status, code, phrase)


def test_a_30_mib_image_payload_is_413(hostile_api: Api) -> None:
    payload = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * (30 * MIB)).decode()
    response = hostile_api.submit({**IMAGE, "image": "data:image/png;base64," + payload})
    assert_error(response, 413, "payload_too_large")


def test_an_image_just_over_20_mib_within_the_body_limit_is_413(hostile_api: Api) -> None:
    payload = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * (20 * MIB + 4)).decode()
    response = hostile_api.submit({**IMAGE, "image": "data:image/png;base64," + payload})
    assert_error(response, 413, "payload_too_large", "20 MiB")


@pytest.mark.parametrize(
    "task_id",
    [
        "%00",
        "3d_%00",
        "a" * 8000,
        "%F0%9F%98%80",
        "..%2F..%2Fetc%2Fpasswd",
        "%C0%AF",
        "3d_" + "G" * 48,
    ],
)
def test_hostile_task_ids_are_404_on_every_task_route(hostile_api: Api, task_id: str) -> None:
    base = f"/v1/3d/generations/{task_id}"
    auth = hostile_api.auth
    for response in (
        hostile_api.client.get(base, headers=auth),
        hostile_api.client.get(base + "/events", headers=auth),
        hostile_api.client.post(base + "/cancel", headers=auth),
    ):
        assert_error(response, 404, "not_found")


@pytest.mark.parametrize("token", ["%00", "a%00" * 10, "x" * 5000, "%FF%FE", "A" * 32])
def test_hostile_output_tokens_are_404(hostile_api: Api, token: str) -> None:
    assert_error(hostile_api.client.get(f"/redirect/{token}"), 404, "not_found")


@pytest.mark.parametrize("after", ["\x00", "3d_\x00", "x" * 5000, "' OR 1=1 --"])
def test_a_hostile_list_cursor_is_400(hostile_api: Api, after: str) -> None:
    response = hostile_api.client.get(
        "/v1/3d/generations", params={"after": after}, headers=hostile_api.auth
    )
    assert_error(response, 400, "invalid_request", "after must be")


@pytest.mark.parametrize(
    "header",
    [
        "Bearer " + "x" * 8000,
        "Bearer mf_\u00e9\u00e8",
        "Bearer \x7f",
        "Basic " + "a" * 40,
        "Bearer",
    ],
)
def test_hostile_authorization_headers_are_401(hostile_api: Api, header: str) -> None:
    raw = header.encode("latin-1")
    response = hostile_api.client.get("/v1/models", headers=[(b"authorization", raw)])
    assert_error(response, 401, "unauthorized")
    response = hostile_api.client.get(
        "/v1/3d/generations/3d_" + "0" * 48, headers=[(b"authorization", raw)]
    )
    assert_error(response, 401, "unauthorized")


def test_an_idempotency_key_past_255_characters_is_400(hostile_api: Api) -> None:
    response = hostile_api.submit(TEXT, **{"Idempotency-Key": "k" * 256})
    assert_error(response, 400, "invalid_request", "idempotency-key")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/3d/generations?state=QUEUED"),
        ("GET", "/v1/3d/generations/3d_" + "0" * 48 + "?_=1"),
        ("GET", "/v1/3d/generations/3d_" + "0" * 48 + "/events?x=1"),
        ("POST", "/v1/3d/generations/3d_" + "0" * 48 + "/cancel?force=1"),
        ("POST", "/v1/3d/generations?debug=1"),
        ("GET", "/v1/models?=1"),
    ],
)
def test_unknown_query_parameters_are_400_naming_them(
    hostile_api: Api, method: str, path: str
) -> None:
    """Found by schemathesis: a misspelt filter (?state=) was silently ignored."""
    response = hostile_api.client.request(method, path, headers=hostile_api.auth, json=TEXT)
    assert_error(response, 400, "invalid_request", "unknown query parameter(s)")
