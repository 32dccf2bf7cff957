"""The runner interface the reconciler uses, whatever runs the containers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from dev.platform.runner.launch import Launch

LineSink = Callable[[str], None]


class ImageNotFoundError(OSError):
    """The task's image is not in the local engine (the emulated ECR holds no layers to pull)."""

    ecs_error = "CannotPullContainerError"


def ecs_error(exc: OSError) -> str:
    """The ECS error name for a failed container start, as stopped-task reasons and events show it."""
    return str(getattr(exc, "ecs_error", "CannotStartContainerError"))


class ContainerProcess(Protocol):
    @property
    def pid(self) -> int | None: ...

    @property
    def returncode(self) -> int | None: ...

    async def wait(self) -> int: ...

    async def stop(self, timeout_s: float) -> None:
        """SIGTERM, then SIGKILL after `timeout_s` (the definition's stopTimeout)."""


class Runner(Protocol):
    name: str

    def listen_port(self, container_port: int, host_port: int) -> int:
        """The port the app must listen on (PORT) for a container port published on a host port."""

    async def start(self, launch: Launch, sink: LineSink) -> ContainerProcess: ...

    async def run_check(self, launch: Launch, argv: list[str], timeout_s: float) -> bool:
        """Run a container health-check command for the task; True when it exits 0."""
