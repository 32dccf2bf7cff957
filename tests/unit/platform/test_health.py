"""Health matcher and the target state machine (ALB thresholds)."""

from __future__ import annotations

import pytest

from dev.platform.health import (
    DRAINING,
    HEALTHY,
    INITIAL,
    UNHEALTHY,
    ProbeResult,
    TargetHealth,
    matcher_accepts,
)

OK, BAD = ProbeResult(True), ProbeResult(False, "Target.ResponseCodeMismatch", "codes: [500]")


@pytest.mark.parametrize(
    ("matcher", "status", "accepted"),
    [
        ("200", 200, True),
        ("200", 204, False),
        ("200-299", 204, True),
        ("200,302", 302, True),
        ("200-204,301", 301, True),
        ("200-204,301", 500, False),
    ],
)
def test_matcher(matcher: str, status: int, accepted: bool) -> None:
    assert matcher_accepts(matcher, status) is accepted


def test_new_target_is_healthy_after_one_passing_check() -> None:
    # "After your target is registered, it must pass one health check to be considered healthy."
    h = TargetHealth(healthy_threshold=3, unhealthy_threshold=3)
    assert h.record(OK) == HEALTHY


def test_new_target_turns_unhealthy_after_threshold_failures_then_needs_the_healthy_threshold() -> None:
    h = TargetHealth(healthy_threshold=2, unhealthy_threshold=2)
    assert h.record(BAD) == INITIAL
    assert h.record(BAD) == UNHEALTHY
    assert h.record(OK) == UNHEALTHY
    assert h.record(OK) == HEALTHY


def test_healthy_keeps_traffic_until_unhealthy_threshold() -> None:
    h = TargetHealth(2, 2, state=HEALTHY)
    assert h.record(BAD) == HEALTHY
    assert h.record(BAD) == UNHEALTHY
    assert h.reason == "Target.ResponseCodeMismatch"
    assert h.record(OK) == UNHEALTHY
    assert h.record(OK) == HEALTHY


def test_success_resets_failure_streak() -> None:
    h = TargetHealth(2, 2, state=HEALTHY)
    for r in (BAD, OK, BAD, OK):
        assert h.record(r) == HEALTHY


def test_draining_is_final() -> None:
    h = TargetHealth(1, 1)
    h.drain()
    assert h.record(OK) == DRAINING
    assert h.reason == "Target.DeregistrationInProgress"
