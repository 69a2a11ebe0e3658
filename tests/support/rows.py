"""Rows for tests that drive the task store directly, without the HTTP layer."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from meshforge.domain.status import Status


def new_task_row(task_id: str) -> dict[str, Any]:
    """A NOT_START task of a placeholder model, as the store's create() takes it."""
    return {
        "id": task_id,
        "key_id": 1,
        "model": "m",
        "params": {},
        "status": Status.NOT_START.value,
        "seed": 1,
        "submit_time": 1,
        "expires_at": 2,
    }


def stored_row(data_dir: Path, task_id: str) -> dict[str, Any]:
    """A task's row straight from a server's SQLite database (for what the API hides)."""
    with sqlite3.connect(data_dir / "meshforge.db") as conn:
        conn.row_factory = sqlite3.Row
        found = conn.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
    return dict(found)
