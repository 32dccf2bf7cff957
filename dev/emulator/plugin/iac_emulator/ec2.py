"""LocalStack's own EC2, with security-group rule descriptions that moto loses.

moto answers DescribeSecurityGroupRules with the description of CIDR rules only; a rule that references a
security group or a prefix list comes back without one, and `aws_vpc_security_group_ingress_rule` /
`..._egress_rule` with a description show a change on every plan. Selected by PROVIDER_OVERRIDE_EC2=iac
(the launcher and the image set it); the patch is applied when EC2 loads, not at emulator start.
"""

from __future__ import annotations

import inspect
from typing import Any


def patch_rule_descriptions() -> None:
    from moto.ec2.models.security_groups import SecurityGroupRule

    if getattr(SecurityGroupRule, "_iac_patched", False):
        return
    original_init = SecurityGroupRule.__init__
    signature = inspect.signature(original_init)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        prefix_list = signature.bind(self, *args, **kwargs).arguments.get("prefix_list_id") or {}
        self._iac_prefix_list_description = prefix_list.get("Description")

    def description(self: Any) -> str | None:
        return (
            self.ip_range.get("Description")
            or self.source_group.get("Description")
            or getattr(self, "_iac_prefix_list_description", None)
        )

    SecurityGroupRule.__init__ = __init__  # type: ignore[method-assign]
    SecurityGroupRule.description = property(description)  # type: ignore[assignment,method-assign]
    SecurityGroupRule._iac_patched = True  # type: ignore[attr-defined]
