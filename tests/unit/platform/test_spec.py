"""Parsing the ECS/ELBv2 shapes the emulator returns, and the listener port mapping."""

from __future__ import annotations

from dev.platform.settings import PlatformSettings
from dev.platform.spec import parse_service, parse_target_group

SERVICE = {
    "serviceArn": "arn:aws:ecs:us-east-1:1:service/c/s",
    "serviceName": "s",
    "clusterArn": "arn:aws:ecs:us-east-1:1:cluster/c",
    "desiredCount": 2,
    "taskDefinition": "arn:aws:ecs:us-east-1:1:task-definition/app:3",
    "deploymentConfiguration": {
        "maximumPercent": 200,
        "minimumHealthyPercent": 100,
        "deploymentCircuitBreaker": {"enable": True, "rollback": True},
    },
    "loadBalancers": [{"targetGroupArn": "tg", "containerName": "app", "containerPort": 8000}],
    "healthCheckGracePeriodSeconds": 30,
}


def test_service() -> None:
    s = parse_service(SERVICE)
    assert s.cluster_name == "c"
    assert s.deployment.circuit_breaker
    assert s.deployment.rollback
    assert s.load_balancers[0].container_port == 8000
    assert s.grace_period_s == 30


def test_service_defaults_when_configuration_missing() -> None:
    s = parse_service({k: v for k, v in SERVICE.items() if k != "deploymentConfiguration"})
    assert (s.deployment.min_healthy_percent, s.deployment.max_percent) == (100, 200)
    assert not s.deployment.circuit_breaker


def test_target_group() -> None:
    tg = parse_target_group(
        {
            "TargetGroupArn": "a",
            "TargetGroupName": "n",
            "Port": 8000,
            "HealthCheckPath": "/health/live",
            "HealthCheckIntervalSeconds": 5,
            "HealthyThresholdCount": 2,
            "Matcher": {"HttpCode": "200-299"},
        },
        {"deregistration_delay.timeout_seconds": "5"},
    )
    assert tg.health.interval_s == 5
    assert tg.health.matcher == "200-299"
    assert tg.deregistration_delay_s == 5


def test_listener_ports() -> None:
    s = PlatformSettings(port_offset=8000, listener_ports={"alb:443": 9443, "8081": 0})
    assert s.local_port("alb", 80) == 8080
    assert s.local_port("alb", 443) == 9443
    assert s.local_port("other", 443) == 8443
    assert s.local_port("x", 8081) == 0
    assert s.local_port("x", 9000) == 9000
