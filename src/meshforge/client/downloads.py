"""Where a downloaded output goes: the server's filename, made safe, written atomically."""

from __future__ import annotations

import mimetypes
import pathlib
import re
import urllib.parse
from email.message import Message
from types import TracebackType
from typing import BinaryIO

CHUNK_SIZE = 1 << 16

_EXTENSIONS = {
    "model/gltf-binary": ".glb",
    "model/obj": ".obj",
    "model/stl": ".stl",
    "model/vnd.usdz+zip": ".usdz",
    "application/x-ply": ".ply",
    "image/png": ".png",
}
_UNSAFE = re.compile(r"[^\w. -]+")


def filename_from_content_disposition(header: str | None) -> str | None:
    """The filename a Content-Disposition header names (RFC 6266, `filename*` preferred)."""
    if not header:
        return None
    message = Message()
    message["content-disposition"] = header
    name = message.get_filename()
    return name or None


def safe_filename(name: str) -> str:
    """A bare file name: no directories, no leading dots, only harmless characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    return base[:200]


def choose_filename(content_disposition: str | None, url: str, content_type: str) -> str:
    """The server's filename if it sent one, else one made from the URL and content type."""
    name = safe_filename(filename_from_content_disposition(content_disposition) or "")
    if name:
        return name
    last_segment = urllib.parse.unquote(urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1])
    name = safe_filename(last_segment) or "output"
    if "." not in name:
        mime = content_type.split(";", 1)[0].strip().lower()
        name += _EXTENSIONS.get(mime) or mimetypes.guess_extension(mime) or ""
    return name


def unique_path(directory: pathlib.Path, name: str, taken: set[pathlib.Path]) -> pathlib.Path:
    """`directory/name`, numbered when another output of this download already took it.

    The caller adds the path to `taken` once the file is complete, so a retried
    download reuses its name.

    Files left by earlier runs are overwritten: downloading a task again refreshes it.
    """
    path = directory / name
    stem, suffix = path.stem, path.suffix
    number = 2
    while path in taken:
        path = directory / f"{stem}-{number}{suffix}"
        number += 1
    return path


class PartFile:
    """Writes to `<name>.part` and renames onto the target only once complete."""

    def __init__(self, target: pathlib.Path) -> None:
        self.target = target
        self.partial = target.with_name(f".{target.name}.part")
        self.size = 0
        self._file: BinaryIO | None = None

    def __enter__(self) -> PartFile:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.partial.open("wb")
        return self

    def write(self, chunk: bytes) -> None:
        assert self._file is not None, "use PartFile as a context manager"
        self._file.write(chunk)
        self.size += len(chunk)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._file is not None
        self._file.close()
        if exc_type is None:
            self.partial.replace(self.target)
        else:
            self.partial.unlink(missing_ok=True)
