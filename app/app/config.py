"""Settings, read from the environment (pydantic-settings). Every field is documented in app/README.md."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(case_sensitive=False, extra="ignore")

    model_bucket: str = Field(min_length=3, max_length=63, pattern=r"^[a-z0-9][a-z0-9.\-]*[a-z0-9]$")
    model_prefix: str = Field(default="", pattern=r"^([A-Za-z0-9!_.*'()\-]+/)*$")
    aws_endpoint_url: str | None = None
    aws_region: str = "us-east-1"
    api_key: str | None = Field(default=None, min_length=16)
    api_key_secret_arn: str | None = None
    predict_requires_key: bool = False

    host: str = "0.0.0.0"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    poll_interval_s: float = Field(default=5.0, gt=0, le=3600)
    s3_timeout_s: float = Field(default=5.0, gt=0, le=300)
    # How long start-up waits for the active model before answering anything (0: not at all).
    startup_model_wait_s: float = Field(default=30.0, ge=0, le=600)
    max_upload_bytes: int = Field(default=100 * 1024 * 1024, ge=1024)
    max_predict_rows: int = Field(default=10_000, ge=1, le=1_000_000)
    torch_threads: int = Field(default=0, ge=0, le=256)
    train_timeout_s: float = Field(default=3600.0, gt=0)
    job_heartbeat_s: float = Field(default=5.0, gt=0, le=300)
    # None: 6 x job_heartbeat_s, so a few lost heartbeats (a slow bucket) do not fail a live job.
    job_stale_after_s: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _one_key_source(self) -> Settings:
        if not self.api_key and not self.api_key_secret_arn:
            raise ValueError("set API_KEY or API_KEY_SECRET_ARN (the key that mutating endpoints require)")
        return self

    @model_validator(mode="after")
    def _stale_bound(self) -> Settings:
        if self.job_stale_after_s is not None and self.job_stale_after_s <= 2 * self.job_heartbeat_s:
            raise ValueError("JOB_STALE_AFTER_S must exceed 2 x JOB_HEARTBEAT_S, or live jobs are failed")
        return self

    @property
    def job_stale_s(self) -> float:
        return self.job_stale_after_s if self.job_stale_after_s is not None else 6 * self.job_heartbeat_s
