"""Where the local platform lives and what it talks to; settings from the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from dev.emulator import access

ROOT = Path(__file__).resolve().parents[2]


class CliError(RuntimeError):
    """A failure the user can fix; the message says how. The CLI prints it and exits 1."""


class LocalConfig(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    emulator_port: int = Field(default=4566, validation_alias=AliasChoices("EMULATOR_PORT"))
    region: str = Field(
        default="us-east-1", validation_alias=AliasChoices("AWS_REGION", "AWS_DEFAULT_REGION")
    )
    local_dir: Path = Field(default=ROOT / ".local", validation_alias=AliasChoices("IAC_LOCAL_DIR"))
    core_stack: Path = Field(
        default=ROOT / "infra" / "live" / "local" / "core", validation_alias=AliasChoices("IAC_CORE_STACK")
    )
    workload_stack: Path = Field(
        default=ROOT / "infra" / "live" / "local" / "workload",
        validation_alias=AliasChoices("IAC_WORKLOAD_STACK"),
    )
    # The deploy input of `up`; unset: keep what is deployed (first time: the stack's default).
    image_tag: str | None = Field(default=None, validation_alias=AliasChoices("IMAGE_TAG"))
    seed_rows: int = Field(default=2000, validation_alias=AliasChoices("SEED_ROWS"))
    seed_epochs: int = Field(default=5, validation_alias=AliasChoices("SEED_EPOCHS"))
    ready_timeout_s: float = Field(default=300, validation_alias=AliasChoices("READY_TIMEOUT_S"))
    port_offset: int = Field(default=8000, validation_alias=AliasChoices("IAC_PLATFORM_PORT_OFFSET"))

    @property
    def emulator_dir(self) -> Path:
        return self.local_dir / "emulator"

    @property
    def platform_dir(self) -> Path:
        return self.local_dir / "platform"

    @property
    def endpoint_url(self) -> str:
        return f"http://localhost:{self.emulator_port}"

    @property
    def venv_bin(self) -> Path:
        return ROOT / ".venv" / "bin"

    def aws_env(self) -> dict[str, str]:
        """What a subprocess needs to talk to the emulator (aws CLI, Terraform, the data plane)."""
        return access.client_env(self.endpoint_url, self.region)

    def client(self, service: str) -> Any:
        """A boto3 client for the emulator."""
        return access.client(service, self.endpoint_url, self.region)

    def script_env(self) -> dict[str, str]:
        """scripts/deploy.sh against the emulator: tflocal wrapper, local stack, local lock, .venv's aws."""
        return {
            **os.environ,
            **self.aws_env(),
            "TF_WRAPPER": str(ROOT / "dev" / "terraform" / "tf.sh"),
            "STACK_DIR": str(self.workload_stack),
            "DEPLOY_LOCK_FILE": str(self.local_dir / "deploy.lock"),
            "PATH": f"{self.venv_bin}{os.pathsep}{os.environ.get('PATH', '')}",
        }
