"""The list route's query string (status, limit, after), read by hand.

FastAPI's validation of these three parameters cost ~45 us of a list request (py-spy
under bench/api), a tenth of the route; the rules are few, so they live here, with the
messages FastAPI's validation gave and the OpenAPI parameters it generated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from meshforge.api.deps import refuse_unknown
from meshforge.domain.options import LIST_LIMIT_RANGE
from meshforge.domain.status import Status
from meshforge.errors import InvalidRequest

DEFAULT_LIMIT = 20
_NAMES = frozenset({"status", "limit", "after"})
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")
_STATUSES = [status.value for status in Status]
_STATUS_CHOICES = ", ".join(f"'{s}'" for s in _STATUSES[:-1]) + f" or '{_STATUSES[-1]}'"

PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "status",
        "in": "query",
        "required": False,
        "description": "Only tasks in this status.",
        "schema": {"type": "string", "enum": _STATUSES},
    },
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": "Tasks per page.",
        "schema": {
            "type": "integer",
            "minimum": LIST_LIMIT_RANGE[0],
            "maximum": LIST_LIMIT_RANGE[1],
            "default": DEFAULT_LIMIT,
        },
    },
    {
        "name": "after",
        "in": "query",
        "required": False,
        "description": "next_after of the previous page.",
        "schema": {"type": "string"},
    },
]


@dataclass(frozen=True)
class ListQuery:
    status: Status | None = None
    limit: int = DEFAULT_LIMIT
    after: str | None = None


def parse_list_query(query_string: bytes) -> ListQuery:
    """The parameters, or InvalidRequest naming the first wrong one (the last of a
    repeated parameter counts, as in FastAPI)."""
    if not query_string:
        return ListQuery()  # the dashboard's first page
    # latin-1, as Starlette decodes a query string; %-escapes are then read as UTF-8.
    given = dict(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
    refuse_unknown(given, _NAMES)
    return ListQuery(_status(given.get("status")), _limit(given.get("limit")), given.get("after"))


def _status(value: str | None) -> Status | None:
    if value is None:
        return None
    if value not in _STATUSES:
        raise InvalidRequest(f"status must be one of {_STATUS_CHOICES}")
    return Status(value)


def _limit(value: str | None) -> int:
    if value is None:
        return DEFAULT_LIMIT
    if not _INTEGER.fullmatch(value):
        raise InvalidRequest("limit must be an integer")
    limit = int(value)
    low, high = LIST_LIMIT_RANGE
    if not low <= limit <= high:
        raise InvalidRequest(f"limit must be between {low} and {high}")
    return limit
