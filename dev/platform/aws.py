"""boto3 clients for the emulator, with the SDK's own retry handling (adaptive, a few attempts)."""

from __future__ import annotations

import os
from functools import cached_property
from typing import Any

import boto3
from botocore.config import Config

from dev.platform.settings import PlatformSettings

_CONFIG = Config(retries={"mode": "standard", "max_attempts": 4}, connect_timeout=3, read_timeout=20)


class Clients:
    def __init__(self, settings: PlatformSettings) -> None:
        self._session = boto3.session.Session(
            region_name=settings.region,
            aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "test"),
            aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "test"),
        )
        self._endpoint = settings.endpoint_url

    def _client(self, name: str) -> Any:
        return self._session.client(name, endpoint_url=self._endpoint, config=_CONFIG)  # type: ignore[call-overload]

    @cached_property
    def ecs(self) -> Any:
        return self._client("ecs")

    @cached_property
    def elbv2(self) -> Any:
        return self._client("elbv2")

    @cached_property
    def logs(self) -> Any:
        return self._client("logs")

    @cached_property
    def secretsmanager(self) -> Any:
        return self._client("secretsmanager")

    @cached_property
    def ssm(self) -> Any:
        return self._client("ssm")
