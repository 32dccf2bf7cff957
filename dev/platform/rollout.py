"""Rolling-update planning as ECS does it, and the deployment circuit breaker threshold. Pure functions.

ECS keeps at most `maximumPercent` of the desired count running (all deployments together) and never lets
the healthy count fall below `minimumHealthyPercent` while it stops old tasks. New tasks belong to the
PRIMARY deployment; tasks of older (ACTIVE) deployments are stopped once enough new ones are healthy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class TaskView:
    task_id: str
    primary: bool  # belongs to the PRIMARY deployment
    healthy: bool  # running and passing every health check that applies
    stopping: bool = False


@dataclass(frozen=True)
class Plan:
    start: int
    stop: tuple[str, ...]


def bounds(desired: int, min_healthy_percent: int, max_percent: int) -> tuple[int, int]:
    """(minimum healthy tasks, maximum running tasks) for a desired count, rounded as ECS rounds them."""
    min_healthy = math.ceil(desired * min_healthy_percent / 100)
    max_running = math.floor(desired * max_percent / 100)
    return min_healthy, max_running


def plan(
    desired: int, min_healthy_percent: int, max_percent: int, tasks: list[TaskView], *, may_start: bool = True
) -> Plan:
    """What to start and stop now to move toward `desired` healthy tasks of the primary deployment."""
    min_healthy, max_running = bounds(desired, min_healthy_percent, max_percent)
    live = [t for t in tasks if not t.stopping]
    primary = [t for t in live if t.primary]
    old = [t for t in live if not t.primary]
    stop: list[str] = []

    # Scale-in inside the primary deployment: drop surplus, unhealthy ones first.
    surplus = len(primary) - desired
    if surplus > 0:
        for t in sorted(primary, key=lambda t: t.healthy)[:surplus]:
            stop.append(t.task_id)

    healthy_now = sum(1 for t in live if t.healthy and t.task_id not in stop)
    # Old tasks that are not healthy never count toward the floor: stop them first and freely.
    for t in sorted(old, key=lambda t: t.healthy):
        if not t.healthy:
            stop.append(t.task_id)
        elif healthy_now - 1 >= min_healthy:
            stop.append(t.task_id)
            healthy_now -= 1

    # Draining and stopping tasks still run, and ECS counts them against the maximum.
    running_after = len(tasks)
    missing = max(0, desired - (len(primary) - max(surplus, 0)))
    start = min(missing, max(0, max_running - running_after)) if may_start else 0
    return Plan(start=start, stop=tuple(stop))


def circuit_breaker_threshold(desired: int) -> int:
    """Failed tasks that trip the breaker: half the desired count, at least 3, at most 200 (ECS rule)."""
    return min(200, max(3, math.ceil(desired * 0.5)))
