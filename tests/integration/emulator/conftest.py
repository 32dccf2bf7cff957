"""Fixtures of the emulator's fidelity tests: a network to put ECS services and load balancers in."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.conftest import Emulator


@dataclass(frozen=True)
class Network:
    vpc_id: str
    subnet_ids: list[str]
    security_group_id: str


CONTAINER = {
    "name": "app",
    "image": "000000000000.dkr.ecr.us-east-1.amazonaws.com/app:v1",
    "essential": True,
    "memory": 512,
    "portMappings": [{"containerPort": 8000, "protocol": "tcp"}],
    "stopTimeout": 20,
    "healthCheck": {
        "command": ["CMD-SHELL", "curl -fs http://localhost:8000/health/live || exit 1"],
        "interval": 15,
        "timeout": 5,
        "retries": 3,
        "startPeriod": 10,
    },
    "environment": [{"name": "MODEL_BUCKET", "value": "models"}],
    "secrets": [{"name": "API_KEY", "valueFrom": "arn:aws:secretsmanager:us-east-1:000000000000:secret:key"}],
}


def make_service(emulator: Emulator, network: Network, **extra: Any) -> tuple[Any, str, dict[str, Any]]:
    ecs = emulator.client("ecs")
    cluster = ecs.create_cluster(clusterName=unique("cluster"))["cluster"]["clusterName"]
    task_def = ecs.register_task_definition(
        family=unique("family"),
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="512",
        memory="1024",
        containerDefinitions=[CONTAINER],
    )["taskDefinition"]["taskDefinitionArn"]
    service = ecs.create_service(
        cluster=cluster,
        serviceName=unique("svc"),
        taskDefinition=task_def,
        desiredCount=2,
        launchType="FARGATE",
        networkConfiguration={
            "awsvpcConfiguration": {
                "subnets": network.subnet_ids,
                "securityGroups": [network.security_group_id],
                "assignPublicIp": "DISABLED",
            }
        },
        **extra,
    )["service"]
    return ecs, cluster, service


def unique(prefix: str) -> str:
    """A resource name no other test in the shared session emulator uses."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def network(emulator: Emulator) -> Network:
    ec2: Any = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:2]
    subnets = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.30.{i}.0/24", AvailabilityZone=zone)["Subnet"][
            "SubnetId"
        ]
        for i, zone in enumerate(zones)
    ]
    group = ec2.create_security_group(GroupName=unique("fidelity"), Description="fidelity", VpcId=vpc_id)
    return Network(vpc_id=vpc_id, subnet_ids=subnets, security_group_id=group["GroupId"])
