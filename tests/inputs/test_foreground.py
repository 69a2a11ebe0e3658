"""The shared foreground stage on synthetic photographs: one test per photographic
condition of issue 13 and one per refusal. Each scene is a shaded, textured object on
a wall meeting a table, with a soft contact shadow, uneven light and vignetting; each
test changes one thing and checks the stage's answer against the true mask. Every test
runs twice: with the learned segmenter (the real IS-Net weights that
scripts/install_segmenter.sh installs) and without weights."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image

from meshforge.inputs.foreground import Cutout, ForegroundRefused, cut_out

WIDTH, HEIGHT = 480, 360
WALL = (200.0, 192.0, 178.0)
TABLE = (150.0, 100.0, 60.0)
HORIZON = 0.6

Mask = NDArray[np.bool_]
Cut = Callable[[bytes], Cutout]


@pytest.fixture(params=["learned", "weight-free"])
def cut(request: pytest.FixtureRequest) -> Cut:
    """The stage with the learned segmenter, or without weights."""
    model = request.getfixturevalue("real_segmenter") if request.param == "learned" else None
    return lambda data: cut_out(data, model=model)


def known_gap(request: pytest.FixtureRequest, stage: str, reason: str) -> None:
    """Mark this test an expected failure (strict) for one stage only."""
    if request.node.callspec.params["cut"] == stage:
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))


@dataclass
class Scene:
    """What to draw; every field has a photo's ordinary default."""

    colour: tuple[float, float, float] = (60.0, 110.0, 190.0)
    wall: tuple[float, float, float] = WALL
    table: tuple[float, float, float] = TABLE
    centres: tuple[tuple[float, float], ...] = ((0.5, 0.52),)  # fractions of the frame
    radius: float = 0.22  # fraction of the height
    hole: bool = False
    shadow: float = 0.5
    reflection: float = 0.0
    opacity: float = 1.0
    vignette: float = 0.3
    noise: float = 3.0
    busy: str = ""  # "blurred": a busy room out of focus behind; "grey": grey blocks in focus


def backdrop(scene: Scene) -> NDArray[np.float64]:
    if scene.busy:
        return busy_backdrop(scene.busy)
    rows = np.arange(HEIGHT)[:, None, None]
    wall, table = np.array(scene.wall), np.array(scene.table)
    image = np.where(rows < HORIZON * HEIGHT, wall, table) * np.ones((1, WIDTH, 1))
    grain = np.random.default_rng(1).normal(0, 6, (HEIGHT // 4, WIDTH // 4))
    grain = np.kron(grain, np.ones((4, 4)))[..., None]  # wood-like blotches on the table
    return np.asarray(np.where(rows >= HORIZON * HEIGHT, image + grain, image))


def busy_backdrop(kind: str) -> NDArray[np.float64]:
    """Shelves of boxes out of focus (big colourful blocks, blurred), or a grey texture in
    focus but for a little lens blur (a brick wall, gravel)."""
    rng = np.random.default_rng(5)
    size, blur = (60, 4.0) if kind == "blurred" else (8, 1.5)
    shape = (HEIGHT // size + 1, WIDTH // size + 1)
    if kind == "blurred":  # boxes and shelves: light and dark, of several colours
        blocks = rng.uniform(30, 230, (*shape, 1)) * rng.uniform(0.6, 1.0, (*shape, 3))
    else:
        blocks = rng.uniform(70, 190, (*shape, 1)).repeat(3, axis=2)
    image = np.kron(blocks, np.ones((size, size, 1)))[:HEIGHT, :WIDTH]
    return np.asarray(cv2.GaussianBlur(image, (0, 0), blur))


def ball(scene: Scene, centre: tuple[float, float]) -> tuple[NDArray[np.float64], Mask]:
    """Lambert shading of a ball (or a ring, with a hole) with a striped texture."""
    rows, cols = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float64)
    r = scene.radius * HEIGHT
    dx, dy = (cols - centre[0] * WIDTH) / r, (rows - centre[1] * HEIGHT) / r
    distance = np.hypot(dx, dy)
    inside = distance < 1.0
    if scene.hole:
        inside &= distance > 0.45
    nz = np.sqrt(np.clip(1 - distance**2, 0, 1))
    light = np.clip(0.3 + 0.75 * (-0.4 * dx - 0.5 * dy + 0.77 * nz), 0, 1.1)
    stripes = 0.85 + 0.15 * np.sign(np.sin(cols / 9.0))
    colour = np.array(scene.colour) * (light * stripes)[..., None]
    return colour, inside


def render(scene: Scene) -> tuple[NDArray[np.uint8], Mask]:
    image = backdrop(scene)
    truth = np.zeros((HEIGHT, WIDTH), bool)
    rows, cols = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float64)
    for centre in scene.centres:
        colour, inside = ball(scene, centre)
        base = (centre[1] + scene.radius) * HEIGHT
        under = np.exp(
            -(((cols - centre[0] * WIDTH) / (1.1 * scene.radius * HEIGHT)) ** 2)
            - ((rows - base) / 10.0) ** 2
        )
        image *= 1 - scene.shadow * under[..., None]
        if scene.reflection:
            # Mirrored about the base row; what would fall below the frame is not seen
            # (np.roll would wrap it round to the top as a ghost).
            source = np.clip(2 * int(base) - np.arange(HEIGHT), 0, HEIGHT - 1)
            below = (np.arange(HEIGHT) > base)[:, None]
            mirrored = (colour * inside[..., None])[source]
            mirror_mask = inside[source] & below
            fade = scene.reflection * mirror_mask[..., None]
            image = np.where(mirror_mask[..., None], image * (1 - fade) + mirrored * fade, image)
        alpha = scene.opacity * inside[..., None]
        image = image * (1 - alpha) + colour * alpha
        truth |= inside
    return camera(scene, image), truth


def camera(scene: Scene, image: NDArray[np.float64]) -> NDArray[np.uint8]:
    rows, cols = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float64)
    radius = np.hypot(cols / WIDTH - 0.5, rows / HEIGHT - 0.5) / np.sqrt(0.5)
    light = (1 + 0.2 * (0.5 - cols / WIDTH)) * (1 - scene.vignette * radius**2)
    noise = np.random.default_rng(2).normal(0, scene.noise, image.shape)
    return np.clip(np.round(image * light[..., None] + noise), 0, 255).astype(np.uint8)


def encode(rgb: NDArray[np.uint8], quality: int | None = None, turn: int = 0) -> bytes:
    image = Image.fromarray(rgb)
    exif = Image.Exif()
    if turn:  # stored turned back, tagged so that it displays upright
        image = image.rotate(turn, expand=True)
        exif[0x0112] = {90: 6, 270: 8}[turn]
    buffer = io.BytesIO()
    if quality is None:
        image.save(buffer, format="PNG", exif=exif)
    else:
        image.save(buffer, format="JPEG", quality=quality, exif=exif)
    return buffer.getvalue()


def iou(mask: Mask, truth: Mask) -> float:
    return float(np.count_nonzero(mask & truth) / np.count_nonzero(mask | truth))


def segmented(cut: Cut, scene: Scene, quality: int | None = 90, turn: int = 0) -> tuple[Mask, Mask]:
    rgb, truth = render(scene)
    return cut(encode(rgb, quality, turn)).mask, truth


# ---- conditions that must still give the object ---------------------------------------


@pytest.mark.parametrize(
    ("scene", "min_iou"),
    [
        (Scene(), 0.93),  # table meets wall, contact shadow, uneven light, vignetting
        (Scene(shadow=0.7), 0.9),  # a dark contact shadow is not part of the object
        (Scene(vignette=0.7), 0.9),  # strong vignetting
        (Scene(noise=12.0), 0.9),  # sensor noise
        (Scene(centres=((0.33, 0.55),), radius=0.14), 0.9),  # small and off centre
        (Scene(reflection=0.3, table=(30.0, 28.0, 28.0)), 0.9),  # glossy table
        (Scene(reflection=0.7, table=(30.0, 28.0, 28.0)), 0.9),  # a mirror-like table
        (Scene(opacity=0.7), 0.9),  # tinted glass
    ],
    ids=[
        "table-wall-shadow",
        "dark-shadow",
        "vignetting",
        "noise",
        "small-off-centre",
        "reflection",
        "mirror-reflection",
        "tinted-glass",
    ],
)
def test_photographic_conditions_keep_the_object(
    cut: Cut, scene: Scene, min_iou: float, request: pytest.FixtureRequest
) -> None:
    if scene.reflection >= 0.7:
        known_gap(request, "weight-free", "a mirror-like reflection is a second object")
    mask, truth = segmented(cut, scene)
    assert iou(mask, truth) >= min_iou


def test_a_busy_backdrop_out_of_focus_is_backdrop(cut: Cut) -> None:
    mask, truth = segmented(cut, Scene(busy="blurred", colour=(200.0, 90.0, 40.0), shadow=0.0))
    assert iou(mask, truth) >= 0.9


def test_a_coloured_object_on_grey_texture_in_focus(cut: Cut) -> None:
    mask, truth = segmented(cut, Scene(busy="grey", colour=(200.0, 110.0, 60.0), shadow=0.0))
    assert iou(mask, truth) >= 0.85


def test_heavy_jpeg_artefacts(cut: Cut) -> None:
    mask, truth = segmented(cut, Scene(), quality=25)
    assert iou(mask, truth) >= 0.9


@pytest.mark.parametrize("turn", [90, 270])
def test_exif_orientation_is_applied(cut: Cut, turn: int) -> None:
    mask, truth = segmented(cut, Scene(centres=((0.4, 0.5),)), turn=turn)
    assert mask.shape == truth.shape  # displayed as the person saw it, not as stored
    assert iou(mask, truth) >= 0.9


def test_a_hole_through_the_object_stays_open(cut: Cut) -> None:
    mask, truth = segmented(cut, Scene(hole=True, radius=0.3, centres=((0.5, 0.45),)))
    centre = (int(0.45 * HEIGHT), int(0.5 * WIDTH))
    assert not mask[centre]
    assert iou(mask, truth) >= 0.85


def test_the_table_seen_between_two_legs_is_not_the_object(cut: Cut) -> None:
    scene = Scene(shadow=0.0)
    image = backdrop(scene)
    truth = np.zeros((HEIGHT, WIDTH), bool)
    truth[100:160, 180:300] = True  # the body
    truth[160:280, 180:205] = True  # two legs standing on the table
    truth[160:280, 275:300] = True
    rows = np.arange(HEIGHT)[:, None, None]
    shading = 0.8 + 0.2 * np.cos(np.arange(WIDTH) / 12.0)[None, :, None] * np.ones_like(rows)
    image = np.where(truth[..., None], np.array(scene.colour) * shading, image)
    mask = cut(encode(camera(scene, image))).mask
    assert not mask[200:270, 215:265].any()  # the gap
    assert iou(mask, truth) >= 0.85


def test_white_object_on_white(cut: Cut) -> None:
    white = (235.0, 235.0, 232.0)
    mask, truth = segmented(cut, Scene(colour=(250.0, 250.0, 246.0), wall=white, table=white))
    assert iou(mask, truth) >= 0.85


def test_black_object_on_black(cut: Cut, request: pytest.FixtureRequest) -> None:
    known_gap(request, "weight-free", "the unlit side of a dark ball fades into the backdrop")
    black = (22.0, 22.0, 24.0)
    mask, truth = segmented(cut, Scene(colour=(80.0, 78.0, 84.0), wall=black, table=black))
    assert iou(mask, truth) >= 0.85


def test_alpha_decides_when_it_is_real(cut: Cut) -> None:
    rgb, truth = render(Scene(colour=(150.0, 100.0, 60.0)))  # the table's own colour
    rgba = np.dstack([rgb, truth.astype(np.uint8) * 255])
    buffer = io.BytesIO()
    Image.fromarray(rgba).save(buffer, format="PNG")
    cutout = cut(buffer.getvalue())
    assert cutout.from_alpha
    assert iou(cutout.mask, truth) > 0.99
    assert set(np.unique(cutout.alpha)) <= {0.0, 1.0}


def test_feathered_alpha_follows_the_mask(cut: Cut) -> None:
    rgb, truth = render(Scene())
    cutout = cut(encode(rgb))
    soft = (cutout.alpha > 0.02) & (cutout.alpha < 0.98)
    assert np.count_nonzero(soft) > 0  # a feathered edge...
    assert np.count_nonzero(soft & ~cutout.mask) <= np.count_nonzero(soft)
    assert np.all(cutout.alpha[~cv2_dilated(cutout.mask)] == 0)  # ...only at the outline


def cv2_dilated(mask: Mask) -> Mask:
    return cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0


# ---- refusals ---------------------------------------------------------------------------


def refusal(cut: Cut, data: bytes) -> ForegroundRefused:
    with pytest.raises(ForegroundRefused) as caught:
        cut(data)
    return caught.value


def test_cut_off_by_the_frame_is_refused_and_says_where(cut: Cut) -> None:
    rgb, _ = render(Scene(centres=((0.08, 0.5),), radius=0.3))
    refused = refusal(cut, encode(rgb))
    assert refused.kind == "cut_off"
    assert "left" in refused.message and "zoom out" in refused.message


def test_grazing_the_frame_over_a_trace_is_accepted(cut: Cut) -> None:
    mask, truth = segmented(cut, Scene(centres=((0.5, 0.755),), radius=0.25))
    assert truth[-1].any()
    assert iou(mask, truth) >= 0.9


def test_a_head_out_of_the_frame_is_cut_off_though_the_cut_is_short(cut: Cut) -> None:
    scene = Scene(shadow=0.0)
    image = backdrop(scene)
    person = np.zeros((HEIGHT, WIDTH), bool)
    person[60:250, 190:290] = True  # the body
    person[:60, 225:255] = True  # the neck, the head above the frame
    image = np.where(person[..., None], np.array(scene.colour), image)
    refused = refusal(cut, encode(camera(scene, image)))
    assert refused.kind == "cut_off"
    assert "top" in refused.message


def test_two_objects_compete(cut: Cut) -> None:
    rgb, _ = render(Scene(centres=((0.28, 0.55), (0.72, 0.55)), radius=0.17))
    refused = refusal(cut, encode(rgb))
    assert refused.kind == "competing"
    assert "2 objects" in refused.message


def test_a_frame_filling_subject_is_cut_off(cut: Cut) -> None:
    rgb, _ = render(Scene(radius=0.8))
    assert refusal(cut, encode(rgb)).kind == "cut_off"


def test_a_detail_of_a_subject_that_runs_off_the_frame_is_cut_off(cut: Cut) -> None:
    # A big striped subject runs off the bottom, left and right; a bright badge on it.
    scene = Scene(centres=((0.5, 1.0),), radius=0.75, shadow=0.0)
    rgb, _ = render(scene)
    rows, cols = np.mgrid[0:HEIGHT, 0:WIDTH]
    badge = np.hypot(cols - 0.5 * WIDTH, rows - 0.62 * HEIGHT) < 0.06 * HEIGHT
    rgb[badge] = (250, 240, 60)
    refused = refusal(cut, encode(rgb))
    assert refused.kind == "cut_off"
    assert "runs off the frame" in refused.message or "cut off by the frame" in refused.message


def test_a_texture_whose_big_patches_run_into_the_frame_has_no_object(cut: Cut) -> None:
    rows = np.arange(HEIGHT)[:, None]
    # Grey blocks getting bigger towards the bottom, as a brick wall seen in perspective.
    size = np.maximum(4, (rows / HEIGHT * 60).astype(int))
    cols = np.arange(WIDTH)[None, :]
    cells = (cols // size) * 7 + (rows // np.maximum(4, size // 2)) * 13
    grey = 90 + (cells * 37 % 90)
    image = np.repeat(grey[..., None], 3, axis=2).astype(np.float64)
    refused = refusal(cut, encode(camera(Scene(), image)))
    assert refused.kind == "no_object"


@pytest.mark.parametrize("texture", ["plain", "wood"])
def test_no_object_is_refused(cut: Cut, texture: str) -> None:
    scene = Scene(shadow=0.0, table=TABLE if texture == "wood" else WALL)
    image = camera(scene, backdrop(scene))
    refused = refusal(cut, encode(image))
    assert refused.kind == "no_object"
    assert "plain background" in refused.message


def test_object_in_the_backdrops_colour_is_refused(cut: Cut) -> None:
    flat = Scene(colour=WALL, table=WALL, shadow=0.0, vignette=0.0)
    rgb, _ = render(flat)
    rgb[:] = np.round(np.array(WALL)).astype(np.uint8)  # no shading either: nothing to tell it by
    assert refusal(cut, encode(rgb)).kind == "no_object"


def test_undecodable_bytes_are_refused(cut: Cut) -> None:
    assert refusal(cut, b"not an image").kind == "undecodable"
