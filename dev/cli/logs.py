"""`iac-dev logs`: the service's CloudWatch log group in the emulator (`aws logs tail` of CLI v2)."""

from __future__ import annotations

import time
from typing import Any

from rich.markup import escape

from dev.cli.config import CliError, LocalConfig
from dev.cli.phases import console
from dev.platform.state import read_state


def _log_groups(cfg: LocalConfig, logs_ecs: Any) -> list[str]:
    state = read_state(cfg.platform_dir / "state.json") or {}
    groups: list[str] = []
    for svc in state.get("services", []):
        td = logs_ecs.describe_task_definition(taskDefinition=svc["task_definition"])["taskDefinition"]
        for c in td["containerDefinitions"]:
            group = ((c.get("logConfiguration") or {}).get("options") or {}).get("awslogs-group")
            if group and group not in groups:
                groups.append(group)
    return groups


def tail(cfg: LocalConfig, since_s: float, follow: bool, group: str | None = None) -> None:
    logs = cfg.client("logs")
    groups = [group] if group else _log_groups(cfg, cfg.client("ecs"))
    if not groups:
        raise CliError("no service log group found: is the local platform up? (make local-up)")
    start = int((time.time() - since_s) * 1000)
    seen: set[str] = set()
    while True:
        for name in groups:
            token: str | None = None
            while True:
                args: dict[str, Any] = {"logGroupName": name, "startTime": start, "interleaved": True}
                if token:
                    args["nextToken"] = token
                page = logs.filter_log_events(**args)
                for ev in page.get("events", []):
                    if ev["eventId"] in seen:
                        continue
                    seen.add(ev["eventId"])
                    stamp = time.strftime("%H:%M:%S", time.localtime(ev["timestamp"] / 1000))
                    stream = ev["logStreamName"].rsplit("/", 1)[-1][:8]
                    console.print(f"[dim]{stamp} {stream}[/dim] {escape(ev['message'])}", highlight=False)
                    start = max(start, int(ev["timestamp"]))
                token = page.get("nextToken")
                if not token:
                    break
        if not follow:
            return
        time.sleep(1)
