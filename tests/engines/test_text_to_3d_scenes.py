"""Small scenes of several objects: the plan read from the prompt (no model needed), and
the laid-out scene through the real engine and the real server."""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from numpy.typing import NDArray

from bench.text_to_3d.scene_checks import floating, intersecting, object_solids
from meshforge.assets.export import export_scene
from meshforge.engines.base import EngineInputError, GenerationRequest
from meshforge.engines.text_to_3d.classifier import PromptClassifier
from meshforge.engines.text_to_3d.engine import TextTo3DEngine, create_engine
from meshforge.engines.text_to_3d.scene_plan import ScenePlan, plan_scene
from meshforge.engines.text_to_3d.vocabulary import CATEGORIES
from tests.support.server import start_server


class _NoEmbeddings:
    """The planner reads keywords only; a zero encoder keeps these tests model-free."""

    def encode(self, texts: list[str]) -> NDArray[np.float32]:
        return np.zeros((len(texts), 4), dtype=np.float32)


def _plan(prompt: str) -> ScenePlan:
    classifier = PromptClassifier(_NoEmbeddings())
    tokens, mentions = classifier.read(prompt)
    return plan_scene(tokens, mentions, CATEGORIES, [m.kinds[0] for m in mentions])


def _described(plan: ScenePlan) -> list[tuple[str, int, str | None, list[str]]]:
    """(kind, copies, relation, names of the related objects) per object."""
    names = [CATEGORIES[o.category].name for o in plan.objects]
    return [
        (
            names[i],
            o.copies,
            o.placement.relation if o.placement else None,
            [names[t] for t in o.placement.targets] if o.placement else [],
        )
        for i, o in enumerate(plan.objects)
    ]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("a lamp on a desk", [("table_lamp", 1, "on", ["desk"]), ("desk", 1, None, [])]),
        ("a table with two chairs", [("table", 1, None, []), ("chair", 2, "with", ["table"])]),
        (
            "three barrels next to a crate",
            [("barrel", 3, "beside", ["crate"]), ("crate", 1, None, [])],
        ),
        (
            "a vase of flowers on a round table",
            [("vase", 1, "on", ["table"]), ("flower", 1, "in", ["vase"]), ("table", 1, None, [])],
        ),
        (
            "a bed with a nightstand and a lamp on it",
            [
                ("bed", 1, None, []),
                ("nightstand", 1, "with", ["bed"]),
                ("table_lamp", 1, "on", ["nightstand"]),
            ],
        ),
        (
            "a mug and a plate on a kitchen table",
            [("mug", 1, "on", ["table"]), ("plate", 1, "on", ["table"]), ("table", 1, None, [])],
        ),
        (
            "a bird bath between two bushes",
            [("bird_bath", 1, "between", ["bush"]), ("bush", 2, None, [])],
        ),
        ("a cake with candles", [("cake", 1, None, [])]),  # the cake draws its candles
        ("a chest of drawers", [("chest_of_drawers", 1, None, [])]),
        ("a pair of headphones", [("headphones", 1, None, [])]),
    ],
)
def test_the_plan_names_every_object_and_how_it_stands(
    prompt: str, expected: list[tuple[str, int, str | None, list[str]]]
) -> None:
    assert _described(_plan(prompt)) == expected


def test_copies_are_stacked_or_lined_up_when_the_prompt_says_so() -> None:
    assert _plan("five crates stacked in a pile").objects[0].arrangement == "stack"
    assert _plan("three traffic cones in a row").objects[0].arrangement == "row"
    assert _plan("a stack of three books").objects[0].copies == 3


@pytest.fixture(scope="module")
def engine() -> Iterator[TextTo3DEngine]:
    built = create_engine()
    built.warm_up()
    yield built


@pytest.mark.parametrize(
    ("prompt", "nodes"),
    [
        ("a table with two chairs", {"table_1", "chair_1", "chair_2"}),
        ("a lamp on a desk", {"table_lamp_1", "desk_1"}),
        ("three barrels next to a crate", {"barrel_1", "barrel_2", "barrel_3", "crate_1"}),
        ("a vase of flowers on a round table", {"vase_1", "flower_1", "table_1"}),
        ("a bowl of apples on a table", {"bowl_1", "apple_1", "apple_2", "apple_3", "table_1"}),
    ],
)
def test_scenes_hold_every_object_without_overlaps_each_resting_on_something(
    engine: TextTo3DEngine, prompt: str, nodes: set[str]
) -> None:
    scene = engine.generate(GenerationRequest(seed=5, prompt=prompt), lambda _p, _s: None)
    objects = object_solids(scene)
    assert set(objects) == nodes
    assert intersecting(objects) == [] and floating(objects) == [], prompt
    assert abs(scene.bounds[0][1]) < 1e-6  # the scene stands on y = 0


def test_a_lamp_on_a_desk_stands_on_the_desk_top(engine: TextTo3DEngine) -> None:
    scene = engine.generate(GenerationRequest(seed=2, prompt="a lamp on a desk"), lambda *_: None)
    objects = object_solids(scene)
    desk_top = objects["desk_1"].bounding_box()[4]
    assert objects["table_lamp_1"].bounding_box()[1] == pytest.approx(desk_top, abs=0.003)


def test_a_scene_with_something_alive_in_it_is_refused(engine: TextTo3DEngine) -> None:
    with pytest.raises(EngineInputError, match="two cats"):
        engine.generate(GenerationRequest(seed=1, prompt="a table with two cats"), lambda *_: None)


def test_one_object_keeps_its_material_meshes_at_the_root(engine: TextTo3DEngine) -> None:
    scene = engine.generate(GenerationRequest(seed=1, prompt="a red chair"), lambda *_: None)
    assert all("/" not in str(node) for node in scene.graph.nodes_geometry)


def _glb_nodes(data: bytes) -> list[dict[str, object]]:
    length = struct.unpack_from("<I", data, 12)[0]
    document = json.loads(data[20 : 20 + length])
    roots = document["scenes"][document.get("scene", 0)]["nodes"]
    nodes: list[dict[str, object]] = document["nodes"]
    return [nodes[i] for i in roots]


def test_the_glb_has_one_named_node_per_object(engine: TextTo3DEngine) -> None:
    scene = engine.generate(
        GenerationRequest(seed=4, prompt="a table with two chairs"), lambda *_: None
    )
    roots = _glb_nodes(export_scene(scene, "glb").data)
    assert sorted(str(n["name"]) for n in roots) == ["chair_1", "chair_2", "table_1"]
    assert all(n.get("children") for n in roots)  # each holds its material meshes


@pytest.mark.slow
def test_a_scene_prompt_through_the_real_server(tmp_path: Path) -> None:
    """Submit, poll, download: the GLB holds one node per object, and GET /v1/models
    lists the kinds."""
    env = {"MESHFORGE_BUILTIN_ENGINES": "true"}
    with start_server(tmp_path, env=env) as server, httpx.Client(timeout=60) as http:
        models = http.get(f"{server.base_url}/v1/models", headers=server.headers).json()
        text = next(m for m in models["data"] if m["id"] == "meshforge/text-to-3d")
        kinds = text["parameters"]["properties"]["prompt"]["x-kinds"]
        assert sum(len(v) for v in kinds.values()) == len(CATEGORIES) >= 150
        body = {"model": "meshforge/text-to-3d", "prompt": "a lamp on a desk", "seed": 3}
        submitted = http.post(
            f"{server.base_url}/v1/3d/generations", json=body, headers=server.headers
        )
        task_id = submitted.json()["task_id"]
        data = _wait(http, server.base_url, server.headers, task_id)
        glb = http.get(data["outputs"][0], follow_redirects=True).content
        assert sorted(str(n["name"]) for n in _glb_nodes(glb)) == ["desk_1", "table_lamp_1"]


def _wait(
    http: httpx.Client, base: str, headers: dict[str, str], task_id: str
) -> dict[str, object]:
    import time

    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        data: dict[str, object] = http.get(
            f"{base}/v1/3d/generations/{task_id}", headers=headers
        ).json()["data"]
        if data["status"] in ("SUCCESS", "FAILURE"):
            assert data["status"] == "SUCCESS", data["fail_reason"]
            return data
        time.sleep(0.5)
    raise AssertionError("the task did not finish")


def test_a_listed_object_without_a_kind_refuses_the_scene(engine: TextTo3DEngine) -> None:
    with pytest.raises(EngineInputError, match="a fountain"):
        engine.generate(GenerationRequest(seed=1, prompt="a bench and a fountain"), lambda *_: None)


@pytest.mark.parametrize(
    ("prompt", "unknown"),
    [("a skull on a tombstone", "a skull"), ("a sandbox with a shovel", "a sandbox")],
)
def test_an_unknown_first_object_refuses_the_prompt(
    engine: TextTo3DEngine, prompt: str, unknown: str
) -> None:
    """The first object, placed on or beside a known one, is named, not a setting: building
    the known one alone would answer another prompt."""
    with pytest.raises(EngineInputError, match=f'names "{unknown}"'):
        engine.plan(prompt)


@pytest.mark.parametrize(
    "prompt", ["a flight of concrete stairs", "a vintage wooden chair", "a lamp on a desk"]
)
def test_words_before_a_known_object_describe_it(engine: TextTo3DEngine, prompt: str) -> None:
    engine.plan(prompt)  # no refusal


def test_counted_candles_beside_another_object_are_one_node_each(engine: TextTo3DEngine) -> None:
    prompt = "three candles and a plate"
    scene = engine.generate(GenerationRequest(seed=1, prompt=prompt), lambda *_: None)
    assert set(object_solids(scene)) == {"candle_1", "candle_2", "candle_3", "plate_1"}


def test_a_part_the_object_draws_is_not_another_object() -> None:
    assert _described(_plan("a potted plant in a blue pot")) == [("potted_plant", 1, None, [])]
    assert _described(_plan("a grey sofa with yellow cushions")) == [("sofa", 1, None, [])]
