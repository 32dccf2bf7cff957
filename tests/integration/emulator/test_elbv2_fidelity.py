"""ELBv2 as Terraform and the data plane use it: ALB active at once, target groups, listeners, rules."""

from __future__ import annotations

from typing import Any

from tests.integration.conftest import Emulator
from tests.integration.emulator.conftest import Network, unique


def _alb(emulator: Emulator, network: Network) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    elb = emulator.client("elbv2")
    alb = elb.create_load_balancer(
        Name=unique("alb"),
        Subnets=network.subnet_ids,
        SecurityGroups=[network.security_group_id],
        Type="application",
    )["LoadBalancers"][0]
    group = elb.create_target_group(
        Name=unique("tg"),
        Protocol="HTTP",
        Port=8000,
        VpcId=network.vpc_id,
        TargetType="ip",
        HealthCheckPath="/health/live",
        HealthCheckIntervalSeconds=10,
        HealthyThresholdCount=2,
        UnhealthyThresholdCount=3,
        Matcher={"HttpCode": "200-299"},
    )["TargetGroups"][0]
    return elb, alb, group


def test_new_alb_is_active_at_once(emulator: Emulator, network: Network) -> None:
    elb, alb, _ = _alb(emulator, network)
    assert alb["State"]["Code"] == "active"
    described = elb.describe_load_balancers(LoadBalancerArns=[alb["LoadBalancerArn"]])["LoadBalancers"][0]
    assert described["State"]["Code"] == "active"


def test_target_group_health_check_and_deregistration_delay_come_back(
    emulator: Emulator, network: Network
) -> None:
    elb, _, group = _alb(emulator, network)
    arn = group["TargetGroupArn"]
    elb.modify_target_group_attributes(
        TargetGroupArn=arn, Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "5"}]
    )
    described = elb.describe_target_groups(TargetGroupArns=[arn])["TargetGroups"][0]
    assert described["HealthCheckPath"] == "/health/live"
    assert described["HealthCheckIntervalSeconds"] == 10
    assert described["HealthyThresholdCount"] == 2
    assert described["UnhealthyThresholdCount"] == 3
    assert described["Matcher"] == {"HttpCode": "200-299"}
    attributes = {
        a["Key"]: a["Value"] for a in elb.describe_target_group_attributes(TargetGroupArn=arn)["Attributes"]
    }
    assert attributes["deregistration_delay.timeout_seconds"] == "5"


def test_listener_actions_and_rules_come_back(emulator: Emulator, network: Network) -> None:
    elb, alb, group = _alb(emulator, network)
    listener = elb.create_listener(
        LoadBalancerArn=alb["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[
            {
                "Type": "fixed-response",
                "FixedResponseConfig": {"StatusCode": "403", "ContentType": "text/plain"},
            }
        ],
    )["Listeners"][0]
    elb.create_rule(
        ListenerArn=listener["ListenerArn"],
        Priority=10,
        Conditions=[
            {"Field": "http-header", "HttpHeaderConfig": {"HttpHeaderName": "X-Origin", "Values": ["s"]}}
        ],
        Actions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}],
    )
    described = elb.describe_listeners(LoadBalancerArn=alb["LoadBalancerArn"])["Listeners"][0]
    assert described["DefaultActions"][0]["FixedResponseConfig"]["StatusCode"] == "403"
    rules = elb.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
    custom = next(r for r in rules if not r["IsDefault"])
    assert custom["Priority"] == "10"
    assert custom["Conditions"][0]["HttpHeaderConfig"]["Values"] == ["s"]
    assert custom["Actions"][0]["TargetGroupArn"] == group["TargetGroupArn"]


def test_registered_targets_start_initial_not_healthy(emulator: Emulator, network: Network) -> None:
    elb, _, group = _alb(emulator, network)
    arn = group["TargetGroupArn"]
    elb.register_targets(TargetGroupArn=arn, Targets=[{"Id": "10.30.0.10", "Port": 8000}])
    health = elb.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]
    assert [h["TargetHealth"]["State"] for h in health] == ["initial"]
