"""A task's way from accepted to QUEUED: its input image stored, then the queue.

NOT_START -> SUBMITTED once the input is in storage (an image URL is fetched in the
background first) with its cache key; then SUCCESS at once when the result cache has the
answer, else SUBMITTED -> QUEUED when the executor is told. After a restart, `resume`
finishes what a crash interrupted.

An image URL is fetched by one node of several: the row's `dispatch_due_at` is the
fetch's lease (set at submit), and every node takes over due fetches by compare-and-set
(store/dispatch.py), so a fetch whose node died is done by another, once.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from meshforge.background import PeriodicTask
from meshforge.domain.records import Task
from meshforge.domain.status import Status
from meshforge.errors import InvalidRequest
from meshforge.executor.base import Executor
from meshforge.inputs.fetch import fetch_image
from meshforge.inputs.images import ImageLimits, check_image, decode_data_url
from meshforge.runtime import Runtime
from meshforge.tasks.cache import ResultCache, image_digest

log = logging.getLogger(__name__)

FETCH_DUE_EVERY_S = 5.0


def fetch_lease_s(runtime: Runtime) -> float:
    """How long one node may take over an image URL before another takes it over."""
    return runtime.settings.image_fetch_timeout_s + 30.0


@dataclass(frozen=True)
class StoredImage:
    key: str
    digest: str  # sha256 of the bytes, for the result cache


class Intake:
    def __init__(self, runtime: Runtime, executor: Executor) -> None:
        self._rt = runtime
        self._executor = executor
        self.cache = ResultCache(runtime)
        self.limits = ImageLimits()
        self._fetchers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="image-fetch")
        self._due_fetches = PeriodicTask("image-fetch-due", FETCH_DUE_EVERY_S, self.fetch_due)

    def store_data_url(self, task_id: str, image: str) -> StoredImage:
        """Decode, check and store an inline image."""
        return self._store_image(task_id, decode_data_url(image, self.limits))

    def advance(self, task: Task, digest: str | None = None, from_cache: bool = False) -> None:
        """NOT_START -> SUBMITTED -> SUCCESS from the cache (when `from_cache` allows it)
        or QUEUED; an image URL is fetched in the background. `digest`: the stored input
        image's sha256, when known."""
        if task.input_key is None and task.image_url:
            self._fetchers.submit(self._prepare_url_input, task, from_cache)
            return
        self._submit(task, task.input_key, digest, from_cache)

    def resume(self) -> None:
        """After a restart: finish preparing tasks that were accepted but not yet queued
        (their moves are compare-and-set, so several nodes may do this at once); image
        URLs only when their fetch is due, as another node may be fetching them."""
        for task_id in self._rt.tasks.ids_in_status(Status.NOT_START):
            task = self._rt.tasks.get(task_id)
            if task is not None and not (task.input_key is None and task.image_url):
                self.advance(task)
        self.fetch_due()
        self._due_fetches.start()

    def fetch_due(self) -> None:
        """Take over the image fetches that are due (their node died) and run them."""
        for task_id in self._rt.dispatch.claim_due_fetches(lease_s=fetch_lease_s(self._rt)):
            task = self._rt.tasks.get(task_id)
            if task is not None:
                self._fetchers.submit(self._prepare_url_input, task, False)

    def close(self) -> None:
        self._due_fetches.stop()
        self._fetchers.shutdown(wait=False, cancel_futures=True)

    def _submit(
        self, task: Task, input_key: str | None, digest: str | None, from_cache: bool
    ) -> None:
        with_input = replace(task, input_key=input_key)
        cache_key = self.cache.key_for(with_input, digest)
        if not self._rt.tasks.mark_submitted(task.id, input_key, cache_key):
            return
        if from_cache and cache_key and self.cache.answer(task.id, cache_key):
            return
        if self._rt.tasks.mark_queued(task.id):
            self._executor.enqueue(task.id)

    def _store_image(self, task_id: str, data: bytes) -> StoredImage:
        checked = check_image(data, self.limits)
        key = f"inputs/{task_id}/image.{checked.format}"
        self._rt.storage.put(key, checked.data)
        return StoredImage(key, image_digest(checked.data))

    def _prepare_url_input(self, task: Task, from_cache: bool) -> None:
        settings, task_id, url = self._rt.settings, task.id, task.image_url or ""
        try:
            data = fetch_image(
                url,
                limits=self.limits,
                allow_private=settings.allow_private_image_urls,
                timeout_s=settings.image_fetch_timeout_s,
            )
            stored = self._store_image(task_id, data)
        except InvalidRequest as exc:  # every input error the user can act on
            self._rt.tasks.fail(task_id, exc.message)
            return
        except Exception:
            log.exception("preparing the input image of %s failed", task_id)
            self._rt.tasks.fail(task_id, "the image URL could not be fetched; try again later")
            return
        self._submit(task, stored.key, stored.digest, from_cache)
