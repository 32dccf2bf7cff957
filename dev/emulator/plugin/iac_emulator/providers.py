"""LocalStack provider plugins (entry points in ../pyproject.toml): services core lacks, served from moto."""

from __future__ import annotations

from localstack.services.plugins import Service, aws_provider

from iac_emulator.moto_service import moto_service


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
