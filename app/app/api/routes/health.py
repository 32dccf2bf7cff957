from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app.api.deps import ServicesDep
from app.api.schemas import Status

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live", response_model=Status, response_model_exclude_none=True)
async def live() -> Status:
    return Status(status="ok")


@router.get("/ready", response_model=Status, responses={503: {"model": Status}})
async def ready(services: ServicesDep) -> JSONResponse:
    reg = services.registry
    reason = reg.not_ready_reason()
    version = reg.current.version if reg.current else None
    body = Status(status="not ready" if reason else "ready", model_version=version, reason=reason)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=503 if reason else 200)
