"""Database engines: SQLite in WAL mode by default, PostgreSQL by URL."""

from __future__ import annotations

import sqlite3
from typing import Any

import asyncpg
import psycopg
from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc

# A database host that drops packets must cost a request seconds, not the TCP timeout.
# Every engine hides statement parameters from error messages, which are logged: they
# hold key hashes, prompts and URLs.
CONNECT_TIMEOUT_S = 5
_CONNECT_ARGS = {"connect_timeout": CONNECT_TIMEOUT_S}


class DatabaseAway(Exception):
    """The asyncpg reads could not reach the database (refused, reset or timed out)."""


def make_engine(url: str) -> Engine:
    """One engine per process; SQLite gets WAL, a busy timeout and foreign keys."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            pool_size=16,
            max_overflow=16,
            hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url,
        pool_size=16,
        max_overflow=16,
        pool_pre_ping=True,
        connect_args=_CONNECT_ARGS,
        hide_parameters=True,
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


# SQLite reports a busy, full, unreadable or read-only file as OperationalError, as it
# does a bug such as a missing table: only these messages mean "not now, try again".
_SQLITE_TRANSIENT = (
    "database is locked",
    "database is busy",
    "disk i/o error",
    "database or disk is full",
    "unable to open database file",
    "attempt to write a readonly database",
)


# asyncpg's ways of saying the server is down, restarting or full (the API's reads).
_ASYNCPG_AWAY = (
    asyncpg.PostgresConnectionError
    | asyncpg.InterfaceError
    | asyncpg.CannotConnectNowError
    | asyncpg.TooManyConnectionsError
)


def database_unavailable(exc: BaseException) -> bool:
    """True when `exc` says the database cannot serve now (down, unreachable, busy, its
    disk full) rather than that a query is wrong: the one test the API's 503 and the
    workers' retries share."""
    if isinstance(exc, sa_exc.TimeoutError | DatabaseAway):  # no connection came in time
        return True
    original = exc.orig if isinstance(exc, sa_exc.DBAPIError) else exc
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(original, sqlite3.OperationalError):
        return str(original).lower().startswith(_SQLITE_TRANSIENT)
    return isinstance(original, psycopg.OperationalError | psycopg.InterfaceError | _ASYNCPG_AWAY)
