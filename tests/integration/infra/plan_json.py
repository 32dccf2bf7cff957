"""Reading `terraform show -json` output: resources by type, changes with the attributes that differ."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

Resource = dict[str, Any]


def _modules(module: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield module
    for child in module.get("child_modules", []):
        yield from _modules(child)


def resources(plan: dict[str, Any], type_: str | None = None) -> list[Resource]:
    """Every managed resource in the plan's planned values (optionally of one type)."""
    found = []
    for module in _modules(plan.get("planned_values", {}).get("root_module", {})):
        for resource in module.get("resources", []):
            if resource.get("mode") == "managed" and (type_ is None or resource["type"] == type_):
                found.append(resource)
    return found


def one(plan: dict[str, Any], address_suffix: str) -> Resource:
    """The resource whose address ends with ``address_suffix`` (exactly one must match)."""
    matches = [r for r in resources(plan) if r["address"].endswith(address_suffix)]
    assert len(matches) == 1, (
        f"{len(matches)} resources end with {address_suffix!r}: {[m['address'] for m in matches]}"
    )
    return matches[0]


def values(plan: dict[str, Any], address_suffix: str) -> dict[str, Any]:
    return dict(one(plan, address_suffix)["values"])


def policy(resource_values: dict[str, Any], key: str = "policy") -> dict[str, Any]:
    """An IAM policy attribute (a JSON string) as a dict, with Action/Resource always lists."""
    document: dict[str, Any] = json.loads(resource_values[key])
    for statement in document["Statement"]:
        for field in ("Action", "Resource", "NotAction", "NotResource"):
            if isinstance(statement.get(field), str):
                statement[field] = [statement[field]]
    return document


def changes(plan: dict[str, Any]) -> list[str]:
    """One line per planned change: address, actions, and for updates each attribute that differs."""
    lines = []
    for change in plan.get("resource_changes", []):
        actions = change["change"]["actions"]
        if actions in (["no-op"], ["read"]):
            continue
        line = f"{change['address']}: {'/'.join(actions)}"
        before, after = change["change"].get("before") or {}, change["change"].get("after") or {}
        if actions == ["update"]:
            diffs = [
                f"{key}: {before.get(key)!r} -> {after.get(key)!r}"
                for key in sorted(set(before) | set(after))
                if before.get(key) != after.get(key) and key not in change["change"].get("after_unknown", {})
            ]
            line += " (" + "; ".join(diffs) + ")"
        lines.append(line)
    return lines
