"""What every service controller shares: settings, AWS clients, runner, log shipper, HTTP client."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from dev.emulator import access
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
        return access.client_env(self.settings.endpoint_url, self.settings.region)
