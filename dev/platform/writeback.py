"""Write what the data plane observes into the emulator (its /_iac API), so AWS reads answer truthfully.

A plain moto/LocalStack without that API answers 404: write-back then switches itself off, says so once,
and probes again now and then (the emulator may be restarted with it).
"""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx

log = logging.getLogger(__name__)
_RETRY_AFTER_S = 30.0


class WriteBack:
    def __init__(self, endpoint_url: str) -> None:
        self._base = endpoint_url.rstrip("/")
        self._client = httpx.AsyncClient(timeout=5.0)
        self._disabled_until = 0.0
        self.supported: bool | None = None

    async def _put(self, path: str, payload: dict[str, Any]) -> None:
        if time.monotonic() < self._disabled_until:
            return
        try:
            resp = await self._client.put(f"{self._base}{path}", json=payload)
        except httpx.HTTPError as exc:
            log.warning("write-back %s failed: %s", path, exc)
            return
        if resp.status_code in (404, 405, 501):
            if self.supported is not False:
                log.warning(
                    "the emulator has no write-back API (%s %s): AWS reads show moto's view",
                    path,
                    resp.status_code,
                )
            self.supported = False
            self._disabled_until = time.monotonic() + _RETRY_AFTER_S
            return
        if resp.status_code >= 400:
            log.warning("write-back %s rejected (%s): %s", path, resp.status_code, resp.text[:300])
            return
        self.supported = True

    async def service_state(
        self,
        service_arn: str,
        cluster: str,
        service: str,
        running: int,
        pending: int,
        deployments: list[dict[str, Any]],
        events: list[dict[str, Any]],
    ) -> None:
        await self._put(
            "/_iac/ecs/service-state",
            {
                "cluster": cluster,
                "service": service,
                "runningCount": running,
                "pendingCount": pending,
                "deployments": deployments,
                "events": events,
                # arn:aws:ecs:<region>:<account>:service/...
                "region": service_arn.split(":")[3],
                "accountId": service_arn.split(":")[4],
            },
        )

    async def target_health(self, target_group_arn: str, targets: list[dict[str, Any]]) -> None:
        await self._put("/_iac/elbv2/target-health", {"targetGroupArn": target_group_arn, "targets": targets})

    async def aclose(self) -> None:
        await self._client.aclose()
