"""Task statuses and the only moves allowed between them."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    NOT_START = "NOT_START"
    SUBMITTED = "SUBMITTED"
    QUEUED = "QUEUED"
    IN_PROGRESS = "IN_PROGRESS"
    SUCCESS = "SUCCESS"
    FAILURE = "FAILURE"


TERMINAL: frozenset[Status] = frozenset({Status.SUCCESS, Status.FAILURE})

# IN_PROGRESS -> QUEUED is the one backward move: a worker died and the task re-runs.
# SUBMITTED -> SUCCESS: the result cache answered the request, so nothing runs.
ALLOWED: dict[Status, frozenset[Status]] = {
    Status.NOT_START: frozenset({Status.SUBMITTED, Status.FAILURE}),
    Status.SUBMITTED: frozenset({Status.QUEUED, Status.SUCCESS, Status.FAILURE}),
    Status.QUEUED: frozenset({Status.IN_PROGRESS, Status.FAILURE}),
    Status.IN_PROGRESS: frozenset({Status.SUCCESS, Status.FAILURE, Status.QUEUED}),
    Status.SUCCESS: frozenset(),
    Status.FAILURE: frozenset(),
}


def sources_of(target: Status) -> frozenset[Status]:
    """Every status from which `target` may be reached."""
    return frozenset(s for s, targets in ALLOWED.items() if target in targets)


# The fail_reason of a task stopped by its owner (contract: exactly "canceled").
CANCELED_REASON = "canceled"
