"""Write-back API on the emulator's gateway: the local data plane reports what it observed.

PUT /_iac/elbv2/target-health and PUT /_iac/ecs/service-state store observations that DescribeTargetHealth
and DescribeServices then answer with; GET of both shows what is stored. See dev/emulator/README.md.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Literal

from localstack.http import Request, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from iac_emulator.store import STORE

DEFAULT_ACCOUNT = "000000000000"
DEFAULT_REGION = "us-east-1"
# An unknown target group or service is 422, not 404: clients read 404 as "no write-back API here".
UNKNOWN_RESOURCE = 422


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TargetHealthIn(_Strict):
    id: str = Field(min_length=1)
    port: int = Field(ge=1, le=65535)
    state: Literal["initial", "healthy", "unhealthy", "unused", "draining", "unavailable"]
    reason: str | None = None
    description: str | None = None


class TargetHealthPut(_Strict):
    targetGroupArn: str = Field(pattern=r"^arn:[^:]+:elasticloadbalancing:[^:]+:\d+:targetgroup/")
    targets: list[TargetHealthIn]


class DeploymentIn(_Strict):
    id: str
    status: Literal["PRIMARY", "ACTIVE", "INACTIVE"]
    taskDefinition: str
    desiredCount: int = Field(ge=0)
    runningCount: int = Field(ge=0)
    pendingCount: int = Field(ge=0)
    failedTasks: int = Field(default=0, ge=0)
    rolloutState: Literal["IN_PROGRESS", "COMPLETED", "FAILED"]
    rolloutStateReason: str | None = None
    createdAt: datetime
    updatedAt: datetime
    launchType: str | None = None


class EventIn(_Strict):
    id: str
    createdAt: datetime
    message: str


class ServiceStatePut(_Strict):
    cluster: str = Field(min_length=1)
    service: str = Field(min_length=1)
    runningCount: int = Field(ge=0)
    pendingCount: int = Field(ge=0)
    deployments: list[DeploymentIn]
    events: list[EventIn] = []
    accountId: str = DEFAULT_ACCOUNT
    region: str = DEFAULT_REGION


def _json(doc: Any, status: int = 200) -> Response:
    return Response(json.dumps(doc, default=_encode), status=status, mimetype="application/json")


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _error(status: int, message: str, fields: list[dict[str, Any]] | None = None) -> Response:
    return _json({"error": message, "fields": fields or []}, status)


def _parse(model: type[BaseModel], request: Request) -> BaseModel | Response:
    try:
        return model.model_validate_json(request.get_data() or b"")
    except ValidationError as exc:
        fields = [
            {"field": ".".join(str(p) for p in err["loc"]), "message": err["msg"]} for err in exc.errors()
        ]
        return _error(400, f"invalid {model.__name__} body", fields)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def target_health(request: Request, **_: Any) -> Response:
    if request.method == "GET":
        wanted = request.args.get("targetGroupArn")
        with STORE.lock:
            doc = {
                arn: [
                    {"id": tid, "port": port, **{k.lower(): v for k, v in observed.items()}}
                    for (tid, port), observed in targets.items()
                ]
                for arn, targets in STORE.target_health.items()
                if wanted in (None, arn)
            }
        return _json(doc)
    body = _parse(TargetHealthPut, request)
    if isinstance(body, Response):
        return body
    assert isinstance(body, TargetHealthPut)
    from moto.elbv2.models import elbv2_backends

    region, account = body.targetGroupArn.split(":")[3:5]
    if body.targetGroupArn not in elbv2_backends[account][region].target_groups:
        return _error(UNKNOWN_RESOURCE, f"target group {body.targetGroupArn} does not exist in the emulator")
    with STORE.lock:
        stored = STORE.target_health.setdefault(body.targetGroupArn, {})
        for target in body.targets:
            health: dict[str, str] = {"State": target.state}
            if target.reason is not None:
                health["Reason"] = target.reason
            if target.description is not None:
                health["Description"] = target.description
            stored[(target.id, target.port)] = health
    return _json({"targetGroupArn": body.targetGroupArn, "stored": len(body.targets)})


def _service_arn(body: ServiceStatePut) -> str | None:
    from moto.ecs.models import ecs_backends

    backend = ecs_backends[body.accountId][body.region]
    try:
        services, _ = backend.describe_services(body.cluster, [body.service])
    except Exception:  # moto raises its own ClusterNotFoundException
        return None
    return str(services[0].arn) if services else None


def service_state(request: Request, **_: Any) -> Response:
    if request.method == "GET":
        wanted = request.args.get("serviceArn")
        with STORE.lock:
            doc = {arn: state for arn, state in STORE.service_state.items() if wanted in (None, arn)}
        return _json(doc)
    body = _parse(ServiceStatePut, request)
    if isinstance(body, Response):
        return body
    assert isinstance(body, ServiceStatePut)
    arn = _service_arn(body)
    if arn is None:
        missing = f"service {body.service} in cluster {body.cluster} does not exist in the emulator"
        return _error(UNKNOWN_RESOURCE, missing)
    deployments = []
    for deployment in body.deployments:
        item = deployment.model_dump(exclude_none=True)
        item.update(createdAt=_utc(deployment.createdAt), updatedAt=_utc(deployment.updatedAt))
        deployments.append(item)
    state = {
        "runningCount": body.runningCount,
        "pendingCount": body.pendingCount,
        "deployments": deployments,
        "events": [{**e.model_dump(), "createdAt": _utc(e.createdAt)} for e in body.events],
    }
    with STORE.lock:
        STORE.service_state[arn] = state
    return _json({"serviceArn": arn, "stored": True})


def register(router: Any) -> None:
    router.add("/_iac/elbv2/target-health", target_health, methods=["GET", "PUT"])
    router.add("/_iac/ecs/service-state", service_state, methods=["GET", "PUT"])
