"""Rolling-update planning: ECS's min-healthy / max-percent rules and the breaker threshold."""

from __future__ import annotations

import pytest

from dev.platform.rollout import TaskView, bounds, circuit_breaker_threshold, plan


def old(i: int, healthy: bool = True) -> TaskView:
    return TaskView(f"old{i}", primary=False, healthy=healthy)


def new(i: int, healthy: bool = False) -> TaskView:
    return TaskView(f"new{i}", primary=True, healthy=healthy)


def test_bounds_round_like_ecs() -> None:
    assert bounds(2, 100, 200) == (2, 4)
    assert bounds(3, 50, 150) == (2, 4)
    assert bounds(0, 100, 200) == (0, 0)


def test_fresh_service_starts_desired_count() -> None:
    assert plan(2, 100, 200, []) == plan(2, 100, 200, [])
    assert plan(2, 100, 200, []).start == 2


def test_rollout_starts_new_tasks_up_to_max_and_keeps_old_until_new_are_healthy() -> None:
    step = plan(2, 100, 200, [old(1), old(2)])
    assert step.start == 2
    assert step.stop == ()
    step = plan(2, 100, 200, [old(1), old(2), new(1), new(2)])
    assert (step.start, step.stop) == (0, ())


def test_one_healthy_new_task_releases_one_old_task() -> None:
    step = plan(2, 100, 200, [old(1), old(2), new(1, healthy=True), new(2)])
    assert len(step.stop) == 1
    assert step.stop[0].startswith("old")


def test_all_new_healthy_releases_every_old_task() -> None:
    step = plan(2, 100, 200, [old(1), old(2), new(1, True), new(2, True)])
    assert sorted(step.stop) == ["old1", "old2"]


def test_max_100_percent_stops_old_before_starting_new_when_min_allows() -> None:
    step = plan(2, 50, 100, [old(1), old(2)])
    assert step.stop == ("old1",) or step.stop == ("old2",)
    assert step.start == 0  # the stopping task still runs and counts against the maximum


def test_stopping_tasks_count_against_maximum() -> None:
    tasks = [TaskView("old1", False, False, stopping=True), old(2), new(1), new(2)]
    assert plan(2, 100, 200, tasks).start == 0


def test_unhealthy_old_tasks_stop_freely() -> None:
    step = plan(2, 100, 200, [old(1, healthy=False), old(2), new(1), new(2)])
    assert step.stop == ("old1",)


def test_replacement_of_a_dead_primary_task() -> None:
    assert plan(2, 100, 200, [new(1, True)]).start == 1


def test_scale_in_stops_unhealthy_surplus_first() -> None:
    step = plan(1, 100, 200, [new(1, True), new(2, False)])
    assert step.stop == ("new2",)
    assert step.start == 0


def test_no_start_when_not_allowed() -> None:
    assert plan(2, 100, 200, [old(1), old(2)], may_start=False).start == 0


@pytest.mark.parametrize(("desired", "threshold"), [(1, 3), (2, 3), (6, 3), (7, 4), (10, 5), (1000, 200)])
def test_circuit_breaker_threshold(desired: int, threshold: int) -> None:
    assert circuit_breaker_threshold(desired) == threshold
