"""The in-process app on both databases (tests/api's fixture)."""

from tests.api.conftest import api  # noqa: F401
