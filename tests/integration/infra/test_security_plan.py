"""The seed's security claims, checked on the plans of the local stacks (`terraform show -json`).

The plans are the ones made right after applying (every ID known), so rules can be followed by ID.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.integration.infra import plan_json
from tests.integration.infra.conftest import Deployment, LocalStacks

# The first test also waits for the package's deployment (two applies, two plans): several minutes.
pytestmark = pytest.mark.timeout(1800)


CERTIFICATE = "arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000"


def _sg_id(plan: dict[str, Any], name: str) -> str:
    return str(plan_json.values(plan, f"module.security.aws_security_group.{name}")["id"])


def test_service_admits_only_the_alb_group_on_the_app_port(deployment: Deployment) -> None:
    plan = deployment.core_replan
    service, alb = _sg_id(plan, "service"), _sg_id(plan, "alb")
    ingress = [
        r["values"]
        for r in plan_json.resources(plan, "aws_vpc_security_group_ingress_rule")
        if r["values"]["security_group_id"] == service
    ]
    assert ingress, "the service group has no ingress rule at all"
    for rule in ingress:
        assert rule["referenced_security_group_id"] == alb, rule
        assert rule["cidr_ipv4"] is None, rule
        assert rule["cidr_ipv6"] is None, rule
        assert rule["prefix_list_id"] is None, rule
        assert rule["from_port"] == rule["to_port"] == 8000, rule
    # The group's own view (all rules, whatever resource made them) agrees: nothing but the ALB group.
    group = plan_json.values(plan, "module.security.aws_security_group.service")
    assert [(r["from_port"], r["security_groups"], r["cidr_blocks"]) for r in group["ingress"]] == [
        (8000, [alb], [])
    ]


def test_tasks_get_no_public_ip_and_run_in_private_subnets(deployment: Deployment) -> None:
    core, workload = deployment.core_replan, deployment.workload_replan
    private = {
        r["values"]["id"] for r in plan_json.resources(core, "aws_subnet") if ".private[" in r["address"]
    }
    public = {
        r["values"]["id"] for r in plan_json.resources(core, "aws_subnet") if ".public[" in r["address"]
    }
    network = plan_json.values(workload, "module.ecs.aws_ecs_service.app")["network_configuration"][0]
    assert network["assign_public_ip"] is False
    assert set(network["subnets"]) == private
    assert not private & public
    # Private subnets have no route to the internet gateway (nat_mode none locally: no default route at all).
    private_tables = {
        r["values"]["route_table_id"]
        for r in plan_json.resources(core, "aws_route_table_association")
        if r["values"]["subnet_id"] in private
    }
    for route in plan_json.resources(core, "aws_route"):
        if route["values"]["route_table_id"] in private_tables:
            assert not route["values"]["gateway_id"], f"private route to a gateway: {route['values']}"
    for subnet in plan_json.resources(core, "aws_subnet"):
        assert subnet["values"]["map_public_ip_on_launch"] is False, subnet["address"]


@pytest.mark.parametrize("role", ["execution", "task"])
def test_task_role_policies_name_specific_resources(deployment: Deployment, role: str) -> None:
    document = plan_json.policy(
        plan_json.values(deployment.workload_replan, f"module.ecs.aws_iam_role_policy.{role}")
    )
    for statement in document["Statement"]:
        assert statement["Effect"] == "Allow"
        assert not any(action.endswith("*") for action in statement["Action"]), statement
        if "*" in statement["Resource"]:
            # The only action AWS offers no resource-level permission for.
            assert statement["Action"] == ["ecr:GetAuthorizationToken"], statement
    if role == "task":
        bucket = plan_json.values(deployment.core_replan, "module.models.aws_s3_bucket.this")["arn"]
        for statement in document["Statement"]:
            assert all(resource.startswith(bucket) for resource in statement["Resource"]), statement


def test_execution_role_reads_only_the_api_key_secret(deployment: Deployment) -> None:
    secret = plan_json.values(deployment.core_replan, "module.secrets.aws_secretsmanager_secret.api_key")[
        "arn"
    ]
    document = plan_json.policy(
        plan_json.values(deployment.workload_replan, "module.ecs.aws_iam_role_policy.execution")
    )
    secret_statements = [
        s for s in document["Statement"] if any(a.startswith("secretsmanager:") for a in s["Action"])
    ]
    assert secret_statements == [
        {
            "Sid": "ReadTheseSecrets",
            "Effect": "Allow",
            "Action": ["secretsmanager:GetSecretValue"],
            "Resource": [secret],
        }
    ]


def test_model_bucket_is_private_encrypted_versioned_and_tls_only(deployment: Deployment) -> None:
    plan = deployment.core_replan
    block = plan_json.values(plan, "module.models.aws_s3_bucket_public_access_block.this")
    assert all(
        block[key]
        for key in (
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets",
        )
    )
    versioning = plan_json.values(plan, "module.models.aws_s3_bucket_versioning.this")
    assert versioning["versioning_configuration"][0]["status"] == "Enabled"
    sse = plan_json.values(plan, "module.models.aws_s3_bucket_server_side_encryption_configuration.this")
    assert sse["rule"][0]["apply_server_side_encryption_by_default"][0]["sse_algorithm"] == "aws:kms"
    bucket = plan_json.values(plan, "module.models.aws_s3_bucket.this")["arn"]
    document = plan_json.policy(plan_json.values(plan, "module.models.aws_s3_bucket_policy.this"))
    denies = [s for s in document["Statement"] if s["Effect"] == "Deny"]
    assert any(
        s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        and sorted(s["Resource"]) == sorted([bucket, f"{bucket}/*"])
        and s["Action"] in (["s3:*"], ["*"])
        for s in denies
    ), document
    assert not [s for s in document["Statement"] if s["Effect"] == "Allow"], "the bucket policy grants access"


def test_ecr_tags_are_immutable_and_scanned(deployment: Deployment) -> None:
    repository = plan_json.values(deployment.core_replan, "module.ecr.aws_ecr_repository.this")
    assert repository["image_tag_mutability"] == "IMMUTABLE"
    assert repository["image_scanning_configuration"][0]["scan_on_push"] is True
    rules = json.loads(
        plan_json.values(deployment.core_replan, "module.ecr.aws_ecr_lifecycle_policy.this")["policy"]
    )
    assert {rule["selection"]["tagStatus"] for rule in rules["rules"]} == {"untagged", "tagged"}


def test_service_deploys_safely_and_container_is_locked_down(deployment: Deployment) -> None:
    service = plan_json.values(deployment.workload_replan, "module.ecs.aws_ecs_service.app")
    assert (service["deployment_minimum_healthy_percent"], service["deployment_maximum_percent"]) == (
        100,
        200,
    )
    assert service["deployment_circuit_breaker"] == [{"enable": True, "rollback": True}]
    assert service["enable_execute_command"] is False
    task = plan_json.values(deployment.workload_replan, "module.ecs.aws_ecs_task_definition.app")
    (container,) = json.loads(task["container_definitions"])
    assert container["readonlyRootFilesystem"] is True
    assert container["user"].split(":")[0] not in ("0", "root")
    assert container["secrets"][0]["name"] == "API_KEY"
    assert "API_KEY" not in {variable["name"] for variable in container["environment"]}


def test_prod_toggles_redirect_http_lock_the_alb_to_cloudfront_and_attach_the_waf(
    deployment: Deployment, stacks: LocalStacks
) -> None:
    """Prod's toggles (certificate, CloudFront, WAF, flow logs, NAT) planned on the applied local core."""
    _, plan = stacks.plan(
        "core",
        f"-var=certificate_arn={CERTIFICATE}",
        "-var=cloudfront_enabled=true",
        "-var=waf_enabled=true",
        "-var=flow_logs_enabled=true",
        "-var=nat_mode=per_az",
        name="core-prod-toggles",
    )
    http = plan_json.values(plan, "module.alb.aws_lb_listener.http")["default_action"][0]
    assert http["type"] == "redirect"
    redirect = http["redirect"][0]
    assert (redirect["protocol"], redirect["port"], redirect["status_code"]) == ("HTTPS", "443", "HTTP_301")
    https = plan_json.values(plan, "module.alb.aws_lb_listener.https[0]")
    assert (https["protocol"], https["port"], https["certificate_arn"]) == ("HTTPS", 443, CERTIFICATE)
    assert https["ssl_policy"].startswith(("ELBSecurityPolicy-TLS13-1-2", "ELBSecurityPolicy-TLS-1-2"))
    # cloudfront_only: no secret header, 403; the ALB group admits CloudFront's prefix list only.
    assert https["default_action"][0]["fixed_response"][0]["status_code"] == "403"
    rule = plan_json.values(plan, "module.alb.aws_lb_listener_rule.origin_verify[0]")
    assert rule["condition"][0]["http_header"][0]["http_header_name"] == "X-Origin-Verify"
    alb_ingress = [
        r["values"]
        for r in plan_json.resources(plan, "aws_vpc_security_group_ingress_rule")
        if "alb_listeners" in r["address"]
    ]
    assert alb_ingress
    for ingress in alb_ingress:
        assert ingress["prefix_list_id"], ingress
        assert not ingress["cidr_ipv4"], ingress
    alb = plan_json.values(plan, "module.alb.aws_lb.this")["arn"]
    assert plan_json.values(plan, "module.waf[0].aws_wafv2_web_acl_association.alb")["resource_arn"] == alb
    assert plan_json.values(plan, "module.network.aws_flow_log.this[0]")["traffic_type"] == "ALL"
    assert len(plan_json.resources(plan, "aws_nat_gateway")) == 2
