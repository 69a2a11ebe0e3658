"""What the server lets out: keys never in the log, an explicit cross-origin policy, and
no per-key data in /metrics."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from meshforge.store.keys import hash_secret
from tests.api.conftest import Api, make_api

APP_ORIGIN, OTHER_ORIGIN = "https://app.example.com", "https://evil.example.net"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization",
}


def test_a_key_is_never_logged_even_when_its_query_fails(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.client.get("/v1/models", headers=api.auth)
    api.client.get("/v1/models", headers={"Authorization": "Bearer mf_wrong-key"})
    api.get("3d_" + "0" * 48)
    with _keys_table_renamed(api):  # the key lookup fails inside the database
        failed = api.client.get("/v1/models", headers=api.auth)
    assert failed.status_code == 500
    assert "internal error" in caplog.text  # the failure was logged, with its query...
    for secret in (api.key, hash_secret(api.key), "mf_wrong-key", hash_secret("mf_wrong-key")):
        assert secret not in caplog.text  # ...but neither the key nor its hash


@contextmanager
def _keys_table_renamed(api: Api) -> Iterator[None]:
    with api.runtime.db.begin() as conn:
        conn.execute(sa.text("ALTER TABLE api_keys RENAME TO api_keys_away"))
    try:
        yield
    finally:
        with api.runtime.db.begin() as conn:
            conn.execute(sa.text("ALTER TABLE api_keys_away RENAME TO api_keys"))


@pytest.fixture
def cors_api(tmp_path: Path) -> Iterator[Api]:
    yield from make_api(tmp_path, f"sqlite:///{tmp_path / 'db'}", cors_allow_origins=[APP_ORIGIN])


def test_by_default_no_other_origin_may_call_the_api(api: Api) -> None:
    for origin in (APP_ORIGIN, OTHER_ORIGIN):
        headers = {"Origin": origin, **PREFLIGHT}
        preflight = api.client.options("/v1/3d/generations", headers=headers)
        assert "access-control-allow-origin" not in preflight.headers
        plain = api.client.get("/v1/models", headers={"Origin": origin, **api.auth})
        assert "access-control-allow-origin" not in plain.headers


def test_configured_origins_and_only_they_may(cors_api: Api) -> None:
    preflight = cors_api.client.options(
        "/v1/3d/generations", headers={"Origin": APP_ORIGIN, **PREFLIGHT}
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in preflight.headers
    refused = cors_api.client.get("/v1/models", headers={"Origin": OTHER_ORIGIN, **cors_api.auth})
    assert "access-control-allow-origin" not in refused.headers
    # Errors carry the header too, so the page can read why (and Retry-After).
    error = cors_api.client.get("/v1/models", headers={"Origin": APP_ORIGIN})
    assert error.status_code == 401
    assert error.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "retry-after" in error.headers["access-control-expose-headers"].lower()


def test_metrics_hold_no_per_key_data(api: Api) -> None:
    _, other = api.runtime.keys.create("customer-acme")
    prompt = "a very private prompt about a chair"
    ids = [api.submit({"model": "test/cube", "prompt": prompt}).json()["task_id"]]
    headers = {"Authorization": f"Bearer {other}"}
    body = {"model": "test/cube", "prompt": prompt}
    ids.append(api.client.post("/v1/3d/generations", json=body, headers=headers).json()["task_id"])
    text = api.client.get("/metrics").text
    for private in (prompt, "customer-acme", "tests", "mf_", *ids, api.key, other):
        assert private not in text
    labels = set(re.findall(r"[{,](\w+)=", text))
    assert labels <= {"status"}, labels
