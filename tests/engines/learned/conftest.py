"""Tiny random Shap-E snapshots, written once per test session in the weights layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from meshforge.config import Settings
from tests.support.learned_weights import write_shap_e


@pytest.fixture(scope="session")
def weights_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("weights")
    write_shap_e(folder, image=False)
    write_shap_e(folder, image=True)
    return folder


@pytest.fixture
def settings(weights_dir: Path, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, weights_dir=weights_dir, learned_on_cpu=True)
