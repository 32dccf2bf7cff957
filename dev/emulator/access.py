"""How clients reach an emulator: the environment of a subprocess and boto3 clients, with test credentials.

One definition for the CLI, the data plane's tasks and the tests.
"""

from __future__ import annotations

from typing import Any

import boto3

TEST_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}


def client_env(endpoint_url: str, region: str) -> dict[str, str]:
    """What a subprocess (aws CLI, Terraform, the app) needs to talk to the emulator at ``endpoint_url``."""
    return {
        "AWS_ENDPOINT_URL": endpoint_url,
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        **TEST_CREDENTIALS,
    }


def client(service: str, endpoint_url: str, region: str, **kwargs: Any) -> Any:
    """A boto3 client for one service of the emulator at ``endpoint_url``."""
    return boto3.client(  # type: ignore[call-overload]
        service,
        endpoint_url=endpoint_url,
        region_name=region,
        aws_access_key_id=TEST_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=TEST_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        **kwargs,
    )
