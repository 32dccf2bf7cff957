"""ECS deployments and service events as the data plane tracks them, in the ECS API's wire shapes."""

from __future__ import annotations

import secrets
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any

PRIMARY, ACTIVE = "PRIMARY", "ACTIVE"
IN_PROGRESS, COMPLETED, FAILED = "IN_PROGRESS", "COMPLETED", "FAILED"


def _deployment_id() -> str:
    return f"ecs-svc/{secrets.randbelow(10**19):019d}"


@dataclass
class Deployment:
    task_definition: str
    desired: int
    id: str = field(default_factory=_deployment_id)
    status: str = PRIMARY
    rollout_state: str = IN_PROGRESS
    rollout_reason: str = "ECS deployment in progress."
    failed_tasks: int = 0
    running: int = 0
    pending: int = 0
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)
    # failures in a row without a healthy task: drives the restart back-off
    recent_failures: int = 0
    next_start_at: float = 0.0

    def set_state(self, state: str, reason: str) -> None:
        self.rollout_state, self.rollout_reason, self.updated_at = state, reason, time.time()

    def wire(self) -> dict[str, Any]:
        """The ECS `Deployment` structure (timestamps as epoch seconds, the JSON protocol's form)."""
        return {
            "id": self.id,
            "status": self.status,
            "taskDefinition": self.task_definition,
            "desiredCount": self.desired,
            "pendingCount": self.pending,
            "runningCount": self.running,
            "failedTasks": self.failed_tasks,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
            "launchType": "FARGATE",
            "rolloutState": self.rollout_state,
            "rolloutStateReason": self.rollout_reason,
        }


class EventLog:
    """Service events, newest first, as DescribeServices lists them."""

    def __init__(self, service_name: str, limit: int = 100) -> None:
        self._name = service_name
        self._events: deque[dict[str, Any]] = deque(maxlen=limit)

    def add(self, message: str) -> None:
        self._events.appendleft(
            {
                "id": str(uuid.uuid4()),
                "createdAt": time.time(),
                "message": f"(service {self._name}) {message}",
            }
        )

    def wire(self) -> list[dict[str, Any]]:
        return list(self._events)

    @property
    def latest(self) -> str:
        return self._events[0]["message"] if self._events else ""
