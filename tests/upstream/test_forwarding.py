"""Forwarded tasks end to end: a real `meshforge serve` and a real fake provider."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import trimesh

from tests.support.server import RunningServer, get_task, submit, wait_for
from tests.support.upstreams import FakeProvider, fake_provider
from tests.upstream.conftest import database_text, forwarding_server, photo_data_url, row, watch

TRIPO_MODEL = "tripo/tripo3d-v2.5-image-to-3d"
TRIPO = {TRIPO_MODEL: "v2.5-20250123"}


def image_request(**extra: object) -> dict[str, object]:
    return {"model": TRIPO_MODEL, "image": photo_data_url(), **extra}


@contextmanager
def running_upstream(
    tmp_path: Path, seconds: float
) -> Iterator[tuple[FakeProvider, RunningServer, str]]:
    """A forwarded task whose upstream task (taking `seconds`) was just created."""
    with (
        fake_provider("tripo", duration=seconds) as fake,
        forwarding_server(tmp_path, fake, TRIPO) as server,
    ):
        task_id = submit(server, image_request())
        wait_submitted(server, fake, task_id)
        yield fake, server, task_id


def wait_submitted(server: RunningServer, fake: FakeProvider, task_id: str) -> None:
    """Until the upstream task exists and its id is in the row."""
    wait_for(lambda: json.loads(row(server, task_id)["upstream"] or "{}").get("ids"), 30)
    assert fake.count("created") == 1


def test_a_forwarded_task_goes_from_submit_to_a_downloaded_glb(tmp_path: Path) -> None:
    with (
        fake_provider("tripo", duration=1.5) as fake,
        forwarding_server(tmp_path, fake, TRIPO) as server,
    ):
        task_id = submit(server, image_request(output_formats=["glb", "obj"], seed=5))
        seen = watch(server, task_id)
        done = seen[-1]
        assert done["status"] == "SUCCESS", done
        assert done["provider"] == "tripo" and done["cached"] is False
        assert {s["status"] for s in seen} >= {"IN_PROGRESS", "SUCCESS"}
        percents = [int(s["progress"].rstrip("%")) for s in seen]
        assert percents == sorted(percents) and any(5 < p < 85 for p in percents)
        glb = httpx.get(done["outputs"][0], timeout=30)
        assert glb.headers["content-type"] == "model/gltf-binary"
        scene = trimesh.load(io.BytesIO(glb.content), file_type="glb", force="scene")
        assert scene.extents is not None and abs(max(scene.extents) - 0.5) < 1e-3  # fake's box
        assert [a["format"] for a in done["assets"]] == ["glb", "obj"]
        assert httpx.get(done["thumbnail"], timeout=30).headers["content-type"] == "image/png"
        assert fake.count("created") == 1 and fake.count("upload") == 1


def test_sigkill_while_upstream_runs_then_one_submit_only(tmp_path: Path) -> None:
    with running_upstream(tmp_path, 6) as (fake, server, task_id):
        server.kill()  # the forwarder dies with the server, mid-poll
        server.restart()
        done = watch(server, task_id)[-1]
        assert done["status"] == "SUCCESS", done
        assert fake.count("created") == 1
        assert row(server, task_id)["attempts"] == 1  # resumed, not re-run


def test_a_graceful_stop_hands_the_task_back_and_it_resumes(tmp_path: Path) -> None:
    with (
        fake_provider("siray", duration=4) as fake,
        forwarding_server(
            tmp_path, fake, {"hosted/cube-image-to-3d": "tripo/tripo3d-v2.5-image-to-3d"}
        ) as server,
    ):
        task_id = submit(server, {"model": "hosted/cube-image-to-3d", "image": photo_data_url()})
        wait_submitted(server, fake, task_id)
        server.stop()
        assert row(server, task_id)["status"] == "QUEUED"
        server.restart()
        assert watch(server, task_id)[-1]["status"] == "SUCCESS"
        assert fake.count("created") == 1


def test_rate_limits_and_outages_upstream_are_ridden_through(tmp_path: Path) -> None:
    faults = {
        "upload": [[503, "1"]],
        "submit": [[429, "1"], [503, None], [429, "0.5"]],
        "poll": [[503, "0.5"], [429, None], [502, None], [504, "0.2"]],
    }
    with (
        fake_provider("tripo", duration=1) as fake,
        forwarding_server(tmp_path, fake, TRIPO) as server,
    ):
        fake.configure(faults=faults)
        started = time.monotonic()
        done = watch(server, submit(server, image_request()))[-1]
        assert done["status"] == "SUCCESS", done
        assert time.monotonic() - started > 2.5  # Retry-After was honoured
        assert fake.stats()["pending_faults"] == {"upload": 0, "submit": 0, "poll": 0}
        assert len(fake.stats()["submitted"]) == 1  # 429 and 503 never created a task


def test_an_upstream_failure_gives_the_providers_reason(tmp_path: Path) -> None:
    with (
        fake_provider("meshy", duration=0.5) as fake,
        forwarding_server(tmp_path, fake, {"meshy/meshy-6-image-to-3d": "meshy-6"}) as server,
    ):
        fake.configure(fail_reason="the image shows no object that can be modelled")
        task_id = submit(server, {"model": "meshy/meshy-6-image-to-3d", "image": photo_data_url()})
        done = watch(server, task_id)[-1]
        assert done["status"] == "FAILURE"
        assert "the upstream provider (meshy) failed the task" in done["fail_reason"]
        assert "no object that can be modelled" in done["fail_reason"]


def test_an_upstream_401_blames_the_operators_key_and_never_shows_it(tmp_path: Path) -> None:
    with running_upstream(tmp_path, 5) as (fake, server, task_id):
        fake.configure(key="a-key-the-operator-does-not-have")  # the key is revoked
        done = watch(server, task_id)[-1]
        assert done["status"] == "FAILURE"
        assert done["fail_reason"] == "the upstream provider refused the operator's key"
        wait_for(lambda: not _model(server, TRIPO_MODEL)["available"], 10)
        listed = _model(server, TRIPO_MODEL)
        assert listed["unavailable_reason"] == "the upstream provider refused the operator's key"
        responses = json.dumps([get_task(server, task_id), listed])
        server.stop()
        log = (server.process.stderr.read() if server.process.stderr else b"").decode()
        for text in (responses, log, database_text(server)):
            assert "tripo-secret-key" not in text


def test_cancel_reaches_the_provider(tmp_path: Path) -> None:
    with (
        fake_provider("meshy", duration=30) as fake,
        forwarding_server(tmp_path, fake, {"meshy/meshy-6-image-to-3d": "meshy-6"}) as server,
    ):
        task_id = submit(server, {"model": "meshy/meshy-6-image-to-3d", "image": photo_data_url()})
        wait_submitted(server, fake, task_id)
        url = f"{server.base_url}/v1/3d/generations/{task_id}/cancel"
        assert httpx.post(url, headers=server.headers, timeout=30).status_code == 200
        wait_for(lambda: fake.count("cancel") == 1, 10)
        assert get_task(server, task_id)["fail_reason"] == "canceled"
        assert fake.stats()["running"] == 0


def test_models_lists_forwarded_models_with_provider_and_availability(tmp_path: Path) -> None:
    with fake_provider("tripo") as fake, forwarding_server(tmp_path, fake, TRIPO) as server:
        listed = _model(server, TRIPO_MODEL)
        assert listed["device"] == "upstream" and listed["provider"] == "tripo"
        assert listed["kind"] == "image-to-3d" and listed["available"] is True
        fake.process.terminate()  # the provider goes away: the next probe says so
        wait_for(lambda: not _model(server, TRIPO_MODEL)["available"], 15)
        reason = _model(server, TRIPO_MODEL)["unavailable_reason"]
        assert "did not answer" in reason
        response = httpx.post(
            f"{server.base_url}/v1/3d/generations", json=image_request(), headers=server.headers
        )
        assert response.status_code == 400 and response.json()["code"] == "model_unavailable"


@pytest.mark.parametrize("key", [""])
def test_a_model_without_a_key_is_unavailable(tmp_path: Path, key: str) -> None:
    with fake_provider("tripo") as fake:
        env = {"MESHFORGE_UPSTREAMS": fake.upstreams(TRIPO, key=key)}
        with forwarding_server(tmp_path, fake, TRIPO, **env) as server:
            listed = _model(server, TRIPO_MODEL)
            assert listed["available"] is False
            assert listed["unavailable_reason"] == (
                "no API key is configured for the upstream provider tripo"
            )


def _model(server: RunningServer, model_id: str) -> dict[str, object]:
    response = httpx.get(f"{server.base_url}/v1/models", headers=server.headers, timeout=30)
    (found,) = [m for m in response.json()["data"] if m["id"] == model_id]
    return dict(found)
