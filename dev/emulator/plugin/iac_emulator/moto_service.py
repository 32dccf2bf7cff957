"""Build a LocalStack service whose every operation is answered by moto, with a few operations overridden."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from localstack.aws.skeleton import Skeleton
from localstack.aws.spec import load_service
from localstack.services.moto import call_moto
from localstack.services.plugins import Service

Handler = Callable[[Any, dict[str, Any]], Any]


def _moto(context: Any, request: dict[str, Any]) -> Any:
    return call_moto(context)


def moto_service(name: str, overrides: Mapping[str, Handler] | None = None) -> Service:
    """A Service for ``name`` (botocore's name) dispatching each operation to moto unless overridden."""
    model = load_service(name)
    overrides = overrides or {}
    unknown = set(overrides) - set(model.operation_names)
    if unknown:
        raise ValueError(f"{name}: overrides for unknown operations {sorted(unknown)}")
    table = {op: overrides.get(op, _moto) for op in model.operation_names}
    return Service(name=name, skeleton=Skeleton(model, table))
