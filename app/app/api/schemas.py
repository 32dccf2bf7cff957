"""Response bodies (they document the API in /openapi.json)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Status(BaseModel):
    status: str
    model_version: str | None = None
    reason: str | None = None


class DatasetCreated(BaseModel):
    dataset_id: str
    rows: int
    columns: list[str]
    dtypes: dict[str, str] = Field(description="int, float, bool, string, or empty (no values)")


class JobAccepted(BaseModel):
    job_id: str
    state: str


class ModelInfo(BaseModel):
    version: str
    active: bool
    created_at: str | None = None
    metrics: dict[str, Any] = Field(description="valid_rmse, rows, columns, params, ...")


class ModelList(BaseModel):
    active: str | None
    versions: list[ModelInfo]


class Activated(BaseModel):
    version: str
    activated_at: str


class PredictRequest(BaseModel):
    rows: list[dict[str, Any]] = Field(
        min_length=1, description="One object per row: every input column of the active model, no others"
    )


class PredictResponse(BaseModel):
    model_version: str
    predictions: list[float]
