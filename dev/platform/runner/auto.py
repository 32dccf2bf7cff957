"""Auto mode: a task runs as a container when the local engine holds its image, as a host process otherwise.

A Docker engine alone does not make containers possible: the emulated ECR holds no layers, so the image must
have been built locally (`docker build -t <repo>:<tag> app`). A developer with Docker who never built it
still gets a working platform; one who did gets containers. The choice is made per image and logged once.
"""

from __future__ import annotations

import logging

from dev.platform.runner.base import ContainerProcess, ImageNotFoundError, LineSink
from dev.platform.runner.container import ContainerRunner, local_image
from dev.platform.runner.host import HostRunner
from dev.platform.runner.launch import Launch

log = logging.getLogger(__name__)


class AutoRunner:
    name = "auto"

    def __init__(self, containers: ContainerRunner, host: HostRunner) -> None:
        self._containers, self._host = containers, host
        self._chosen: dict[tuple[str, str], ContainerRunner | HostRunner] = {}
        self._announced: set[tuple[str, str]] = set()

    def listen_port(self, container_port: int, host_port: int) -> int:
        # Both runners listen on the task's host port (host networking for containers).
        return host_port

    def _announce(self, image: str, runner: ContainerRunner | HostRunner) -> None:
        if (image, runner.name) in self._announced:
            return
        self._announced.add((image, runner.name))
        if runner is self._host:
            log.info(
                "runner: %s is not in the local engine, so its tasks run as host processes "
                "(`docker build -t %s app` to run them as containers)",
                image,
                image,
            )
        else:
            log.info("runner: tasks of %s run as containers", image)

    async def start(self, launch: Launch, sink: LineSink) -> ContainerProcess:
        # The container runner checks the local engine for the image before anything else (one inspect).
        runner: ContainerRunner | HostRunner = self._containers
        try:
            proc: ContainerProcess = await self._containers.start(launch, sink)
        except ImageNotFoundError:
            runner = self._host
            proc = await self._host.start(launch, sink)
        self._announce(local_image(launch.image), runner)
        self._chosen[(launch.task_id, launch.container)] = runner
        return proc

    async def run_check(self, launch: Launch, argv: list[str], timeout_s: float) -> bool:
        runner = self._chosen.get((launch.task_id, launch.container), self._host)
        return await runner.run_check(launch, argv, timeout_s)
