"""Application Auto Scaling from moto, plus the tagging operations moto lacks.

The AWS provider calls ListTagsForResource after creating a scalable target; without it the apply fails.
"""

from __future__ import annotations

from typing import Any

from localstack.services.moto import call_moto

from iac_emulator.store import STORE


def register_scalable_target(context: Any, request: dict[str, Any]) -> Any:
    response = call_moto(context)
    arn = response.get("ScalableTargetARN")
    if arn and request.get("Tags"):
        with STORE.lock:
            STORE.autoscaling_tags.setdefault(arn, {}).update(request["Tags"])
    return response


def tag_resource(context: Any, request: dict[str, Any]) -> Any:
    with STORE.lock:
        STORE.autoscaling_tags.setdefault(request["ResourceARN"], {}).update(request.get("Tags") or {})
    return {}


def untag_resource(context: Any, request: dict[str, Any]) -> Any:
    with STORE.lock:
        tags = STORE.autoscaling_tags.get(request["ResourceARN"], {})
        for key in request.get("TagKeys") or []:
            tags.pop(key, None)
    return {}


def list_tags_for_resource(context: Any, request: dict[str, Any]) -> Any:
    with STORE.lock:
        return {"Tags": dict(STORE.autoscaling_tags.get(request["ResourceARN"], {}))}


OVERRIDES = {
    "RegisterScalableTarget": register_scalable_target,
    "TagResource": tag_resource,
    "UntagResource": untag_resource,
    "ListTagsForResource": list_tags_for_resource,
}
