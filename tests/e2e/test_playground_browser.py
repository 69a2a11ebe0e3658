"""The playground in a real browser against a real server: generate, watch, view, download."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import save_screenshot
from tests.support.server import RunningServer, get_task, submit, wait_for

DONE_TIMEOUT_MS = 30_000


def enter_key(page: Page, key: str) -> None:
    page.fill("#api-key", key)
    page.dispatch_event("#api-key", "change")


def choose_model(page: Page, server: RunningServer, model: str) -> None:
    enter_key(page, server.api_key)
    expect(page.locator("#model")).to_be_enabled()
    page.select_option("#model", model)


def click_generate(page: Page) -> dict[str, Any]:
    """Click Generate; returns the JSON body the page POSTed."""
    with page.expect_request(lambda r: r.method == "POST" and "/v1/3d/generations" in r.url) as req:
        page.click("#generate")
    body: dict[str, Any] = json.loads(req.value.post_data or "{}")
    return body


def canvas_pixels(page: Page) -> np.ndarray[Any, Any]:
    png = page.locator("#viewer canvas").screenshot()
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)


def model_fraction(pixels: np.ndarray[Any, Any]) -> float:
    """The share of pixels unlike the background, read near the top-left corner (inside the
    rounded border; tone mapping shifts it from viewer.js's BACKGROUND); the grid's thin
    lines are a small minority."""
    distance = np.abs(pixels - pixels[12, 12]).max(axis=2)
    return float((distance > 12).mean())  # the background is one flat colour


def test_text_to_3d_shows_the_model_and_its_downloads(page: Page, server: RunningServer) -> None:
    choose_model(page, server, "test/cube")
    page.fill("#prompt", "a cube")
    page.fill("#seed", "42")
    page.fill("#face-limit", "500")
    page.check("#hd")
    page.check("#formats input[value=obj]")
    page.check("#formats input[value=stl]")
    started = time.monotonic()
    body = click_generate(page)
    assert body == {
        "model": "test/cube",
        "prompt": "a cube",
        "seed": 42,
        "face_limit": 500,
        "texture_enable": True,
        "texture_quality": "HD",
        "output_formats": ["glb", "obj", "stl"],
    }
    expect(page.locator("#viewer")).to_have_attribute("data-ready", "true", timeout=DONE_TIMEOUT_MS)
    print(f"submit to viewer ready: {time.monotonic() - started:.1f} s")
    expect(page.locator("#status-line")).to_contain_text("SUCCESS · 100%")
    expect(page.locator("#error")).to_be_hidden()

    page.wait_for_timeout(300)  # let the environment lighting's frame land
    save_screenshot(page, "success")
    before = canvas_pixels(page)
    assert model_fraction(before) > 0.10, model_fraction(before)
    _assert_orbit_moves_the_camera(page, before)
    _assert_downloads(page, ["GLB", "OBJ", "STL", "thumbnail"])


def _assert_orbit_moves_the_camera(page: Page, before: np.ndarray[Any, Any]) -> None:
    box = page.locator("#viewer canvas").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 200, y + 40, steps=8)
    page.mouse.up()
    page.wait_for_timeout(800)  # damping settles
    after = canvas_pixels(page)
    changed = float((np.abs(after - before).max(axis=2) > 40).mean())
    assert changed > 0.05, changed
    assert model_fraction(after) > 0.10


def _assert_downloads(page: Page, labels: list[str]) -> None:
    links = page.locator("#download-list a")
    expect(links).to_have_count(len(labels))
    for index, label in enumerate(labels):
        expect(links.nth(index)).to_contain_text(label)
    glb_url = links.nth(0).get_attribute("href")
    assert glb_url is not None
    response = httpx.get(glb_url, timeout=10)  # public, as the page's link is
    assert response.status_code == 200
    assert response.headers["content-type"] == "model/gltf-binary"
    assert response.content[:4] == b"glTF"
    expect(page.locator("#thumbnail")).to_be_visible()
    natural_width = page.eval_on_selector("#thumbnail", "img => img.naturalWidth")
    assert natural_width > 0


def test_image_to_3d_sends_the_file_as_a_data_url(
    page: Page, server: RunningServer, tmp_path: Path
) -> None:
    choose_model(page, server, "test/image-cube")
    expect(page.locator("#prompt")).to_be_hidden()
    photo = tmp_path / "wide.png"
    Image.new("RGB", (200, 100), (30, 120, 200)).save(photo)
    page.set_input_files("#image", str(photo))
    body = click_generate(page)
    assert body["model"] == "test/image-cube"
    assert body["image"].startswith("data:image/png;base64,")
    assert "prompt" not in body
    expect(page.locator("#viewer")).to_have_attribute("data-ready", "true", timeout=DONE_TIMEOUT_MS)
    assert model_fraction(canvas_pixels(page)) > 0.05


def test_failure_shows_the_fail_reason(page: Page, server: RunningServer) -> None:
    choose_model(page, server, "test/fail")
    page.fill("#prompt", "anything")
    click_generate(page)
    expect(page.locator("#status-line")).to_contain_text("FAILURE", timeout=DONE_TIMEOUT_MS)
    expect(page.locator("#error")).to_have_text("the fixture engine failed on purpose")
    expect(page.locator("#viewer canvas")).to_have_count(0)
    expect(page.locator("#viewer")).to_have_text("No model: the task failed.")
    expect(page.locator("#generate")).to_be_enabled()
    save_screenshot(page, "failure")


def test_a_rejected_request_shows_the_error_message(page: Page, server: RunningServer) -> None:
    choose_model(page, server, "test/cube")
    page.fill("#prompt", "a cube")
    page.fill("#face-limit", "50")
    click_generate(page)
    expect(page.locator("#error")).to_have_text("face_limit must be between 100 and 1000000")
    expect(page.locator("#status-line")).to_have_text("Not submitted")


def test_a_wrong_key_is_reported_and_a_good_one_is_remembered(
    page: Page, server: RunningServer
) -> None:
    enter_key(page, "mf_not_a_key")
    expect(page.locator("#error")).to_have_text("invalid or revoked API key")
    expect(page.locator("#generate")).to_be_disabled()
    enter_key(page, server.api_key)
    expect(page.locator("#model")).to_be_enabled()
    expect(page.locator("#error")).to_be_hidden()
    page.reload()
    expect(page.locator("#api-key")).to_have_value(server.api_key)
    expect(page.locator("#model option[value='test/cube']")).to_have_count(1)


def test_queue_position_is_shown_and_cancel_stops_the_task(
    page: Page, server: RunningServer
) -> None:
    blocker = submit(server, {"model": "test/slow", "prompt": "30"})  # holds the one worker
    wait_for(lambda: get_task(server, blocker)["status"] == "IN_PROGRESS", timeout_s=20)
    choose_model(page, server, "test/slow")
    page.fill("#prompt", "30")
    click_generate(page)
    expect(page.locator("#status-line")).to_contain_text("QUEUED · 0% · queue position 1")
    page.click("#cancel")
    expect(page.locator("#status-line")).to_contain_text("FAILURE", timeout=DONE_TIMEOUT_MS)
    expect(page.locator("#error")).to_have_text("canceled")
    expect(page.locator("#cancel")).to_be_hidden()
    httpx.post(
        f"{server.base_url}/v1/3d/generations/{blocker}/cancel", headers=server.headers, timeout=10
    ).raise_for_status()
