"""Host mode: each container is a local process in its own session, its output read line by line."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from pathlib import Path

from dev.platform.runner.base import LineSink
from dev.platform.runner.launch import Launch, container_argv, host_argv


class HostProcess:
    def __init__(self, proc: asyncio.subprocess.Process, sink: LineSink) -> None:
        self._proc = proc
        self._pump = asyncio.create_task(self._read(sink))

    @property
    def pid(self) -> int | None:
        return self._proc.pid

    @property
    def returncode(self) -> int | None:
        return self._proc.returncode

    async def _read(self, sink: LineSink) -> None:
        assert self._proc.stdout is not None
        async for raw in self._proc.stdout:
            sink(raw.decode(errors="replace").rstrip("\n"))

    async def wait(self) -> int:
        code = await self._proc.wait()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._pump, 2)
        return code

    def _signal(self, sig: int) -> None:
        # The task runs in its own process group: signal the whole group (children of a shell command too).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, sig)

    async def stop(self, timeout_s: float) -> None:
        if self._proc.returncode is not None:
            return
        self._signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self._proc.wait(), timeout_s)
        except TimeoutError:
            self._signal(signal.SIGKILL)
            await self._proc.wait()


class HostRunner:
    name = "host"

    def __init__(self, python: Path, workdir: Path, default_command: list[str]) -> None:
        self._python = python
        self._workdir = workdir
        self._default_command = default_command

    def listen_port(self, container_port: int, host_port: int) -> int:
        # No network namespace: the process itself listens on the task's host port.
        return host_port

    async def start(self, launch: Launch, sink: LineSink) -> HostProcess:
        argv = host_argv(container_argv(launch, self._default_command), self._python)
        env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ"}}
        env.update(launch.env)
        env.setdefault("PYTHONUNBUFFERED", "1")  # logs reach CloudWatch as they are written
        proc = await asyncio.create_subprocess_exec(
            *argv,
            cwd=self._workdir,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        return HostProcess(proc, sink)

    async def run_check(self, launch: Launch, argv: list[str], timeout_s: float) -> bool:
        proc = await asyncio.create_subprocess_exec(
            *host_argv(argv, self._python),
            cwd=self._workdir,
            env={**os.environ, **launch.env},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            return await asyncio.wait_for(proc.wait(), timeout_s) == 0
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            await proc.wait()
            return False
