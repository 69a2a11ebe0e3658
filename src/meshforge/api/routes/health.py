"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from meshforge.api.deps import RuntimeDep
from meshforge.api.errors import error_response
from meshforge.api.render import success
from meshforge.errors import Overloaded

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, Any]:
    return success({"status": "ok"})


@router.get("/readyz", summary="Database, queue and storage are reachable")
def readyz(request: Request, runtime: RuntimeDep) -> JSONResponse:
    checks = {
        "database": _ok(runtime.tasks.ping),
        "storage": _ok(runtime.storage.ping),
        "queue": request.app.state.executor.healthy(),
    }
    failing = [name for name, ok in checks.items() if not ok]
    if failing:
        return error_response(Overloaded("not ready: " + ", ".join(failing) + " unreachable"))
    return JSONResponse(success({"status": "ready", "checks": checks}))


def _ok(check: Any) -> bool:
    try:
        check()
    except Exception:
        return False
    return True
