"""GET / serves the playground, and every script it loads resolves with a JavaScript type."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from meshforge.api.routes.web import WEB_ROOT
from tests.api.conftest import Api, make_api

VENDOR = WEB_ROOT / "vendor" / "three"
# Static imports, minified or not: `import { a } from "x"`, `import * as b from "x"`
# (a comment's "loaded from 'https://...'" does not match).
IMPORT = re.compile(r"""(?:\}|\bimport\s+[\w*\s]+?)\s*from\s*["']([^"']+)["']""")


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    yield from make_api(tmp_path, f"sqlite:///{tmp_path / 'meshforge.db'}")


def test_root_serves_the_page_without_a_key(api: Api) -> None:
    response = api.client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<script type="importmap">' in response.text
    assert 'id="generate"' in response.text


def test_page_assets_have_their_content_types(api: Api) -> None:
    expected = {
        "/web/app.js": "text/javascript; charset=utf-8",
        "/web/style.css": "text/css; charset=utf-8",
        "/web/vendor/three/build/three.module.min.js": "text/javascript; charset=utf-8",
        "/web/vendor/three/LICENSE": "text/plain; charset=utf-8",
    }
    for path, content_type in expected.items():
        response = api.client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"] == content_type, path
        assert response.headers["x-content-type-options"] == "nosniff"


def test_every_module_import_resolves_over_http(api: Api) -> None:
    """Walk the import graph from the page's modules through the importmap, as a browser does."""
    page = api.client.get("/").text
    import_map = dict(re.findall(r'"(three(?:/addons/)?)": "\./([^"]+)"', page))
    assert set(import_map) == {"three", "three/addons/"}
    pending, seen = ["web/app.js"], set()
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        response = api.client.get("/" + url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/javascript"), url
        pending += [_resolve(url, spec, import_map) for spec in IMPORT.findall(response.text)]
    assert "web/vendor/three/build/three.core.min.js" in seen
    assert "web/vendor/three/examples/jsm/loaders/GLTFLoader.js" in seen
    assert "web/vendor/three/examples/jsm/controls/OrbitControls.js" in seen


def _resolve(base: str, spec: str, import_map: dict[str, str]) -> str:
    if spec.startswith("."):
        parts = base.split("/")[:-1]
        for piece in spec.split("/"):
            if piece == "..":
                parts.pop()
            elif piece != ".":
                parts.append(piece)
        return "/".join(parts)
    if spec == "three":
        return import_map["three"]
    assert spec.startswith("three/addons/"), f"{base} imports {spec!r}, which nothing maps"
    return import_map["three/addons/"] + spec.removeprefix("three/addons/")


@pytest.mark.parametrize(
    "path", ["/web/missing.js", "/web/../routes/web.py", "/web/%2e%2e/app.py", "/web/vendor"]
)
def test_unknown_or_outside_paths_are_404_in_the_contract_shape(api: Api, path: str) -> None:
    response = api.client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_vendored_three_is_small_and_licensed() -> None:
    total = sum(file.stat().st_size for file in VENDOR.rglob("*") if file.is_file())
    assert total < 1.5 * 1024 * 1024, total
    assert "MIT License" in (VENDOR / "LICENSE").read_text()
    assert re.search(r"three@\d+\.\d+\.\d+", (VENDOR / "README.md").read_text())
