"""Container mode: each container of a task runs from its image with the Docker CLI, where an engine answers.

Host networking gives a container the same address and port a host-mode task gets (the task's loopback
address, PORT), so targets, health checks and the emulator endpoint work unchanged. Images come from the
local engine: the emulated ECR holds no layers, so `<registry>/<repo>:<tag>` runs as the local `<repo>:<tag>`
(build it with `docker build -t <repo>:<tag> app`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
from pathlib import Path

from dev.platform.runner.base import ImageNotFoundError, LineSink
from dev.platform.runner.host import HostProcess
from dev.platform.runner.launch import Launch
from dev.platform.spec import Sandbox


def engine_answers(docker: str = "docker") -> bool:
    try:
        proc = subprocess.run(
            [docker, "version", "--format", "{{.Server.Version}}"],
            capture_output=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0 and bool(proc.stdout.strip())


def local_image(image: str) -> str:
    """`123.dkr.ecr.us-east-1.amazonaws.com/app:abc` → `app:abc` (a local build of the same tag)."""
    name = image.split("/", 1)[1] if "/" in image and "." in image.split("/", 1)[0] else image
    return name


async def image_present(image: str, docker: str = "docker") -> bool:
    """The local engine holds ``image`` (`docker image inspect`; never a pull)."""
    proc = await asyncio.create_subprocess_exec(
        docker,
        "image",
        "inspect",
        image,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    return await proc.wait() == 0


def container_name(launch: Launch) -> str:
    return f"iac-task-{launch.task_id[:12]}-{launch.container}"


def sandbox_args(sandbox: Sandbox) -> list[str]:
    """The definition's user, read-only root, scratch mounts, capabilities and init, as ECS applies them."""
    args = ["--user", sandbox.user] if sandbox.user else []
    if sandbox.read_only_root:
        args.append("--read-only")
    for path in sandbox.scratch_paths:
        args += ["--tmpfs", path]
    args += [f"--cap-drop={cap}" for cap in sandbox.cap_drop]
    args += [f"--cap-add={cap}" for cap in sandbox.cap_add]
    if sandbox.init:
        args.append("--init")
    return args


def run_args(launch: Launch, env_file: Path, docker: str = "docker") -> list[str]:
    args = [
        docker,
        "run",
        "--rm",
        "--name",
        container_name(launch),
        "--network",
        "host",
        "--env-file",
        str(env_file),
    ]
    args += sandbox_args(launch.sandbox)
    if launch.entry_point:
        args += ["--entrypoint", launch.entry_point[0]]
    return [*args, local_image(launch.image), *launch.entry_point[1:], *launch.command]


class ContainerProcess(HostProcess):
    """The attached `docker run` client: its output is the container's, its exit code the container's."""

    def __init__(self, proc: asyncio.subprocess.Process, sink: LineSink, name: str, docker: str) -> None:
        super().__init__(proc, sink)
        self._name, self._docker = name, docker

    async def stop(self, timeout_s: float) -> None:
        # Also when the client has exited: a killed `docker run` client leaves its container running (and
        # listening on the task's port); `rm -f` after the stop removes it whatever state it is in.
        for argv in (("stop", "-t", str(int(timeout_s)), self._name), ("rm", "-f", self._name)):
            proc = await asyncio.create_subprocess_exec(
                self._docker, *argv, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
            )
            await proc.wait()
        await super().stop(5)  # the client exits with the container; signal it only if it lingers


class ContainerRunner:
    name = "container"

    def __init__(self, env_dir: Path, docker: str = "docker") -> None:
        self._env_dir, self._docker = env_dir, docker

    def listen_port(self, container_port: int, host_port: int) -> int:
        return host_port  # host networking: the container listens where a host-mode task would

    async def start(self, launch: Launch, sink: LineSink) -> ContainerProcess:
        image = local_image(launch.image)
        if not await image_present(image, self._docker):
            # `docker run` would try a registry pull of a name that only the emulated ECR knows.
            raise ImageNotFoundError(
                f"image {image} is not in the local engine: build it with `docker build -t {image} app`"
            )
        self._env_dir.mkdir(parents=True, exist_ok=True)
        env_file = self._env_dir / f"{launch.task_id}-{launch.container}.env"
        # An env file (mode 0600, removed once the container runs) keeps secrets out of `ps`.
        fd = os.open(env_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.writelines(f"{k}={v}\n" for k, v in launch.env.items() if "\n" not in v)
        proc = await asyncio.create_subprocess_exec(
            *run_args(launch, env_file, self._docker),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        asyncio.get_running_loop().call_later(10, lambda: env_file.unlink(missing_ok=True))
        return ContainerProcess(proc, sink, container_name(launch), self._docker)

    async def run_check(self, launch: Launch, argv: list[str], timeout_s: float) -> bool:
        proc = await asyncio.create_subprocess_exec(
            self._docker,
            "exec",
            container_name(launch),
            *argv,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            return await asyncio.wait_for(proc.wait(), timeout_s) == 0
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()
            return False
