"""Read the emulator's ECS services, task definitions, target groups and listeners into specs.

One snapshot per poll. Task definitions are immutable, so they are cached by ARN.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dev.platform.alb.rules import parse_rule
from dev.platform.aws import Clients
from dev.platform.spec import (
    ListenerSpec,
    ServiceSpec,
    TargetGroupSpec,
    TaskDefSpec,
    parse_service,
    parse_target_group,
    parse_task_definition,
)


@dataclass
class Snapshot:
    services: list[ServiceSpec] = field(default_factory=list)
    task_defs: dict[str, TaskDefSpec] = field(default_factory=dict)
    target_groups: dict[str, TargetGroupSpec] = field(default_factory=dict)
    listeners: list[ListenerSpec] = field(default_factory=list)


def _pages(client: Any, op: str, key: str, **kwargs: Any) -> list[Any]:
    out: list[Any] = []
    for page in client.get_paginator(op).paginate(**kwargs):
        out.extend(page.get(key, []))
    return out


class Discovery:
    def __init__(
        self, clients: Clients, clusters: list[str] | None = None, load_balancers: list[str] | None = None
    ):
        self._c = clients
        self._clusters = set(clusters or [])
        self._lbs = set(load_balancers or [])
        self._task_defs: dict[str, TaskDefSpec] = {}

    def task_definition(self, arn: str) -> TaskDefSpec:
        if arn not in self._task_defs:
            raw = self._c.ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
            self._task_defs[arn] = parse_task_definition(raw)
        return self._task_defs[arn]

    def services(self) -> list[ServiceSpec]:
        out: list[ServiceSpec] = []
        for cluster in _pages(self._c.ecs, "list_clusters", "clusterArns"):
            if self._clusters and cluster.rsplit("/", 1)[-1] not in self._clusters:
                continue
            arns = _pages(self._c.ecs, "list_services", "serviceArns", cluster=cluster)
            for i in range(0, len(arns), 10):  # DescribeServices takes at most 10 names
                resp = self._c.ecs.describe_services(cluster=cluster, services=arns[i : i + 10])
                out.extend(parse_service(s) for s in resp.get("services", []) if s.get("status") == "ACTIVE")
        return out

    def target_groups(self) -> dict[str, TargetGroupSpec]:
        out: dict[str, TargetGroupSpec] = {}
        for tg in _pages(self._c.elbv2, "describe_target_groups", "TargetGroups"):
            attrs = self._c.elbv2.describe_target_group_attributes(TargetGroupArn=tg["TargetGroupArn"])
            out[tg["TargetGroupArn"]] = parse_target_group(
                tg, {a["Key"]: a["Value"] for a in attrs["Attributes"]}
            )
        return out

    def listeners(self) -> list[ListenerSpec]:
        out: list[ListenerSpec] = []
        for lb in _pages(self._c.elbv2, "describe_load_balancers", "LoadBalancers"):
            if lb.get("Type", "application") != "application":
                continue
            if self._lbs and lb["LoadBalancerName"] not in self._lbs:
                continue
            attrs = self._c.elbv2.describe_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"])
            idle = {a["Key"]: a["Value"] for a in attrs["Attributes"]}.get(
                "idle_timeout.timeout_seconds", "60"
            )
            for ls in _pages(
                self._c.elbv2, "describe_listeners", "Listeners", LoadBalancerArn=lb["LoadBalancerArn"]
            ):
                rules = _pages(self._c.elbv2, "describe_rules", "Rules", ListenerArn=ls["ListenerArn"])
                out.append(
                    ListenerSpec(
                        arn=ls["ListenerArn"],
                        lb_arn=lb["LoadBalancerArn"],
                        lb_name=lb["LoadBalancerName"],
                        lb_dns=lb.get("DNSName", ""),
                        port=int(ls["Port"]),
                        protocol=ls.get("Protocol", "HTTP"),
                        rules=tuple(parse_rule(r) for r in rules),
                        idle_timeout_s=float(idle),
                    )
                )
        return out

    def snapshot(self) -> Snapshot:
        services = self.services()
        task_defs = {s.task_definition_arn: self.task_definition(s.task_definition_arn) for s in services}
        return Snapshot(services, task_defs, self.target_groups(), self.listeners())
