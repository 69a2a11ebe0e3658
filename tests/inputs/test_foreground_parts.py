"""The foreground stage's parts on small hand-made fields, one rule per test."""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from meshforge.inputs.foreground.beside import backdrop_beside, contrast_to
from meshforge.inputs.foreground.crossing import sides_cut_across
from meshforge.inputs.foreground.focus import focus_factor
from meshforge.inputs.foreground.saliency import SIDES, Saliency
from meshforge.inputs.foreground.shadow import shadowed_backdrop
from meshforge.inputs.foreground.subject import detail_of_subject
from meshforge.inputs.foreground.surface import horizon_cells
from meshforge.inputs.foreground.texture import is_backdrop_texture

Field = NDArray[np.float64]
Mask = NDArray[np.bool_]
WALL_LAB = (80.0, 2.0, 10.0)
TABLE_LAB = (45.0, 25.0, 40.0)


def table_and_wall(height: int = 60, width: int = 80, horizon: int = 36) -> Field:
    """A CIELAB field: a wall above row `horizon`, a table below, left side brighter."""
    lab = np.empty((height, width, 3))
    lab[:horizon], lab[horizon:] = WALL_LAB, TABLE_LAB
    lab[..., 0] += np.linspace(6.0, -6.0, width)[None, :]  # uneven light
    return lab


def test_the_horizon_is_found_on_both_sides_of_an_object() -> None:
    lab = table_and_wall()
    lab[20:50, 25:55] = (50.0, -20.0, -30.0)  # an object in front of the horizon
    cells = horizon_cells(lab)
    assert cells is not None
    rows = np.nonzero(cells.any(axis=1))[0]
    assert set(rows) <= {34, 35, 36, 37}  # on the line at row 36 and either side of it
    assert cells[:, :10].any() and cells[:, -10:].any()
    assert not cells[:, 27:53].any()  # not where the object hides it


def test_a_tilted_horizon_is_found() -> None:
    lab = np.empty((60, 80, 3))
    rows, cols = np.mgrid[0:60, 0:80]
    lab[:] = np.where((rows < 30 + 0.15 * (cols - 40))[..., None], WALL_LAB, TABLE_LAB)
    cells = horizon_cells(lab)
    assert cells is not None
    assert np.nonzero(cells[:, 0])[0].mean() < np.nonzero(cells[:, -1])[0].mean()


def test_no_horizon_in_a_plain_field_or_a_texture() -> None:
    assert horizon_cells(np.full((60, 80, 3), 50.0)) is None
    noise = np.random.default_rng(3).normal(50.0, 8.0, (60, 80, 3))
    assert horizon_cells(noise) is None


def test_a_line_that_runs_off_neither_side_is_no_horizon() -> None:
    lab = table_and_wall()
    lab[:, :15] = WALL_LAB  # the table ends before both sides: a shelf, a box's edge
    lab[:, -15:] = WALL_LAB
    assert horizon_cells(lab) is None


def test_a_line_between_other_colours_is_not_the_horizon() -> None:
    lab = table_and_wall()
    lab[36:, :20] = (15.0, 0.0, 0.0)  # a dark coat's shoulder against the wall, at the left
    cells = horizon_cells(lab)
    assert cells is not None
    assert not cells[:, :20].any()  # the same step's direction, but between other colours
    assert cells[:, -10:].any()


# ---- focus: blurred edges are backdrop ---------------------------------------------------


def sharp_square_on_blurred_stripes() -> NDArray[np.uint8]:
    """Busy stripes out of focus behind a sharp square (60 x 80 cells of 8 pixels)."""
    cols = np.arange(640)[None, :].repeat(480, axis=0)
    stripes = np.where((cols // 24) % 2 == 0, 60.0, 200.0)
    image = cv2.GaussianBlur(stripes, (0, 0), 6.0)
    image[160:320, 240:400] = np.where((cols[160:320, 240:400] // 24) % 2 == 0, 30.0, 230.0)
    return np.repeat(np.round(image)[..., None], 3, axis=2).astype(np.uint8)


def test_blurred_edges_get_a_small_factor_and_sharp_ones_keep_theirs() -> None:
    factor = focus_factor(sharp_square_on_blurred_stripes(), (60, 80))
    assert np.median(factor[5:15, 5:25]) < 0.4  # the blurred stripes behind
    assert np.median(factor[22:38, 32:48]) > 0.9  # the sharp square


def test_an_evenly_sharp_or_plain_photo_keeps_a_factor_of_one() -> None:
    plain = np.full((480, 640, 3), 128, np.uint8)
    assert np.all(focus_factor(plain, (60, 80)) == 1.0)
    cols = np.arange(640)[None, :].repeat(480, axis=0)
    sharp = np.where((cols // 24) % 2 == 0, 60, 200).astype(np.uint8)
    factor = focus_factor(np.repeat(sharp[..., None], 3, axis=2), (60, 80))
    assert np.median(factor) > 0.9


# ---- the backdrop's texture --------------------------------------------------------------


def test_a_patch_of_the_frames_own_colours_running_into_it_is_texture() -> None:
    rng = np.random.default_rng(4)
    lab = np.stack([rng.choice([40.0, 70.0], (60, 80)), np.zeros((60, 80)), np.zeros((60, 80))], 2)
    patch = np.zeros((60, 80), bool)
    patch[45:, 30:50] = True  # a big brick at the bottom, the wall's own colours
    assert is_backdrop_texture(patch, lab)
    lab[patch] = (55.0, 30.0, 40.0)  # an object of its own colour cut off by the bottom
    assert not is_backdrop_texture(patch, lab)


def test_a_patch_inside_the_frame_is_never_texture() -> None:
    lab = np.full((60, 80, 3), 50.0)
    patch = np.zeros((60, 80), bool)
    patch[20:40, 30:50] = True
    assert not is_backdrop_texture(patch, lab)


# ---- a detail of a subject that runs off the frame ----------------------------------------


def saliency_around(surroundings: float) -> tuple[NDArray[np.bool_], Saliency]:
    """A detail (one-side saliency 40) in the middle; around it, a subject that runs off
    the bottom (nearest side: bottom) and stands out `surroundings` on two sides."""
    chosen = np.zeros((60, 80), bool)
    chosen[20:30, 35:45] = True
    one_side = np.where(chosen, 40.0, 0.0)
    two_sides = np.where(chosen, 45.0, surroundings)
    nearest = np.full((60, 80), SIDES.index("bottom"), np.int64)
    return chosen, Saliency(one_side, two_sides, nearest)


def test_a_detail_walled_in_by_a_subject_is_refused_naming_where_it_runs_off() -> None:
    chosen, saliency = saliency_around(35.0)
    refused = detail_of_subject(chosen, saliency, np.ones((60, 80)))
    assert refused is not None and refused.kind == "cut_off"
    assert "bottom" in refused.message


def test_an_object_on_backdrop_or_before_a_blurred_room_is_whole() -> None:
    chosen, saliency = saliency_around(3.0)  # backdrop around it
    assert detail_of_subject(chosen, saliency, np.ones((60, 80))) is None
    chosen, saliency = saliency_around(35.0)  # busy, but out of focus
    assert detail_of_subject(chosen, saliency, np.full((60, 80), 0.2)) is None


# ---- contact shadows ---------------------------------------------------------------------


def test_the_table_in_shade_under_an_object_is_shadow_and_the_object_is_not() -> None:
    work = np.zeros((120, 160, 3), np.uint8)
    work[:70], work[70:] = (200, 192, 178), (150, 100, 60)  # wall, table
    region = np.zeros((120, 160), bool)
    region[30:95, 60:100] = True  # the object and the shadow at its base
    work[30:85, 60:100] = (60, 110, 190)  # a blue object
    work[85:95, 60:100] = (90, 60, 36)  # the table at 60% light
    shade = shadowed_backdrop(work, backdrop_beside(work, ~region), region)
    assert shade[87:95, 62:98].all()  # (its first rows blend with the object's edge)
    assert not shade[30:85, 60:100].any()


def test_a_shadow_is_only_looked_for_low_on_the_object() -> None:
    work = np.full((120, 160, 3), (150, 100, 60), np.uint8)
    region = np.zeros((120, 160), bool)
    region[10:100, 60:100] = True
    work[20:30, 60:100] = (90, 60, 36)  # the table's colour in shade, but high up the object
    work[70:80, 60:100] = (90, 60, 36)  # ...and in its lower half
    shade = shadowed_backdrop(work, backdrop_beside(work, ~region), region)
    assert not shade[20:30].any()
    assert shade[72:78, 62:98].all()


def shade_on_white(*patches: tuple[slice, tuple[int, int, int]]) -> Mask:
    """The shade found on a white backdrop (235) under a region at rows 10-99, columns
    60-99, with each (rows, colour) patch painted across the region."""
    work = np.full((120, 160, 3), 235, np.uint8)
    region = np.zeros((120, 160), bool)
    region[10:100, 60:100] = True
    for rows, colour in patches:
        work[rows, 60:100] = colour
    return shadowed_backdrop(work, backdrop_beside(work, ~region), region)


def test_on_a_grey_backdrop_only_the_base_is_judged() -> None:
    # Every grey has a white wall's hue: a grey object's shading would read as shade.
    shade = shade_on_white((slice(60, 70), (150, 150, 150)), (slice(96, 100), (150, 150, 150)))
    assert not shade[60:70].any()  # a grey object's shaded side, low on it but not its base
    assert shade[97:100, 62:98].all()  # the shadow at its base


def test_a_pale_object_on_white_is_not_shade() -> None:
    # Frosted glass at about 89% of a white backdrop's light has its hue, but is not that dim.
    shade = shade_on_white((slice(80, 100), (204, 204, 217)))
    assert not shade[85:100].any()


def test_a_tinted_edge_on_grey_is_not_shade() -> None:
    # A tan base's shaded rim blended with a grey backdrop: darker, a little tinted.
    shade = shade_on_white((slice(92, 100), (170, 160, 140)))
    assert not shade[93:98, 62:98].any()  # (its last row blends into the grey)
    shade = shade_on_white((slice(92, 100), (150, 150, 150)))  # a grey shadow is shade
    assert shade[94:100, 62:98].all()


def test_the_backdrop_beside_is_the_same_rows_either_side() -> None:
    work = np.zeros((120, 160, 3), np.uint8)
    work[:70], work[70:] = (200, 192, 178), (150, 100, 60)  # wall, table
    region = np.zeros((120, 160), bool)
    region[40:100, 60:100] = True
    work[region] = (60, 110, 190)
    beside = backdrop_beside(work, ~region)
    assert np.allclose(beside.colour[50, 80], (200, 192, 178), atol=1)  # the wall, not the object
    assert np.allclose(beside.colour[90, 80], (150, 100, 60), atol=1)  # the table
    contrast = contrast_to(work, beside)
    assert contrast[90, 80] > 30 and contrast[90, 20] < 1


# ---- grazing the frame, or cut across by it -----------------------------------------------


def test_a_round_object_grazing_the_frame_is_not_cut_across() -> None:
    rows, cols = np.mgrid[0:300, 0:400]
    disc = np.hypot(rows - 205.0, cols - 200.0) < 100  # reaches 5 px past the bottom
    assert disc[-1].any()
    assert sides_cut_across(disc) == []


def test_a_part_running_out_of_the_frame_is_cut_across_however_short_the_cut() -> None:
    body = np.zeros((300, 400), bool)
    body[60:280, 120:280] = True  # a body well inside the frame...
    body[:60, 185:215] = True  # ...whose neck runs out of the top
    body[150:160, 0:120] = True  # ...and an arm out of the left side
    assert sides_cut_across(body) == ["top", "left"]


def test_a_speck_on_the_frame_is_not_a_cut() -> None:
    body = np.zeros((300, 400), bool)
    body[60:280, 120:280] = True
    body[:60, 199:201] = True  # a hair-thin line up to the top (a stray pixel column)
    assert sides_cut_across(body) == []
