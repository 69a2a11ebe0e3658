"""The benchmark's server: the real meshforge app plus a bare constant-JSON endpoint,
served by the same uvicorn stack as `meshforge serve`."""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn
from fastapi.responses import JSONResponse

from meshforge.api.app import create_app
from meshforge.api.heap import freeze_startup_objects
from meshforge.config import Settings
from meshforge.executor.local import LocalExecutor
from meshforge.runtime import open_runtime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    settings = Settings(
        data_dir=args.data_dir,
        database_url=args.database_url,
        port=args.port,
        workers=1,
        builtin_engines=False,
        extra_engines=["tests.support.fixture_engines:all_engines"],
        submits_per_minute=100_000,
        max_queued_tasks=100_000,
    )
    app = create_app(open_runtime(settings, migrate=True), LocalExecutor)

    # The cheapest endpoint the stack can serve: no thread hop, no auth, no store.
    @app.get("/bench/bare")
    async def bare() -> JSONResponse:
        return JSONResponse({"code": "success", "message": "", "data": {"status": "ok"}})

    freeze_startup_objects()  # as `meshforge serve` does
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
