"""Runtime hooks (entry points in ../pyproject.toml): the write-back routes and the service preload."""

from __future__ import annotations

import logging
import threading

from localstack.runtime import hooks

from iac_emulator import settings

LOG = logging.getLogger(__name__)


@hooks.on_infra_start()  # type: ignore[misc]
def iac_emulator_routes() -> None:
    from localstack.services.edge import ROUTER

    from iac_emulator import writeback

    writeback.register(ROUTER)
    if settings.enabled(settings.CLOUDFRONT_DEPLOYED_AT_ONCE):
        from moto.moto_api import state_manager

        state_manager.set_transition("cloudfront::distribution", {"progression": "immediate"})


def _preload() -> None:
    from localstack.services.plugins import SERVICE_PLUGINS

    for name in settings.PRELOAD_SERVICES:
        try:
            SERVICE_PLUGINS.require(name)
        except Exception:  # a service that fails to load still answers its own error on first use
            LOG.exception("preloading %s failed", name)
    try:
        _warm_ec2_backend()
    except Exception:
        LOG.exception("creating the EC2 backend of the default account failed")


def _warm_ec2_backend() -> None:
    # moto builds a region's EC2 backend (default VPC, AZs, instance types) on its first request: ~0.6 s
    # that would land on Terraform's first data source read.
    from localstack.constants import DEFAULT_AWS_ACCOUNT_ID
    from moto.ec2.models import ec2_backends

    ec2_backends[DEFAULT_AWS_ACCOUNT_ID][settings.preload_region()]


@hooks.on_infra_ready()  # type: ignore[misc]
def iac_emulator_preload() -> None:
    # Loading a service takes seconds (moto imports); do it now in the background rather than while
    # Terraform waits on its first call. Health answers before this finishes.
    if settings.enabled(settings.PRELOAD):
        threading.Thread(target=_preload, name="iac-emulator-preload", daemon=True).start()
