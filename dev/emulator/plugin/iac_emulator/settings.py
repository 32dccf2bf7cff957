"""Switches of the plugin, read from the emulator process's environment.

Fixes that only save time can be switched off so the benchmark can compare against plain moto behaviour;
fixes that Terraform needs to apply or to see no drift are always on.
"""

from __future__ import annotations

import os

# Answer a new ALB as `active` at once (moto creates it `provisioning`, which keeps Terraform polling).
ALB_ACTIVE_AT_ONCE = "IAC_EMULATOR_ALB_ACTIVE_AT_ONCE"
# Answer a new CloudFront distribution as `Deployed` at once.
CLOUDFRONT_DEPLOYED_AT_ONCE = "IAC_EMULATOR_CLOUDFRONT_DEPLOYED_AT_ONCE"
# Load the services the project uses in the background once the emulator is ready, not on first request.
# Off by default: it costs ~140 MB of idle memory and saves Terraform nothing measurable (the first-resource
# delays are the provider's own fixed waits, e.g. 10 s before polling a new ECS cluster).
PRELOAD = "IAC_EMULATOR_PRELOAD"
DEFAULT_OFF = frozenset({PRELOAD})

# What PRELOAD loads: every service the project's Terraform and app call.
PRELOAD_SERVICES = (
    "sts",
    "iam",
    "ec2",
    "s3",
    "logs",
    "secretsmanager",
    "ecs",
    "ecr",
    "elbv2",
    "application-autoscaling",
    "wafv2",
    "cloudfront",
)


def preload_region() -> str:
    """The region whose regional backends PRELOAD builds (the clients' region, as the launcher passes it)."""
    return os.environ.get("IAC_EMULATOR_REGION") or "us-east-1"


def enabled(name: str) -> bool:
    """A switch is on unless set to 0/false/no (switches in DEFAULT_OFF: off unless set to 1/true/yes)."""
    default = "0" if name in DEFAULT_OFF else "1"
    return os.environ.get(name, default).strip().lower() not in {"0", "false", "no", "off"}
