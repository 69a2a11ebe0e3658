"""schemathesis, stateful, against real `meshforge serve` processes on SQLite and on
PostgreSQL: chains of submit -> get -> events -> cancel -> list built from the OpenAPI
links. Every response must match the document (status, content type, headers, body
schema), no 5xx, and every error must be in the contract's shape."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import FlakyStrategyDefinition
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
    use_after_free,
)

from tests.support.server import RunningServer, start_server

QUICK_ENGINES = '["tests.support.fixture_engines:quick_engines"]'
# Checked on every response. Left out: positive_data_acceptance, since a request the
# schema allows can still be refused by rules no schema states (an image must decode,
# a text model's prompt must name an object) - the hostile corpus checks those answers.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
    unsupported_method,
    use_after_free,
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    env = {
        "MESHFORGE_EXTRA_ENGINES": QUICK_ENGINES,
        "MESHFORGE_SUBMITS_PER_MINUTE": "100000",
    }
    if request.param == "postgresql":
        env["MESHFORGE_DATABASE_URL"] = request.getfixturevalue("postgres_url")
    tmp_path: Path = tmp_path_factory.mktemp(f"schemathesis-{request.param}")
    with start_server(tmp_path, workers=2, env=env) as running:
        yield running


def error_in_the_contracts_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every 4xx/5xx body: code, message, data null, error {code, type, message}."""
    if response.status_code < 400:
        return None
    body = response.json()
    assert body["data"] is None, body
    assert body["error"]["code"] == body["code"] and body["error"]["type"], body
    assert body["error"]["message"] == body["message"] and body["message"], body
    if response.status_code >= 500:
        assert "Traceback" not in body["message"] and "/" not in body["message"], body
    return True


def test_stateful_workflows_keep_to_the_document(server: RunningServer) -> None:
    """Failures are collected as they happen rather than raised: hypothesis would replay
    a failing chain, and a live server's state differs on the replay (which hypothesis
    then reports as flaky generation, hiding the failure)."""
    schema = schemathesis.openapi.from_url(f"{server.base_url}/openapi.json")
    seen: Counter[tuple[str, int]] = Counter()
    failures: list[str] = []

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        def after_call(self, response: Any, case: Any) -> None:
            seen[(case.operation.label, response.status_code)] += 1

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": server.headers, "timeout": 60}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            try:
                case.validate_response(
                    response,
                    checks=CHECKS,
                    additional_checks=[error_in_the_contracts_shape],
                    headers=server.headers,
                    transport_kwargs=kwargs,
                )
            except (FailureGroup, AssertionError) as failure:
                failures.append(f"{case.operation.label}: {failure}")

    with contextlib.suppress(FlakyStrategyDefinition):  # see the docstring
        Workflow.run(
            settings=settings(
                max_examples=25,
                stateful_step_count=8,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.generate],
            )
        )
    assert failures == []
    # The chains really ran: tasks were made, read, streamed and listed.
    labels = (
        "POST /v1/3d/generations",
        "GET /v1/3d/generations/{task_id}",
        "GET /v1/3d/generations/{task_id}/events",
        "GET /v1/3d/generations",
    )
    for label in labels:
        assert seen[(label, 200)] >= 1, sorted(seen.items())
    assert not [key for key in seen if key[1] >= 500], sorted(seen.items())


def test_every_operation_keeps_to_the_document(server: RunningServer) -> None:
    """Each operation on its own, /v1/models, /redirect, /healthz, /readyz and /metrics
    included (no link leads to them)."""
    schema = schemathesis.openapi.from_url(f"{server.base_url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 10

    for operation in operations:
        # /readyz's documented answer while a worker restarts (cancel kills one) is a 503.
        ready = operation.path == "/readyz"
        checks = [check for check in CHECKS if not (ready and check is not_a_server_error)]
        _check_operation(operation, server, checks)


def _check_operation(operation: Any, server: RunningServer, checks: list[Any]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=15,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def keeps_to_the_document(case: Any) -> None:
        response = case.call(headers=server.headers, timeout=60)
        case.validate_response(
            response,
            checks=checks,
            additional_checks=[error_in_the_contracts_shape],
            headers=server.headers,
        )

    keeps_to_the_document()
