"""The write-back API: what the local data plane observed becomes what AWS APIs answer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from tests.integration.conftest import Emulator
from tests.integration.emulator.conftest import Network, make_service, unique


def _target_group(emulator: Emulator, network: Network) -> tuple[Any, str]:
    elb = emulator.client("elbv2")
    group = elb.create_target_group(
        Name=unique("tg"), Protocol="HTTP", Port=8000, VpcId=network.vpc_id, TargetType="ip"
    )["TargetGroups"][0]
    elb.register_targets(
        TargetGroupArn=group["TargetGroupArn"],
        Targets=[{"Id": "10.30.0.11"}, {"Id": "10.30.0.12", "Port": 8001}],
    )
    return elb, group["TargetGroupArn"]


def test_target_health_written_back_is_what_describe_target_health_answers(
    emulator: Emulator, network: Network
) -> None:
    elb, arn = _target_group(emulator, network)
    body = {
        "targetGroupArn": arn,
        "targets": [
            {"id": "10.30.0.11", "port": 8000, "state": "healthy", "reason": None, "description": None},
            {
                "id": "10.30.0.12",
                "port": 8001,
                "state": "unhealthy",
                "reason": "Target.ResponseCodeMismatch",
                "description": "Health checks failed with these codes: [500]",
            },
        ],
    }
    response = httpx.put(f"{emulator.endpoint_url}/_iac/elbv2/target-health", json=body)
    assert response.status_code == 200, response.text
    health = {
        (h["Target"]["Id"], h["Target"]["Port"]): h["TargetHealth"]
        for h in elb.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]
    }
    assert health[("10.30.0.11", 8000)] == {"State": "healthy"}
    assert health[("10.30.0.12", 8001)]["State"] == "unhealthy"
    assert health[("10.30.0.12", 8001)]["Reason"] == "Target.ResponseCodeMismatch"
    stored = httpx.get(
        f"{emulator.endpoint_url}/_iac/elbv2/target-health", params={"targetGroupArn": arn}
    ).json()
    assert {t["state"] for t in stored[arn]} == {"healthy", "unhealthy"}


def test_deregistered_target_shows_draining(emulator: Emulator, network: Network) -> None:
    elb, arn = _target_group(emulator, network)
    elb.deregister_targets(TargetGroupArn=arn, Targets=[{"Id": "10.30.0.11"}])
    states = {
        h["Target"]["Id"]: h["TargetHealth"]["State"]
        for h in elb.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]
    }
    assert states == {"10.30.0.11": "draining", "10.30.0.12": "initial"}


def test_bad_target_health_body_is_a_400_naming_the_field(emulator: Emulator, network: Network) -> None:
    _, arn = _target_group(emulator, network)
    body = {"targetGroupArn": arn, "targets": [{"id": "x", "port": 8000, "state": "fine"}]}
    response = httpx.put(f"{emulator.endpoint_url}/_iac/elbv2/target-health", json=body)
    assert response.status_code == 400
    assert response.json()["fields"][0]["field"] == "targets.0.state"


def test_unknown_target_group_is_a_422(emulator: Emulator) -> None:
    arn = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/nope/1"
    response = httpx.put(
        f"{emulator.endpoint_url}/_iac/elbv2/target-health", json={"targetGroupArn": arn, "targets": []}
    )
    assert response.status_code == 422


def test_service_state_written_back_makes_services_stable_true(emulator: Emulator, network: Network) -> None:
    ecs, cluster, created = make_service(emulator, network)
    now = datetime.now(UTC).timestamp()  # epoch seconds, as the data plane sends them (ISO 8601 works too)
    body = {
        "cluster": cluster,
        "service": created["serviceName"],
        "runningCount": 2,
        "pendingCount": 0,
        "deployments": [
            {
                "id": "ecs-svc/1",
                "status": "PRIMARY",
                "taskDefinition": created["taskDefinition"],
                "desiredCount": 2,
                "runningCount": 2,
                "pendingCount": 0,
                "failedTasks": 0,
                "rolloutState": "COMPLETED",
                "rolloutStateReason": "ECS deployment ecs-svc/1 completed.",
                "createdAt": now,
                "updatedAt": now,
            }
        ],
        "events": [{"id": "e1", "createdAt": now, "message": "(service x) has reached a steady state."}],
    }
    response = httpx.put(f"{emulator.endpoint_url}/_iac/ecs/service-state", json=body)
    assert response.status_code == 200, response.text
    described = ecs.describe_services(cluster=cluster, services=[created["serviceName"]])["services"][0]
    assert described["runningCount"] == 2
    assert described["deployments"][0]["rolloutState"] == "COMPLETED"
    assert described["events"][0]["message"].endswith("steady state.")
    assert described["deploymentConfiguration"]["maximumPercent"] == 200  # not clobbered by the write-back
    ecs.get_waiter("services_stable").wait(
        cluster=cluster, services=[created["serviceName"]], WaiterConfig={"Delay": 1, "MaxAttempts": 3}
    )
    stored = httpx.get(f"{emulator.endpoint_url}/_iac/ecs/service-state").json()
    assert stored[created["serviceArn"]]["runningCount"] == 2


def test_service_state_for_unknown_service_is_a_422(emulator: Emulator) -> None:
    body = {"cluster": "nope", "service": "nope", "runningCount": 0, "pendingCount": 0, "deployments": []}
    response = httpx.put(f"{emulator.endpoint_url}/_iac/ecs/service-state", json=body)
    assert response.status_code == 422
