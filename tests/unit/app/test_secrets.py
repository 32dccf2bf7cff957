"""API key from Secrets Manager (API_KEY_SECRET_ARN), against moto in-process."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from app.config import Settings
from app.storage.s3 import Bucket, make_client
from app.storage.secrets import SecretError, read_api_key
from moto import mock_aws


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for k, v in {
        "AWS_ACCESS_KEY_ID": "t",
        "AWS_SECRET_ACCESS_KEY": "t",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        yield


def _settings(arn: str) -> Settings:
    return Settings(model_bucket="models", api_key_secret_arn=arn)  # type: ignore[call-arg]


@pytest.mark.parametrize("value", ["plain-key-0123456789", '{"api_key": "plain-key-0123456789"}'])
def test_reads_plain_or_json_secret(aws: None, value: str) -> None:
    arn = boto3.client("secretsmanager", region_name="us-east-1").create_secret(Name="k", SecretString=value)[
        "ARN"
    ]
    assert read_api_key(_settings(arn)) == "plain-key-0123456789"


@pytest.mark.parametrize("value", ["short", '{"other": "x"}'])
def test_unusable_secret_names_the_setting(aws: None, value: str) -> None:
    arn = boto3.client("secretsmanager", region_name="us-east-1").create_secret(Name="k", SecretString=value)[
        "ARN"
    ]
    with pytest.raises(SecretError, match="API_KEY_SECRET_ARN"):
        read_api_key(_settings(arn))


def test_missing_secret_names_the_setting(aws: None) -> None:
    with pytest.raises(SecretError, match="API_KEY_SECRET_ARN"):
        read_api_key(_settings("arn:aws:secretsmanager:us-east-1:123456789012:secret:nope"))


def test_unchanged_object_is_a_cheap_304(aws: None) -> None:
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="models")
    bucket = Bucket(make_client(_settings("x")), "models")
    etag = bucket.put("models/active.json", b"{}")
    assert bucket.get("models/active.json", if_none_match=etag) is None
    bucket.put("models/active.json", b'{"v": 2}')
    blob = bucket.get("models/active.json", if_none_match=etag)
    assert blob is not None
    assert blob.body == b'{"v": 2}'
