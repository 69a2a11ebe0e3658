"""The task lifecycle as a state machine: the store allows exactly the contract's moves."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from meshforge.domain.status import ALLOWED, TERMINAL, Status
from meshforge.executor.recovery import recover_orphan
from meshforge.store.artifacts import ArtifactStore
from meshforge.store.db import make_engine
from meshforge.store.migrate import upgrade_to_head
from meshforge.store.tasks import TaskStore
from tests.support.rows import new_task_row

MAX_ATTEMPTS = 3
_counter = itertools.count()


class LifecycleMachine(RuleBasedStateMachine):
    """Drives one task through random moves and checks the store against a model."""

    def __init__(self) -> None:
        super().__init__()
        self._dir = tempfile.TemporaryDirectory()
        self.engine = make_engine(f"sqlite:///{Path(self._dir.name) / 'db.sqlite'}")
        upgrade_to_head(self.engine)
        self.store = TaskStore(self.engine, ArtifactStore(self.engine))
        self.task_id = f"3d_{next(_counter):048x}"
        self.store.create(new_task_row(self.task_id))
        self.status = Status.NOT_START
        self.attempts = 0
        self.progress = 0
        self.worker = ""

    def teardown(self) -> None:
        self.engine.dispose()
        self._dir.cleanup()

    @rule(goal=st.sampled_from(list(Status)))
    def try_any_move(self, goal: Status) -> None:
        """Illegal moves are refused; FAILURE (e.g. cancel) is reachable from any
        non-terminal status. Legal moves with side effects have their own rules."""
        if goal in ALLOWED[self.status] and goal is not Status.FAILURE:
            return
        moved = self.store.transition(self.task_id, goal)
        assert moved == (goal in ALLOWED[self.status])
        if moved:
            self.status = goal

    @rule()
    def submit(self) -> None:
        moved = self.store.mark_submitted(self.task_id, None)
        assert moved == (self.status is Status.NOT_START)
        self.status = Status.SUBMITTED if moved else self.status

    @rule()
    def queue(self) -> None:
        moved = self.store.mark_queued(self.task_id)
        assert moved == (self.status is Status.SUBMITTED)
        self.status = Status.QUEUED if moved else self.status

    @rule(worker=st.sampled_from(["w1", "w2"]))
    def claim(self, worker: str) -> None:
        moved = self.store.claim(self.task_id, worker)
        assert moved == (self.status is Status.QUEUED)
        if moved:
            self.status, self.worker, self.progress = Status.IN_PROGRESS, worker, 0
            self.attempts += 1

    @rule(worker=st.sampled_from(["w1", "w2"]), value=st.integers(-10, 120))
    def report_progress(self, worker: str, value: int) -> None:
        self.store.set_progress(self.task_id, worker, value)
        if self.status is Status.IN_PROGRESS and worker == self.worker:
            self.progress = max(self.progress, min(99, max(0, value)))

    @precondition(lambda self: self.status is Status.IN_PROGRESS)
    @rule()
    def worker_dies(self) -> None:
        requeued = recover_orphan(self.store, self.task_id, MAX_ATTEMPTS, held_by=self.worker)
        assert requeued == (self.attempts < MAX_ATTEMPTS)
        self.status = Status.QUEUED if requeued else Status.FAILURE
        self.progress = 0 if requeued else self.progress

    @rule(worker=st.sampled_from(["w1", "w2"]))
    def graceful_stop(self, worker: str) -> None:
        moved = self.store.hand_back(self.task_id, worker)
        assert moved == (self.status is Status.IN_PROGRESS and worker == self.worker)
        if moved:
            self.status, self.progress, self.worker = Status.QUEUED, 0, ""
            self.attempts -= 1

    @rule(worker=st.sampled_from(["w1", "w2"]))
    def finish(self, worker: str) -> None:
        moved = self.store.succeed(self.task_id, worker, [], None, [])
        assert moved == (self.status is Status.IN_PROGRESS and worker == self.worker)
        if moved:
            self.status, self.progress = Status.SUCCESS, 100

    @invariant()
    def store_matches_model(self) -> None:
        task = self.store.get(self.task_id)
        assert task is not None
        assert task.status is self.status
        assert task.progress == self.progress
        assert task.attempts == self.attempts <= MAX_ATTEMPTS
        assert (task.progress == 100) == (task.status is Status.SUCCESS)

    @invariant()
    def terminal_is_forever(self) -> None:
        if self.status in TERMINAL:
            for target in Status:
                assert not self.store.transition(self.task_id, target)


TestLifecycle = LifecycleMachine.TestCase
TestLifecycle.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
