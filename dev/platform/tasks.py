"""A task: the running containers of one task-definition revision, their ports, targets and health."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from dataclasses import dataclass, field

from dev.platform.health import DRAINING, HEALTHY, TargetHealth
from dev.platform.logs import LogShipper, LogStream
from dev.platform.runner.base import ContainerProcess, Runner, ecs_error
from dev.platform.runner.launch import Launch, task_env
from dev.platform.spec import TaskDefSpec

PENDING, RUNNING, DEACTIVATING, STOPPING, STOPPED = (
    "PENDING",
    "RUNNING",
    "DEACTIVATING",
    "STOPPING",
    "STOPPED",
)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _loopback_range_works() -> bool:
    try:
        free_port("127.0.0.2")
    except OSError:
        return False
    return True


class AddressPool:
    """A private IP per task, like awsvpc: 127.0.x.y where the OS routes all of 127/8 (Linux).

    Target groups key targets by IP, so tasks sharing one address would overwrite each other there.
    Where only 127.0.0.1 exists (macOS without aliases) every task gets it.
    """

    def __init__(self, base: str) -> None:
        self._fixed: str | None = base
        if base == "auto":
            self._fixed = None if _loopback_range_works() else "127.0.0.1"
        self._in_use: set[str] = set()
        self._next = 0

    def take(self) -> str:
        if self._fixed is not None:
            return self._fixed
        for _ in range(254 * 255):
            self._next = self._next % (254 * 255) + 1
            ip = f"127.0.{1 + (self._next - 1) // 254}.{1 + (self._next - 1) % 254}"
            if ip not in self._in_use:
                self._in_use.add(ip)
                return ip
        raise RuntimeError("no free loopback address for a new task")

    def release(self, ip: str) -> None:
        self._in_use.discard(ip)


@dataclass
class Task:
    task_id: str
    deployment_id: str
    task_def: TaskDefSpec
    launches: list[Launch]
    host: str = "127.0.0.1"
    started_at: float = field(default_factory=time.time)
    status: str = PENDING
    processes: dict[str, ContainerProcess] = field(default_factory=dict)
    # target group ARN -> (host port registered as the target, its health)
    targets: dict[str, tuple[int, TargetHealth]] = field(default_factory=dict)
    container_health: str = "UNKNOWN"
    ever_healthy: bool = False
    counted_failed: bool = False
    stop_reason: str = ""
    exit_code: int | None = None
    background: list[asyncio.Task[None]] = field(default_factory=list)

    @property
    def short_id(self) -> str:
        return self.task_id.replace("-", "")[:32]

    def host_port(self, container: str, container_port: int) -> int | None:
        launch = next((la for la in self.launches if la.container == container), None)
        return launch.ports.get(container_port) if launch else None

    @property
    def stopping(self) -> bool:
        return self.status in (DEACTIVATING, STOPPING, STOPPED)

    @property
    def healthy(self) -> bool:
        """Healthy as the ECS scheduler counts it: running, every target healthy, container check passing."""
        if self.status != RUNNING:
            return False
        if any(h.state != HEALTHY for _, h in self.targets.values()):
            return False
        has_check = any(c.health_check for c in self.task_def.containers if c.essential)
        return not has_check or self.container_health == "HEALTHY"

    def serving_targets(self) -> list[tuple[str, int, TargetHealth]]:
        return [(tg, port, h) for tg, (port, h) in self.targets.items() if h.state != DRAINING]


def build_task(
    task_def: TaskDefSpec,
    deployment_id: str,
    secrets: dict[str, dict[str, str]],
    platform_env: dict[str, str],
    runner: Runner,
    addresses: AddressPool,
) -> Task:
    """Allocate the task's address and ports; build each container's launch (environment per container)."""
    task_id = str(uuid.uuid4())
    host = addresses.take()
    launches = []
    for c in task_def.containers:
        ports = {cp: free_port(host) for cp in c.container_ports}
        listen = runner.listen_port(c.container_ports[0], ports[c.container_ports[0]]) if ports else None
        launches.append(
            Launch(
                task_id=task_id,
                container=c.name,
                image=c.image,
                entry_point=c.entry_point,
                command=c.command,
                env={**task_env(c, secrets.get(c.name, {}), platform_env, listen), "HOST": host},
                ports=ports,
                stop_timeout_s=c.stop_timeout_s,
                sandbox=c.sandbox,
            )
        )
    return Task(task_id=task_id, deployment_id=deployment_id, task_def=task_def, launches=launches, host=host)


async def start_containers(task: Task, runner: Runner, shipper: LogShipper) -> None:
    for launch in task.launches:
        spec = task.task_def.container(launch.container)
        stream, _ = shipper.open(spec.logs if spec else None, launch.container, task.short_id)

        def sink(line: str, stream: LogStream = stream) -> None:
            LogShipper.write(stream, line)

        try:
            task.processes[launch.container] = await runner.start(launch, sink)
        except OSError as exc:
            sink(f"{ecs_error(exc)}: {exc}")
            LogShipper.close(stream)
            raise
        proc = task.processes[launch.container]

        async def close_when_done(proc: ContainerProcess = proc, stream: LogStream = stream) -> None:
            await proc.wait()
            LogShipper.close(stream)

        task.background.append(asyncio.create_task(close_when_done()))
    task.status = RUNNING


def essential_exit(task: Task) -> tuple[str, int] | None:
    """The first essential container that exited, with its code; ECS stops the task then."""
    for launch in task.launches:
        spec = task.task_def.container(launch.container)
        proc = task.processes.get(launch.container)
        if proc is not None and proc.returncode is not None and (spec is None or spec.essential):
            return launch.container, proc.returncode
    return None


async def stop_containers(task: Task) -> None:
    await asyncio.gather(
        *(
            proc.stop(next(la.stop_timeout_s for la in task.launches if la.container == name))
            for name, proc in task.processes.items()
        )
    )
