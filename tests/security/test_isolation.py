"""Per-key isolation on every route: another key's task is exactly as unknown as a task
that does not exist, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

from meshforge.worker.runner import TaskRunner
from tests.api.conftest import Api, assert_error

UNKNOWN = "3d_" + "0" * 48


def _second_key(api: Api) -> dict[str, str]:
    _, secret = api.runtime.keys.create("other")
    return {"Authorization": f"Bearer {secret}"}


def _same_answer(first: Any, second: Any) -> None:
    assert first.status_code == second.status_code == 404
    assert first.json()["code"] == second.json()["code"] == "not_found"


def test_another_keys_task_is_unknown_on_every_task_route(api: Api) -> None:
    owner = api.submit({"model": "test/cube", "prompt": "a cube"}).json()["task_id"]
    other = _second_key(api)
    for route in ("", "/events"):
        theirs = api.client.get(f"/v1/3d/generations/{owner}{route}", headers=other)
        unknown = api.client.get(f"/v1/3d/generations/{UNKNOWN}{route}", headers=other)
        _same_answer(theirs, unknown)
    canceled = api.client.post(f"/v1/3d/generations/{owner}/cancel", headers=other)
    _same_answer(canceled, api.client.post(f"/v1/3d/generations/{UNKNOWN}/cancel", headers=other))
    assert api.get(owner).json()["data"]["status"] == "QUEUED"  # untouched
    listed = api.client.get("/v1/3d/generations", headers=other).json()["data"]
    assert listed == {"items": [], "next_after": None}
    after = api.client.get("/v1/3d/generations", params={"after": owner}, headers=other)
    assert after.json()["data"]["items"] == []


def test_outputs_and_thumbnails_are_unguessable_and_only_in_the_owners_view(api: Api) -> None:
    owner = api.submit({"model": "test/cube", "prompt": "a cube"}).json()["task_id"]
    TaskRunner(api.runtime, "test-worker").run(owner)  # the real worker path, in process
    data = api.get(owner).json()["data"]
    urls = [*data["outputs"], data["thumbnail"]]
    for url in urls:
        token = url.rsplit("/", 1)[1]
        assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", token)  # >= 192 random bits
        assert api.client.get(url).status_code == 200
    other = _second_key(api)
    listed = api.client.get("/v1/3d/generations", headers=other).text
    assert not any(url.rsplit("/", 1)[1] in listed for url in urls)


def test_idempotency_keys_belong_to_their_api_key(api: Api) -> None:
    body, idem = {"model": "test/cube", "prompt": "a cube"}, {"Idempotency-Key": "shared"}
    mine = api.submit(body, **idem).json()["task_id"]
    other = _second_key(api)
    headers = {**other, **idem}
    theirs = api.client.post("/v1/3d/generations", json=body, headers=headers).json()["task_id"]
    assert theirs != mine
    assert_error(api.client.get(f"/v1/3d/generations/{mine}", headers=other), 404, "not_found")
