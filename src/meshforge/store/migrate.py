"""Bring a database to the newest schema with Alembic (programmatic, no alembic.ini)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# Any fixed number: every meshforge node asks for the same PostgreSQL advisory lock.
MIGRATION_LOCK_ID = 0x6D657368  # "mesh"


def upgrade_to_head(engine: Engine) -> None:
    """Migrate in one transaction; on PostgreSQL under an advisory lock, so nodes that
    start at once migrate one after the other (the second finds nothing left to do)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
