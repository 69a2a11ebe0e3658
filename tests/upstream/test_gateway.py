"""meshforge as a gateway: forwarding to a second meshforge (an edge box without a GPU in
front of a GPU box), and Siray's own Python SDK talking to meshforge."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
from PIL import Image
from siray import BadRequestError, GenerationResponse, Siray, TaskStatus
from siray.base_client import BaseClient

from tests.support.server import start_server, submit
from tests.support.upstreams import fake_provider
from tests.upstream.conftest import FAST, forwarding_server, row, watch


def test_a_meshforge_server_forwards_to_another_meshforge(tmp_path: Path) -> None:
    with start_server(tmp_path / "gpu-box") as backend:
        upstream = {
            "provider": "siray",
            "base_url": backend.base_url,
            "api_key": backend.api_key,
            "models": {"gpu-box/cube": {"id": "test/cube", "kind": "text-to-3d"}},
        }
        env = {"MESHFORGE_UPSTREAMS": json.dumps([upstream]), **FAST}
        with start_server(tmp_path / "edge", env=env) as edge:
            body = {"model": "gpu-box/cube", "prompt": "a cube", "seed": 3}
            task_id = submit(edge, {**body, "output_formats": ["glb", "stl"]})
            done = watch(edge, task_id)[-1]
            assert done["status"] == "SUCCESS", done
            assert done["provider"] == "siray" and done["seed"] == 3
            assert [a["format"] for a in done["assets"]] == ["glb", "stl"]
            stl = httpx.get(done["outputs"][1], timeout=30)
            assert stl.status_code == 200 and len(stl.content) > 84
            listed = httpx.get(
                f"{backend.base_url}/v1/3d/generations", headers=backend.headers, timeout=30
            ).json()["data"]["items"]
            assert [(t["model"], t["seed"], t["status"]) for t in listed] == [
                ("test/cube", 3, "SUCCESS")
            ]
            assert row(backend, listed[0]["task_id"])["idempotency_key"] == f"meshforge-{task_id}-0"


def test_sirays_sdk_generates_with_a_tripo_model_through_meshforge(tmp_path: Path) -> None:
    photo = tmp_path / "chair.png"
    Image.new("RGB", (96, 96), (120, 80, 40)).save(photo)
    model = "tripo/tripo3d-v2.5-image-to-3d"
    with (
        fake_provider("tripo", duration=1) as fake,
        forwarding_server(tmp_path, fake, {model: "v2.5-20250123"}) as server,
    ):
        # siray 0.3.0 has no 3D namespace: its own HTTP client and response models make
        # the calls Siray documents for 3D generation.
        sdk = Siray(api_key=server.api_key, base_url=server.base_url)
        http = BaseClient(api_key=server.api_key, base_url=server.base_url)
        image = sdk.load_from_local(str(photo))
        created = GenerationResponse(
            http.post("/v1/3d/generations", data={"model": model, "image": image, "seed": 9})
        )
        assert created.task_id.startswith("3d_")
        deadline = time.monotonic() + 60
        while (
            status := TaskStatus(http.get(f"/v1/3d/generations/{created.task_id}"))
        ).status not in (
            "SUCCESS",
            "FAILURE",
        ):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert status.status == "SUCCESS" and status.progress_percent == 100
        glb = httpx.get(status.result or "", timeout=30)
        assert glb.content[:4] == b"glTF"
        assert fake.count("created") == 1
        try:
            http.post("/v1/3d/generations", data={"model": "tripo/no-such-model", "image": image})
        except BadRequestError as error:
            assert error.code == "model_not_found" and model in error.message
        else:
            raise AssertionError("an unknown model must be a 400 the SDK understands")
