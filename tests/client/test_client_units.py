"""The client's I/O-free parts: back-off schedule, polling decisions, parsing, filenames."""

from __future__ import annotations

import base64
import io
import pathlib
import random

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from meshforge.client import (
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    OverloadedError,
    ProtocolError,
    RateLimitedError,
    RetryPolicy,
    TaskFailedError,
    TaskStatus,
    WaitTimeoutError,
)
from meshforge.client.downloads import choose_filename, safe_filename, unique_path
from meshforge.client.errors import APIConnectionError
from meshforge.client.images import image_to_field, sniff_image_type
from meshforge.client.models import parse_progress, parse_task, parse_task_page
from meshforge.client.progress import LineReporter, describe, format_elapsed
from meshforge.client.protocol import (
    build_submit_body,
    error_from_response,
    parse_retry_after,
    resolve_base_url,
)
from meshforge.client.retry import WaitLoop, request_retry_delay

PNG_1PX = Image.new("RGB", (1, 1), "red")


def task_json(status: str = "QUEUED", **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "task_id": "3d_" + "a" * 48,
        "status": status,
        "progress": "0%",
        "outputs": [],
        "start_time": 0,
        "finish_time": 0,
        "submit_time": 1763274672,
        "fail_reason": "",
    }
    data.update(extra)
    return data


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# --- back-off -------------------------------------------------------------------------


def test_backoff_grows_exponentially_up_to_the_cap_with_jitter_below_the_step() -> None:
    policy = RetryPolicy(base_delay=1.0, factor=2.0, max_delay=10.0, jitter=0.25)
    rng = random.Random(7)
    delays = [policy.delay(attempt, None, rng) for attempt in range(1, 7)]
    steps = [1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    for delay, step in zip(delays, steps, strict=True):
        assert step * 0.75 <= delay <= step
    assert delays[3] > delays[1] > 0


def test_backoff_never_retries_before_retry_after() -> None:
    policy = RetryPolicy(jitter=0.25)
    rng = random.Random(1)
    delays = [policy.delay(1, 3.0, rng) for _ in range(200)]
    assert min(delays) >= 3.0
    assert max(delays) <= 3.75
    assert len({round(d, 6) for d in delays}) > 100  # jitter spreads clients apart


@given(
    attempt=st.integers(1, 50),
    retry_after=st.one_of(st.none(), st.floats(0, 3600)),
    seed=st.integers(0, 2**32),
)
def test_backoff_stays_within_its_bounds(
    attempt: int, retry_after: float | None, seed: int
) -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=30.0, jitter=0.25)
    delay = policy.delay(attempt, retry_after, random.Random(seed))
    if retry_after is None:
        assert 0 < delay <= policy.max_delay
    else:
        assert retry_after <= delay <= retry_after * 1.25


def test_request_retry_gives_up_after_max_retries_and_on_non_retryable_errors() -> None:
    policy = RetryPolicy(max_retries=2, max_delay=30.0)
    rng = random.Random(0)
    limited = RateLimitedError("slow down", status_code=429, retry_after=2.0)
    assert request_retry_delay(policy, 1, limited, rng) >= 2.0
    assert request_retry_delay(policy, 2, limited, rng) >= 2.0
    with pytest.raises(RateLimitedError):
        request_retry_delay(policy, 3, limited, rng)
    with pytest.raises(BadRequestError):
        request_retry_delay(policy, 1, BadRequestError("no", status_code=400), rng)
    too_long = OverloadedError("busy", status_code=503, retry_after=3600.0)
    with pytest.raises(OverloadedError):
        request_retry_delay(policy, 1, too_long, rng)


# --- the polling state machine ------------------------------------------------------------


def make_loop(timeout: float | None = 30.0, raise_on_failure: bool = True) -> WaitLoop:
    return WaitLoop(
        task_id="3d_x",
        poll_interval=5.0,
        timeout=timeout,
        policy=RetryPolicy(base_delay=1.0, max_delay=8.0, jitter=0.0),
        raise_on_failure=raise_on_failure,
        clock=FakeClock(),
        rng=random.Random(0),
    )


def test_wait_loop_polls_at_the_interval_and_stops_on_success() -> None:
    loop = make_loop()
    assert loop.after_task(parse_task(task_json("QUEUED"))) == 5.0
    assert loop.after_task(parse_task(task_json("IN_PROGRESS")), retry_after=8.0) == 8.0
    assert loop.after_task(parse_task(task_json("SUCCESS", progress="100%"))) is None


def test_wait_loop_backs_off_on_errors_and_resets_after_a_good_poll() -> None:
    loop = make_loop()
    network = APIConnectionError("down")
    assert [loop.after_error(network) for _ in range(5)] == [1.0, 2.0, 4.0, 8.0, 8.0]
    loop.after_task(parse_task(task_json("QUEUED")))
    assert loop.after_error(network) == 1.0
    assert loop.after_error(RateLimitedError("x", status_code=429, retry_after=6.0)) == 6.0


def test_wait_loop_raises_non_retryable_errors_and_task_failure() -> None:
    loop = make_loop()
    with pytest.raises(AuthenticationError):
        loop.after_error(AuthenticationError("bad key", status_code=401))
    failed = parse_task(task_json("FAILURE", fail_reason="the image has no object"))
    with pytest.raises(TaskFailedError) as caught:
        loop.after_task(failed)
    assert caught.value.fail_reason == "the image has no object"
    assert make_loop(raise_on_failure=False).after_task(failed) is None


def test_wait_loop_clips_sleeps_to_the_timeout_and_then_gives_up() -> None:
    loop = make_loop(timeout=12.0)
    clock = loop.clock
    assert isinstance(clock, FakeClock)
    queued = parse_task(task_json("QUEUED"))
    assert loop.after_task(queued) == 5.0
    clock.now += 10.0
    assert loop.after_task(queued) == pytest.approx(2.0)
    clock.now += 2.0
    with pytest.raises(WaitTimeoutError) as caught:
        loop.after_task(queued)
    assert caught.value.last_task == queued
    assert isinstance(caught.value, TimeoutError)


# --- parsing ----------------------------------------------------------------------------


def test_parse_task_reads_contract_and_extension_fields() -> None:
    task = parse_task(
        task_json(
            "SUCCESS",
            progress="100%",
            outputs=["http://h/redirect/t1"],
            model="test/cube",
            seed=42,
            assets=[{"url": "http://h/redirect/t1", "format": "glb", "bytes": 10}],
        )
    )
    assert task.status is TaskStatus.SUCCESS and task.is_terminal
    assert task.progress == 100 and task.outputs == ("http://h/redirect/t1",)
    assert task.seed == 42 and task.assets[0].format == "glb" and task.assets[0].bytes == 10
    assert task.raw["model"] == "test/cube"


def test_parse_task_rejects_unknown_status_and_missing_id() -> None:
    with pytest.raises(ProtocolError):
        parse_task(task_json("PENDING"))
    with pytest.raises(ProtocolError):
        parse_task({"status": "QUEUED"})
    assert [parse_progress(v) for v in ("42%", "7", None, "150%")] == [42, 7, 0, 100]


def test_parse_task_page_accepts_a_list_or_an_object_with_a_cursor() -> None:
    assert len(parse_task_page([task_json()]).tasks) == 1
    page = parse_task_page({"items": [task_json(), task_json()], "next_after": "abc"})
    assert len(page.tasks) == 2 and page.next_cursor == "abc"


def test_error_envelope_becomes_a_typed_error() -> None:
    body = {
        "code": "rate_limited",
        "message": "slow down",
        "data": None,
        "error": {"code": "rate_limited", "type": "rate_limit_error", "message": "slow down"},
    }
    error = error_from_response(httpx.Response(429, json=body, headers={"Retry-After": "3"}))
    assert isinstance(error, RateLimitedError)
    assert (error.message, error.code, error.error_type, error.retry_after) == (
        "slow down",
        "rate_limited",
        "rate_limit_error",
        3.0,
    )
    assert isinstance(error_from_response(httpx.Response(410, text="gone")), NotFoundError)
    assert isinstance(error_from_response(httpx.Response(503)), OverloadedError)


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_base_url_comes_from_argument_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESHFORGE_BASE_URL", "http://env:9000/v1/")
    assert resolve_base_url(None) == "http://env:9000"
    assert resolve_base_url("https://api.example/") == "https://api.example"
    monkeypatch.delenv("MESHFORGE_BASE_URL")
    assert resolve_base_url(None) == "http://127.0.0.1:8000"
    with pytest.raises(ValueError, match="http:// or https://"):
        resolve_base_url("localhost:8000")


# --- request bodies and images ----------------------------------------------------------


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PNG_1PX.save(buffer, format="PNG")
    return buffer.getvalue()


def test_image_inputs_become_data_urls_or_pass_through(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(png_bytes())
    expected = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    assert image_to_field(str(path)) == expected
    assert image_to_field(path) == expected
    assert image_to_field(png_bytes()) == expected
    assert image_to_field(PNG_1PX).startswith("data:image/png;base64,")
    assert image_to_field("https://example.com/a.jpg") == "https://example.com/a.jpg"
    with pytest.raises(ValueError, match="not found"):
        image_to_field(str(tmp_path / "missing.png"))
    with pytest.raises(ValueError, match="PNG, JPEG or WebP"):
        image_to_field(b"GIF89a....")


def test_image_types_are_sniffed_from_content() -> None:
    assert sniff_image_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert sniff_image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_image_type(b"hello") is None


def test_submit_body_leaves_out_unset_fields() -> None:
    body = build_submit_body("m", {"prompt": "a cup", "output_formats": ["GLB", "obj"]})
    assert body == {"model": "m", "prompt": "a cup", "output_formats": ["glb", "obj"]}


# --- filenames and progress -------------------------------------------------------------


def test_filenames_come_from_content_disposition_and_are_made_safe() -> None:
    assert choose_filename('attachment; filename="cube.glb"', "http://h/r/x", "") == "cube.glb"
    utf8 = "attachment; filename*=UTF-8''t%C3%A4sk.obj"
    assert choose_filename(utf8, "http://h/r/x", "") == "täsk.obj"
    evil = 'attachment; filename="../../etc/passwd"'
    assert choose_filename(evil, "http://h/r/x", "") == "passwd"
    assert choose_filename(None, "http://h/redirect/tok", "model/gltf-binary") == "tok.glb"
    assert safe_filename("..") == ""


def test_unique_path_numbers_names_taken_by_the_same_download(tmp_path: pathlib.Path) -> None:
    taken = {tmp_path / "a.glb"}
    assert unique_path(tmp_path, "a.glb", taken) == tmp_path / "a-2.glb"
    assert unique_path(tmp_path, "b.glb", taken) == tmp_path / "b.glb"


def test_progress_lines_show_status_percent_queue_and_elapsed() -> None:
    queued = parse_task(task_json("QUEUED", queue_position=3))
    assert describe(queued, 65.2) == "QUEUED         0%  queue position 3  0:01:05"
    assert format_elapsed(3725) == "1:02:05"
    stream = io.StringIO()
    clock = FakeClock()
    reporter = LineReporter(stream, clock=clock)
    running = parse_task(task_json("IN_PROGRESS", progress="40%"))
    for task in (queued, queued, running, running):
        clock.now += 1
        reporter.update(task)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2  # repeats are not printed again
    assert lines[1].startswith("IN_PROGRESS   40%")
