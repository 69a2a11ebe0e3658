"""Query, auth, idempotency, listing, cancel, models, files and the error codes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from meshforge.domain.ids import new_token
from meshforge.domain.records import Artifact, Asset
from meshforge.tasks.retention import delete_expired
from tests.api.conftest import Api, assert_error, make_api

TEXT = {"model": "test/cube", "prompt": "a cube"}


def test_query_shape_while_queued(api: Api) -> None:
    first = api.submit(TEXT).json()["task_id"]
    second = api.submit({**TEXT, "seed": 42}).json()["task_id"]
    body = api.get(second).json()
    assert body["code"] == "success" and body["message"] == ""
    data = body["data"]
    assert data["task_id"] == second
    assert data["status"] == "QUEUED"
    assert data["progress"] == "0%"
    assert data["outputs"] == [] and data["assets"] == []
    assert data["start_time"] == 0 and data["finish_time"] == 0
    assert isinstance(data["submit_time"], int) and abs(data["submit_time"] - time.time()) < 60
    assert data["fail_reason"] == ""
    assert data["model"] == "test/cube" and data["seed"] == 42
    assert data["queue_position"] == 2
    assert api.get(first).json()["data"]["queue_position"] == 1


def test_random_seed_is_recorded(api: Api) -> None:
    task_id = api.submit(TEXT).json()["task_id"]
    seed = api.get(task_id).json()["data"]["seed"]
    assert isinstance(seed, int) and 0 <= seed <= 9_999_999_999


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer ", "Basic abc", "Bearer mf_wrong", "mf_nobearer"],
)
def test_bad_credentials_are_401(api: Api, header: str | None) -> None:
    headers = {} if header is None else {"Authorization": header}
    response = api.client.post("/v1/3d/generations", json=TEXT, headers=headers)
    assert_error(response, 401, "unauthorized")
    assert_error(api.client.get("/v1/models", headers=headers), 401, "unauthorized")


def test_revoked_key_is_401(api: Api) -> None:
    key, secret = api.runtime.keys.create("temp")
    assert api.get("3d_" + "0" * 48, key=secret).status_code == 404
    api.runtime.keys.revoke(key.id)
    assert_error(api.get("3d_" + "0" * 48, key=secret), 401, "unauthorized")


def test_a_revoked_key_stops_listing_within_the_key_cache_ttl(tmp_path: Path) -> None:
    """The list route trusts a key it saw live for key_cache_ttl_s (tasks/keycache.py);
    with 0 a revocation takes effect at once."""
    for api in make_api(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", key_cache_ttl_s=0):
        key, secret = api.runtime.keys.create("temp")
        headers = {"Authorization": f"Bearer {secret}"}
        assert api.client.get("/v1/3d/generations", headers=headers).status_code == 200
        api.runtime.keys.revoke(key.id)
        assert_error(api.client.get("/v1/3d/generations", headers=headers), 401, "unauthorized")


def test_keys_are_stored_hashed(api: Api) -> None:
    import sqlalchemy as sa

    with api.runtime.db.connect() as conn:
        hashes = conn.execute(sa.text("SELECT key_hash, prefix FROM api_keys")).all()
    assert all(api.key not in row[0] and len(row[0]) == 64 for row in hashes)


def test_other_keys_task_looks_unknown(api: Api) -> None:
    task_id = api.submit(TEXT).json()["task_id"]
    _, other = api.runtime.keys.create("other")
    foreign = api.get(task_id, key=other)
    unknown = api.get("3d_" + "f" * 48, key=other)
    assert_error(foreign, 404, "not_found")
    assert_error(unknown, 404, "not_found")
    assert foreign.json()["message"].replace(task_id, "ID") == unknown.json()["message"].replace(
        "3d_" + "f" * 48, "ID"
    )
    assert_error(api.get("not-a-task-id"), 404, "not_found")


def test_idempotent_submit_returns_same_task(api: Api) -> None:
    first = api.submit(TEXT, **{"Idempotency-Key": "abc"}).json()["task_id"]
    again = api.submit(TEXT, **{"Idempotency-Key": "abc"}).json()["task_id"]
    assert first == again
    assert api.executor.enqueued == [first]
    changed = api.submit({**TEXT, "seed": 3}, **{"Idempotency-Key": "abc"})
    assert_error(changed, 400, "invalid_request", "Idempotency-Key")
    _, other = api.runtime.keys.create("other")
    response = api.client.post(
        "/v1/3d/generations",
        json=TEXT,
        headers={"Authorization": f"Bearer {other}", "Idempotency-Key": "abc"},
    )
    assert response.json()["task_id"] != first


def test_idempotency_window_is_24_hours(api: Api) -> None:
    import sqlalchemy as sa

    first = api.submit(TEXT, **{"Idempotency-Key": "old"}).json()["task_id"]
    with api.runtime.db.begin() as conn:
        conn.execute(sa.text("UPDATE tasks SET submit_time = submit_time - 90000"))
    again = api.submit(TEXT, **{"Idempotency-Key": "old"}).json()["task_id"]
    assert again != first


def test_list_pages_newest_first_and_filters(api: Api) -> None:
    ids = [api.submit({**TEXT, "seed": i}).json()["task_id"] for i in range(5)]
    api.client.post(f"/v1/3d/generations/{ids[0]}/cancel", headers=api.auth)
    seen: list[str] = []
    after = None
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"after": after} if after else {})
        page = api.client.get("/v1/3d/generations", params=params, headers=api.auth).json()
        seen += [t["task_id"] for t in page["data"]["items"]]
        after = page["data"]["next_after"]
        if after is None:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == 5
    submit_times = [api.get(i).json()["data"]["submit_time"] for i in seen]
    assert submit_times == sorted(submit_times, reverse=True)
    failed = api.client.get(
        "/v1/3d/generations", params={"status": "FAILURE"}, headers=api.auth
    ).json()["data"]["items"]
    assert [t["task_id"] for t in failed] == [ids[0]]
    bad = api.client.get("/v1/3d/generations", params={"limit": 0}, headers=api.auth)
    assert_error(bad, 400, "invalid_request", "limit")


def test_cancel_a_queued_task(api: Api) -> None:
    task_id = api.submit(TEXT).json()["task_id"]
    response = api.client.post(f"/v1/3d/generations/{task_id}/cancel", headers=api.auth)
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["status"] == "FAILURE" and data["fail_reason"] == "canceled"
    assert data["finish_time"] > 0
    assert api.executor.stopped == [task_id]
    again = api.client.post(f"/v1/3d/generations/{task_id}/cancel", headers=api.auth)
    assert_error(again, 400, "invalid_request", "already finished")


def test_models_describe_kind_and_schema(api: Api) -> None:
    models = {m["id"]: m for m in api.client.get("/v1/models", headers=api.auth).json()["data"]}
    cube, image = models["test/cube"], models["test/image-cube"]
    assert cube["kind"] == "text-to-3d" and image["kind"] == "image-to-3d"
    assert cube["parameters"]["required"] == ["model", "prompt"]
    assert "image" not in cube["parameters"]["properties"]
    assert image["parameters"]["required"] == ["model", "image"]
    face_limit = image["parameters"]["properties"]["face_limit"]
    assert {"type": "integer", "minimum": 100, "maximum": 1_000_000} in face_limit["anyOf"]
    assert face_limit["default"] == 1000
    assert cube["description"]


def _finished_task(api: Api, expires_in: int = 3600) -> tuple[str, Asset]:
    task_id = api.submit(TEXT).json()["task_id"]
    store = api.runtime.tasks
    assert store.claim(task_id, "w1")
    key = f"outputs/{task_id}/model.glb"
    api.runtime.storage.put(key, b"glTF-bytes")
    asset = Asset(new_token(), "glb", "model.glb", "model/gltf-binary", 10, 12, 8)
    artifact = Artifact(
        asset.token, task_id, key, "model.glb", "model/gltf-binary", int(time.time()) + expires_in
    )
    assert store.succeed(task_id, "w1", [asset], None, [artifact])
    return task_id, asset


def test_success_outputs_download_without_auth(api: Api) -> None:
    task_id, asset = _finished_task(api)
    data = api.get(task_id).json()["data"]
    assert data["status"] == "SUCCESS" and data["progress"] == "100%"
    assert data["outputs"] == [f"http://testserver/redirect/{asset.token}"]
    assert data["assets"][0] == {
        "url": data["outputs"][0],
        "format": "glb",
        "bytes": 10,
        "triangles": 12,
        "vertices": 8,
    }
    file = api.client.get(f"/redirect/{asset.token}")
    assert file.status_code == 200 and file.content == b"glTF-bytes"
    assert file.headers["content-type"] == "model/gltf-binary"
    assert 'filename="model.glb"' in file.headers["content-disposition"]
    assert_error(api.client.get("/redirect/unknown-token"), 404, "not_found")


def test_expired_outputs_are_410_and_cleaned_up(api: Api) -> None:
    _, asset = _finished_task(api, expires_in=-1)
    assert_error(api.client.get(f"/redirect/{asset.token}"), 410, "gone")
    assert delete_expired(api.runtime) == 1
    assert not list(Path(api.runtime.settings.storage_dir, "outputs").rglob("model.glb"))
    assert delete_expired(api.runtime) == 0


def test_wrong_method_and_path(api: Api) -> None:
    task_id = api.submit(TEXT).json()["task_id"]
    assert_error(
        api.client.delete(f"/v1/3d/generations/{task_id}", headers=api.auth),
        405,
        "method_not_allowed",
    )
    assert_error(api.client.get("/v2/nothing", headers=api.auth), 404, "not_found")


def test_rate_limit_is_429_with_retry_after(tmp_path: Path) -> None:
    for api in make_api(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", submits_per_minute=2):
        assert api.submit(TEXT).status_code == 200
        assert api.submit(TEXT).status_code == 200
        response = api.submit(TEXT)
        assert_error(response, 429, "rate_limited")
        assert int(response.headers["retry-after"]) >= 1


def test_full_queue_is_503_with_retry_after(tmp_path: Path) -> None:
    for api in make_api(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", max_queued_tasks=1):
        assert api.submit(TEXT).status_code == 200
        response = api.submit(TEXT)
        assert_error(response, 503, "overloaded")
        assert int(response.headers["retry-after"]) >= 1


def test_internal_error_hides_details(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: Any, **__: Any) -> Any:
        raise RuntimeError("boom in /srv/meshforge/secret.py line 3")

    monkeypatch.setattr(api.client.app.state.reader, "poll", explode)
    response = api.get("3d_" + "a" * 48)
    assert_error(response, 500, "internal_error")
    text = response.text
    assert "/srv" not in text and "Traceback" not in text and "boom" not in text
    assert api.client.get("/healthz").status_code == 200  # still serving


def test_health_readiness_and_docs(api: Api) -> None:
    assert api.client.get("/healthz").json()["data"]["status"] == "ok"
    ready = api.client.get("/readyz").json()["data"]
    assert ready["checks"] == {"database": True, "storage": True, "queue": True}
    assert api.client.get("/docs").status_code == 200
    spec = api.client.get("/openapi.json").json()
    assert "/v1/3d/generations/{task_id}" in spec["paths"]
    api.executor.started = False
    assert_error(api.client.get("/readyz"), 503, "overloaded", "queue")


def test_metrics_count_tasks_by_status(api: Api) -> None:
    for seed in range(3):
        api.submit({**TEXT, "seed": seed})
    text = api.client.get("/metrics").text
    assert 'meshforge_tasks{status="QUEUED"} 3.0' in text
    assert 'meshforge_tasks{status="SUCCESS"} 0.0' in text
    assert "meshforge_executor_healthy 1.0" in text
