"""In-memory state the plugin keeps beside moto's backends, for the life of the emulator process.

Keys are ARNs (they carry account and region), so one store serves every account and region.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PluginStore:
    lock: threading.RLock = field(default_factory=threading.RLock)
    # ECS: fields of Create/UpdateService that moto drops, by service ARN.
    service_config: dict[str, dict[str, Any]] = field(default_factory=dict)
    # ECS: what the data plane observed (write-back), by service ARN.
    service_state: dict[str, dict[str, Any]] = field(default_factory=dict)
    # ELBv2: target health written back, by target group ARN, then (target id, port).
    target_health: dict[str, dict[tuple[str, int], dict[str, Any]]] = field(default_factory=dict)
    # Application Auto Scaling: tags by resource ARN (moto has no tagging for it).
    autoscaling_tags: dict[str, dict[str, str]] = field(default_factory=dict)

    def reset(self) -> None:
        with self.lock:
            self.service_config.clear()
            self.service_state.clear()
            self.target_health.clear()
            self.autoscaling_tags.clear()


STORE = PluginStore()
