"""Nodes that start at once against a new PostgreSQL database: one migrates, the others
wait on the advisory lock and find nothing left to do (none fails on a half-made schema)."""

from __future__ import annotations

import secrets
import threading

import sqlalchemy as sa

from meshforge.store.db import make_engine
from meshforge.store.migrate import upgrade_to_head
from tests.conftest import POSTGRES_ADMIN_URL


def test_three_nodes_migrating_one_new_database_at_once_all_succeed() -> None:
    name = f"meshforge_migrate_{secrets.token_hex(4)}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(False)
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def node() -> None:
        engine = make_engine(url)
        start.wait()
        try:
            upgrade_to_head(engine)
        except BaseException as exc:  # collected: the assertion below shows them
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=node, daemon=True) for _ in range(3)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:  # without the lock, the nodes' DDL deadlocks
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads), "migrations hang"
        assert errors == []
        engine = make_engine(url)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            assert conn.execute(sa.text("SELECT count(*) FROM leases")).scalar() == 0
        engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
