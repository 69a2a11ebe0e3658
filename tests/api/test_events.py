"""Server-Sent Events: one `status` event per change, ending after the terminal one."""

from __future__ import annotations

import json
import threading
import time

from tests.api.conftest import Api, assert_error


def _run_task_in_background(api: Api, task_id: str) -> threading.Thread:
    store = api.runtime.tasks

    def work() -> None:
        time.sleep(0.7)
        assert store.claim(task_id, "w1")
        time.sleep(0.7)
        store.set_progress(task_id, "w1", 50)
        time.sleep(0.7)
        assert store.succeed(task_id, "w1", [], None, [])

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_events_stream_each_change_and_end_after_terminal(api: Api) -> None:
    task_id = api.submit({"model": "test/cube", "prompt": "x"}).json()["task_id"]
    worker = _run_task_in_background(api, task_id)
    events = []
    url = f"/v1/3d/generations/{task_id}/events"
    with api.client.stream("GET", url, headers=api.auth) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("data: "):
                events.append(json.loads(line[6:]))
    worker.join()
    states = [(e["status"], e["progress"]) for e in events]
    assert states == [
        ("QUEUED", "0%"),
        ("IN_PROGRESS", "0%"),
        ("IN_PROGRESS", "50%"),
        ("SUCCESS", "100%"),
    ]
    assert events[0]["queue_position"] == 1


def test_events_of_unknown_or_foreign_task_are_404(api: Api) -> None:
    task_id = api.submit({"model": "test/cube", "prompt": "x"}).json()["task_id"]
    _, other = api.runtime.keys.create("other")
    foreign = api.client.get(
        f"/v1/3d/generations/{task_id}/events", headers={"Authorization": f"Bearer {other}"}
    )
    assert_error(foreign, 404, "not_found")
    assert_error(
        api.client.get("/v1/3d/generations/nope/events", headers=api.auth), 404, "not_found"
    )
    assert_error(api.client.get(f"/v1/3d/generations/{task_id}/events"), 401, "unauthorized")
