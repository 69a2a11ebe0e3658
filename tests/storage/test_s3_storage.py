"""S3 storage against a local S3 server (moto): files, presigned redirects, cleanup,
and a real `meshforge serve` whose workers write their outputs to the bucket."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from meshforge.domain.ids import new_token
from meshforge.domain.records import Artifact, Asset
from meshforge.storage.s3 import S3Storage
from meshforge.tasks.retention import delete_expired
from tests.api.conftest import assert_error, make_api
from tests.support.server import free_port, get_task, start_server, submit

BUCKET = "meshforge-test"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture
def s3_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def test_put_get_delete_and_ping(s3_endpoint: str) -> None:
    storage = S3Storage(f"s3://{BUCKET}/pre", endpoint_url=s3_endpoint)
    storage.ping()
    storage.put("outputs/t/model.glb", b"glTF-bytes")
    assert storage.get("outputs/t/model.glb") == b"glTF-bytes"
    listed = boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(Bucket=BUCKET)
    assert [o["Key"] for o in listed["Contents"]] == ["pre/outputs/t/model.glb"]
    storage.delete("outputs/t/model.glb")
    with pytest.raises(Exception, match="NoSuchKey"):
        storage.get("outputs/t/model.glb")
    with pytest.raises(Exception):  # noqa: B017 - any botocore error
        S3Storage("s3://no-such-bucket", endpoint_url=s3_endpoint).ping()


def test_redirect_is_a_302_to_a_presigned_url(tmp_path: Path, s3_endpoint: str) -> None:
    settings = {"storage_url": f"s3://{BUCKET}/files", "s3_endpoint_url": s3_endpoint}
    for api in make_api(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", **settings):
        task_id = api.submit({"model": "test/cube", "prompt": "x"}).json()["task_id"]
        store, key = api.runtime.tasks, f"outputs/{task_id}/model.glb"
        api.runtime.storage.put(key, b"glTF-in-s3")
        assert store.claim(task_id, "w1")
        live = Asset(new_token(), "glb", "model.glb", "model/gltf-binary", 10, 12, 8)
        gone = Asset(new_token(), "glb", "old.glb", "model/gltf-binary", 10, 12, 8)
        artifacts = [
            Artifact(
                live.token, task_id, key, "model.glb", "model/gltf-binary", int(time.time()) + 3600
            ),
            Artifact(
                gone.token,
                task_id,
                key + ".old",
                "old.glb",
                "model/gltf-binary",
                int(time.time()) - 1,
            ),
        ]
        api.runtime.storage.put(key + ".old", b"expired")
        assert store.succeed(task_id, "w1", [live, gone], None, artifacts)
        response = api.client.get(f"/redirect/{live.token}", follow_redirects=False)
        assert response.status_code == 302
        download = httpx.get(response.headers["location"])
        assert download.content == b"glTF-in-s3"
        assert download.headers["content-type"] == "model/gltf-binary"
        assert 'filename="model.glb"' in download.headers["content-disposition"]
        assert_error(api.client.get(f"/redirect/{gone.token}"), 410, "gone")
        assert delete_expired(api.runtime) == 1
        with pytest.raises(Exception, match="NoSuchKey"):
            api.runtime.storage.get(key + ".old")
        assert api.client.get("/readyz").json()["data"]["checks"]["storage"] is True


def test_workers_write_outputs_to_the_bucket(tmp_path: Path, s3_endpoint: str) -> None:
    env = {
        **CREDENTIALS,
        "MESHFORGE_STORAGE_URL": f"s3://{BUCKET}/srv",
        "MESHFORGE_S3_ENDPOINT_URL": s3_endpoint,
    }
    with start_server(tmp_path, env=env) as server:
        task_id = submit(server, {"model": "test/cube", "prompt": "x"})
        deadline = time.monotonic() + 60
        while (data := get_task(server, task_id))["status"] != "SUCCESS":
            assert data["status"] != "FAILURE" and time.monotonic() < deadline, data
            time.sleep(0.1)
        outputs = data["outputs"]
        assert isinstance(outputs, list)
        download = httpx.get(outputs[0], follow_redirects=True)
        assert download.content[:4] == b"glTF"
    keys = [
        o["Key"]
        for o in boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(Bucket=BUCKET)[
            "Contents"
        ]
    ]
    assert any(k.startswith(f"srv/outputs/{task_id}/") and k.endswith(".glb") for k in keys)
    assert not (server.data_dir / "files" / "outputs").exists()  # nothing written locally
