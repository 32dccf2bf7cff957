"""A thin typed wrapper over one S3 bucket (and optional key prefix), with the errors the service acts on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from app.config import Settings


class BucketUnavailable(Exception):
    """The bucket could not be reached or refused the request (network, credentials, missing bucket)."""


class NotFound(Exception):
    """The key does not exist."""


class PreconditionFailed(Exception):
    """A conditional write lost: the object changed since the ETag it was conditioned on (412/409)."""


@dataclass(frozen=True)
class Blob:
    body: bytes
    etag: str


_NOT_FOUND = {"NoSuchKey", "404", "NotFound"}
_NOT_MODIFIED = {"304", "NotModified"}
# 409 ConditionalRequestConflict: a concurrent conditional write to the same key won.
_PRECONDITION = {"412", "PreconditionFailed", "409", "ConditionalRequestConflict"}


def make_client(settings: Settings, service: str = "s3") -> Any:
    # Short timeouts and few retries: a poll or request should fail fast and try again later, not hang.
    config = Config(
        connect_timeout=settings.s3_timeout_s,
        read_timeout=max(settings.s3_timeout_s, 30.0),
        retries={"mode": "standard", "max_attempts": 3},
        # Emulator endpoints have no per-bucket DNS names (offline, *.localhost.localstack.cloud does not
        # resolve), so address buckets by path whenever an endpoint is configured.
        s3={"addressing_style": "path" if settings.aws_endpoint_url else "auto"},
    )
    return boto3.session.Session().client(  # type: ignore[call-overload]  # service chosen at run time
        service, region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url, config=config
    )


class Bucket:
    def __init__(self, client: Any, name: str, prefix: str = "") -> None:
        self.client, self.name, self.prefix = client, name, prefix

    def _key(self, key: str) -> str:
        return self.prefix + key

    def get(self, key: str, if_none_match: str | None = None) -> Blob | None:
        """The object, or None when ``if_none_match`` is its current ETag (304). NotFound when missing."""
        kwargs: dict[str, Any] = {"Bucket": self.name, "Key": self._key(key)}
        if if_none_match:
            kwargs["IfNoneMatch"] = if_none_match
        try:
            resp = self.client.get_object(**kwargs)
            return Blob(resp["Body"].read(), resp["ETag"])
        except ClientError as e:
            code = str(e.response.get("Error", {}).get("Code"))
            if code in _NOT_MODIFIED:
                return None
            if code in _NOT_FOUND:
                raise NotFound(key) from e
            raise BucketUnavailable(f"s3://{self.name}/{self._key(key)}: {e}") from e
        except BotoCoreError as e:
            raise BucketUnavailable(f"s3://{self.name}: {e}") from e

    def read(self, key: str) -> bytes:
        blob = self.get(key)
        assert blob is not None  # no If-None-Match, so never 304
        return blob.body

    def put(
        self,
        key: str,
        body: bytes,
        content_type: str = "application/octet-stream",
        if_match: str | None = None,
    ) -> str:
        """Write the object; its ETag. With ``if_match``: PreconditionFailed unless it still has that."""
        kwargs: dict[str, Any] = {"IfMatch": if_match} if if_match else {}
        try:
            resp = self.client.put_object(
                Bucket=self.name, Key=self._key(key), Body=body, ContentType=content_type, **kwargs
            )
        except ClientError as e:
            if str(e.response.get("Error", {}).get("Code")) in _PRECONDITION:
                raise PreconditionFailed(key) from e
            raise BucketUnavailable(f"writing s3://{self.name}/{self._key(key)}: {e}") from e
        except BotoCoreError as e:
            raise BucketUnavailable(f"writing s3://{self.name}/{self._key(key)}: {e}") from e
        return str(resp.get("ETag", ""))

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.name, Key=self._key(key))
            return True
        except ClientError as e:
            if str(e.response.get("Error", {}).get("Code")) in _NOT_FOUND:
                return False
            raise BucketUnavailable(f"s3://{self.name}/{self._key(key)}: {e}") from e
        except BotoCoreError as e:
            raise BucketUnavailable(f"s3://{self.name}: {e}") from e

    def list_keys(self, prefix: str) -> Iterator[str]:
        """Keys under ``prefix`` (relative to the bucket prefix), in lexicographic order."""
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.name, Prefix=self._key(prefix)
            )
            for page in pages:
                for obj in page.get("Contents", []):
                    yield obj["Key"][len(self.prefix) :]
        except (ClientError, BotoCoreError) as e:
            raise BucketUnavailable(f"listing s3://{self.name}/{self._key(prefix)}: {e}") from e

    def check(self) -> None:
        """Raise BucketUnavailable unless the bucket answers."""
        try:
            self.client.head_bucket(Bucket=self.name)
        except (ClientError, BotoCoreError) as e:
            raise BucketUnavailable(f"s3://{self.name}: {e}") from e
