"""ECS from moto, answering with what Terraform sent and with what the local data plane observed.

moto drops several CreateService/UpdateService fields (deployment configuration, AZ rebalancing, ...), which
makes Terraform see a diff on every plan and leaves the data plane without its rollout rules; we keep them and
put them back. The data plane's write-back (running counts, deployments, events) replaces moto's invented
figures, so `aws ecs wait services-stable` tells the truth.
"""

from __future__ import annotations

import copy
from typing import Any

from localstack.services.moto import call_moto, call_moto_with_request

from iac_emulator.store import STORE

DEFAULT_DEPLOYMENT_CONFIGURATION: dict[str, Any] = {
    "deploymentCircuitBreaker": {"enable": False, "rollback": False},
    "maximumPercent": 200,
    "minimumHealthyPercent": 100,
}
# Fields AWS echoes in DescribeServices that moto loses: what was sent (or the AWS default) always wins.
OVERRIDDEN = {
    "availabilityZoneRebalancing": "DISABLED",
    "healthCheckGracePeriodSeconds": None,
    "enableExecuteCommand": False,
    "enableECSManagedTags": False,
    "propagateTags": "NONE",
}
# Fields moto usually keeps; what was sent fills them in only when moto's answer lacks them.
FILLED = (
    "networkConfiguration",
    "loadBalancers",
    "serviceRegistries",
    "capacityProviderStrategy",
    "placementConstraints",
    "placementStrategy",
    "platformVersion",
    "deploymentController",
)
WRITE_BACK_FIELDS = ("runningCount", "pendingCount", "deployments", "events")
INJECTED_GROUPS = "_injectedSecurityGroups"


def _with_default_security_group(context: Any, request: dict[str, Any]) -> dict[str, Any] | None:
    """The request plus the VPC's default security group when awsvpc names none (AWS uses it; moto fails)."""
    awsvpc = (request.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {}
    if not awsvpc.get("subnets") or awsvpc.get("securityGroups"):
        return None
    from moto.ec2.models import ec2_backends

    backend = ec2_backends[context.account_id][context.region]
    try:
        group = backend.get_default_security_group(backend.get_subnet(awsvpc["subnets"][0]).vpc_id)
    except Exception:  # unknown subnet: let moto answer its own validation error
        return None
    if group is None:
        return None
    patched = copy.deepcopy(request)
    patched["networkConfiguration"]["awsvpcConfiguration"]["securityGroups"] = [group.id]
    return patched


def _strip_injected_groups(holder: dict[str, Any], injected: list[str]) -> None:
    awsvpc = (holder.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {}
    if awsvpc.get("securityGroups") == injected:
        del awsvpc["securityGroups"]


def _remember(service_arn: str, request: dict[str, Any]) -> None:
    with STORE.lock:
        config = STORE.service_config.setdefault(service_arn, {})
        for key in (*OVERRIDDEN, *FILLED):
            if request.get(key) is not None:
                config[key] = copy.deepcopy(request[key])
        if request.get("deploymentConfiguration") is not None:
            merged = copy.deepcopy(config.get("deploymentConfiguration", DEFAULT_DEPLOYMENT_CONFIGURATION))
            for key, value in request["deploymentConfiguration"].items():
                if isinstance(value, dict):
                    merged[key] = {**merged.get(key, {}), **value}
                else:
                    merged[key] = value
            config["deploymentConfiguration"] = merged


def patch_service(service: dict[str, Any]) -> dict[str, Any]:
    """Put back what moto dropped and overlay the data plane's observations."""
    arn = service.get("serviceArn", "")
    with STORE.lock:
        config = copy.deepcopy(STORE.service_config.get(arn, {}))
        observed = copy.deepcopy(STORE.service_state.get(arn))
    service["deploymentConfiguration"] = config.get(
        "deploymentConfiguration", copy.deepcopy(DEFAULT_DEPLOYMENT_CONFIGURATION)
    )
    for key, default in OVERRIDDEN.items():
        value = config.get(key, service.get(key, default))
        if value is not None:
            service[key] = value
    for key in FILLED:
        if not service.get(key) and config.get(key):
            service[key] = config[key]
    if injected := config.get(INJECTED_GROUPS):
        # Answer as sent: the default group was only added for moto's sake.
        for holder in (service, *(service.get("deployments") or [])):
            _strip_injected_groups(holder, injected)
    deployments = service.get("deployments") or []
    # moto's deployment keeps the first task definition after UpdateService; the primary one is the service's.
    for deployment in deployments:
        if deployment.get("status") == "PRIMARY" and service.get("taskDefinition"):
            deployment["taskDefinition"] = service["taskDefinition"]
            deployment["desiredCount"] = service.get("desiredCount", deployment.get("desiredCount"))
    if observed:
        for key in WRITE_BACK_FIELDS:
            if key in observed:
                service[key] = observed[key]
    return service


def create_service(context: Any, request: dict[str, Any]) -> Any:
    patched = _with_default_security_group(context, request)
    response = call_moto_with_request(context, patched) if patched else call_moto(context)
    service = response.get("service", {})
    _remember(service.get("serviceArn", ""), request)
    if patched:
        groups = patched["networkConfiguration"]["awsvpcConfiguration"]["securityGroups"]
        with STORE.lock:
            STORE.service_config[service.get("serviceArn", "")][INJECTED_GROUPS] = groups
    patch_service(service)
    return response


def update_service(context: Any, request: dict[str, Any]) -> Any:
    response = call_moto(context)
    service = response.get("service", {})
    _remember(service.get("serviceArn", ""), request)
    patch_service(service)
    return response


def describe_services(context: Any, request: dict[str, Any]) -> Any:
    response = call_moto(context)
    for service in response.get("services", []):
        patch_service(service)
    return response


def delete_service(context: Any, request: dict[str, Any]) -> Any:
    response = call_moto(context)
    service = response.get("service", {})
    arn = service.get("serviceArn", "")
    patch_service(service)
    with STORE.lock:
        STORE.service_config.pop(arn, None)
        STORE.service_state.pop(arn, None)
    return response


OVERRIDES = {
    "CreateService": create_service,
    "UpdateService": update_service,
    "DescribeServices": describe_services,
    "DeleteService": delete_service,
}
