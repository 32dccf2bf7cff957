"""Target selection: weighted choice between target groups, round robin within one.

Like an ALB: only healthy targets get traffic; when every registered target is unhealthy the group fails
open (all non-draining targets); with no registered target the caller answers 503.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int


@dataclass
class TargetGroupView:
    healthy: list[Endpoint] = field(default_factory=list)
    serving: list[Endpoint] = field(default_factory=list)  # registered and not draining


class Balancer:
    def __init__(self, rng: random.Random | None = None) -> None:
        self._groups: dict[str, TargetGroupView] = {}
        self._counters: dict[str, itertools.count[int]] = {}
        self._rng = rng or random.Random()  # noqa: S311 - load spreading, not security

    def update(self, groups: dict[str, TargetGroupView]) -> None:
        self._groups = groups

    def view(self, tg_arn: str) -> TargetGroupView:
        return self._groups.get(tg_arn, TargetGroupView())

    def pick(self, target_groups: tuple[tuple[str, int], ...]) -> Endpoint | None:
        candidates = [(arn, w) for arn, w in target_groups if w > 0] or list(target_groups)
        if len(candidates) > 1:
            arn = self._rng.choices(
                [a for a, _ in candidates], weights=[max(w, 0) or 1 for _, w in candidates]
            )[0]
        else:
            arn = candidates[0][0]
        view = self.view(arn)
        pool = view.healthy or view.serving
        if not pool:
            return None
        n = next(self._counters.setdefault(arn, itertools.count()))
        return pool[n % len(pool)]
