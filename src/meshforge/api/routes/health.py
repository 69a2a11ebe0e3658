"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from meshforge.api.deps import RuntimeDep
from meshforge.api.errors import error_response
from meshforge.errors import Overloaded
from meshforge.executor.base import Executor
from meshforge.tasks.views import success

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, Any]:
    return success({"status": "ok"})


@router.get("/readyz", summary="Database, storage and workers are reachable and work flows")
def readyz(request: Request, runtime: RuntimeDep) -> JSONResponse:
    executor: Executor = request.app.state.executor
    workers = executor.health()
    checks = {
        "database": _ok(runtime.tasks.ping),
        "storage": _ok(runtime.storage.ping),
        "queue": workers.healthy,
    }
    problems = [f"{name} unreachable" for name in ("database", "storage") if not checks[name]]
    problems += [f"queue: {problem}" for problem in workers.problems]
    if problems:
        return error_response(Overloaded("not ready: " + "; ".join(problems), retry_after=5))
    return JSONResponse(success({"status": "ready", "checks": checks}))


def _ok(check: Any) -> bool:
    try:
        check()
    except Exception:
        return False
    return True
