"""GET /metrics: Prometheus text format, read from the rows at scrape time.

Nothing is counted per request, so the polling hot path pays nothing for metrics.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from meshforge.executor.base import Executor, ExecutorHealth
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
        yield from executor_metrics(self._executor.health())


def executor_metrics(health: ExecutorHealth) -> Iterator[Metric]:
    yield GaugeMetricFamily(
        "meshforge_executor_healthy",
        "1 when work flows: every worker ready and answering, no task waiting for an idle one",
        value=1.0 if health.healthy else 0.0,
    )
    yield GaugeMetricFamily(
        "meshforge_executor_problems",
        "How many things the executor found wrong (/readyz names them)",
        value=len(health.problems),
    )
    yield CounterMetricFamily(
        "meshforge_worker_restarts", "Worker processes replaced", value=health.worker_restarts
    )
    for name, value, help_text in (
        ("meshforge_workers", health.workers_ready, "Worker processes ready for work"),
        ("meshforge_workers_configured", health.workers_configured, "Worker pool size"),
        ("meshforge_workers_busy", health.workers_busy, "Worker processes running a task"),
    ):
        if value is not None:  # None: the workers run elsewhere (Celery)
            yield GaugeMetricFamily(name, help_text, value=value)


@router.get("/metrics", summary="Prometheus metrics", include_in_schema=True)
async def metrics(request: Request) -> Response:
    registry = CollectorRegistry()
    registry.register(TaskCollector(request.app.state.runtime, request.app.state.executor))
    body = await run_in_threadpool(generate_latest, registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
