"""The data plane's observable state as plain JSON (the state file the CLI and tests read)."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dev.platform.daemon import DataPlane


def render_state(plane: DataPlane, *, stopped: bool = False) -> dict[str, Any]:
    s = plane.settings
    return {
        "pid": None if stopped else os.getpid(),
        "stopped": stopped,
        "updated_at": time.time(),
        "started_at": plane.started_at,
        "endpoint_url": s.endpoint_url,
        "emulator_error": plane.emulator_error,
        "writeback": plane.writeback.supported,
        "listeners": [
            {
                "load_balancer": p.listener.lb_name,
                "dns_name": p.listener.lb_dns,
                "port": p.listener.port,
                "protocol": p.listener.protocol,
                "local_port": p.port,
                "url": p.url,
            }
            for p in plane.proxies.values()
        ],
        "services": [
            {
                "cluster": c.spec.cluster_name,
                "service": c.spec.name,
                "desired": c.spec.desired_count,
                "task_definition": c.spec.task_definition_arn,
                "steady": c.steady,
                "deployments": [d.wire() for d in c.deployments],
                "events": c.events.wire()[:30],
                "tasks": [
                    {
                        "id": t.short_id,
                        "host": t.host,
                        "deployment": t.deployment_id,
                        "task_definition": t.task_def.arn,
                        "status": t.status,
                        "healthy": t.healthy,
                        "started_at": t.started_at,
                        "stop_reason": t.stop_reason,
                        "pids": [p.pid for p in t.processes.values() if p.pid],
                        "targets": [
                            {"target_group": tg, "port": port, "state": h.state, "reason": h.reason}
                            for tg, (port, h) in t.targets.items()
                        ],
                        "log_files": [
                            str(s.task_log_dir / f"{t.short_id}-{la.container}.log") for la in t.launches
                        ],
                    }
                    for t in c.tasks
                ],
            }
            for c in plane.controllers.values()
        ],
    }
