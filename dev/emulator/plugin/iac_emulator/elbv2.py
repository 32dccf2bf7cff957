"""ELBv2 from moto, with target health that the local data plane observed and ALBs active at once.

moto reports every registered target `healthy`; here a target is `initial` until the data plane writes its
health, as in AWS. A deregistered target stays visible as `draining` until the data plane says otherwise.
"""

from __future__ import annotations

from typing import Any

from localstack.services.moto import call_moto

from iac_emulator import settings
from iac_emulator.store import STORE

INITIAL = {
    "State": "initial",
    "Reason": "Elb.RegistrationInProgress",
    "Description": "Target registration is in progress",
}
DRAINING = {
    "State": "draining",
    "Reason": "Target.DeregistrationInProgress",
    "Description": "Target deregistration is in progress",
}


def _key(target: dict[str, Any], default_port: int | None) -> tuple[str, int]:
    return str(target.get("Id", "")), int(target.get("Port") or default_port or 0)


def _target_group_port(context: Any, arn: str) -> int | None:
    from moto.elbv2.models import elbv2_backends

    group = elbv2_backends[context.account_id][context.region].target_groups.get(arn)
    return int(group.port) if group is not None and group.port else None


def create_load_balancer(context: Any, request: dict[str, Any]) -> Any:
    response = call_moto(context)
    if settings.enabled(settings.ALB_ACTIVE_AT_ONCE):
        from moto.elbv2.models import elbv2_backends

        backend = elbv2_backends[context.account_id][context.region]
        for balancer in response.get("LoadBalancers", []):
            # AWS takes minutes to provision; nothing here needs that time, and Terraform polls until active.
            found = backend.load_balancers.get(balancer.get("LoadBalancerArn"))
            if found is not None:
                found.state = "active"
            balancer["State"] = {"Code": "active"}
    return response


def describe_target_health(context: Any, request: dict[str, Any]) -> Any:
    response = call_moto(context)
    group_arn = request.get("TargetGroupArn", "")
    port = _target_group_port(context, group_arn)
    with STORE.lock:
        stored = dict(STORE.target_health.get(group_arn, {}))
    seen = set()
    for description in response.get("TargetHealthDescriptions", []):
        key = _key(description.get("Target", {}), port)
        seen.add(key)
        # Leave moto's answer for targets it does not consider registered (unused/unavailable).
        if description.get("TargetHealth", {}).get("State") == "healthy":
            description["TargetHealth"] = dict(stored.get(key, INITIAL))
    if not request.get("Targets"):
        for (target_id, target_port), health in stored.items():
            if (target_id, target_port) not in seen and health.get("State") == "draining":
                response.setdefault("TargetHealthDescriptions", []).append(
                    {
                        "Target": {"Id": target_id, "Port": target_port},
                        "HealthCheckPort": str(target_port),
                        "TargetHealth": dict(health),
                    }
                )
    return response


def register_targets(context: Any, request: dict[str, Any]) -> Any:
    response = call_moto(context)
    group_arn = request.get("TargetGroupArn", "")
    port = _target_group_port(context, group_arn)
    with STORE.lock:
        stored = STORE.target_health.get(group_arn, {})
        for target in request.get("Targets", []):
            stored.pop(_key(target, port), None)  # a new registration starts `initial`
    return response


def deregister_targets(context: Any, request: dict[str, Any]) -> Any:
    response = call_moto(context)
    group_arn = request.get("TargetGroupArn", "")
    port = _target_group_port(context, group_arn)
    with STORE.lock:
        stored = STORE.target_health.setdefault(group_arn, {})
        for target in request.get("Targets", []):
            stored[_key(target, port)] = dict(DRAINING)
    return response


def delete_target_group(context: Any, request: dict[str, Any]) -> Any:
    response = call_moto(context)
    with STORE.lock:
        STORE.target_health.pop(request.get("TargetGroupArn", ""), None)
    return response


OVERRIDES = {
    "CreateLoadBalancer": create_load_balancer,
    "DescribeTargetHealth": describe_target_health,
    "RegisterTargets": register_targets,
    "DeregisterTargets": deregister_targets,
    "DeleteTargetGroup": delete_target_group,
}
