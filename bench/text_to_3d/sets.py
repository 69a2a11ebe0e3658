"""The prompt sets and what each prompt expects, with where the set came from.

| set | file | written | role |
|---|---|---|---|
| main | prompts.json (set=main) | with the 57-kind engine | tuning |
| held-out-57 | prompts.json (set=held-out) | after tuning the 57-kind engine | held out then |
| tuning-16 | tuning_prompts.json | while building the 278 kinds | tuning |
| everyday-16 | everyday_prompts.json | before the 278 kinds were chosen | held out |
| scenes-dev, scenes-16, scenes-lead | scene_prompts*.json | see SCENE_SETS | scenes |

Objects of the everyday and scene prompts are mapped to kinds in everyday_kinds.json,
written after the vocabulary was settled and before the sets were run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meshforge.engines.text_to_3d.vocabulary import CATEGORIES

HERE = Path(__file__).resolve().parent
HELD_OUT = frozenset({"held-out-57", "everyday-16"})
SCENE_SETS = (
    ("scenes-dev", "scene_prompts.json"),  # used to debug the scene parser and layout
    ("scenes-16", "scene_prompts_2.json"),  # written before it was run; two rules changed after
    ("scenes-lead", "scene_prompts_3.json"),  # written by the lead after #16 landed, run once
)


@dataclass(frozen=True)
class Prompt:
    text: str
    expected: str | None  # a kind name, or None: must be refused
    set: str
    colour: str | None = None
    material: str | None = None


def one_object_sets() -> list[Prompt]:
    """Every one-object prompt of every set, in a fixed order."""
    out: list[Prompt] = []
    for item in _load("prompts.json")["prompts"]:
        name = "held-out-57" if item.get("set") == "held-out" else "main"
        out.append(Prompt(item["prompt"], item["category"], name, item["colour"], item["material"]))
    for item in _load("tuning_prompts.json")["prompts"]:
        out.append(Prompt(item["prompt"], item["category"], "tuning-16"))
    kinds = object_kinds()
    for item in _load("everyday_prompts.json")["prompts"]:
        out.append(Prompt(item["prompt"], kinds[item["object"]], "everyday-16"))
    return out


def scene_sets() -> list[tuple[str, str, dict[str | None, int]]]:
    """(set, prompt, {kind or None: count, 0 meaning at least one}) of every scene prompt;
    an object without a kind stays in the expectation as None, so its scene fails."""
    kinds = object_kinds()
    out = []
    for name, file in SCENE_SETS:
        for scene in _load(file)["scenes"]:
            expected: dict[str | None, int] = {}
            for noun, count in scene["objects"].items():
                kind = kinds.get(noun, _by_keyword(noun))
                expected[kind] = count if kind is not None else 1
            out.append((name, scene["prompt"], expected))
    return out


def object_kinds() -> dict[str, str | None]:
    """Object noun -> kind name (or None) for the everyday and scene prompts."""
    kinds: dict[str, str | None] = dict(_load("everyday_kinds.json")["kinds"])
    for _, file in SCENE_SETS:
        kinds.update(_load(file).get("extra_kinds", {}))
    return kinds


def _by_keyword(noun: str) -> str | None:
    for category in CATEGORIES:
        if noun in category.keywords or noun == category.label:
            return category.name
    return None


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / name).read_text())
    return data
