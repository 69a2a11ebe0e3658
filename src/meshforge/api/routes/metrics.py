"""GET /metrics: Prometheus text format, read from the rows at scrape time.

Nothing is counted per request, so the polling hot path pays nothing for metrics.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from meshforge.executor.base import Executor
from meshforge.runtime import Runtime

router = APIRouter(tags=["health"])


class TaskCollector(Collector):
    def __init__(self, runtime: Runtime, executor: Executor) -> None:
        self._rt, self._executor = runtime, executor

    def collect(self) -> Iterator[Metric]:
        by_status = GaugeMetricFamily(
            "meshforge_tasks", "Tasks in the store by status", labels=["status"]
        )
        for status, count in self._rt.tasks.counts_by_status().items():
            by_status.add_metric([status.value], count)
        yield by_status
        yield GaugeMetricFamily(
            "meshforge_executor_healthy",
            "1 when every worker is alive",
            value=1.0 if self._executor.healthy() else 0.0,
        )
        yield GaugeMetricFamily(
            "meshforge_workers", "Configured worker processes", value=self._rt.settings.workers
        )


@router.get("/metrics", summary="Prometheus metrics", include_in_schema=True)
async def metrics(request: Request) -> Response:
    registry = CollectorRegistry()
    registry.register(TaskCollector(request.app.state.runtime, request.app.state.executor))
    body = await run_in_threadpool(generate_latest, registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
