"""All settings in one place (environment prefix MESHFORGE_), validated at start."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_serializer, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

UpstreamProvider = Literal["siray", "tripo", "meshy"]
UpstreamKind = Literal["text-to-3d", "image-to-3d"]


class UpstreamModel(BaseModel):
    """A provider's model behind a local id; `kind` is needed when neither id says it."""

    id: str = Field(min_length=1)
    kind: UpstreamKind | None = None


class UpstreamSettings(BaseModel):
    """One provider meshforge forwards to (an item of MESHFORGE_UPSTREAMS)."""

    provider: UpstreamProvider
    base_url: str = Field(min_length=1)
    api_key: SecretStr = SecretStr("")  # masked in repr and logs
    models: dict[str, str | UpstreamModel]

    @field_serializer("api_key", when_used="json")
    def _keep_key(self, value: SecretStr) -> str:
        # Settings travel to local worker processes as JSON: the key must survive that.
        return value.get_secret_value()


class Settings(BaseSettings):
    """Server, worker and storage settings; every field can be set as MESHFORGE_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="MESHFORGE_", extra="ignore")

    data_dir: Path = Path("./meshforge-data")
    database_url: str = ""  # empty: SQLite file under data_dir
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    workers: int = Field(2, ge=1, le=64)
    public_base_url: str = ""  # empty: output URLs use the request's own base URL
    # This node's name in a cluster: in worker ids, Celery hostnames and lease holders.
    node_name: str = Field(default_factory=socket.gethostname, min_length=1, max_length=60)

    # Files: a local directory under data_dir by default, or an S3-compatible bucket.
    storage_url: str = ""  # e.g. s3://bucket/prefix
    s3_endpoint_url: str = ""  # for MinIO and other S3-compatible stores
    s3_region: str = "us-east-1"
    presigned_url_ttl_s: int = Field(300, ge=10, le=7 * 24 * 3600)

    # Executor: "local" worker processes, or "celery" workers (`meshforge worker`).
    executor: Literal["local", "celery"] = "local"
    broker_url: str = "redis://127.0.0.1:6379/0"  # or amqp://guest:guest@127.0.0.1:5672//
    celery_queue: str = "cpu"  # one queue per device class
    heartbeat_interval_s: float = Field(5.0, gt=0)
    heartbeat_lease_s: float = Field(30.0, gt=0)  # no heartbeat for this long: worker is dead
    # A QUEUED task no worker claimed this long after its publish is published again.
    republish_after_s: float = Field(30.0, gt=0)
    dispatch_stall_s: float = Field(10.0, gt=0)  # a local worker silent this long is stuck

    task_time_limit_s: float = Field(600.0, gt=0)
    max_attempts: int = Field(3, ge=1, le=10)
    retention_s: int = Field(7 * 24 * 3600, ge=60)
    cleanup_interval_s: float = Field(3600.0, gt=0)
    max_queued_tasks: int = Field(1000, ge=1)
    submits_per_minute: int = Field(120, ge=1)  # per API key
    # How long an API node trusts a key it saw live on the list route; a revoked key
    # keeps listing there for up to this long (tasks/keycache.py). 0: check every time.
    key_cache_ttl_s: float = Field(5.0, ge=0, le=60)
    max_body_bytes: int = Field(28 * 1024 * 1024, ge=1024)  # 20 MiB image as base64 + fields
    # Web origins (e.g. https://app.example.com) whose pages may call the API; none by default.
    cors_allow_origins: list[str] = []

    allow_private_image_urls: bool = False
    image_fetch_timeout_s: float = Field(10.0, gt=0)

    # Webhooks: http:// and private addresses only when allowed (for local testing).
    allow_private_callback_urls: bool = False
    # The signing secret; empty: one kept in data_dir/webhook_secret. Every API node of a
    # cluster must sign with the same one, so set it on each.
    webhook_secret: SecretStr = SecretStr("")
    webhook_timeout_s: float = Field(10.0, gt=0)
    webhook_backoff_s: list[float] = [5.0, 30.0, 120.0, 600.0, 3600.0]  # then give up

    # Learned engines (engines/learned): weights from a local folder, run by GPU workers.
    weights_dir: Path | None = None  # None: data_dir / "weights"
    gpu_slots: int | None = Field(None, ge=0, le=64)  # GPU worker processes; None: one per GPU
    learned_on_cpu: bool = False  # without a GPU, run learned models on the CPU (slow)
    hunyuan3d_license_accepted: bool = False  # Tencent's Hunyuan 3D licence (see README)
    celery_gpu_queue: str = "gpu"  # the queue learned models are published to
    # Forwarding to hosted providers (engines/upstream) and the result cache (tasks/cache).
    upstreams: list[UpstreamSettings] = []
    upstream_poll_interval_s: float = Field(5.0, gt=0)  # Siray's guidance: poll every 5-10 s
    upstream_probe_interval_s: float = Field(60.0, gt=0)  # health check of each provider
    upstream_max_in_flight: int = Field(1000, ge=1)  # forwarded tasks run at once per node
    upstream_download_max_bytes: int = Field(512 * 1024 * 1024, ge=1024)
    result_cache: bool = True  # false: no submit is answered from the cache

    builtin_engines: bool = True
    extra_engines: list[str] = []  # "module:factory" paths, e.g. test fixture engines
    model_aliases: dict[str, str] = {}

    @field_validator("public_base_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'meshforge.db').resolve()}"

    @property
    def resolved_weights_dir(self) -> Path:
        return self.weights_dir if self.weights_dir is not None else self.data_dir / "weights"

    @property
    def storage_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def webhook_secret_path(self) -> Path:
        return self.data_dir / "webhook_secret"
