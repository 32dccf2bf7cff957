"""CloudFront from moto, answering unset fields as AWS does (no perpetual diff in `terraform plan`).

moto renders unset policy ids as the string "None", gives the default certificate `sni-only` and a cache
behaviour that uses a cache policy the legacy `ForwardedValues` too; Terraform then plans a change on every
run. A new distribution is `Deployed` at once (nothing here takes minutes).
"""

from __future__ import annotations

from typing import Any

from localstack.services.moto import call_moto

from iac_emulator import settings

OPTIONAL_IDS = ("CachePolicyId", "OriginRequestPolicyId", "ResponseHeadersPolicyId", "RealtimeLogConfigArn")


def sanitize(value: Any) -> Any:
    """Drop "None"/empty optional ids and the default certificate's SSL method, recursively, in place."""
    if isinstance(value, list):
        for item in value:
            sanitize(item)
    elif isinstance(value, dict):
        for key in OPTIONAL_IDS:
            if value.get(key) in ("None", ""):
                del value[key]
        if value.get("CachePolicyId"):
            # A behaviour has a cache policy or the legacy settings, never both; AWS returns only the policy.
            value.pop("ForwardedValues", None)
        if value.get("CloudFrontDefaultCertificate") is True:
            value.pop("SSLSupportMethod", None)
        if settings.enabled(settings.CLOUDFRONT_DEPLOYED_AT_ONCE) and value.get("Status") == "InProgress":
            value["Status"] = "Deployed"
        for item in value.values():
            sanitize(item)
    return value


def _sanitized(context: Any, request: dict[str, Any]) -> Any:
    return sanitize(call_moto(context))


OVERRIDES = {
    op: _sanitized
    for op in (
        "CreateDistribution",
        "CreateDistributionWithTags",
        "GetDistribution",
        "GetDistributionConfig",
        "UpdateDistribution",
        "ListDistributions",
    )
}
