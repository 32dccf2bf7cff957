"""What routes need: the replica's services (built in the lifespan) and the API-key checks."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.config import Settings
from app.serving.registry import ModelRegistry
from app.serving.training import TrainingLauncher
from app.storage.datasets import DatasetStore
from app.storage.jobs import JobStore
from app.storage.models import ModelStore


@dataclass
class Services:
    settings: Settings
    api_key: bytes
    models: ModelStore
    datasets: DatasetStore
    jobs: JobStore
    registry: ModelRegistry
    launcher: TrainingLauncher


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]

_bearer = HTTPBearer(auto_error=False, description="The API key: `Authorization: Bearer <key>`")


def _check_key(services: Services, credentials: HTTPAuthorizationCredentials | None) -> None:
    given = credentials.credentials.encode() if credentials else b""
    # Constant-time comparison: the time taken says nothing about how much of the key matched.
    if not hmac.compare_digest(given, services.api_key):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing or wrong API key: send the header Authorization: Bearer <key>",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_key(
    services: ServicesDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    _check_key(services, credentials)
