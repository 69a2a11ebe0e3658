"""Each provider client against its fake (a real process that follows the provider's
published API): submit, poll to the end, download the model; errors sorted right."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator

import pytest
from PIL import Image

from meshforge.domain.options import GenerationOptions
from meshforge.engines.upstream.catalog import PROVIDERS
from meshforge.engines.upstream.errors import UpstreamBusy, UpstreamKeyRefused, UpstreamRejected
from meshforge.engines.upstream.http import ProviderHttp
from meshforge.engines.upstream.job import Poll, UpstreamJob
from meshforge.engines.upstream.provider import Provider
from meshforge.worker.forwarding import load_scene
from tests.support.upstreams import FakeProvider, fake_provider

MODELS = {"siray": "tripo/tripo3d-v2.5-image-to-3d", "tripo": "v2.5-20250123", "meshy": "meshy-6"}


@pytest.fixture(params=sorted(PROVIDERS))
def fake(request: pytest.FixtureRequest) -> Iterator[FakeProvider]:
    with fake_provider(request.param, duration=0.6) as running:
        yield running


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def job(fake: FakeProvider, kind: str = "image-to-3d", **options: object) -> UpstreamJob:
    prompt = "a chair" if kind == "text-to-3d" else None
    opts = GenerationOptions(prompt=prompt, **options)  # type: ignore[arg-type]
    image = png() if kind == "image-to-3d" else None
    return UpstreamJob(kind, MODELS[fake.provider], opts, 42, image, "png")  # type: ignore[arg-type]


def client(fake: FakeProvider, key: str | None = None) -> tuple[Provider, ProviderHttp]:
    provider = PROVIDERS[fake.provider]()
    return provider, ProviderHttp(fake.base_url, key or fake.key, provider.error_message)


async def run_to_end(fake: FakeProvider, work: UpstreamJob) -> tuple[Poll, bytes]:
    provider, http = client(fake)
    previous = None
    for stage in range(provider.stages(work)):
        previous = await provider.submit(http, work, stage, previous, f"key-{stage}")
        while (poll := await provider.poll(http, work, stage, previous)).state == "running":
            assert 0 <= poll.progress <= 100
            await asyncio.sleep(0.1)
    assert poll.state == "success" and poll.model_url
    data = await http.download(poll.model_url, 10_000_000)
    await http.close()
    return poll, data


@pytest.mark.parametrize("kind", ["image-to-3d", "text-to-3d"])
def test_a_job_runs_to_a_model(fake: FakeProvider, kind: str) -> None:
    _, data = asyncio.run(run_to_end(fake, job(fake, kind)))
    assert len(load_scene(data, "model.glb").geometry) == 1
    sent = fake.stats()["submitted"]
    if fake.provider == "meshy" and kind == "text-to-3d":  # textured text: preview + refine
        assert [s["mode"] for s in sent] == ["preview", "refine"]
    else:
        assert len(sent) == 1
    assert fake.count("upload") == (1 if fake.provider == "tripo" and kind == "image-to-3d" else 0)


def test_options_reach_the_provider_in_its_own_words(fake: FakeProvider) -> None:
    asyncio.run(run_to_end(fake, job(fake, face_limit=5000, quad=True, texture_quality="HD")))
    (sent,) = fake.stats()["submitted"]
    if fake.provider == "tripo":
        assert sent["type"] == "image_to_model" and sent["model_version"] == "v2.5-20250123"
        assert sent["face_limit"] == 5000 and sent["quad"] is True
        assert sent["texture_quality"] == "detailed" and sent["model_seed"] == 42
    elif fake.provider == "meshy":
        assert sent["ai_model"] == "meshy-6" and sent["image_url"].startswith("data:image/png")
        assert sent["target_polycount"] == 5000 and sent["topology"] == "quad"
    else:
        assert sent["model"] == MODELS["siray"] and sent["seed"] == 42
        assert sent["face_limit"] == 5000 and sent["texture_quality"] == "HD"


def test_a_wrong_key_is_refused(fake: FakeProvider) -> None:
    provider, http = client(fake, key="wrong")
    with pytest.raises(UpstreamKeyRefused):
        asyncio.run(provider.probe(http))


def test_rate_limits_and_outages_are_busy_with_retry_after(fake: FakeProvider) -> None:
    fake.configure(faults={"submit": [[429, "2"], [503, None], [500, None]]})

    async def three_submits() -> list[tuple[float | None, bool]]:
        provider, http = client(fake)
        seen = []
        for _ in range(3):
            with pytest.raises(UpstreamBusy) as caught:
                await provider.submit(http, job(fake), 0, None, "k")
            seen.append((caught.value.retry_after, caught.value.maybe_done))
        await http.close()
        return seen

    assert asyncio.run(three_submits()) == [(2.0, False), (None, False), (None, True)]


def test_a_failed_upstream_task_says_why(fake: FakeProvider) -> None:
    fake.configure(fail_reason="the input violates the content policy")

    async def until_done() -> Poll:
        provider, http = client(fake)
        work = job(fake)
        task_id = await provider.submit(http, work, 0, None, "k")
        while (poll := await provider.poll(http, work, 0, task_id)).state == "running":
            await asyncio.sleep(0.1)
        return poll

    poll = asyncio.run(until_done())
    assert poll.state == "failure" and "content policy" in poll.reason


def test_a_refused_request_keeps_the_providers_reason(fake: FakeProvider) -> None:
    provider, http = client(fake)
    with pytest.raises(UpstreamRejected) as caught:
        asyncio.run(provider.poll(http, job(fake), 0, "no-such-task"))
    assert "not found" in str(caught.value).lower()
