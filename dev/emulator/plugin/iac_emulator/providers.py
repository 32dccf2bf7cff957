"""LocalStack provider plugins (entry points in ../pyproject.toml): services core lacks, served from moto."""

from __future__ import annotations

from localstack.services.plugins import Service, aws_provider

from iac_emulator.moto_service import moto_service


@aws_provider(api="ec2", name="iac")  # type: ignore[misc]
def ec2_iac() -> Service:
    # LocalStack's own EC2 provider (as localstack.services.providers.ec2 builds it) plus a moto patch.
    from localstack.services.ec2.provider import Ec2Provider
    from localstack.services.moto import MotoFallbackDispatcher

    from iac_emulator.ec2 import patch_rule_descriptions

    patch_rule_descriptions()
    return Service.for_provider(Ec2Provider(), dispatch_table_factory=MotoFallbackDispatcher)


@aws_provider()  # type: ignore[misc]
def ecs() -> Service:
    from iac_emulator.ecs import OVERRIDES

    return moto_service("ecs", OVERRIDES)


@aws_provider()  # type: ignore[misc]
def ecr() -> Service:
    return moto_service("ecr")


@aws_provider()  # type: ignore[misc]
def elbv2() -> Service:
    from iac_emulator.elbv2 import OVERRIDES

    return moto_service("elbv2", OVERRIDES)


@aws_provider(api="application-autoscaling")  # type: ignore[misc]
def application_autoscaling() -> Service:
    from iac_emulator.autoscaling import OVERRIDES

    return moto_service("application-autoscaling", OVERRIDES)


@aws_provider()  # type: ignore[misc]
def wafv2() -> Service:
    return moto_service("wafv2")


@aws_provider()  # type: ignore[misc]
def cloudfront() -> Service:
    from iac_emulator.cloudfront import OVERRIDES

    return moto_service("cloudfront", OVERRIDES)
