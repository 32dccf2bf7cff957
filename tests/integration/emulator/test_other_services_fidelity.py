"""ECR, Application Auto Scaling, WAFv2 and CloudFront as the project's Terraform uses them."""

from __future__ import annotations

import json

from tests.integration.conftest import Emulator
from tests.integration.emulator.conftest import Network, make_service, unique


def test_ecr_repository_immutable_scan_on_push_and_lifecycle(emulator: Emulator) -> None:
    ecr = emulator.client("ecr")
    name = unique("repo")
    ecr.create_repository(
        repositoryName=name, imageTagMutability="IMMUTABLE", imageScanningConfiguration={"scanOnPush": True}
    )
    policy = {
        "rules": [
            {
                "rulePriority": 1,
                "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 1},
                "action": {"type": "expire"},
            }
        ]
    }
    ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=json.dumps(policy))
    repo = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
    assert repo["imageTagMutability"] == "IMMUTABLE"
    assert repo["imageScanningConfiguration"] == {"scanOnPush": True}
    assert json.loads(ecr.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"]) == policy


def test_scalable_target_tags_and_target_tracking_policy(emulator: Emulator, network: Network) -> None:
    _, cluster, service = make_service(emulator, network)
    aas = emulator.client("application-autoscaling")
    resource = f"service/{cluster}/{service['serviceName']}"
    arn = aas.register_scalable_target(
        ServiceNamespace="ecs",
        ResourceId=resource,
        ScalableDimension="ecs:service:DesiredCount",
        MinCapacity=2,
        MaxCapacity=4,
        Tags={"project": "iac"},
    )["ScalableTargetARN"]
    assert aas.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"project": "iac"}
    aas.tag_resource(ResourceARN=arn, Tags={"env": "local"})
    aas.untag_resource(ResourceARN=arn, TagKeys=["project"])
    assert aas.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"env": "local"}
    aas.put_scaling_policy(
        PolicyName="cpu",
        ServiceNamespace="ecs",
        ResourceId=resource,
        ScalableDimension="ecs:service:DesiredCount",
        PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration={
            "TargetValue": 60.0,
            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
        },
    )
    policy = aas.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource)["ScalingPolicies"][0]
    assert policy["TargetTrackingScalingPolicyConfiguration"]["TargetValue"] == 60.0


def test_waf_web_acl_associated_with_alb(emulator: Emulator, network: Network) -> None:
    waf = emulator.client("wafv2")
    visibility = {"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "m"}
    acl = waf.create_web_acl(
        Name=unique("acl"),
        Scope="REGIONAL",
        DefaultAction={"Allow": {}},
        VisibilityConfig=visibility,
        Rules=[
            {
                "Name": "rate",
                "Priority": 1,
                "Action": {"Block": {}},
                "Statement": {"RateBasedStatement": {"Limit": 1000, "AggregateKeyType": "IP"}},
                "VisibilityConfig": visibility,
            }
        ],
    )["Summary"]
    alb = emulator.client("elbv2").create_load_balancer(
        Name=unique("alb"), Subnets=network.subnet_ids, SecurityGroups=[network.security_group_id]
    )["LoadBalancers"][0]
    waf.associate_web_acl(WebACLArn=acl["ARN"], ResourceArn=alb["LoadBalancerArn"])
    found = waf.get_web_acl_for_resource(ResourceArn=alb["LoadBalancerArn"])["WebACL"]
    assert found["ARN"] == acl["ARN"]
    assert found["Rules"][0]["Statement"]["RateBasedStatement"]["Limit"] == 1000


def _distribution_config(origin_protocol: str, cache_behavior: dict[str, object]) -> dict[str, object]:
    """One ALB origin behind a default behaviour; ``cache_behavior`` is added to that behaviour."""
    return {
        "CallerReference": unique("ref"),
        "Comment": "",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "alb",
                    "DomainName": "alb.example.com",
                    "CustomOriginConfig": {
                        "HTTPPort": 80,
                        "HTTPSPort": 443,
                        "OriginProtocolPolicy": origin_protocol,
                    },
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "alb",
            "ViewerProtocolPolicy": "redirect-to-https",
            **cache_behavior,
        },
        "ViewerCertificate": {"CloudFrontDefaultCertificate": True},
    }


def test_cloudfront_distribution_has_no_placeholder_ids_and_is_deployed(emulator: Emulator) -> None:
    cloudfront = emulator.client("cloudfront")
    legacy = {"ForwardedValues": {"QueryString": True, "Cookies": {"Forward": "none"}}, "MinTTL": 0}
    config = _distribution_config("http-only", legacy)
    created = cloudfront.create_distribution(DistributionConfig=config)["Distribution"]
    distribution = cloudfront.get_distribution(Id=created["Id"])["Distribution"]
    behavior = distribution["DistributionConfig"]["DefaultCacheBehavior"]
    assert "CachePolicyId" not in behavior
    assert "OriginRequestPolicyId" not in behavior
    assert "SSLSupportMethod" not in distribution["DistributionConfig"]["ViewerCertificate"]
    assert distribution["Status"] == "Deployed"


def test_cloudfront_behaviour_with_a_cache_policy_has_no_legacy_forwarded_values(emulator: Emulator) -> None:
    # What the edge module declares (prod's CloudFront toggle): a managed cache policy, no ForwardedValues.
    cloudfront = emulator.client("cloudfront")
    caching_disabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
    config = _distribution_config("https-only", {"CachePolicyId": caching_disabled})
    created = cloudfront.create_distribution(DistributionConfig=config)["Distribution"]
    for config_seen in (
        created["DistributionConfig"],
        cloudfront.get_distribution(Id=created["Id"])["Distribution"]["DistributionConfig"],
        cloudfront.get_distribution_config(Id=created["Id"])["DistributionConfig"],
    ):
        behavior = config_seen["DefaultCacheBehavior"]
        assert behavior["CachePolicyId"] == caching_disabled
        assert "ForwardedValues" not in behavior


def test_security_group_rules_keep_descriptions_of_group_and_prefix_list_references(
    emulator: Emulator, network: Network
) -> None:
    ec2 = emulator.client("ec2")
    source = ec2.create_security_group(GroupName=unique("src"), Description="src", VpcId=network.vpc_id)[
        "GroupId"
    ]
    target = ec2.create_security_group(GroupName=unique("dst"), Description="dst", VpcId=network.vpc_id)[
        "GroupId"
    ]
    prefix_list = ec2.describe_prefix_lists()["PrefixLists"][0]["PrefixListId"]
    ec2.authorize_security_group_ingress(
        GroupId=target,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 8000,
                "ToPort": 8000,
                "UserIdGroupPairs": [{"GroupId": source, "Description": "App port from the ALB only"}],
            }
        ],
    )
    ec2.authorize_security_group_egress(
        GroupId=target,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 443,
                "ToPort": 443,
                "PrefixListIds": [
                    {"PrefixListId": prefix_list, "Description": "S3 through the gateway endpoint"}
                ],
            }
        ],
    )
    rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [target]}])
    descriptions = {r.get("Description") for r in rules["SecurityGroupRules"]}
    assert {"App port from the ALB only", "S3 through the gateway endpoint"} <= descriptions
