"""JSON responses of the contract's shapes (the shapes themselves: tasks/views.py)."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import Response

from meshforge.domain.records import Task
from meshforge.tasks.views import success, task_summary


def json_response(body: dict[str, Any], status_code: int = 200) -> Response:
    """orjson straight into a Response: the polling hot path skips FastAPI's encoder."""
    return Response(orjson.dumps(body), status_code=status_code, media_type="application/json")


class RenderedItems:
    """Each list item's JSON, kept while its task is unchanged.

    A dashboard lists the same tasks again and again; rendering 20 of them was ~5% of the
    list route (bench/api). The store's reads hand out one Task object per unchanged row
    (store/rows.py's cache), so an item is found by the object's identity; the entry holds
    the object, so its id cannot be reused by another while the entry lives.
    """

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._items: dict[int, tuple[Task, str, bytes]] = {}

    def item(self, task: Task, base_url: str) -> bytes:
        kept = self._items.get(id(task))
        if kept is not None and kept[0] is task and kept[1] == base_url:
            return kept[2]
        rendered = orjson.dumps(task_summary(task, base_url))
        if len(self._items) >= self._size:
            del self._items[next(iter(self._items))]  # the oldest entry
        self._items[id(task)] = (task, base_url, rendered)
        return rendered

    def page(self, tasks: list[Task], base_url: str, next_after: str | None) -> Response:
        """The list route's response, its items embedded as the kept JSON."""
        items = [orjson.Fragment(self.item(task, base_url)) for task in tasks]
        return json_response(success({"items": items, "next_after": next_after}))
