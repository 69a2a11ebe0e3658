"""The list route's own parts: the hand-read query string and the kept item JSON."""

from __future__ import annotations

import dataclasses

import orjson
import pytest

from meshforge.api.list_query import ListQuery, parse_list_query
from meshforge.api.render import RenderedItems
from meshforge.domain.options import GenerationOptions
from meshforge.domain.records import Asset, Task
from meshforge.domain.status import Status
from meshforge.errors import InvalidRequest
from meshforge.tasks.views import success, task_summary

BASE = "http://node-a:8000"


def _task(n: int, status: Status = Status.SUCCESS) -> Task:
    asset = Asset(f"tok{n}", "glb", "model.glb", "model/gltf-binary", 10, 12, 8)
    return Task(
        id=f"3d_{n:048x}",
        key_id=1,
        model="test/cube",
        status=status,
        progress=100,
        options=GenerationOptions.from_json({"prompt": f"object {n}"}),
        seed=n,
        submit_time=1_000 + n,
        outputs=(asset,),
        thumbnail_token=f"thumb{n}",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (b"", ListQuery()),
        (b"limit=5&status=QUEUED", ListQuery(Status.QUEUED, 5, None)),
        (b"limit=5&limit=7", ListQuery(limit=7)),  # the last one counts
        (b"after=3d_ab%20c", ListQuery(after="3d_ab c")),
        (b"limit=+9", ListQuery(limit=9)),
    ],
)
def test_query_strings_that_are_read(query: bytes, expected: ListQuery) -> None:
    assert parse_list_query(query) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (b"limit=1.5", "limit must be an integer"),
        (b"limit=5_0", "limit must be an integer"),
        (b"limit=", "limit must be an integer"),
        (b"limit=-1", "limit must be between 1 and 100"),
        (b"status=done", "status must be one of 'NOT_START', "),
        (b"state=QUEUED&colour=red", "unknown query parameter(s): colour, state"),
    ],
)
def test_query_strings_that_are_refused(query: bytes, message: str) -> None:
    with pytest.raises(InvalidRequest) as refused:
        parse_list_query(query)
    assert str(refused.value).startswith(message)


def test_a_page_is_the_contract_body_and_a_changed_task_is_rendered_again() -> None:
    rendered = RenderedItems(size=2)
    tasks = [_task(n) for n in range(3)]

    def expected(page: list[Task], next_after: str | None) -> object:
        items = [task_summary(task, BASE) for task in page]
        return success({"items": items, "next_after": next_after})

    body = rendered.page(tasks, BASE, tasks[-1].id).body
    assert orjson.loads(body) == expected(tasks, tasks[-1].id)
    failed = dataclasses.replace(tasks[1], status=Status.FAILURE, fail_reason="canceled")
    again = rendered.page([tasks[0], failed], BASE, None).body
    assert orjson.loads(again) == expected([tasks[0], failed], None)
    other_host = rendered.page([tasks[0]], "https://example.test", None).body
    assert b"https://example.test/redirect/tok0" in other_host
    assert orjson.loads(rendered.page([], BASE, None).body) == expected([], None)
