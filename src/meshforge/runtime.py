"""Open the shared pieces (database, stores, file storage) for one process."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from meshforge.config import Settings
from meshforge.engines.registry import EngineRegistry
from meshforge.engines.upstream.catalog import upstream_engines
from meshforge.storage.base import Storage
from meshforge.storage.local import LocalStorage
from meshforge.storage.s3 import S3Storage
from meshforge.store.artifacts import ArtifactStore
from meshforge.store.db import make_engine
from meshforge.store.dispatch import DispatchQueue
from meshforge.store.keys import KeyStore
from meshforge.store.leases import LeaseStore
from meshforge.store.migrate import upgrade_to_head
from meshforge.store.tasks import TaskStore
from meshforge.store.webhooks import WebhookOutbox


@dataclass
class Runtime:
    settings: Settings
    db: Engine
    tasks: TaskStore
    artifacts: ArtifactStore
    webhooks: WebhookOutbox
    dispatch: DispatchQueue  # QUEUED tasks due at the broker (the republisher's rows)
    leases: LeaseStore  # work one node of several does at a time
    keys: KeyStore
    storage: Storage
    engines: EngineRegistry

    def close(self) -> None:
        self.db.dispose()


def make_storage(settings: Settings) -> Storage:
    if settings.storage_url:
        return S3Storage(
            settings.storage_url,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            ttl_s=settings.presigned_url_ttl_s,
        )
    return LocalStorage(settings.storage_dir)


def open_runtime(settings: Settings, *, migrate: bool = False) -> Runtime:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = make_engine(settings.resolved_database_url)
    if migrate:
        upgrade_to_head(db)
    artifacts = ArtifactStore(db)
    return Runtime(
        settings=settings,
        db=db,
        tasks=TaskStore(db, artifacts, republish_after_s=settings.republish_after_s),
        artifacts=artifacts,
        webhooks=WebhookOutbox(db),
        dispatch=DispatchQueue(db),
        leases=LeaseStore(db),
        keys=KeyStore(db),
        storage=make_storage(settings),
        engines=EngineRegistry.from_paths(
            settings.extra_engines,
            settings.builtin_engines,
            settings,
            engines=upstream_engines(settings.upstreams),
        ),
    )
