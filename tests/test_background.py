"""Background loops under a lasting fault: they keep going and do not flood the log."""

from __future__ import annotations

import logging
import time

import pytest

from meshforge.background import PeriodicTask


def test_a_failing_streak_is_logged_once_and_its_end_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    rounds = {"n": 0}

    def work() -> None:
        rounds["n"] += 1
        if rounds["n"] <= 30:
            raise ConnectionError("the database is away")

    loop = PeriodicTask("flaky", 0.005, work)
    with caplog.at_level(logging.WARNING, logger="meshforge.background"):
        loop.start()
        deadline = time.monotonic() + 10
        while rounds["n"] < 40 and time.monotonic() < deadline:
            time.sleep(0.01)
        loop.stop()
    messages = [record.getMessage() for record in caplog.records]
    assert rounds["n"] >= 40
    assert messages == [
        "background loop flaky: a round failed",
        "background loop flaky: working again after 30 failed rounds",
    ]
