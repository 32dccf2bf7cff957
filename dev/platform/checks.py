"""Per-task health loops: target-group checks (ALB semantics) and the container health check (Docker's)."""

from __future__ import annotations

import asyncio
import time

import httpx

from dev.platform.health import DRAINING, ProbeResult, TargetHealth, probe
from dev.platform.runner.base import Runner
from dev.platform.runner.launch import health_check_argv
from dev.platform.spec import TargetGroupSpec
from dev.platform.tasks import RUNNING, Task


async def target_loop(
    client: httpx.AsyncClient, task: Task, tg: TargetGroupSpec, host: str, port: int, health: TargetHealth
) -> None:
    """Probe at the group's interval until the target drains or the task stops.

    A numeric health-check port names the container's port, which in host mode is the task's own port;
    so is "traffic-port". A group with checks disabled counts every registered target healthy.
    """
    spec = tg.health
    while task.status == RUNNING and health.state != DRAINING:
        result = await probe(client, spec, host, port) if spec.enabled else ProbeResult(True)
        if task.status != RUNNING or health.state == DRAINING:
            return
        health.record(result)
        await asyncio.sleep(spec.interval_s)


async def container_loop(runner: Runner, task: Task) -> None:
    """Docker HEALTHCHECK semantics: failures in the start period do not count; `retries` in a row fail."""
    checks = [
        (la, c.health_check)
        for la in task.launches
        if (c := task.task_def.container(la.container)) is not None and c.health_check and c.essential
    ]
    if not checks:
        return
    launch, hc = checks[0]
    assert hc is not None
    failures = 0
    started = time.monotonic()
    argv = health_check_argv(hc, launch.ports, task.host)
    while task.status == RUNNING:
        ok = await runner.run_check(launch, argv, hc.timeout_s)
        if task.status != RUNNING:
            return
        if ok:
            failures, task.container_health = 0, "HEALTHY"
        elif time.monotonic() - started >= hc.start_period_s:
            failures += 1
            if failures >= hc.retries:
                task.container_health = "UNHEALTHY"
        await asyncio.sleep(hc.interval_s)
