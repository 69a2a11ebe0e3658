"""The FastAPI application: routes, error mapping and the background pieces' lifetime."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from meshforge import __version__
from meshforge.api.cors import install_cors
from meshforge.api.errors import install_error_handlers
from meshforge.api.openapi import install_openapi
from meshforge.api.render import RenderedItems
from meshforge.api.routes import events, files, generations, health, metrics, models, web
from meshforge.executor.base import Executor
from meshforge.runtime import Runtime
from meshforge.tasks.reader import TaskReader, open_reads
from meshforge.tasks.retention import retention_loop
from meshforge.tasks.service import TaskService
from meshforge.webhooks.dispatcher import WebhookDispatcher
from meshforge.webhooks.signing import server_secret

ExecutorFactory = Callable[[Runtime], Executor]


def create_app(runtime: Runtime, make_executor: ExecutorFactory) -> FastAPI:
    """An app whose lifespan starts the executor, resumes unfinished work and cleans up."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        executor = make_executor(runtime)
        service = TaskService(runtime, executor)
        retention = retention_loop(runtime)
        settings = runtime.settings
        secret, _ = server_secret(
            settings.webhook_secret.get_secret_value(), settings.webhook_secret_path
        )
        webhooks = WebhookDispatcher(runtime, secret)
        # Opened here, not in open_runtime: asyncpg's pool belongs to the serving loop.
        reader = TaskReader(await open_reads(runtime), runtime.settings.key_cache_ttl_s)
        app.state.executor, app.state.service, app.state.reader = executor, service, reader
        executor.start()
        service.resume()
        retention.start()
        webhooks.start()
        try:
            yield
        finally:
            await reader.close()
            webhooks.stop()
            retention.stop()
            service.close()
            executor.shutdown()

    app = FastAPI(
        title="meshforge",
        version=__version__,
        description="Self-hosted, Siray-compatible text-to-3D and image-to-3D task API.",
        lifespan=lifespan,
        # FastAPI's built-in OpenTelemetry asks the global providers (environment
        # look-ups) on every request even when none is set up: ~4% of a poll (py-spy).
        # meshforge's metrics are /metrics (Prometheus); nothing reads these.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.runtime = runtime
    app.state.rendered = RenderedItems()
    install_error_handlers(app)
    install_cors(app, runtime.settings.cors_allow_origins)  # outermost: errors get it too
    for module in (generations, events, models, files, health, metrics, web):
        app.include_router(module.router)
    engines = [runtime.engines.get(model_id) for model_id in runtime.engines.ids()]
    install_openapi(app, [models.submit_body_schema(engine) for engine in engines])
    return app
