"""The FastAPI application: wiring of storage, registry and launcher, and the routers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Depends, FastAPI

from app.api import errors
from app.api.deps import Services, require_key
from app.api.middleware import RequestContext
from app.api.routes import datasets, health, models, predict, training
from app.config import Settings
from app.serving.registry import ModelRegistry
from app.serving.training import TrainingLauncher
from app.storage.datasets import DatasetStore
from app.storage.jobs import JobStore
from app.storage.models import ModelStore
from app.storage.s3 import Bucket, make_client

log = logging.getLogger("app")


def build_services(settings: Settings, api_key: str, s3_client: Any = None) -> Services:
    client = s3_client if s3_client is not None else make_client(settings)
    bucket = Bucket(client, settings.model_bucket, settings.model_prefix)
    models = ModelStore(bucket)
    jobs = JobStore(bucket)
    return Services(
        settings=settings,
        api_key=api_key.encode(),
        models=models,
        datasets=DatasetStore(bucket),
        jobs=jobs,
        registry=ModelRegistry(models),
        launcher=TrainingLauncher(jobs, settings.train_timeout_s),
    )


def create_app(settings: Settings, api_key: str, s3_client: Any = None) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = build_services(settings, api_key, s3_client)
        app.state.services = services
        # Before the first answer: the target group probes /health/live, so a replica answering earlier would
        # get traffic and answer 503 until its model loaded.
        await services.registry.load_at_start(settings.startup_model_wait_s)
        poller = asyncio.create_task(services.registry.run(settings.poll_interval_s), name="model-poller")
        log.info("started", extra={"bucket": settings.model_bucket, "endpoint": settings.aws_endpoint_url})
        try:
            yield
        finally:
            poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await poller
            await asyncio.to_thread(services.launcher.shutdown)
            log.info("stopped")

    app = FastAPI(
        title="iac-template model service",
        version="0.1.0",
        lifespan=lifespan,
        description="Train, version and serve a tabular regression network.",
    )
    app.add_middleware(RequestContext)
    errors.install(app)
    for r in (health.router, datasets.router, training.router, models.router):
        app.include_router(r)
    app.include_router(
        predict.router, dependencies=[Depends(require_key)] if settings.predict_requires_key else []
    )
    return app
