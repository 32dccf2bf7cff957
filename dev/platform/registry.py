"""The emulator writes the control plane would make itself: target (de)registration and a rollback."""

from __future__ import annotations

import logging

from dev.platform.aws import Clients

log = logging.getLogger(__name__)


def register_target(clients: Clients, tg_arn: str, host: str, port: int) -> None:
    clients.elbv2.register_targets(TargetGroupArn=tg_arn, Targets=[{"Id": host, "Port": port}])


def deregister_target(clients: Clients, tg_arn: str, host: str, port: int) -> None:
    try:
        clients.elbv2.deregister_targets(TargetGroupArn=tg_arn, Targets=[{"Id": host, "Port": port}])
    except Exception as exc:  # the group may be gone already (destroy); nothing left to deregister
        log.info("deregister %s:%s from %s: %s", host, port, tg_arn, exc)


def registered_targets(clients: Clients, tg_arn: str) -> list[tuple[str, int]]:
    resp = clients.elbv2.describe_target_health(TargetGroupArn=tg_arn)
    return [(d["Target"]["Id"], int(d["Target"].get("Port") or 0)) for d in resp["TargetHealthDescriptions"]]


def roll_back_service(clients: Clients, cluster: str, service: str, task_definition: str) -> None:
    clients.ecs.update_service(cluster=cluster, service=service, taskDefinition=task_definition)
