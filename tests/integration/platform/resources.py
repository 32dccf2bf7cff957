"""Create an ECS service behind an ALB in an emulator with boto3 (what the workload stack declares)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dev.emulator import access

TINY = ["python", "-m", "tests.integration.platform.tiny_app"]


def clients(endpoint: str) -> dict[str, Any]:
    return {
        n: access.client(n, endpoint, "us-east-1") for n in ("ec2", "ecs", "elbv2", "secretsmanager", "logs")
    }


@dataclass
class Stack:
    cluster: str
    service: str
    target_group: str
    listener: str
    secret_arn: str
    log_group: str


def task_definition(c: dict[str, Any], secret_arn: str, log_group: str, env: dict[str, str]) -> str:
    td = c["ecs"].register_task_definition(
        family="tiny",
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        containerDefinitions=[
            {
                "name": "app",
                "image": "tiny:latest",
                "command": TINY,
                "portMappings": [{"containerPort": 8000}],
                "environment": [{"name": k, "value": v} for k, v in env.items()],
                "secrets": [{"name": "API_KEY", "valueFrom": secret_arn}],
                "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {
                        "awslogs-group": log_group,
                        "awslogs-region": "us-east-1",
                        "awslogs-stream-prefix": "tiny",
                    },
                },
                "stopTimeout": 3,
            }
        ],
    )
    return str(td["taskDefinition"]["taskDefinitionArn"])


def create(
    c: dict[str, Any],
    name: str,
    *,
    desired: int = 2,
    interval: int = 5,
    env: dict[str, str] | None = None,
    breaker: bool = True,
) -> Stack:
    vpc = c["ec2"].create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        c["ec2"].create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"us-east-1{az}")[
            "Subnet"
        ]["SubnetId"]
        for i, az in ((1, "a"), (2, "b"))
    ]
    sg = c["ec2"].create_security_group(GroupName=f"{name}-sg", Description="x", VpcId=vpc)["GroupId"]
    lb = c["elbv2"].create_load_balancer(Name=f"{name}-alb", Subnets=subnets, SecurityGroups=[sg])[
        "LoadBalancers"
    ][0]
    tg = c["elbv2"].create_target_group(
        Name=f"{name}-tg",
        Protocol="HTTP",
        Port=8000,
        VpcId=vpc,
        TargetType="ip",
        HealthCheckPath="/health/live",
        HealthCheckIntervalSeconds=interval,
        HealthyThresholdCount=2,
        UnhealthyThresholdCount=2,
        HealthCheckTimeoutSeconds=2,
        Matcher={"HttpCode": "200"},
    )["TargetGroups"][0]["TargetGroupArn"]
    c["elbv2"].modify_target_group_attributes(
        TargetGroupArn=tg, Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "1"}]
    )
    listener = c["elbv2"].create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}],
    )["Listeners"][0]["ListenerArn"]
    c["elbv2"].create_rule(
        ListenerArn=listener,
        Priority=10,
        Conditions=[{"Field": "path-pattern", "Values": ["/blocked/*"]}],
        Actions=[
            {
                "Type": "fixed-response",
                "FixedResponseConfig": {
                    "StatusCode": "403",
                    "ContentType": "text/plain",
                    "MessageBody": "blocked",
                },
            }
        ],
    )
    secret = c["secretsmanager"].create_secret(Name=f"{name}-api-key", SecretString="s3cret")["ARN"]
    log_group = f"/ecs/{name}"
    c["logs"].create_log_group(logGroupName=log_group)
    c["ecs"].create_cluster(clusterName=name)
    td = task_definition(c, secret, log_group, env or {"TINY_VERSION": "v1"})
    c["ecs"].create_service(
        cluster=name,
        serviceName=f"{name}-svc",
        taskDefinition=td,
        desiredCount=desired,
        launchType="FARGATE",
        loadBalancers=[{"targetGroupArn": tg, "containerName": "app", "containerPort": 8000}],
        networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [sg]}},
        deploymentConfiguration={
            "maximumPercent": 200,
            "minimumHealthyPercent": 100,
            "deploymentCircuitBreaker": {"enable": breaker, "rollback": breaker},
        },
    )
    return Stack(name, f"{name}-svc", tg, listener, secret, log_group)
