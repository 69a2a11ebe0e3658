"""JSON responses of the contract's shapes (the shapes themselves: tasks/views.py)."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import Response


def json_response(body: dict[str, Any], status_code: int = 200) -> Response:
    """orjson straight into a Response: the polling hot path skips FastAPI's encoder."""
    return Response(orjson.dumps(body), status_code=status_code, media_type="application/json")
