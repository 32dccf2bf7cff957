"""Target-group health: the matcher, the per-target state machine (pure) and the HTTP probe.

States and reasons are the ELBv2 ones so they can be written back verbatim to DescribeTargetHealth.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from dev.platform.spec import HealthCheckSpec

INITIAL, HEALTHY, UNHEALTHY, DRAINING = "initial", "healthy", "unhealthy", "draining"


def matcher_accepts(matcher: str, status: int) -> bool:
    """ELBv2 matcher syntax: "200", "200,202", "200-299" (combinations allowed)."""
    for part in matcher.replace(" ", "").split(","):
        if "-" in part:
            lo, hi = part.split("-", 1)
            if int(lo) <= status <= int(hi):
                return True
        elif part and int(part) == status:
            return True
    return False


@dataclass
class ProbeResult:
    ok: bool
    reason: str = ""
    description: str = ""


@dataclass
class TargetHealth:
    """Consecutive-result counting as the ALB does it.

    A newly registered target (``initial``) is healthy after its first passing check; the healthy threshold
    applies to a target coming back from ``unhealthy`` (ELB user guide, "Health checks for Application Load
    Balancer target groups"). Failures count against the unhealthy threshold in every state.
    """

    healthy_threshold: int
    unhealthy_threshold: int
    state: str = INITIAL
    reason: str = "Elb.InitialHealthChecking"
    description: str = "Initial health checks in progress"
    successes: int = 0
    failures: int = 0

    def record(self, result: ProbeResult) -> str:
        if self.state == DRAINING:
            return self.state
        if result.ok:
            self.successes, self.failures = self.successes + 1, 0
            if self.state == INITIAL or (
                self.state == UNHEALTHY and self.successes >= self.healthy_threshold
            ):
                self.state, self.reason, self.description = HEALTHY, "", ""
        else:
            # a healthy target keeps its state (and its traffic) until the unhealthy threshold is reached
            self.failures, self.successes = self.failures + 1, 0
            if self.failures >= self.unhealthy_threshold:
                self.state, self.reason, self.description = UNHEALTHY, result.reason, result.description
        return self.state

    def drain(self) -> None:
        self.state = DRAINING
        self.reason, self.description = (
            "Target.DeregistrationInProgress",
            "Target deregistration is in progress",
        )


def unused() -> TargetHealth:
    """How DescribeTargetHealth shows a target that is no longer registered."""
    return TargetHealth(
        0, 0, "unused", "Target.NotRegistered", "Target is not registered to the target group"
    )


async def probe(client: httpx.AsyncClient, spec: HealthCheckSpec, host: str, port: int) -> ProbeResult:
    scheme = "https" if spec.protocol.upper() == "HTTPS" else "http"
    url = f"{scheme}://{host}:{port}{spec.path}"
    try:
        resp = await client.get(url, timeout=spec.timeout_s, follow_redirects=False)
    except httpx.TimeoutException:
        return ProbeResult(False, "Target.Timeout", "Request timed out")
    except httpx.HTTPError as exc:
        return ProbeResult(False, "Target.FailedHealthChecks", f"Health checks failed: {type(exc).__name__}")
    if matcher_accepts(spec.matcher, resp.status_code):
        return ProbeResult(True)
    return ProbeResult(
        False, "Target.ResponseCodeMismatch", f"Health checks failed with these codes: [{resp.status_code}]"
    )
