"""The local stacks' life cycle on the emulator: apply core then workload, no diff on the next plan, deploy a
new image tag (new task definition revision, service updated), roll back to the previous tag, destroy.

Tests run in file order on the package's `deployment` (after test_security_plan.py); the last destroys it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.integration.infra import plan_json
from tests.integration.infra.conftest import FIRST_TAG, Deployment

# The first test also waits for the package's deployment (two applies, two plans): several minutes.
pytestmark = pytest.mark.timeout(1800)


SECOND_TAG = "it-second"


def _service(deployment: Deployment) -> dict[str, Any]:
    ecs = deployment.stacks.emulator.client("ecs")
    cluster = deployment.stacks.output("workload", "cluster_name")
    service = deployment.stacks.output("workload", "service_name")
    return dict(ecs.describe_services(cluster=cluster, services=[service])["services"][0])


def _image(deployment: Deployment, task_definition_arn: str) -> str:
    ecs = deployment.stacks.emulator.client("ecs")
    definition = ecs.describe_task_definition(taskDefinition=task_definition_arn)["taskDefinition"]
    return str(definition["containerDefinitions"][0]["image"])


def test_core_plan_after_apply_is_empty(deployment: Deployment) -> None:
    rc, drift = deployment.core_replan_rc, plan_json.changes(deployment.core_replan)
    assert rc == 0, "core: the plan right after apply has changes (drift):\n" + "\n".join(drift)


def test_workload_plan_after_apply_is_empty(deployment: Deployment) -> None:
    rc, drift = deployment.workload_replan_rc, plan_json.changes(deployment.workload_replan)
    assert rc == 0, "workload: the plan right after apply has changes (drift):\n" + "\n".join(drift)


def test_extra_environment_is_merged_last_into_the_container(deployment: Deployment) -> None:
    _, plan = deployment.stacks.plan(
        "workload",
        f"-var=image_tag={FIRST_TAG}",
        '-var=extra_environment={"LOG_LEVEL": "NOT-A-LEVEL", "EXTRA": "1"}',
        name="workload-extra-env",
    )
    task = plan_json.values(plan, "module.ecs.aws_ecs_task_definition.app")
    (container,) = json.loads(task["container_definitions"])
    environment = {variable["name"]: variable["value"] for variable in container["environment"]}
    assert environment["LOG_LEVEL"] == "NOT-A-LEVEL"
    assert environment["EXTRA"] == "1"
    assert environment["MODEL_BUCKET"].startswith("infra-it-models-")


def test_new_image_tag_registers_a_revision_and_updates_the_service(deployment: Deployment) -> None:
    before = _service(deployment)["taskDefinition"]
    assert _image(deployment, before).endswith(f":{FIRST_TAG}")

    deployment.stacks.apply("workload", f"-var=image_tag={SECOND_TAG}")
    deployment.workload_vars = [f"-var=image_tag={SECOND_TAG}"]

    after = _service(deployment)
    revision = int(after["taskDefinition"].rsplit(":", 1)[1])
    assert revision > int(before.rsplit(":", 1)[1])
    assert after["taskDefinition"] == deployment.stacks.output("workload", "task_definition_arn")
    assert _image(deployment, after["taskDefinition"]).endswith(f":{SECOND_TAG}")
    assert after["deployments"][0]["taskDefinition"] == after["taskDefinition"]
    # The previous revision stays registered: the circuit breaker rolls back to it.
    ecs = deployment.stacks.emulator.client("ecs")
    assert ecs.describe_task_definition(taskDefinition=before)["taskDefinition"]["status"] == "ACTIVE"


def test_applying_the_previous_tag_rolls_back(deployment: Deployment) -> None:
    deployment.stacks.apply("workload", f"-var=image_tag={FIRST_TAG}")
    deployment.workload_vars = [f"-var=image_tag={FIRST_TAG}"]
    service = _service(deployment)
    assert _image(deployment, service["taskDefinition"]).endswith(f":{FIRST_TAG}")
    rc, plan = deployment.stacks.plan(
        "workload", f"-var=image_tag={FIRST_TAG}", name="workload-after-rollback"
    )
    assert rc == 0, "\n".join(plan_json.changes(plan))


def test_destroy_workload_then_core(deployment: Deployment) -> None:
    for stack in ("workload", "core"):
        extra = deployment.workload_vars if stack == "workload" else []
        deployment.stacks.destroy(stack, *extra)
        deployment.applied.remove(stack)
    ecs = deployment.stacks.emulator.client("ecs")
    clusters = ecs.describe_clusters(clusters=["infra-it"])["clusters"]
    assert all(cluster["status"] == "INACTIVE" for cluster in clusters), clusters
    load_balancers = deployment.stacks.emulator.client("elbv2").describe_load_balancers()["LoadBalancers"]
    assert not [lb for lb in load_balancers if lb["LoadBalancerName"] == "infra-it"]
