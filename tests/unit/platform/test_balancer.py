"""Target selection: round robin over healthy targets, fail-open, weights, 503 when empty."""

from __future__ import annotations

import random
from collections import Counter

from dev.platform.alb.balancer import Balancer, Endpoint, TargetGroupView

A, B, C = Endpoint("127.0.0.1", 1), Endpoint("127.0.0.1", 2), Endpoint("127.0.0.1", 3)


def test_round_robin_over_healthy_targets_only() -> None:
    bal = Balancer()
    bal.update({"tg": TargetGroupView(healthy=[A, B], serving=[A, B, C])})
    picks = [bal.pick((("tg", 1),)) for _ in range(4)]
    assert picks == [A, B, A, B]


def test_fails_open_when_no_target_is_healthy() -> None:
    bal = Balancer()
    bal.update({"tg": TargetGroupView(healthy=[], serving=[C])})
    assert bal.pick((("tg", 1),)) == C


def test_no_registered_target_gives_none() -> None:
    bal = Balancer()
    assert bal.pick((("tg", 1),)) is None


def test_weights_split_traffic_between_groups() -> None:
    bal = Balancer(random.Random(7))
    bal.update({"blue": TargetGroupView([A], [A]), "green": TargetGroupView([B], [B])})
    counts = Counter(bal.pick((("blue", 80), ("green", 20))) for _ in range(2000))
    assert 1450 < counts[A] < 1750
    assert bal.pick((("blue", 0), ("green", 5))) == B
