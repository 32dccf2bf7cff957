"""Resolve a container definition's `secrets` from the emulated Secrets Manager / SSM, as ECS does."""

from __future__ import annotations

import json

from dev.platform.aws import Clients
from dev.platform.runner.launch import parse_secret_arn
from dev.platform.spec import SecretRef


class SecretError(RuntimeError):
    """A secret the task needs cannot be read; ECS stops such a task with ResourceInitializationError."""


def resolve(clients: Clients, refs: tuple[SecretRef, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for ref in refs:
        service, ident, json_key, stage, version = parse_secret_arn(ref.value_from)
        try:
            if service == "secretsmanager":
                kwargs = {"SecretId": ident}
                if stage:
                    kwargs["VersionStage"] = stage
                if version:
                    kwargs["VersionId"] = version
                value = clients.secretsmanager.get_secret_value(**kwargs)["SecretString"]
                if json_key:
                    value = str(json.loads(value)[json_key])
            else:
                value = clients.ssm.get_parameter(Name=ident, WithDecryption=True)["Parameter"]["Value"]
        except Exception as exc:  # any SDK or JSON failure means the task cannot start
            raise SecretError(f"unable to retrieve secret {ref.name} from {ref.value_from}: {exc}") from exc
        out[ref.name] = value
    return out
