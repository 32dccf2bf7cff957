"""The API key from Secrets Manager (``API_KEY_SECRET_ARN``): a plain string or JSON ``{"api_key": ...}``."""

from __future__ import annotations

import orjson
from botocore.exceptions import BotoCoreError, ClientError

from app.config import Settings
from app.storage.s3 import make_client


class SecretError(Exception):
    pass


def read_api_key(settings: Settings) -> str:
    assert settings.api_key_secret_arn
    try:
        value = make_client(settings, "secretsmanager").get_secret_value(SecretId=settings.api_key_secret_arn)
    except (ClientError, BotoCoreError) as e:
        raise SecretError(f"API_KEY_SECRET_ARN: cannot read {settings.api_key_secret_arn}: {e}") from e
    text = str(value.get("SecretString") or "")
    if text.startswith("{"):
        try:
            text = str(orjson.loads(text).get("api_key", ""))
        except (orjson.JSONDecodeError, AttributeError) as e:
            raise SecretError('API_KEY_SECRET_ARN: the secret is JSON without an "api_key" string') from e
    if len(text) < 16:
        raise SecretError("API_KEY_SECRET_ARN: the key must be at least 16 characters")
    return text
