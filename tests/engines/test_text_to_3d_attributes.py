"""Prompt attribute parsing of the text-to-3D engine (no model needed)."""

from __future__ import annotations

import pytest

from meshforge.engines.text_to_3d.attributes import COLOURS, parse_attributes


def test_colour_material_count_and_size_of_a_plain_prompt() -> None:
    attrs = parse_attributes("a tall red wooden chair with four legs")
    assert attrs.colour == COLOURS["red"] and attrs.material == "wood"
    assert attrs.count == 4 and attrs.height_scale > 1 and attrs.scale == 1


def test_shades_lighten_and_darken() -> None:
    light = parse_attributes("a light blue vase").colour
    dark = parse_attributes("a dark blue vase").colour
    assert light is not None and dark is not None
    assert sum(light) > sum(COLOURS["blue"]) > sum(dark)


@pytest.mark.parametrize(
    ("prompt", "material", "colour"),
    [
        ("a golden trophy", "gold", None),  # the metal, not yellow paint on wood
        ("a silver car", "silver", None),
        ("a red and gold sword", "gold", "red"),
        ("a glass vase", "glass", None),
    ],
)
def test_metal_colour_words_name_the_metal(prompt: str, material: str, colour: str | None) -> None:
    attrs = parse_attributes(prompt)
    assert attrs.material == material and attrs.colour_name == colour


def test_a_colour_or_material_before_a_part_word_binds_to_that_part() -> None:
    attrs = parse_attributes("a white house with a blue roof and a red door")
    assert attrs.colour == COLOURS["white"]
    assert attrs.part_colours == {"roof": COLOURS["blue"], "door": COLOURS["red"]}
    legs = parse_attributes("a wooden table with black metal legs")
    assert legs.material == "wood" and legs.colour is None
    assert (
        legs.part_materials == {"legs": "metal"} and legs.part_colours["legs"] == COLOURS["black"]
    )


@pytest.mark.parametrize(
    ("prompt", "count"),
    [
        ("a three-legged stool", 3),
        ("a bookshelf with 6 shelves", 6),
        ("a chair", None),
        ("two candles", 2),
    ],
)
def test_counts_in_words_and_digits(prompt: str, count: int | None) -> None:
    assert parse_attributes(prompt).count == count


@pytest.mark.parametrize(
    ("prompt", "style"),
    [
        ("a low-poly tree", "low-poly"),
        ("a low poly tree", "low-poly"),
        ("a modern chair", "modern"),
        ("a chair", None),
    ],
)
def test_styles(prompt: str, style: str | None) -> None:
    attrs = parse_attributes(prompt)
    assert attrs.style == style
    assert attrs.height_scale == 1.0  # "low" in "low-poly" is not a size


def test_small_and_huge_scale_the_object() -> None:
    assert parse_attributes("a small mug").scale < 1 < parse_attributes("a huge barrel").scale
