"""What a training job is asked to do (body of ``POST /train``) and the job record kept in the bucket."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

JobState = Literal["queued", "running", "succeeded", "failed"]
TERMINAL_STATES: frozenset[str] = frozenset({"succeeded", "failed"})


class TrainSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dataset_id: str = Field(pattern=r"^[A-Za-z0-9_\-]{1,64}$")
    target: str = Field(min_length=1)
    categorical: list[str] | None = Field(
        default=None, description="Inferred (strings, booleans) when omitted"
    )
    continuous: list[str] | None = Field(default=None, description="Inferred (numbers) when omitted")
    epochs: int = Field(default=15, ge=1, le=1000)
    learning_rate: float = Field(default=1e-2, gt=0, le=10)
    layers: list[int] = Field(default=[200, 100], min_length=1, max_length=8)
    batch_size: int = Field(default=256, ge=2, le=65536)
    valid_fraction: float = Field(default=0.2, gt=0, lt=1)
    seed: int = Field(default=0, ge=0, le=2**32 - 1)
    activate: bool = True

    @model_validator(mode="after")
    def _columns(self) -> TrainSpec:
        if any(n < 1 or n > 4096 for n in self.layers):
            raise ValueError("layers: each size must be between 1 and 4096")
        given = (self.categorical or []) + (self.continuous or [])
        if len(set(given)) != len(given):
            raise ValueError("a column appears twice in categorical/continuous")
        if self.target in given:
            raise ValueError(f"the target {self.target!r} cannot also be an input column")
        return self


class Progress(BaseModel):
    epoch: int = 0
    epochs: int = 0
    train_loss: float | None = None
    valid_loss: float | None = None


class Job(BaseModel):
    job_id: str
    state: JobState
    spec: TrainSpec
    created_at: str
    updated_at: str
    progress: Progress = Progress()
    model_version: str | None = None
    error: str | None = None
    heartbeat_at: str | None = Field(
        default=None, description="Last sign of life of the training process (every JOB_HEARTBEAT_S)"
    )
