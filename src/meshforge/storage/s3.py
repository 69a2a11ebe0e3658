"""Files in an S3-compatible bucket; downloads are 302s to short-lived presigned URLs.

boto3 is imported on first use, so a server without S3 never needs it installed.
Credentials come from boto3's usual chain (AWS_ACCESS_KEY_ID, ~/.aws, instance roles).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse


class S3Storage:
    def __init__(
        self, url: str, *, endpoint_url: str = "", region: str = "us-east-1", ttl_s: int = 300
    ) -> None:
        parsed = urlparse(url)
        if parsed.scheme != "s3" or not parsed.netloc:
            raise ValueError("the storage URL must look like s3://bucket/optional/prefix")
        self._bucket = parsed.netloc
        self._prefix = parsed.path.strip("/")
        self._endpoint_url, self._region, self._ttl_s = endpoint_url or None, region, ttl_s
        self._client_instance: Any = None

    @property
    def _client(self) -> Any:
        if self._client_instance is None:
            try:
                import boto3
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise RuntimeError("S3 storage needs boto3: pip install 'meshforge[s3]'") from exc
            self._client_instance = boto3.client(
                "s3", endpoint_url=self._endpoint_url, region_name=self._region
            )
        return self._client_instance

    def _key(self, key: str) -> str:
        return f"{self._prefix}/{key}" if self._prefix else key

    def put(self, key: str, data: bytes) -> None:
        self._client.put_object(Bucket=self._bucket, Key=self._key(key), Body=data)

    def get(self, key: str) -> bytes:
        body = self._client.get_object(Bucket=self._bucket, Key=self._key(key))["Body"]
        data: bytes = body.read()
        return data

    def local_path(self, key: str) -> Path | None:
        return None

    def download_url(self, key: str, filename: str, content_type: str) -> str | None:
        url: str = self._client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self._bucket,
                "Key": self._key(key),
                "ResponseContentType": content_type,
                "ResponseContentDisposition": f'attachment; filename="{quote(filename)}"',
            },
            ExpiresIn=self._ttl_s,
        )
        return url

    def delete(self, key: str) -> None:
        self._client.delete_object(Bucket=self._bucket, Key=self._key(key))

    def ping(self) -> None:
        self._client.head_bucket(Bucket=self._bucket)
