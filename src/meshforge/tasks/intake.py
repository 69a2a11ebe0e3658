"""A task's way from accepted to QUEUED: its input image stored, then the queue.

NOT_START -> SUBMITTED once the input is in storage (an image URL is fetched in the
background first), SUBMITTED -> QUEUED when the executor is told. After a restart,
`resume` finishes what a crash interrupted.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from meshforge.domain.records import Task
from meshforge.domain.status import Status
from meshforge.errors import InvalidRequest
from meshforge.executor.base import Executor
from meshforge.inputs.fetch import fetch_image
from meshforge.inputs.images import ImageLimits, check_image, decode_data_url
from meshforge.runtime import Runtime

log = logging.getLogger(__name__)


class Intake:
    def __init__(self, runtime: Runtime, executor: Executor) -> None:
        self._rt = runtime
        self._executor = executor
        self.limits = ImageLimits()
        self._fetchers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="image-fetch")

    def store_data_url(self, task_id: str, image: str) -> str:
        """Decode, check and store an inline image; returns its storage key."""
        return self._store_image(task_id, decode_data_url(image, self.limits))

    def advance(self, task: Task) -> None:
        """NOT_START -> SUBMITTED -> QUEUED; an image URL is fetched in the background."""
        if task.input_key is None and task.image_url:
            self._fetchers.submit(self._prepare_url_input, task.id, task.image_url)
            return
        if self._rt.tasks.mark_submitted(task.id, task.input_key):
            self._queue(task.id)

    def resume(self) -> None:
        """After a restart: finish preparing tasks that were accepted but not yet queued."""
        for task_id in self._rt.tasks.ids_in_status(Status.NOT_START):
            task = self._rt.tasks.get(task_id)
            if task is not None:
                self.advance(task)

    def close(self) -> None:
        self._fetchers.shutdown(wait=False, cancel_futures=True)

    def _queue(self, task_id: str) -> None:
        if self._rt.tasks.mark_queued(task_id):
            self._executor.enqueue(task_id)

    def _store_image(self, task_id: str, data: bytes) -> str:
        checked = check_image(data, self.limits)
        key = f"inputs/{task_id}/image.{checked.format}"
        self._rt.storage.put(key, checked.data)
        return key

    def _prepare_url_input(self, task_id: str, url: str) -> None:
        settings = self._rt.settings
        try:
            data = fetch_image(
                url,
                limits=self.limits,
                allow_private=settings.allow_private_image_urls,
                timeout_s=settings.image_fetch_timeout_s,
            )
            key = self._store_image(task_id, data)
        except InvalidRequest as exc:  # every input error the user can act on
            self._rt.tasks.fail(task_id, exc.message)
            return
        except Exception:
            log.exception("preparing the input image of %s failed", task_id)
            self._rt.tasks.fail(task_id, "the image URL could not be fetched; try again later")
            return
        if self._rt.tasks.mark_submitted(task_id, key):
            self._queue(task_id)
