"""The weights directory: one folder per published repository, laid out as its snapshot.

    <MESHFORGE_WEIGHTS_DIR>/openai/shap-e/model_index.json, prior/, text_encoder/, ...

A Snapshot names the repository and the files a model loads from it; checking that they
are there is cheap (a few stat calls), so it runs on every submit. Nothing here ever
downloads: docs/weights.md says how an operator copies a snapshot from another machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Snapshot:
    repository: str  # the published repository id, also the folder under the weights dir
    required: tuple[str, ...]  # files the model loads, relative to the folder

    def folder(self, weights_dir: Path) -> Path:
        return weights_dir / self.repository

    def missing(self, weights_dir: Path) -> list[str]:
        """The required files that are not there (all of them when the folder is absent)."""
        folder = self.folder(weights_dir)
        return [name for name in self.required if not (folder / name).is_file()]

    def missing_reason(self, weights_dir: Path) -> str:
        """A sentence for the user when files are missing, else ""."""
        missing = self.missing(weights_dir)
        if not missing:
            return ""
        where = f"<weights dir>/{self.repository}"
        if len(missing) == len(self.required):
            return f"its weights are not installed: copy a snapshot of {self.repository} to {where}"
        shown = ", ".join(missing[:3]) + (" ..." if len(missing) > 3 else "")
        return f"its weights at {where} are incomplete (missing {shown})"


def diffusers_snapshot(repository: str, components: tuple[str, ...]) -> Snapshot:
    """A diffusers pipeline snapshot: model_index.json plus each component's config."""
    configs = {
        "tokenizer": "tokenizer_config.json",
        "image_processor": "preprocessor_config.json",
        "scheduler": "scheduler_config.json",
    }
    required = ["model_index.json"]
    for name in components:
        required.append(f"{name}/{configs.get(name, 'config.json')}")
    return Snapshot(repository, tuple(required))
