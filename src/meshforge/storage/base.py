"""The narrow interface every file store implements (local directory now, S3 later)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None:
        """Store bytes under a key like 'outputs/<task_id>/model.glb' (atomic)."""
        ...

    def get(self, key: str) -> bytes: ...

    def local_path(self, key: str) -> Path | None:
        """A file path the HTTP layer can stream, or None for remote stores."""
        ...

    def download_url(self, key: str, filename: str, content_type: str) -> str | None:
        """A short-lived URL to redirect a download to, or None to stream local_path."""
        ...

    def delete(self, key: str) -> None: ...

    def ping(self) -> None:
        """Raise if the store cannot be written."""
        ...
