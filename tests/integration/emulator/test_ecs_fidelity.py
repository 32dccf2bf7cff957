"""ECS as the AWS provider and the local data plane use it: what was sent comes back."""

from __future__ import annotations

from tests.integration.conftest import Emulator
from tests.integration.emulator.conftest import CONTAINER, Network, make_service, unique


def test_task_definition_keeps_health_check_stop_timeout_and_secrets(emulator: Emulator) -> None:
    ecs = emulator.client("ecs")
    family = unique("family")
    ecs.register_task_definition(family=family, containerDefinitions=[CONTAINER], networkMode="awsvpc")
    container = ecs.describe_task_definition(taskDefinition=family)["taskDefinition"]["containerDefinitions"][
        0
    ]
    assert container["healthCheck"] == CONTAINER["healthCheck"]
    assert container["stopTimeout"] == 20
    assert container["secrets"] == CONTAINER["secrets"]
    assert container["environment"] == CONTAINER["environment"]


def test_service_returns_deployment_configuration_it_was_given(emulator: Emulator, network: Network) -> None:
    config = {
        "deploymentCircuitBreaker": {"enable": True, "rollback": True},
        "maximumPercent": 200,
        "minimumHealthyPercent": 100,
    }
    ecs, cluster, created = make_service(
        emulator,
        network,
        deploymentConfiguration=config,
        availabilityZoneRebalancing="ENABLED",
        healthCheckGracePeriodSeconds=30,
        loadBalancers=[
            {
                "targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/x/1",
                "containerName": "app",
                "containerPort": 8000,
            }
        ],
    )
    assert created["deploymentConfiguration"] == config
    described = ecs.describe_services(cluster=cluster, services=[created["serviceName"]])["services"][0]
    assert described["deploymentConfiguration"] == config
    assert described["availabilityZoneRebalancing"] == "ENABLED"
    assert described["healthCheckGracePeriodSeconds"] == 30
    assert described["loadBalancers"][0]["containerPort"] == 8000
    assert described["networkConfiguration"]["awsvpcConfiguration"]["securityGroups"] == [
        network.security_group_id
    ]


def test_update_service_merges_deployment_configuration(emulator: Emulator, network: Network) -> None:
    ecs, cluster, created = make_service(
        emulator, network, deploymentConfiguration={"maximumPercent": 150, "minimumHealthyPercent": 50}
    )
    ecs.update_service(
        cluster=cluster,
        service=created["serviceName"],
        deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": False}},
    )
    described = ecs.describe_services(cluster=cluster, services=[created["serviceName"]])["services"][0]
    assert described["deploymentConfiguration"] == {
        "deploymentCircuitBreaker": {"enable": True, "rollback": False},
        "maximumPercent": 150,
        "minimumHealthyPercent": 50,
    }


def test_defaults_are_those_of_aws_when_nothing_was_sent(emulator: Emulator, network: Network) -> None:
    ecs, cluster, created = make_service(emulator, network)
    described = ecs.describe_services(cluster=cluster, services=[created["serviceName"]])["services"][0]
    assert described["deploymentConfiguration"] == {
        "deploymentCircuitBreaker": {"enable": False, "rollback": False},
        "maximumPercent": 200,
        "minimumHealthyPercent": 100,
    }
    assert described["availabilityZoneRebalancing"] == "DISABLED"


def test_primary_deployment_follows_update_service(emulator: Emulator, network: Network) -> None:
    ecs, cluster, created = make_service(emulator, network)
    family = created["taskDefinition"].split("/")[-1].split(":")[0]
    second = ecs.register_task_definition(family=family, containerDefinitions=[CONTAINER])["taskDefinition"]
    ecs.update_service(
        cluster=cluster, service=created["serviceName"], taskDefinition=second["taskDefinitionArn"]
    )
    described = ecs.describe_services(cluster=cluster, services=[created["serviceName"]])["services"][0]
    primary = [d for d in described["deployments"] if d["status"] == "PRIMARY"]
    assert primary[0]["taskDefinition"] == second["taskDefinitionArn"]


def test_service_without_security_groups_uses_the_vpc_default_and_answers_as_sent(
    emulator: Emulator, network: Network
) -> None:
    ecs = emulator.client("ecs")
    cluster = ecs.create_cluster(clusterName=unique("cluster"))["cluster"]["clusterName"]
    family = unique("family")
    ecs.register_task_definition(family=family, containerDefinitions=[CONTAINER], networkMode="awsvpc")
    created = ecs.create_service(
        cluster=cluster,
        serviceName=unique("svc"),
        taskDefinition=family,
        desiredCount=1,
        networkConfiguration={"awsvpcConfiguration": {"subnets": network.subnet_ids}},
    )["service"]
    described = ecs.describe_services(cluster=cluster, services=[created["serviceName"]])["services"][0]
    assert described["networkConfiguration"]["awsvpcConfiguration"]["subnets"] == network.subnet_ids
    assert "securityGroups" not in described["networkConfiguration"]["awsvpcConfiguration"]
