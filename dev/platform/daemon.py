"""The data plane process: poll the emulator, drive one controller per ECS service, serve the listeners.

One asyncio loop. AWS calls run in threads so the proxies keep answering while the emulator is slow.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import signal
import time
from typing import IO, Any

import httpx

from dev.platform.alb.balancer import Balancer, Endpoint, TargetGroupView
from dev.platform.alb.proxy import ListenerProxy
from dev.platform.aws import Clients
from dev.platform.context import Context
from dev.platform.controller import ServiceController
from dev.platform.discovery import Discovery, Snapshot
from dev.platform.logs import LogShipper
from dev.platform.runner.auto import AutoRunner
from dev.platform.runner.base import Runner
from dev.platform.runner.container import ContainerRunner, engine_answers
from dev.platform.runner.host import HostRunner
from dev.platform.settings import PlatformSettings
from dev.platform.state import write_state
from dev.platform.tasks import AddressPool
from dev.platform.writeback import WriteBack

log = logging.getLogger(__name__)


class FatalError(RuntimeError):
    """Something the user must fix (a taken port, a second data plane); the process exits with it."""


def select_runner(s: PlatformSettings) -> Runner:
    """Containers when asked for; where an engine answers, containers for locally built images; else hosts."""
    host = HostRunner(s.app_python, s.task_workdir, s.default_command)
    if s.runner == "container":
        log.info("runner: containers (Docker engine)")
        return ContainerRunner(s.state_dir / "env")
    if s.runner == "auto" and engine_answers():
        log.info("runner: containers for images built locally, host processes (%s) otherwise", s.app_python)
        return AutoRunner(ContainerRunner(s.state_dir / "env"), host)
    log.info("runner: host processes (%s)", s.app_python)
    return host


class DataPlane:
    def __init__(self, settings: PlatformSettings) -> None:
        self.settings = settings
        self.clients = Clients(settings)
        self.discovery = Discovery(self.clients, settings.clusters, settings.load_balancers)
        self.balancer = Balancer()
        self.controllers: dict[str, ServiceController] = {}
        self.proxies: dict[str, ListenerProxy] = {}
        self.writeback = WriteBack(settings.endpoint_url)
        self.started_at = time.time()
        self.emulator_error = ""
        self._stop = asyncio.Event()
        self._lock_file: IO[str] | None = None

    # ---- lifecycle -----------------------------------------------------------------------------------
    def _take_lock(self) -> None:
        self.settings.state_dir.mkdir(parents=True, exist_ok=True)
        path = self.settings.state_dir / "daemon.lock"
        self._lock_file = path.open("a+")
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise FatalError(
                f"another data plane already runs with state in {self.settings.state_dir}; "
                "stop it first (make local-down) or set IAC_PLATFORM_STATE_DIR"
            ) from exc

    def request_stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        self._take_lock()
        (self.settings.state_dir / "daemon.pid").write_text(str(os.getpid()))
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.request_stop)
        shipper = LogShipper(self.clients, self.settings.task_log_dir)
        async with httpx.AsyncClient() as http:
            s = self.settings
            runner = select_runner(s)
            self.ctx = Context(s, self.clients, runner, shipper, http, AddressPool(s.task_host))
            shipping = asyncio.create_task(shipper.run())
            try:
                await self._loop()
            finally:
                await self._shutdown()
                shipping.cancel()
                await shipper.flush()

    async def _loop(self) -> None:
        while not self._stop.is_set():
            await self.step()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.settings.poll_interval_s)

    async def step(self) -> None:
        try:
            snap = await asyncio.to_thread(self.discovery.snapshot)
            self.emulator_error = ""
        except Exception as exc:  # keep serving what runs; report the emulator as unreachable
            self.emulator_error = f"{type(exc).__name__}: {exc}"
            log.warning("emulator poll failed: %s", self.emulator_error)
            self._publish()
            return
        await self._sync_services(snap)
        await self._sync_listeners(snap)
        self._publish()
        await self._write_back()

    async def _shutdown(self) -> None:
        await asyncio.gather(*(c.shutdown() for c in self.controllers.values()), return_exceptions=True)
        for proxy in self.proxies.values():
            await proxy.stop()
        self._publish(stopped=True)
        await self.writeback.aclose()

    # ---- services and listeners ----------------------------------------------------------------------
    async def _sync_services(self, snap: Snapshot) -> None:
        seen = set()
        for spec in snap.services:
            seen.add(spec.arn)
            ctrl = self.controllers.get(spec.arn)
            if ctrl is None:
                ctrl = self.controllers[spec.arn] = ServiceController(spec, self.ctx)
            try:
                await ctrl.tick(spec, snap)
            except Exception:
                log.exception("reconciling %s failed; retrying next poll", spec.name)
        for arn in set(self.controllers) - seen:  # deleted (terraform destroy): stop its tasks
            await self.controllers.pop(arn).shutdown()

    async def _sync_listeners(self, snap: Snapshot) -> None:
        current = {ls.arn: ls for ls in snap.listeners}
        for arn in set(self.proxies) - set(current):
            await self.proxies.pop(arn).stop()
        for arn, spec in current.items():
            proxy = self.proxies.get(arn)
            if proxy is not None:
                proxy.listener = spec  # rules and timeouts follow the emulator
                continue
            port = self.settings.local_port(spec.lb_name, spec.port)
            proxy = ListenerProxy(spec, self.balancer, self.settings.listen_host, port)
            try:
                await proxy.start()
            except OSError as exc:
                await proxy.stop()
                raise FatalError(
                    f"cannot serve listener {spec.lb_name}:{spec.port} on local port {port}: {exc.strerror}. "
                    "Free the port, or choose others with IAC_PLATFORM_PORT_OFFSET "
                    f"(now {self.settings.port_offset}) or "
                    f"IAC_PLATFORM_LISTENER_PORTS='{{\"{spec.port}\": <port>}}'"
                ) from exc
            self.proxies[arn] = proxy
            log.info("listener %s:%s (%s) -> %s", spec.lb_name, spec.port, spec.protocol, proxy.url)

    # ---- publishing what we observe ------------------------------------------------------------------
    def _target_groups(self) -> dict[str, list[Any]]:
        groups: dict[str, list[Any]] = {}
        for ctrl in self.controllers.values():
            for lb in ctrl.spec.load_balancers:
                groups.setdefault(lb.target_group_arn, [])
            for rec in ctrl.target_records():
                groups.setdefault(rec.tg_arn, []).append(rec)
        return groups

    def _publish(self, *, stopped: bool = False) -> None:
        views = {}
        for tg, records in self._target_groups().items():
            serving = [Endpoint(r.host, r.port) for r in records if r.routable]
            healthy = [
                Endpoint(r.host, r.port) for r in records if r.routable and r.health.state == "healthy"
            ]
            views[tg] = TargetGroupView(healthy=healthy, serving=serving)
        self.balancer.update(views)
        from dev.platform.status_view import render_state

        write_state(self.settings.state_file, render_state(self, stopped=stopped))

    async def _write_back(self) -> None:
        for ctrl in self.controllers.values():
            await self.writeback.service_state(
                ctrl.spec.arn,
                ctrl.spec.cluster_name,
                ctrl.spec.name,
                running=sum(d.running for d in ctrl.deployments),
                pending=sum(d.pending for d in ctrl.deployments),
                deployments=[d.wire() for d in ctrl.deployments],
                events=ctrl.events.wire(),
            )
        groups = self._target_groups()
        for ctrl in self.controllers.values():
            for rec in ctrl.take_forgotten():
                groups.setdefault(rec.tg_arn, []).append(rec)
        for tg, records in groups.items():
            await self.writeback.target_health(
                tg,
                [
                    {
                        "id": r.host,
                        "port": r.port,
                        "state": r.health.state,
                        "reason": r.health.reason,
                        "description": r.health.description,
                    }
                    for r in records
                ],
            )
