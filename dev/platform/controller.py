"""One ECS service made real: tasks of the primary deployment, rolling updates, the circuit breaker.

tick() runs once per poll with the service as the emulator describes it now; everything else (task exits,
health results, drains) happens in background coroutines that only update state the next tick reads.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from dev.platform import registry
from dev.platform.checks import container_loop, target_loop
from dev.platform.context import Context
from dev.platform.deployments import ACTIVE, COMPLETED, FAILED, IN_PROGRESS, PRIMARY, Deployment, EventLog
from dev.platform.discovery import Snapshot
from dev.platform.health import TargetHealth, unused
from dev.platform.rollout import TaskView, circuit_breaker_threshold, plan
from dev.platform.runner.base import ecs_error
from dev.platform.secrets import SecretError, resolve
from dev.platform.spec import ServiceSpec, TargetGroupSpec
from dev.platform.tasks import (
    DEACTIVATING,
    RUNNING,
    STOPPED,
    STOPPING,
    Task,
    build_task,
    essential_exit,
    start_containers,
    stop_containers,
)

log = logging.getLogger(__name__)


@dataclass
class TargetRecord:
    tg_arn: str
    host: str
    port: int
    health: TargetHealth
    routable: bool  # the task is running and the target not draining
    until: float = 0.0  # drained records are reported until then


class ServiceController:
    def __init__(self, spec: ServiceSpec, ctx: Context) -> None:
        self.spec = spec
        self.ctx = ctx
        self.tasks: list[Task] = []
        self.deployments: list[Deployment] = [Deployment(spec.task_definition_arn, spec.desired_count)]
        self.events = EventLog(spec.name, ctx.settings.max_events)
        self.last_completed: str | None = None
        self.steady = False
        self._drained: list[TargetRecord] = []
        self._snap = Snapshot()
        self.forgotten: list[TargetRecord] = []
        self._fresh = True

    @property
    def primary(self) -> Deployment:
        return next(d for d in self.deployments if d.status == PRIMARY)

    # ---- one reconcile step -------------------------------------------------------------------------
    async def tick(self, spec: ServiceSpec, snap: Snapshot) -> None:
        self.spec, self._snap = spec, snap
        if self._fresh:
            self._fresh = False
            await self._forget_stale_targets()
        self._reap()
        self._follow_task_definition(spec)
        self._replace_unhealthy()
        await self._circuit_breaker()
        primary = self.primary
        views = [
            TaskView(t.task_id, t.deployment_id == primary.id, t.healthy, t.stopping) for t in self.tasks
        ]
        may_start = primary.rollout_state != FAILED and time.time() >= primary.next_start_at
        conf = spec.deployment
        step = plan(
            spec.desired_count, conf.min_healthy_percent, conf.max_percent, views, may_start=may_start
        )
        for task in [t for t in self.tasks if t.task_id in step.stop]:
            self.events.add(f"has stopped 1 running tasks: (task {task.short_id}).")
            self.begin_stop(task, f"Scaling activity initiated by (deployment {primary.id})")
        for _ in range(step.start):
            await self._start_task(primary, snap)
        self._update_deployments()
        self._prune_drained()

    def _reap(self) -> None:
        for task in list(self.tasks):
            if task.status == STOPPED:
                self.tasks.remove(task)
                continue
            exited = essential_exit(task) if task.status == RUNNING else None
            if exited is None:
                continue
            name, code = exited
            task.exit_code = code
            self._count_failure(task)
            self.events.add(f"has stopped 1 running tasks: (task {task.short_id}).")
            self.begin_stop(
                task, f"Essential container in task exited ({name}: exit code {code})", drain=False
            )

    def _follow_task_definition(self, spec: ServiceSpec) -> None:
        primary = self.primary
        primary.desired = spec.desired_count
        if primary.task_definition == spec.task_definition_arn:
            return
        primary.status = ACTIVE
        new = Deployment(spec.task_definition_arn, spec.desired_count)
        # A revision that already runs (a rollback) keeps its tasks instead of replacing them one for one.
        for task in self.tasks:
            if task.task_def.arn == new.task_definition and not task.stopping:
                task.deployment_id = new.id
        self.deployments.insert(0, new)
        self.steady = False

    def _replace_unhealthy(self) -> None:
        # ECS ignores failing ELB and container health checks during the service's grace period.
        now = time.time()
        for task in self.tasks:
            if task.status != RUNNING:
                continue
            in_grace = now - task.started_at < self.spec.grace_period_s
            bad_tg = next((tg for tg, (_, h) in task.targets.items() if h.state == "unhealthy"), None)
            if bad_tg and not in_grace:
                self.events.add(f"has stopped 1 running tasks: (task {task.short_id}).")
                self._count_failure(task)
                self.begin_stop(task, f"Task failed ELB health checks in (target-group {bad_tg})")
            elif task.container_health == "UNHEALTHY" and not in_grace:
                self.events.add(f"(task {task.short_id}) failed container health checks.")
                self._count_failure(task)
                self.begin_stop(task, "Task failed container health checks")
            if task.healthy and not task.ever_healthy:
                task.ever_healthy = True
                dep = self._deployment(task.deployment_id)
                if dep is not None:
                    dep.recent_failures = 0

    def _count_failure(self, task: Task) -> None:
        dep = self._deployment(task.deployment_id)
        if dep is None or task.counted_failed:
            return
        task.counted_failed = True
        if dep.rollout_state == IN_PROGRESS:
            dep.failed_tasks += 1
        dep.recent_failures += 1
        s = self.ctx.settings
        delay = min(s.restart_backoff_max_s, s.restart_backoff_s * 2 ** (dep.recent_failures - 1))
        dep.next_start_at = time.time() + delay

    async def _circuit_breaker(self) -> None:
        primary, conf = self.primary, self.spec.deployment
        if not conf.circuit_breaker or primary.rollout_state != IN_PROGRESS:
            return
        if primary.failed_tasks < circuit_breaker_threshold(self.spec.desired_count):
            return
        primary.set_state(FAILED, "ECS deployment circuit breaker: tasks failed to start.")
        self.events.add(f"(deployment {primary.id}) deployment failed: tasks failed to start.")
        if conf.rollback and self.last_completed and self.last_completed != primary.task_definition:
            self.events.add(f"rolling back to deployment with task definition {self.last_completed}.")
            await asyncio.to_thread(
                registry.roll_back_service,
                self.ctx.clients,
                self.spec.cluster_name,
                self.spec.name,
                self.last_completed,
            )

    # ---- starting and stopping tasks ----------------------------------------------------------------
    async def _start_task(self, dep: Deployment, snap: Snapshot) -> None:
        task_def = snap.task_defs[dep.task_definition]
        try:
            secrets = {
                c.name: await asyncio.to_thread(resolve, self.ctx.clients, c.secrets)
                for c in task_def.containers
            }
        except SecretError as exc:
            self.events.add(f"failed to launch a task with (error ResourceInitializationError: {exc}).")
            dep.failed_tasks += 1 if dep.rollout_state == IN_PROGRESS else 0
            dep.recent_failures += 1
            dep.next_start_at = time.time() + self.ctx.settings.restart_backoff_max_s
            return
        task = build_task(
            task_def, dep.id, secrets, self.ctx.platform_env(), self.ctx.runner, self.ctx.addresses
        )
        self.tasks.append(task)
        try:
            await start_containers(task, self.ctx.runner, self.ctx.shipper)
        except OSError as exc:
            self.events.add(f"failed to launch a task with (error {ecs_error(exc)}: {exc}).")
            self._count_failure(task)
            await stop_containers(task)
            task.status = STOPPED
            self.ctx.addresses.release(task.host)
            return
        self.events.add(f"has started 1 tasks: (task {task.short_id}).")
        log.info("%s: started task %s (%s) on %s", self.spec.name, task.short_id, task_def.arn, task.host)
        for lb in self.spec.load_balancers:
            tg = snap.target_groups.get(lb.target_group_arn)
            port = task.host_port(lb.container_name, lb.container_port)
            if tg is None or port is None:
                continue
            health = TargetHealth(tg.health.healthy_threshold, tg.health.unhealthy_threshold)
            task.targets[tg.arn] = (port, health)
            await asyncio.to_thread(registry.register_target, self.ctx.clients, tg.arn, task.host, port)
            self.events.add(f"registered 1 targets in (target-group {tg.arn})")
            task.background.append(asyncio.create_task(self._probe_later(task, tg, port, health)))
        task.background.append(asyncio.create_task(container_loop(self.ctx.runner, task)))

    async def _probe_later(self, task: Task, tg: TargetGroupSpec, port: int, health: TargetHealth) -> None:
        # The ALB's first check comes one interval after registration, not at once.
        await asyncio.sleep(tg.health.interval_s)
        await target_loop(self.ctx.http, task, tg, task.host, port, health)

    def begin_stop(self, task: Task, reason: str, *, drain: bool = True) -> None:
        """Deregister (draining for the group's delay), then SIGTERM and kill after the stop timeout."""
        if task.stopping:
            return
        task.status, task.stop_reason = DEACTIVATING, reason
        log.info("%s: stopping task %s (%s): %s", self.spec.name, task.short_id, task.task_def.arn, reason)
        task.background.append(asyncio.create_task(self._stop(task, drain)))

    async def _stop(self, task: Task, drain: bool) -> None:
        delay = 0.0
        for tg_arn, (port, health) in task.targets.items():
            health.drain()
            tg_delay = self._tg_delay(tg_arn)
            delay = max(delay, tg_delay)
            self._drained.append(TargetRecord(tg_arn, task.host, port, health, False, time.time() + tg_delay))
            await asyncio.to_thread(registry.deregister_target, self.ctx.clients, tg_arn, task.host, port)
            self.events.add(f"deregistered 1 targets in (target-group {tg_arn})")
        if drain and delay:
            await asyncio.sleep(delay)  # in-flight requests finish; the ALB sends no new ones
        task.status = STOPPING
        await stop_containers(task)
        task.status = STOPPED
        self.ctx.addresses.release(task.host)

    def _tg_delay(self, tg_arn: str) -> float:
        tg = self._snap.target_groups.get(tg_arn)
        return tg.deregistration_delay_s if tg else 0.0

    async def shutdown(self) -> None:
        for task in self.tasks:
            self.begin_stop(task, "Service shutdown", drain=False)
        await asyncio.gather(*(b for t in self.tasks for b in t.background), return_exceptions=True)

    # ---- bookkeeping ----------------------------------------------------------------------------------
    def _deployment(self, dep_id: str) -> Deployment | None:
        return next((d for d in self.deployments if d.id == dep_id), None)

    def _update_deployments(self) -> None:
        primary = self.primary
        for dep in self.deployments:
            mine = [t for t in self.tasks if t.deployment_id == dep.id]
            dep.running = sum(1 for t in mine if t.status == RUNNING)
            dep.pending = sum(1 for t in mine if t.status not in (RUNNING, STOPPING, STOPPED, DEACTIVATING))
            if dep is not primary:
                dep.desired = sum(1 for t in mine if not t.stopping)
        others_live = any(t.deployment_id != primary.id and t.status != STOPPED for t in self.tasks)
        healthy = sum(1 for t in self.tasks if t.deployment_id == primary.id and t.healthy)
        if primary.rollout_state == IN_PROGRESS and healthy >= primary.desired and not others_live:
            primary.set_state(COMPLETED, f"ECS deployment {primary.id} completed.")
            self.events.add(f"(deployment {primary.id}) deployment completed.")
            self.last_completed = primary.task_definition
        self.deployments = [
            d for d in self.deployments if d is primary or any(t.deployment_id == d.id for t in self.tasks)
        ]
        steady = (
            len(self.deployments) == 1
            and primary.rollout_state == COMPLETED
            and primary.running == primary.desired
        )
        if steady and not self.steady:
            self.events.add("has reached a steady state.")
        self.steady = steady

    def _prune_drained(self) -> None:
        """Drained targets leave DescribeTargetHealth after the delay: report them `unused` once."""
        now = time.time()
        for rec in [r for r in self._drained if r.until <= now]:
            self._drained.remove(rec)
            self.forgotten.append(TargetRecord(rec.tg_arn, rec.host, rec.port, unused(), False))

    def take_forgotten(self) -> list[TargetRecord]:
        out, self.forgotten = self.forgotten, []
        return out

    async def _forget_stale_targets(self) -> None:
        """Targets left registered by an earlier data plane belong to processes that are gone."""
        for lb in self.spec.load_balancers:
            stale = await asyncio.to_thread(
                registry.registered_targets, self.ctx.clients, lb.target_group_arn
            )
            for host, port in stale:
                await asyncio.to_thread(
                    registry.deregister_target, self.ctx.clients, lb.target_group_arn, host, port
                )
                self.forgotten.append(TargetRecord(lb.target_group_arn, host, port, unused(), False))

    def target_records(self) -> list[TargetRecord]:
        live = [
            TargetRecord(tg, task.host, port, health, task.status == RUNNING)
            for task in self.tasks
            if task.status == RUNNING
            for tg, port, health in task.serving_targets()
        ]
        return live + self._drained
