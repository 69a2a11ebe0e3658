"""The README carries the client guide verbatim, so its examples are the tested ones."""

from __future__ import annotations

from tests.support.server import REPO_ROOT


def test_readme_contains_the_tested_client_guide() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    guide = (REPO_ROOT / "docs" / "client.md").read_text()
    assert guide.strip() in readme


def test_readme_shows_the_two_setup_commands() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    assert "scripts/serve.sh" in readme and "scripts/test.sh" in readme
    ci = (REPO_ROOT / ".ci" / "run").read_text()
    assert "scripts/test.sh" in ci
