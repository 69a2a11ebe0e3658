"""Files in a local directory; writes are atomic (temp file + rename)."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from meshforge.errors import StorageFull

_NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self._root = root.resolve()
        self._root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        path = (self._root / key).resolve()
        if not path.is_relative_to(self._root):  # keys are ours, but never trust a path
            raise ValueError("storage key escapes the storage root")
        return path

    def put(self, key: str, data: bytes) -> None:
        """Write atomically; a full disk leaves no partial file and raises StorageFull."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._write_atomically(path, data)
        except OSError as exc:
            if exc.errno in _NO_SPACE:
                self._prune_empty_parents(path)
                raise StorageFull() from exc
            raise

    def _write_atomically(self, path: Path, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def local_path(self, key: str) -> Path | None:
        return self._path(key)

    def download_url(self, key: str, filename: str, content_type: str) -> str | None:
        return None  # served from local_path by the API

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        self._prune_empty_parents(path)

    def _prune_empty_parents(self, path: Path) -> None:
        """Remove the folders a key made once they are empty (a task's output folder)."""
        for parent in path.parents:
            if parent == self._root or not parent.is_relative_to(self._root):
                return
            try:
                parent.rmdir()
            except OSError:  # not empty (or already gone): stop here
                return

    def ping(self) -> None:
        probe = self._root / ".ready-probe"
        probe.write_bytes(b"ok")
        probe.unlink()
