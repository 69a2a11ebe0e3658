"""The soak's load: pollers on keep-alive connections (open loop: latency counts from
each poll's scheduled time), one submit a second of the real engines, and a record of
every answer by minute."""

from __future__ import annotations

import asyncio
import base64
import io
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field

import httpx
from PIL import Image, ImageDraw

from bench.api.run import _read_response

PROMPTS = [
    "a wooden chair", "a red mug", "a table lamp", "a low-poly pine tree", "a stone well",
    "a blue vase", "a treasure chest", "a small round table", "a bookshelf", "a rocket",
]  # fmt: skip
RECENT = 50  # pollers spread over the newest tasks, most of them not finished yet


@dataclass
class Minute:
    latencies_ms: list[float] = field(default_factory=list)
    poll_errors: int = 0
    server_errors: int = 0  # 5xx, polls and submits
    submits: int = 0
    submit_errors: int = 0
    server_rss_mib: float | None = None
    workers_rss_mib: list[float] = field(default_factory=list)


@dataclass
class Record:
    start: float
    minutes: dict[int, Minute] = field(default_factory=lambda: defaultdict(Minute))
    task_ids: list[str] = field(default_factory=list)
    kills: list[dict[str, object]] = field(default_factory=list)

    def minute(self, at: float) -> Minute:
        return self.minutes[int((at - self.start) // 60)]


def photo_data_url(rng: random.Random) -> str:
    """A small product-style photo: one coloured disc or box on a pale backdrop."""
    image = Image.new("RGB", (320, 240), (228, 226, 220))
    colour = tuple(rng.randrange(20, 200) for _ in range(3))
    box = (100 + rng.randrange(20), 60, 220, 190 + rng.randrange(20))
    draw = ImageDraw.Draw(image)
    (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


async def submitter(base: str, key: str, record: Record, until: float, rng: random.Random) -> None:
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        next_at = time.monotonic()
        while next_at < until:
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            await _submit_one(client, record, rng)
            next_at += 1.0


async def _submit_one(client: httpx.AsyncClient, record: Record, rng: random.Random) -> None:
    if rng.random() < 0.5:
        body = {"model": "meshforge/text-to-3d", "prompt": rng.choice(PROMPTS)}
    else:
        body = {"model": "meshforge/image-to-3d", "image": photo_data_url(rng)}
    minute = record.minute(time.monotonic())
    minute.submits += 1
    try:
        response = await client.post("/v1/3d/generations", json=body)
    except httpx.HTTPError:
        minute.submit_errors += 1
        return
    if response.status_code != 200:
        minute.submit_errors += 1
        minute.server_errors += response.status_code >= 500
        return
    record.task_ids.append(response.json()["task_id"])


async def poller(
    index: int, address: tuple[str, int], key: str, record: Record, until: float, period: float
) -> None:
    """One client polling a recent task every `period` s from a random phase."""
    at = record.start + random.Random(index).uniform(0, period)
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while at < until:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        ids = record.task_ids
        task_id = ids[-1 - index % min(len(ids), RECENT)]
        try:
            connection = connection or await asyncio.open_connection(*address)
            status = await _poll(connection, address[0], key, task_id)
        except (OSError, asyncio.IncompleteReadError):
            status, connection = 0, None
        minute = record.minute(at)
        minute.latencies_ms.append((time.monotonic() - at) * 1000)
        minute.poll_errors += status != 200
        minute.server_errors += status >= 500
        at += period


async def _poll(
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter], host: str, key: str, task_id: str
) -> int:
    reader, writer = connection
    writer.write(
        f"GET /v1/3d/generations/{task_id} HTTP/1.1\r\nHost: {host}\r\n"
        f"Authorization: Bearer {key}\r\n\r\n".encode()
    )
    return await _read_response(reader)
