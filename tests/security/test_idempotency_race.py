"""The same Idempotency-Key sent 20 times at once, to a real server on SQLite and on
PostgreSQL: exactly one task, one stored input image, and every caller gets its id."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
import sqlalchemy as sa

from tests.hostile.conftest import data_url
from tests.hostile.images import object_photo, saved
from tests.support.server import RunningServer, start_server
from tests.support.tmpfs import files_under

CALLERS = 20


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    env = {"MESHFORGE_SUBMITS_PER_MINUTE": "100000"}
    if request.param == "postgresql":
        env["MESHFORGE_DATABASE_URL"] = request.getfixturevalue("postgres_url")
    with start_server(tmp_path_factory.mktemp(f"idem-{request.param}"), env=env) as running:
        yield running


def _all_at_once(
    server: RunningServer, bodies: list[dict[str, object]], key: str
) -> list[httpx.Response]:
    barrier = threading.Barrier(len(bodies))
    answers: list[httpx.Response] = [None] * len(bodies)  # type: ignore[list-item]

    def call(index: int) -> None:
        with httpx.Client(timeout=60) as client:
            barrier.wait()
            answers[index] = client.post(
                f"{server.base_url}/v1/3d/generations",
                json=bodies[index],
                headers={**server.headers, "Idempotency-Key": key},
            )

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _query(server: RunningServer, sql: str, **params: object) -> list[tuple[object, ...]]:
    sqlite = f"sqlite:///{server.data_dir / 'meshforge.db'}"
    engine = sa.create_engine(server.env.get("MESHFORGE_DATABASE_URL") or sqlite)
    with engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(sa.text(sql), params)]
    engine.dispose()
    return rows


def _tasks_with_key(server: RunningServer, key: str) -> int:
    return len(_query(server, "SELECT id FROM tasks WHERE idempotency_key = :key", key=key))


def _ids_with_inputs(server: RunningServer) -> set[str]:
    rows = _query(server, "SELECT id FROM tasks WHERE input_key IS NOT NULL")
    return {str(row[0]) for row in rows}


def test_twenty_identical_submits_at_once_make_one_task(server: RunningServer) -> None:
    body = {"model": "test/image-cube", "image": data_url(saved(object_photo(), "PNG"))}
    answers = _all_at_once(server, [body] * CALLERS, "same-20")
    assert [answer.status_code for answer in answers] == [200] * CALLERS
    assert len({answer.json()["task_id"] for answer in answers}) == 1
    assert _tasks_with_key(server, "same-20") == 1
    # The 19 losers stored their copy of the image before losing: none may be left.
    inputs = files_under(server.data_dir / "files" / "inputs")
    assert {path.parent.name for path in inputs} == _ids_with_inputs(server)


def test_different_bodies_racing_for_one_key_do_not_share_a_task(server: RunningServer) -> None:
    bodies = [{"model": "test/cube", "prompt": f"cube {index % 2}"} for index in range(CALLERS)]
    answers = _all_at_once(server, bodies, "mixed-20")
    winners = [a for a in answers if a.status_code == 200]
    assert len({a.json()["task_id"] for a in winners}) == 1
    (winner,) = {a.json()["task_id"] for a in winners}
    for answer in answers:
        if answer.status_code != 200:
            assert answer.status_code == 400 and "Idempotency-Key" in answer.json()["message"]
    assert _tasks_with_key(server, "mixed-20") == 1
    prompts = {
        body["prompt"] for body, a in zip(bodies, answers, strict=True) if a.status_code == 200
    }
    assert len(prompts) == 1, (winner, prompts)
