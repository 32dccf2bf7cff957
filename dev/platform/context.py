"""What every service controller shares: settings, AWS clients, runner, log shipper, HTTP client."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from dev.platform.aws import Clients
from dev.platform.logs import LogShipper
from dev.platform.runner.base import Runner
from dev.platform.settings import PlatformSettings
from dev.platform.tasks import AddressPool


@dataclass
class Context:
    settings: PlatformSettings
    clients: Clients
    runner: Runner
    shipper: LogShipper
    http: httpx.AsyncClient
    addresses: AddressPool

    def platform_env(self) -> dict[str, str]:
        """What the ECS agent and the task role give a task in AWS; here the emulator and test credentials."""
        s = self.settings
        return {
            "AWS_REGION": s.region,
            "AWS_DEFAULT_REGION": s.region,
            "AWS_ENDPOINT_URL": s.endpoint_url,
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
        }
