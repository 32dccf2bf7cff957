"""`iac-dev status`: emulator, listeners (ALB → local port), services, deployments, tasks, events."""

from __future__ import annotations

import time
from typing import Any

from rich.table import Table

from dev.cli.config import LocalConfig
from dev.cli.phases import console
from dev.emulator import launcher as emulator
from dev.platform import launcher as plane
from dev.platform.state import read_state


def _age(ts: float) -> str:
    s = max(0, int(time.time() - ts))
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


def show(cfg: LocalConfig, events: int = 8) -> int:
    emu = emulator.status(cfg.emulator_dir)
    where = f"{emu.endpoint_url}  (pid {emu.pid})" if emu else "[red]not running[/red] (make local-up)"
    console.print(f"[bold]Emulator[/bold]    {where}")
    handle = plane.running(cfg.platform_dir)
    state = read_state(cfg.platform_dir / "state.json") if handle else None
    if not handle or not state:
        console.print("[bold]Data plane[/bold]  [red]not running[/red] (make local-up)")
        return 1
    problem = (
        f"  [red]emulator unreachable: {state['emulator_error']}[/red]" if state.get("emulator_error") else ""
    )
    console.print(f"[bold]Data plane[/bold]  pid {handle.pid}, up {_age(state['started_at'])}{problem}")
    _listeners(state)
    for svc in state["services"]:
        _service(svc, events)
    return 0


def _listeners(state: dict[str, Any]) -> None:
    table = Table(title="ALB listeners", title_justify="left")
    for col in ("load balancer", "listener", "local URL", "DNS name (in the emulator)"):
        table.add_column(col)
    for ls in state["listeners"]:
        table.add_row(ls["load_balancer"], f"{ls['protocol']}:{ls['port']}", ls["url"], ls["dns_name"])
    console.print(table)


def _service(svc: dict[str, Any], events: int) -> None:
    running = sum(1 for t in svc["tasks"] if t["status"] == "RUNNING")
    steady = "[green]steady[/green]" if svc["steady"] else "[yellow]changing[/yellow]"
    console.print(
        f"\n[bold]Service {svc['cluster']}/{svc['service']}[/bold]  desired {svc['desired']}, "
        f"running {running}, {steady}"
    )
    deps = Table(title="Deployments", title_justify="left")
    for col in ("id", "status", "rollout", "task definition", "running", "failed", "age"):
        deps.add_column(col)
    for d in svc["deployments"]:
        colour = {"COMPLETED": "green", "FAILED": "red"}.get(d["rolloutState"], "yellow")
        deps.add_row(
            d["id"],
            d["status"],
            f"[{colour}]{d['rolloutState']}[/{colour}]",
            d["taskDefinition"].rsplit("/", 1)[-1],
            str(d["runningCount"]),
            str(d["failedTasks"]),
            _age(d["createdAt"]),
        )
    console.print(deps)
    tasks = Table(title="Tasks", title_justify="left")
    for col in ("task", "revision", "status", "target", "health", "pid", "age"):
        tasks.add_column(col)
    for t in svc["tasks"]:
        target = t["targets"][0] if t["targets"] else None
        health = target["state"] if target else ("healthy" if t["healthy"] else "-")
        colour = {"healthy": "green", "unhealthy": "red", "draining": "yellow"}.get(health, "white")
        tasks.add_row(
            t["id"][:12],
            t["task_definition"].rsplit("/", 1)[-1],
            t["status"],
            f"{t['host']}:{target['port']}" if target else "-",
            f"[{colour}]{health}[/{colour}]",
            ",".join(map(str, t["pids"])),
            _age(t["started_at"]),
        )
    console.print(tasks)
    console.print("[bold]Events[/bold] (newest first)")
    for e in svc["events"][:events]:
        console.print(
            f"  [dim]{time.strftime('%H:%M:%S', time.localtime(e['createdAt']))}[/dim] {e['message']}"
        )
