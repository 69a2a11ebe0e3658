"""The result cache: a repeated request with an explicit seed (or for a model that ignores
the seed) is SUCCESS at once, shares the first task's files, and keeps them alive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from meshforge.store.tables import artifacts
from meshforge.tasks.retention import delete_expired
from meshforge.worker.runner import TaskRunner
from tests.api.conftest import Api, make_api, png_data_url

CUBE = {"model": "test/cube", "prompt": "a cube", "seed": 7}


@pytest.fixture
def api(tmp_path: Path, database_url: str) -> Iterator[Api]:
    yield from make_api(tmp_path, database_url)


def run(api: Api, body: dict[str, Any]) -> dict[str, Any]:
    """Submit and, unless the cache answered, run the task in this process."""
    task_id = api.submit(body).json()["task_id"]
    data: dict[str, Any] = api.get(task_id).json()["data"]
    if data["status"] == "QUEUED":
        TaskRunner(api.runtime, "test-worker").run(task_id)
        data = api.get(task_id).json()["data"]
    return data


def storage_keys(api: Api, task_id: str) -> set[str]:
    query = sa.select(artifacts.c.storage_key).where(artifacts.c.task_id == task_id)
    with api.runtime.db.connect() as conn:
        return set(conn.execute(query).scalars())


def test_an_explicit_seed_repeat_is_answered_from_the_cache(api: Api) -> None:
    first = run(api, {**CUBE, "output_formats": ["glb", "obj"]})
    assert first["status"] == "SUCCESS" and first["cached"] is False
    second_id = api.submit({**CUBE, "output_formats": ["glb", "obj"]}).json()["task_id"]
    second = api.get(second_id).json()["data"]  # no worker ran: answered at submit
    assert second["status"] == "SUCCESS" and second["cached"] is True
    assert second["progress"] == "100%" and second["seed"] == 7
    assert second_id not in api.executor.enqueued
    assert [a["format"] for a in second["assets"]] == ["glb", "obj"]
    assert set(second["outputs"]).isdisjoint(first["outputs"])  # own tokens...
    assert storage_keys(api, second_id) == storage_keys(api, first["task_id"])  # ...same files
    for old, new in zip(first["outputs"], second["outputs"], strict=True):
        assert api.client.get(new).content == api.client.get(old).content
    assert api.client.get(second["thumbnail"]).headers["content-type"] == "image/png"


@pytest.mark.parametrize(
    "change",
    [
        {"cache": False},
        {"seed": 8},
        {"prompt": "a box"},
        {"output_formats": ["stl"]},
        {"face_limit": 500},
        {"texture_enable": False},
    ],
)
def test_a_different_or_opted_out_request_runs(api: Api, change: dict[str, Any]) -> None:
    run(api, CUBE)
    task_id = api.submit({**CUBE, **change}).json()["task_id"]
    data = api.get(task_id).json()["data"]
    assert data["status"] == "QUEUED" and data["cached"] is False


def test_no_seed_is_never_answered_for_a_seed_dependent_model(api: Api) -> None:
    first = run(api, {"model": "test/cube", "prompt": "a cube"})
    again = api.submit({"model": "test/cube", "prompt": "a cube"}).json()["task_id"]
    assert api.get(again).json()["data"]["status"] == "QUEUED"
    # The seed it used was recorded: asking for that seed explicitly is a hit.
    hit = api.submit({"model": "test/cube", "prompt": "a cube", "seed": first["seed"]})
    assert api.get(hit.json()["task_id"]).json()["data"]["cached"] is True


def test_a_seed_independent_model_is_answered_without_a_seed(api: Api) -> None:
    run(api, {"model": "test/fixed-cube", "prompt": "a cube"})
    task_id = api.submit({"model": "test/fixed-cube", "prompt": "a cube"}).json()["task_id"]
    assert api.get(task_id).json()["data"]["cached"] is True


def test_images_match_by_content(api: Api) -> None:
    image = png_data_url(64, 48)
    body = {"model": "test/image-cube", "image": image, "seed": 3}
    first = run(api, body)
    assert first["status"] == "SUCCESS"
    relabelled = image.replace("data:image/png", "data:image/jpeg")  # same bytes
    same = api.submit({**body, "image": relabelled}).json()["task_id"]
    assert api.get(same).json()["data"]["cached"] is True
    other = api.submit({**body, "image": png_data_url(48, 64)}).json()["task_id"]
    assert api.get(other).json()["data"]["status"] == "QUEUED"


def test_the_operator_can_turn_the_cache_off(tmp_path: Path, database_url: str) -> None:
    for api in make_api(tmp_path, database_url, result_cache=False):
        run(api, CUBE)
        task_id = api.submit(CUBE).json()["task_id"]
        assert api.get(task_id).json()["data"]["status"] == "QUEUED"
        assert api.runtime.tasks.get(task_id).cache_key is None  # type: ignore[union-attr]


def test_shared_files_live_as_long_as_their_newest_use(api: Api) -> None:
    first = run(api, CUBE)
    first_task = api.runtime.tasks.get(first["task_id"])
    assert first_task is not None
    later = api.runtime.settings.retention_s // 2
    with api.runtime.db.begin() as conn:  # the first use is older than the second
        conn.execute(
            sa.update(artifacts)
            .where(artifacts.c.task_id == first["task_id"])
            .values(expires_at=artifacts.c.expires_at - later)
        )
    second = api.get(api.submit(CUBE).json()["task_id"]).json()["data"]
    assert second["cached"] is True
    (key,) = [k for k in storage_keys(api, first["task_id"]) if k.endswith(".glb")]
    between = first_task.expires_at - later + 60
    assert delete_expired(api.runtime, now=between) > 0  # the first task's links expire...
    assert api.client.get(first["outputs"][0]).status_code == 410
    assert api.runtime.storage.get(key)  # ...but the file stays for the second
    assert api.client.get(second["outputs"][0]).status_code == 200
    delete_expired(api.runtime, now=second["expires_at"] + 3600)
    with pytest.raises(FileNotFoundError):
        api.runtime.storage.get(key)
