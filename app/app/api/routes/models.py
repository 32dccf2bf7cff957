from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path
from starlette.concurrency import run_in_threadpool

from app.api.deps import Services, ServicesDep, require_key
from app.api.schemas import Activated, ModelInfo, ModelList
from app.model.files import METRICS_FILE, ModelLoadError
from app.storage.models import VERSION_PATTERN, IntegrityError
from app.storage.s3 import NotFound

router = APIRouter(prefix="/models", tags=["models"])
VersionPath = Path(
    pattern=VERSION_PATTERN, description="A model version id, e.g. 20261203T161500123456Z-ab12cd"
)


def _active(services: Services) -> str | None:
    try:
        found = services.models.active()
    except NotFound:
        return None
    return found[0].version if found else None


def _info(version: str, metrics: dict[str, Any], active: str | None) -> ModelInfo:
    return ModelInfo(
        version=version, active=version == active, created_at=metrics.get("created_at"), metrics=metrics
    )


@router.get("", response_model=ModelList)
async def list_models(services: ServicesDep) -> ModelList:
    def collect() -> ModelList:
        active = _active(services)
        versions = services.models.versions()
        metrics = services.models.metrics(versions, METRICS_FILE)
        return ModelList(active=active, versions=[_info(v, metrics.get(v, {}), active) for v in versions])

    return await run_in_threadpool(collect)


@router.get("/{version}", response_model=ModelInfo, responses={404: {}})
async def get_model(services: ServicesDep, version: str = VersionPath) -> ModelInfo:
    def collect() -> ModelInfo:
        services.models.manifest(version)  # NotFound -> 404
        metrics = services.models.metrics([version], METRICS_FILE).get(version, {})
        return _info(version, metrics, _active(services))

    return await run_in_threadpool(collect)


@router.post(
    "/{version}/activate",
    response_model=Activated,
    dependencies=[Depends(require_key)],
    responses={404: {}, 409: {"description": "the version fails its integrity checks"}},
)
async def activate(services: ServicesDep, version: str = VersionPath) -> Activated:
    registry = services.registry
    try:
        # Load (hashes checked, module built) before the pointer moves: a broken version never goes live.
        model = await run_in_threadpool(registry.load, version)
    except (IntegrityError, ModelLoadError) as e:
        raise HTTPException(409, f"version {version} cannot be activated: {e}") from e
    pointer = await run_in_threadpool(services.models.activate, version)
    registry.install(model)
    # Record the new pointer's ETag now rather than reloading the same version on the next poll.
    asyncio.get_running_loop().run_in_executor(None, registry.poll_once)
    return Activated(version=pointer.version, activated_at=pointer.activated_at)
