"""Typed views of the emulator's resources the data plane acts on, parsed from the AWS API shapes.

Pure data: no AWS access here (discovery.py reads the emulator and builds these).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# ECS defaults when a service omits them (AWS documents these values).
DEFAULT_MIN_HEALTHY_PERCENT = 100
DEFAULT_MAX_PERCENT = 200
DEFAULT_STOP_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class SecretRef:
    name: str
    value_from: str


@dataclass(frozen=True)
class ContainerHealthCheck:
    command: tuple[str, ...]
    interval_s: float = 30.0
    timeout_s: float = 5.0
    retries: int = 3
    start_period_s: float = 0.0


@dataclass(frozen=True)
class Sandbox:
    """What the container definition asks of the runtime; container mode applies it, host processes cannot."""

    user: str | None = None
    read_only_root: bool = False
    # containerPath of each mount point: task-scoped scratch space (Fargate ephemeral storage).
    scratch_paths: tuple[str, ...] = ()
    cap_drop: tuple[str, ...] = ()
    cap_add: tuple[str, ...] = ()
    init: bool = False


@dataclass(frozen=True)
class LogTarget:
    group: str
    stream_prefix: str
    region: str | None = None
    create_group: bool = False


@dataclass(frozen=True)
class ContainerSpec:
    name: str
    image: str
    command: tuple[str, ...] = ()
    entry_point: tuple[str, ...] = ()
    environment: tuple[tuple[str, str], ...] = ()
    secrets: tuple[SecretRef, ...] = ()
    container_ports: tuple[int, ...] = ()
    essential: bool = True
    stop_timeout_s: float = DEFAULT_STOP_TIMEOUT_S
    health_check: ContainerHealthCheck | None = None
    logs: LogTarget | None = None
    sandbox: Sandbox = field(default_factory=Sandbox)


@dataclass(frozen=True)
class TaskDefSpec:
    arn: str
    family: str
    revision: int
    containers: tuple[ContainerSpec, ...]

    def container(self, name: str) -> ContainerSpec | None:
        return next((c for c in self.containers if c.name == name), None)


@dataclass(frozen=True)
class LoadBalancerRef:
    target_group_arn: str
    container_name: str
    container_port: int


@dataclass(frozen=True)
class DeploymentConfig:
    min_healthy_percent: int = DEFAULT_MIN_HEALTHY_PERCENT
    max_percent: int = DEFAULT_MAX_PERCENT
    circuit_breaker: bool = False
    rollback: bool = False


@dataclass(frozen=True)
class ServiceSpec:
    arn: str
    name: str
    cluster_arn: str
    cluster_name: str
    desired_count: int
    task_definition_arn: str
    status: str = "ACTIVE"
    deployment: DeploymentConfig = field(default_factory=DeploymentConfig)
    load_balancers: tuple[LoadBalancerRef, ...] = ()
    grace_period_s: float = 0.0


@dataclass(frozen=True)
class HealthCheckSpec:
    path: str = "/"
    port: str = "traffic-port"
    protocol: str = "HTTP"
    interval_s: float = 30.0
    timeout_s: float = 5.0
    healthy_threshold: int = 5
    unhealthy_threshold: int = 2
    matcher: str = "200"
    enabled: bool = True


@dataclass(frozen=True)
class TargetGroupSpec:
    arn: str
    name: str
    port: int
    health: HealthCheckSpec
    deregistration_delay_s: float = 300.0


def _pairs(items: list[dict[str, Any]] | None, key: str, value: str) -> tuple[tuple[str, str], ...]:
    return tuple((str(i[key]), str(i[value])) for i in items or [])


def parse_sandbox(raw: dict[str, Any]) -> Sandbox:
    linux = raw.get("linuxParameters") or {}
    caps = linux.get("capabilities") or {}
    mounts = raw.get("mountPoints") or []
    return Sandbox(
        user=raw.get("user") or None,
        read_only_root=bool(raw.get("readonlyRootFilesystem")),
        scratch_paths=tuple(m["containerPath"] for m in mounts if m.get("containerPath")),
        cap_drop=tuple(caps.get("drop") or ()),
        cap_add=tuple(caps.get("add") or ()),
        init=bool(linux.get("initProcessEnabled")),
    )


def parse_container(raw: dict[str, Any]) -> ContainerSpec:
    hc_raw = raw.get("healthCheck")
    health = None
    if hc_raw and hc_raw.get("command"):
        health = ContainerHealthCheck(
            command=tuple(hc_raw["command"]),
            interval_s=float(hc_raw.get("interval", 30)),
            timeout_s=float(hc_raw.get("timeout", 5)),
            retries=int(hc_raw.get("retries", 3)),
            start_period_s=float(hc_raw.get("startPeriod", 0)),
        )
    logs = None
    log_conf = raw.get("logConfiguration") or {}
    opts = log_conf.get("options") or {}
    if log_conf.get("logDriver") == "awslogs" and opts.get("awslogs-group"):
        logs = LogTarget(
            group=opts["awslogs-group"],
            stream_prefix=opts.get("awslogs-stream-prefix", ""),
            region=opts.get("awslogs-region"),
            create_group=str(opts.get("awslogs-create-group", "false")).lower() == "true",
        )
    return ContainerSpec(
        name=raw["name"],
        image=raw.get("image", ""),
        command=tuple(raw.get("command") or ()),
        entry_point=tuple(raw.get("entryPoint") or ()),
        environment=_pairs(raw.get("environment"), "name", "value"),
        secrets=tuple(SecretRef(s["name"], s["valueFrom"]) for s in raw.get("secrets") or []),
        container_ports=tuple(int(p["containerPort"]) for p in raw.get("portMappings") or []),
        essential=bool(raw.get("essential", True)),
        stop_timeout_s=float(raw.get("stopTimeout") or DEFAULT_STOP_TIMEOUT_S),
        health_check=health,
        logs=logs,
        sandbox=parse_sandbox(raw),
    )


def parse_task_definition(raw: dict[str, Any]) -> TaskDefSpec:
    return TaskDefSpec(
        arn=raw["taskDefinitionArn"],
        family=raw["family"],
        revision=int(raw.get("revision", 0)),
        containers=tuple(parse_container(c) for c in raw.get("containerDefinitions", [])),
    )


def parse_service(raw: dict[str, Any]) -> ServiceSpec:
    conf = raw.get("deploymentConfiguration") or {}
    breaker = conf.get("deploymentCircuitBreaker") or {}
    cluster_arn = raw["clusterArn"]
    return ServiceSpec(
        arn=raw["serviceArn"],
        name=raw["serviceName"],
        cluster_arn=cluster_arn,
        cluster_name=cluster_arn.rsplit("/", 1)[-1],
        desired_count=int(raw.get("desiredCount", 0)),
        task_definition_arn=raw["taskDefinition"],
        status=raw.get("status", "ACTIVE"),
        deployment=DeploymentConfig(
            min_healthy_percent=int(conf.get("minimumHealthyPercent", DEFAULT_MIN_HEALTHY_PERCENT)),
            max_percent=int(conf.get("maximumPercent", DEFAULT_MAX_PERCENT)),
            circuit_breaker=bool(breaker.get("enable", False)),
            rollback=bool(breaker.get("rollback", False)),
        ),
        load_balancers=tuple(
            LoadBalancerRef(lb["targetGroupArn"], lb["containerName"], int(lb["containerPort"]))
            for lb in raw.get("loadBalancers") or []
            if lb.get("targetGroupArn")
        ),
        grace_period_s=float(raw.get("healthCheckGracePeriodSeconds") or 0),
    )


def parse_target_group(raw: dict[str, Any], attributes: dict[str, str]) -> TargetGroupSpec:
    return TargetGroupSpec(
        arn=raw["TargetGroupArn"],
        name=raw["TargetGroupName"],
        port=int(raw.get("Port") or 0),
        health=HealthCheckSpec(
            path=raw.get("HealthCheckPath") or "/",
            port=str(raw.get("HealthCheckPort") or "traffic-port"),
            protocol=raw.get("HealthCheckProtocol") or "HTTP",
            interval_s=float(raw.get("HealthCheckIntervalSeconds") or 30),
            timeout_s=float(raw.get("HealthCheckTimeoutSeconds") or 5),
            healthy_threshold=int(raw.get("HealthyThresholdCount") or 5),
            unhealthy_threshold=int(raw.get("UnhealthyThresholdCount") or 2),
            matcher=str((raw.get("Matcher") or {}).get("HttpCode") or "200"),
            enabled=bool(raw.get("HealthCheckEnabled", True)),
        ),
        deregistration_delay_s=float(attributes.get("deregistration_delay.timeout_seconds", "300")),
    )


@dataclass(frozen=True)
class ListenerSpec:
    arn: str
    lb_arn: str
    lb_name: str
    lb_dns: str
    port: int
    protocol: str
    rules: tuple[Any, ...]  # alb.rules.Rule; typed loosely to keep this module free of ALB logic
    idle_timeout_s: float = 60.0
