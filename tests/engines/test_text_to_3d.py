"""The weight-free text-to-3D engine, end to end through generate() with the real
embedding model (loaded once per test session)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import trimesh

from meshforge.assets.export import SUPPORTED_FORMATS, export_scene
from meshforge.engines.base import Engine, EngineInputError, GenerationRequest
from meshforge.engines.registry import EngineRegistry
from meshforge.engines.text_to_3d.assemble import build_groups, main_material
from meshforge.engines.text_to_3d.attributes import parse_attributes
from meshforge.engines.text_to_3d.engine import TextTo3DEngine, create_engine
from meshforge.engines.text_to_3d.generators import GENERATORS
from meshforge.engines.text_to_3d.vocabulary import CATEGORIES
from tests.support.gltf_validate import validate_glb


@pytest.fixture(scope="session")
def engine() -> Iterator[TextTo3DEngine]:
    built = create_engine()
    built.warm_up()
    yield built


def _generate(engine: TextTo3DEngine, prompt: str, **options: object) -> trimesh.Scene:
    request = GenerationRequest(seed=int(options.pop("seed", 7)), prompt=prompt, **options)  # type: ignore[arg-type]
    return engine.generate(request, lambda _percent, _stage: None)


def _triangles(scene: trimesh.Scene) -> int:
    return sum(len(g.faces) for g in scene.geometry.values())


def _closed(mesh: trimesh.Trimesh) -> bool:
    """No boundary edge once vertices split for texture seams are welded by position.
    (Solids that touch along an edge then share it four times: closed, not 2-manifold.)"""
    welded = trimesh.Trimesh(mesh.vertices, mesh.faces, process=False)
    welded.merge_vertices(merge_tex=True, merge_norm=True)
    edges = trimesh.grouping.group_rows(welded.edges_sorted, require_count=1)
    return len(edges) == 0


def test_vocabulary_has_every_kind_once_with_a_generator() -> None:
    names = [c.name for c in CATEGORIES]
    assert len(names) == len(set(names)) >= 150
    assert set(GENERATORS) == set(names)
    assert all(0 < c.size_m[0] < c.size_m[1] for c in CATEGORIES)


@pytest.mark.parametrize("category", CATEGORIES, ids=lambda c: c.name)
def test_every_category_is_closed_within_face_limit_at_real_size(
    engine: TextTo3DEngine, category: object
) -> None:
    name, label = category.name, category.label  # type: ignore[attr-defined]
    assert engine.understand(f"a {label}")[0].category.name == name
    plain = _generate(engine, f"a {label}", face_limit=4000, texture_enable=False)
    assert all(g.is_watertight for g in plain.geometry.values()), name  # as built by CSG
    scene = _generate(engine, f"a {label}", face_limit=4000)
    assert 0 < _triangles(scene) <= 4000
    assert _triangles(scene) == _triangles(plain)  # texturing adds seams, not faces
    assert all(_closed(g) for g in scene.geometry.values()), name
    low, high = scene.bounds
    assert abs(low[1]) < 1e-6  # resting on the ground
    assert abs(low[0] + high[0]) < 1e-6 and abs(low[2] + high[2]) < 1e-6  # centred
    lo, hi = category.size_m  # type: ignore[attr-defined]
    assert lo <= float(np.max(high - low)) <= hi, (name, high - low)


@pytest.mark.parametrize("words", ["", "three", "twelve low-poly"])
def test_generators_stay_closed_over_seeds_and_counts(words: str) -> None:
    """Every generator, several seeds and counts, straight from CSG (no embedding model)."""
    attrs = parse_attributes(words)
    for category in CATEGORIES:
        for seed in (11, 12):
            groups = build_groups(
                lambda c=category, s=seed: GENERATORS[c.name](np.random.default_rng(s), attrs),
                main_material(attrs, category.material, category.colour),
                20000,
                16,
            )
            assert groups, category.name
            for group in groups:
                assert group.mesh.is_watertight and group.mesh.volume > 0, category.name


def _vertices(scene: trimesh.Scene) -> np.ndarray:
    return np.vstack([scene.geometry[n].vertices for n in sorted(scene.geometry)])


@pytest.mark.parametrize("prompt", ["a wooden chair", "a vase", "a tree", "a car"])
def test_same_seed_same_shape_other_seed_other_shape(engine: TextTo3DEngine, prompt: str) -> None:
    first = _vertices(_generate(engine, prompt, seed=1, texture_enable=False))
    again = _vertices(_generate(engine, prompt, seed=1, texture_enable=False))
    other = _vertices(_generate(engine, prompt, seed=2, texture_enable=False))
    np.testing.assert_array_equal(first, again)
    assert first.shape != other.shape or not np.allclose(first, other)


def _main_geometry(scene: trimesh.Scene) -> trimesh.Trimesh:
    return scene.geometry[sorted(scene.geometry)[0]]


def test_colour_and_material_from_the_prompt_are_applied(engine: TextTo3DEngine) -> None:
    scene = _generate(engine, "a red wooden chair with four legs")
    chair = _main_geometry(scene)
    material = chair.visual.material
    assert sorted(scene.geometry)[0].endswith("_wood")
    assert material.baseColorTexture is not None  # wood grain texture
    mean = np.asarray(material.baseColorTexture.convert("RGB")).reshape(-1, 3).mean(axis=0)
    assert mean[0] > 2 * mean[1] and mean[0] > 2 * mean[2]  # red dominates
    assert material.metallicFactor == 0.0

    glass = _main_geometry(_generate(engine, "a blue glass vase")).visual.material
    assert glass.alphaMode == "BLEND" and glass.baseColorFactor[3] < 255
    r, g, b = glass.baseColorFactor[:3]
    assert b > r and b > g

    gold = _main_geometry(_generate(engine, "a golden trophy")).visual.material
    assert gold.metallicFactor == 1.0 and gold.roughnessFactor < 0.5


def _colour_of(scene: trimesh.Scene, suffix: str) -> np.ndarray:
    """Mean surface colour (0..255) of the geometry whose name ends in suffix."""
    (name,) = [n for n in scene.geometry if n.endswith(suffix)]
    material = scene.geometry[name].visual.material
    colour = np.asarray(material.baseColorFactor[:3], dtype=float)
    if material.baseColorTexture is not None:
        texture = np.asarray(material.baseColorTexture.convert("RGB"), dtype=float)
        colour = colour * texture.reshape(-1, 3).mean(axis=0) / 255
    return colour


def test_a_colour_before_a_part_word_colours_only_that_part(engine: TextTo3DEngine) -> None:
    scene = _generate(engine, "a white house with a blue roof")
    roof, walls = _colour_of(scene, "_roof"), _colour_of(scene, "_paint")
    assert roof[2] > 1.5 * roof[0] and roof[2] > 1.5 * roof[1]  # blue
    assert walls.min() > 180  # white
    table = _generate(engine, "a wooden table with black metal legs")
    assert any(n.endswith("_metal") for n in table.geometry)
    assert _colour_of(table, "_metal").max() < 60 and _colour_of(table, "_wood")[0] > 80


def test_texture_and_pbr_switches(engine: TextTo3DEngine) -> None:
    plain = _generate(engine, "a wooden table", texture_enable=False, pbr_enable=False)
    for mesh in plain.geometry.values():
        material = mesh.visual.material
        assert material.baseColorTexture is None
        assert material.metallicFactor == 0.0 and material.roughnessFactor == 1.0
    hd = _generate(engine, "a wooden table", texture_quality="HD")
    assert _main_geometry(hd).visual.material.baseColorTexture.size == (2048, 2048)


def test_size_and_count_words_change_the_object(engine: TextTo3DEngine) -> None:
    plain = _generate(engine, "a vase", seed=3).extents
    tall = _generate(engine, "a tall vase", seed=3).extents
    small = _generate(engine, "a small vase", seed=3).extents
    assert tall[1] > plain[1] * 1.2 and small[1] < plain[1] * 0.9
    three = _generate(engine, "a three-legged stool", seed=4, texture_enable=False)
    four = _generate(engine, "a four-legged stool", seed=4, texture_enable=False)
    assert _triangles(three) < _triangles(four)


def test_round_in_the_prompt_picks_the_round_design(engine: TextTo3DEngine) -> None:
    for seed in range(4):
        extents = _generate(engine, "a round table", seed=seed, texture_enable=False).extents
        assert np.isclose(extents[0], extents[2], rtol=0.02)  # a circular top


def test_face_limit_is_honoured_even_when_tiny(engine: TextTo3DEngine) -> None:
    for limit in (100, 600):
        assert _triangles(_generate(engine, "a teapot", face_limit=limit)) <= limit


def test_auto_size_off_fits_a_unit_cube_at_the_origin(engine: TextTo3DEngine) -> None:
    scene = _generate(engine, "a house", auto_size=False)
    low, high = scene.bounds
    assert np.isclose(np.max(high - low), 1.0)
    np.testing.assert_allclose((low + high) / 2, 0.0, atol=1e-9)


@pytest.mark.parametrize("prompt", ["a dragon", "a cat", "a giraffe", "a cat sitting on a chair"])
def test_out_of_vocabulary_prompts_are_refused_naming_alternatives(
    engine: TextTo3DEngine, prompt: str
) -> None:
    with pytest.raises(EngineInputError) as refusal:
        _generate(engine, prompt)
    message = str(refusal.value)
    assert "closest supported objects are:" in message
    named = [c.label for c in CATEGORIES if c.label in message.split("are:")[1]]
    assert len(named) >= 2


def test_empty_prompt_is_refused(engine: TextTo3DEngine) -> None:
    with pytest.raises(EngineInputError):
        _generate(engine, "   ")


def test_paraphrase_without_keyword_finds_the_category(engine: TextTo3DEngine) -> None:
    assert engine.understand("a vessel that sails on the sea")[0].category.name == "boat"


def test_keyword_in_the_setting_does_not_win(engine: TextTo3DEngine) -> None:
    assert engine.understand("a lamp on a table")[0].category.name == "table_lamp"
    assert engine.understand("a table lamp")[0].category.name == "table_lamp"
    assert engine.understand("a pine table")[0].category.name == "table"  # head noun last
    assert engine.understand("an oak cask")[0].category.name == "barrel"


def test_progress_is_reported_and_never_decreases(engine: TextTo3DEngine) -> None:
    seen: list[int] = []
    engine.generate(GenerationRequest(seed=1, prompt="a barrel"), lambda p, _s: seen.append(p))
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] <= 100


def test_output_exports_to_every_format_and_passes_the_gltf_validator(
    engine: TextTo3DEngine,
) -> None:
    # Tiled UVs past 1, a transparent glass part and an emissive flame in one scene.
    scene = _generate(engine, "a brass lantern", face_limit=3000)
    for fmt in SUPPORTED_FORMATS:
        exported = export_scene(scene, fmt)
        assert exported.data and exported.triangles == _triangles(scene)
    report = validate_glb(export_scene(scene, "glb").data)
    assert report["errors"] == 0, report["messages"][:5]


def test_registered_with_the_vocabulary_in_the_prompt_description() -> None:
    registry = EngineRegistry.from_paths()
    built = registry.get("meshforge/text-to-3d")
    assert isinstance(built, Engine) and built.kind == "text-to-3d"
    description = built.parameter_overrides()["prompt"]["description"]
    assert "treasure chest" in description and "wine glass" in description


def test_the_docs_list_every_category() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "text-to-3d.md").read_text()
    rows = [line for line in docs.splitlines() if line.startswith("| ")]
    listed = {name.strip() for row in rows for name in row.split("|")[2].split(",")}
    assert {c.label for c in CATEGORIES} <= listed


def test_a_rubber_duck_is_yellow_unless_a_colour_is_named() -> None:
    """ "rubber" names the toy, not its material (which would make it black)."""
    for words, expected in (("a rubber duck", (0.98, 0.85, 0.1)), ("a red rubber duck", None)):
        attrs = parse_attributes(words)
        category = next(c for c in CATEGORIES if c.name == "rubber_duck")
        groups = build_groups(
            lambda a=attrs: GENERATORS["rubber_duck"](np.random.default_rng(1), a),
            main_material(attrs, category.material, category.colour),
            20000,
            16,
        )
        body = max(groups, key=lambda g: g.mesh.volume)
        assert body.colour == (expected or attrs.colour)
