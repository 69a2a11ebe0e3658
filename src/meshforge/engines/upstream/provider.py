"""The interface each provider module implements: submit, poll, cancel, health probe."""

from __future__ import annotations

from typing import Any, Protocol

from meshforge.engines.upstream.http import ProviderHttp
from meshforge.engines.upstream.job import Poll, UpstreamJob


class Provider(Protocol):
    name: str
    # The provider honours an Idempotency-Key: a submit may be sent again with the same
    # key after an unclear failure and still create one task.
    idempotent_submit: bool

    def error_message(self, body: Any) -> str:
        """The provider's reason in a JSON error body."""
        ...

    def stages(self, job: UpstreamJob) -> int:
        """How many upstream tasks one job takes (Meshy textures a text model in two)."""
        ...

    async def submit(
        self, http: ProviderHttp, job: UpstreamJob, stage: int, previous: str | None, key: str
    ) -> str:
        """Create the stage's upstream task; returns its id. `previous`: the id of the
        stage before; `key`: the idempotency key of this stage of this task."""
        ...

    async def poll(self, http: ProviderHttp, job: UpstreamJob, stage: int, task_id: str) -> Poll:
        """The upstream task's state."""
        ...

    async def cancel(self, http: ProviderHttp, job: UpstreamJob, stage: int, task_id: str) -> None:
        """Stop the upstream task where the provider can (best effort)."""
        ...

    async def probe(self, http: ProviderHttp) -> None:
        """A cheap authenticated call; raises an UpstreamError when it gets no answer."""
        ...


def percent(value: Any) -> int:
    """0..100 from 57, "57" or "57%"; 0 when unreadable."""
    try:
        return max(0, min(100, int(float(str(value).rstrip("%")))))
    except ValueError:
        return 0
