"""The web playground: GET / serves the page, GET /web/... its scripts, styles and three.js.

No key is needed to load these files (they hold nothing secret); the page sends the key the
user types with every /v1 call it makes. Everything is served from the package, so the page
and its 3D viewer work on a server with no internet access.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from meshforge.errors import NotFound

router = APIRouter(tags=["web"])

WEB_ROOT = Path(__file__).resolve().parent.parent / "web"

# Fixed types rather than the mimetypes module, whose answers depend on the host's
# /etc/mime.types: a browser refuses a module script served with a non-JavaScript type.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".md": "text/plain; charset=utf-8",
    "": "text/plain; charset=utf-8",  # LICENSE
}

# Revalidate every time: the files change with the installed version, and they are small.
_HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


@router.get("/", include_in_schema=False)
def playground() -> FileResponse:
    return _file(WEB_ROOT / "index.html")


@router.get("/web/{path:path}", include_in_schema=False)
def web_asset(path: str) -> FileResponse:
    return _file(_resolve(path))


def _resolve(path: str) -> Path:
    """The file under WEB_ROOT that `path` names; 404 for anything outside it or unknown."""
    candidate = (WEB_ROOT / path).resolve()
    if not candidate.is_relative_to(WEB_ROOT) or not candidate.is_file():
        raise NotFound("no such path")
    if candidate.suffix not in CONTENT_TYPES:
        raise NotFound("no such path")
    return candidate


def _file(path: Path) -> FileResponse:
    return FileResponse(path, media_type=CONTENT_TYPES[path.suffix], headers=_HEADERS)
