"""Turn a container definition into what a runner starts: argv, environment, ports. Pure functions."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from dev.platform.spec import ContainerHealthCheck, ContainerSpec, Sandbox

_PYTHON = re.compile(r"^python(3(\.\d+)?)?$")


@dataclass(frozen=True)
class Launch:
    task_id: str
    container: str
    image: str
    entry_point: tuple[str, ...]
    command: tuple[str, ...]
    env: dict[str, str]
    # container port -> host port
    ports: dict[int, int] = field(default_factory=dict)
    stop_timeout_s: float = 30.0
    sandbox: Sandbox = field(default_factory=Sandbox)


def container_argv(launch: Launch, default_command: list[str]) -> list[str]:
    """Docker semantics: entryPoint + command; neither given → the image's default command."""
    argv = [*launch.entry_point, *launch.command]
    return argv or list(default_command)


def host_argv(argv: list[str], python: Path) -> list[str]:
    """In host mode `python` means the app's environment; a shell-form command runs through sh."""
    if argv and _PYTHON.match(argv[0]):
        return [str(python), *argv[1:]]
    return argv


def task_env(
    c: ContainerSpec,
    secrets: dict[str, str],
    platform_env: dict[str, str],
    port: int | None,
) -> dict[str, str]:
    """Container environment, then resolved secrets, then what the platform provides (it wins, like ECS)."""
    env = dict(c.environment)
    env.update(secrets)
    env.update(platform_env)
    if port is not None:
        env["PORT"] = str(port)
    return env


def _rewrite_ports(text: str, ports: dict[int, int], host: str) -> str:
    for container_port, host_port in ports.items():
        pattern = rf"(localhost|127\.0\.0\.1|0\.0\.0\.0):{container_port}\b"
        text = re.sub(pattern, f"{host}:{host_port}", text)
    return text


def health_check_argv(hc: ContainerHealthCheck, ports: dict[int, int], host: str = "127.0.0.1") -> list[str]:
    """The container health check as a host command: the container's localhost:port is the task's address."""
    kind, *rest = hc.command
    if kind == "CMD-SHELL":
        return ["sh", "-c", _rewrite_ports(" ".join(rest), ports, host)]
    if kind == "CMD":
        return [_rewrite_ports(arg, ports, host) for arg in rest]
    return ["sh", "-c", _rewrite_ports(shlex.join(hc.command), ports, host)]


def parse_secret_arn(value_from: str) -> tuple[str, str, str | None, str | None, str | None]:
    """Split an ECS `valueFrom` into (service, id, json key, version stage, version id).

    Secrets Manager: arn:aws:secretsmanager:region:acct:secret:name[:json-key:version-stage:version-id];
    SSM: a parameter ARN or a bare parameter name.
    """
    parts = value_from.split(":")
    if len(parts) >= 7 and parts[2] == "secretsmanager":
        secret_id = ":".join(parts[:7])
        extra = [*parts[7:], "", "", ""][:3]
        return ("secretsmanager", secret_id, extra[0] or None, extra[1] or None, extra[2] or None)
    # SSM GetParameter takes a parameter ARN or name as it is.
    return ("ssm", value_from, None, None, None)
