"""Settings of the data plane (environment variables IAC_PLATFORM_*; AWS_* for the emulator endpoint)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]


class PlatformSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="IAC_PLATFORM_", extra="ignore")

    endpoint_url: str = Field(
        default="http://127.0.0.1:4566",
        validation_alias=AliasChoices("IAC_PLATFORM_ENDPOINT_URL", "AWS_ENDPOINT_URL"),
        description="The emulator every AWS call goes to; also given to the tasks as AWS_ENDPOINT_URL.",
    )
    region: str = Field(
        default="us-east-1",
        validation_alias=AliasChoices("IAC_PLATFORM_REGION", "AWS_REGION", "AWS_DEFAULT_REGION"),
    )
    # Only these ECS clusters / load balancers (names; empty: all), so two data planes can share an emulator.
    clusters: list[str] = Field(default_factory=list)
    load_balancers: list[str] = Field(default_factory=list)
    poll_interval_s: float = Field(default=1.0, gt=0)
    state_dir: Path = ROOT / ".local" / "platform"
    listen_host: str = "127.0.0.1"
    # A listener on a privileged port P (< 1024) is served on port_offset + P; others on their own port.
    port_offset: int = Field(default=8000, ge=0, le=64000)
    # Explicit local ports by "<listener port>" or "<load balancer name>:<listener port>"; 0 = any free port.
    listener_ports: dict[str, int] = Field(default_factory=dict)
    # "auto": one loopback address per task (127.0.x.y) where the OS allows it, else 127.0.0.1.
    task_host: str = "auto"
    runner: Literal["auto", "host", "container"] = "auto"
    # Host mode: the interpreter that runs tasks (`python` in a command is replaced by it) and their cwd.
    app_python: Path = ROOT / ".venv" / "bin" / "python"
    task_workdir: Path = ROOT
    # The app image's CMD, used when a container definition has neither entryPoint nor command.
    default_command: list[str] = Field(default_factory=lambda: ["python", "-m", "app"])
    max_events: int = 100
    # Restart back-off after a task of a deployment failed: base * 2^(failures-1), capped.
    restart_backoff_s: float = 1.0
    restart_backoff_max_s: float = 30.0

    @property
    def state_file(self) -> Path:
        return self.state_dir / "state.json"

    @property
    def task_log_dir(self) -> Path:
        return self.state_dir / "tasks"

    def local_port(self, lb_name: str, port: int) -> int:
        for key in (f"{lb_name}:{port}", str(port)):
            if key in self.listener_ports:
                return self.listener_ports[key]
        return self.port_offset + port if port < 1024 else port
