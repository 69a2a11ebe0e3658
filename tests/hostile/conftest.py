"""An in-process app per database for the hostile corpus (fixture engines, no workers)."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest

from tests.api.conftest import Api, make_api


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hostile_api(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Api]:
    """One app for a whole module (the cases are independent), on each database."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'meshforge.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    yield from make_api(tmp_path, url, submits_per_minute=100_000)


def data_url(data: bytes, media_type: str = "image/png") -> str:
    return f"data:{media_type};base64," + base64.b64encode(data).decode()
