"""The service controller with fake processes and a fake control plane: rollouts, breaker, rollback."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from dev.platform.context import Context
from dev.platform.controller import ServiceController
from dev.platform.discovery import Snapshot
from dev.platform.logs import LogShipper
from dev.platform.runner.launch import Launch
from dev.platform.settings import PlatformSettings
from dev.platform.spec import ContainerSpec, DeploymentConfig, ServiceSpec, TaskDefSpec
from dev.platform.tasks import AddressPool


class FakeProcess:
    def __init__(self, exit_at_once: bool) -> None:
        self.returncode: int | None = 3 if exit_at_once else None
        self.pid = 4242
        self._exited = asyncio.Event()
        if exit_at_once:
            self._exited.set()

    async def wait(self) -> int:
        await self._exited.wait()
        assert self.returncode is not None
        return self.returncode

    async def stop(self, timeout_s: float) -> None:
        if self.returncode is None:
            self.returncode = -15
            self._exited.set()


class FakeRunner:
    name = "fake"

    def __init__(self) -> None:
        self.broken: set[str] = set()
        self.started: list[str] = []

    def listen_port(self, container_port: int, host_port: int) -> int:
        return host_port

    async def start(self, launch: Launch, sink: Any) -> FakeProcess:
        self.started.append(launch.env["REV"])
        return FakeProcess(launch.env["REV"] in self.broken)

    async def run_check(self, launch: Launch, argv: list[str], timeout_s: float) -> bool:
        return True


@dataclass
class FakeEcs:
    updates: list[dict[str, Any]] = field(default_factory=list)

    def update_service(self, **kwargs: Any) -> None:
        self.updates.append(kwargs)


@dataclass
class FakeClients:
    ecs: FakeEcs = field(default_factory=FakeEcs)


def task_def(rev: int) -> TaskDefSpec:
    c = ContainerSpec(name="app", image="app:x", environment=(("REV", str(rev)),), container_ports=(8000,))
    return TaskDefSpec(arn=f"td:{rev}", family="app", revision=rev, containers=(c,))


SERVICE = ServiceSpec(
    arn="arn:aws:ecs:us-east-1:1:service/c/s",
    name="s",
    cluster_arn="arn:aws:ecs:us-east-1:1:cluster/c",
    cluster_name="c",
    desired_count=2,
    task_definition_arn="td:1",
    deployment=DeploymentConfig(100, 200, circuit_breaker=True, rollback=True),
)


@pytest.fixture
def ctl(tmp_path: Path) -> tuple[ServiceController, FakeRunner, FakeClients]:
    settings = PlatformSettings(state_dir=tmp_path, restart_backoff_s=0.0, restart_backoff_max_s=0.0)
    runner, clients = FakeRunner(), FakeClients()
    ctx = Context(
        settings,
        clients,
        runner,
        LogShipper(clients, tmp_path),
        httpx.AsyncClient(),  # type: ignore[arg-type]
        AddressPool("127.0.0.1"),
    )
    return ServiceController(SERVICE, ctx), runner, clients


def snap() -> Snapshot:
    return Snapshot(task_defs={f"td:{i}": task_def(i) for i in (1, 2, 3)})


async def run_until(ctl: ServiceController, spec: ServiceSpec, done: Any, ticks: int = 200) -> None:
    for _ in range(ticks):
        await ctl.tick(spec, snap())
        if done():
            return
        await asyncio.sleep(0.01)
    pytest.fail("condition not reached")


def test_rollout_replaces_every_task_and_completes(
    ctl: tuple[ServiceController, FakeRunner, FakeClients],
) -> None:
    c, runner, _ = ctl

    async def go() -> None:
        await run_until(c, SERVICE, lambda: c.steady)
        v2 = replace(SERVICE, task_definition_arn="td:2")
        await run_until(c, v2, lambda: c.steady and all(t.task_def.arn == "td:2" for t in c.tasks))

    asyncio.run(go())
    assert runner.started == ["1", "1", "2", "2"]
    assert [d.rollout_state for d in c.deployments] == ["COMPLETED"]
    assert c.last_completed == "td:2"


def test_breaker_rolls_back_to_the_last_completed_revision(
    ctl: tuple[ServiceController, FakeRunner, FakeClients],
) -> None:
    c, runner, clients = ctl
    runner.broken.add("3")

    async def go() -> None:
        await run_until(c, SERVICE, lambda: c.steady)
        bad = replace(SERVICE, task_definition_arn="td:3")
        await run_until(c, bad, lambda: bool(clients.ecs.updates))
        # The emulator now answers with the rolled-back revision; its running tasks are kept.
        await run_until(c, SERVICE, lambda: c.steady)

    asyncio.run(go())
    assert clients.ecs.updates == [{"cluster": "c", "service": "s", "taskDefinition": "td:1"}]
    assert runner.started.count("3") >= 3  # the breaker's threshold for 2 desired tasks
    assert runner.started.count("1") == 2  # no task of the good revision was replaced
    messages = [e["message"] for e in c.events.wire()]
    assert any("deployment failed: tasks failed to start" in m for m in messages)
    assert c.primary.task_definition == "td:1"
