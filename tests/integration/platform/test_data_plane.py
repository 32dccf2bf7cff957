"""The data plane against the real emulator with a tiny real HTTP task: routing, health, write-back, logs,
rolling updates without a failed request, the circuit breaker's rollback, replacement of a killed task.

Resources are created with boto3 here (the workload stack's shape); the full Terraform cycle with the real
app is tests/integration/platform/test_cycle.py.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.platform.conftest import Plane, start_plane
from tests.integration.platform.resources import Stack, clients, create, task_definition

NAME = "dp"


@pytest.fixture(scope="module")
def aws(emulator: Any) -> dict[str, Any]:
    return clients(emulator.endpoint_url)


@pytest.fixture(scope="module")
def stack(aws: dict[str, Any]) -> Stack:
    return create(aws, NAME)


@pytest.fixture(scope="module")
def plane(emulator: Any, stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plane]:
    yield from start_plane(tmp_path_factory.mktemp("platform"), emulator.env, stack.cluster, f"{NAME}-alb")


class Traffic:
    """A client sending requests through the ALB without pause; records every non-200."""

    def __init__(self, url: str) -> None:
        self.url, self.ok, self.failures = url, 0, []  # type: ignore[var-annotated]
        self.versions: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(timeout=10) as client:
            while not self._stop.is_set():
                try:
                    r = client.get(self.url + "/")
                    if r.status_code == 200:
                        self.ok += 1
                        self.versions.append(r.json()["version"])
                    else:
                        self.failures.append(f"{r.status_code} {r.text[:80]}")
                except httpx.HTTPError as exc:
                    self.failures.append(repr(exc))
                time.sleep(0.02)

    def __enter__(self) -> Traffic:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def deploy(aws: dict[str, Any], stack: Stack, env: dict[str, str]) -> str:
    td = task_definition(aws, stack.secret_arn, stack.log_group, env)
    aws["ecs"].update_service(cluster=stack.cluster, service=stack.service, taskDefinition=td)
    return td


def describe(aws: dict[str, Any], stack: Stack) -> dict[str, Any]:
    return dict(aws["ecs"].describe_services(cluster=stack.cluster, services=[stack.service])["services"][0])


def wait_stable(aws: dict[str, Any], stack: Stack) -> None:
    aws["ecs"].get_waiter("services_stable").wait(
        cluster=stack.cluster, services=[stack.service], WaiterConfig={"Delay": 1, "MaxAttempts": 120}
    )


def test_service_runs_and_alb_routes(plane: Plane, stack: Stack, aws: dict[str, Any]) -> None:
    plane.wait(lambda s: any(sv["steady"] for sv in s["services"]), 90, "the service to be healthy")
    url = plane.url(f"{NAME}-alb")
    body = httpx.get(url + "/").json()
    assert body["version"] == "v1"
    assert body["secret"] == "s3cret"  # resolved from Secrets Manager
    assert body["xff"] == "127.0.0.1"
    assert body["proto"] == "http"
    blocked = httpx.get(url + "/blocked/x")
    assert (blocked.status_code, blocked.text) == (403, "blocked")
    # Round robin: both tasks answer.
    assert len({httpx.get(url + "/").json()["pid"] for _ in range(6)}) == 2


def test_aws_apis_answer_with_what_the_data_plane_observed(
    plane: Plane, stack: Stack, aws: dict[str, Any]
) -> None:
    wait_stable(aws, stack)
    svc = describe(aws, stack)
    assert svc["runningCount"] == 2
    assert [d["rolloutState"] for d in svc["deployments"]] == ["COMPLETED"]
    assert any("steady state" in e["message"] for e in svc["events"])
    health = aws["elbv2"].describe_target_health(TargetGroupArn=stack.target_group)[
        "TargetHealthDescriptions"
    ]
    assert sorted(h["TargetHealth"]["State"] for h in health) == ["healthy", "healthy"]
    ports = {t["targets"][0]["port"] for t in plane.service(stack.service)["tasks"]}
    assert {h["Target"]["Port"] for h in health} == ports


def test_task_output_reaches_cloudwatch_logs(plane: Plane, stack: Stack, aws: dict[str, Any]) -> None:
    task_ids = [t["id"] for t in plane.service(stack.service)["tasks"]]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        events = aws["logs"].filter_log_events(logGroupName=stack.log_group)["events"]
        streams = {e["logStreamName"] for e in events if "listening on" in e["message"]}
        if {f"tiny/app/{tid}" for tid in task_ids} <= streams:
            return
        time.sleep(1)
    pytest.fail(f"no startup line in {stack.log_group} for tasks {task_ids}")


def test_rolling_update_without_a_failed_request(plane: Plane, stack: Stack, aws: dict[str, Any]) -> None:
    url = plane.url(f"{NAME}-alb")
    with Traffic(url) as traffic:
        td = deploy(aws, stack, {"TINY_VERSION": "v2"})
        plane.wait(
            lambda s: all(t["task_definition"] == td for t in s["services"][0]["tasks"])
            and s["services"][0]["steady"],
            120,
            "the rollout to v2",
        )
        time.sleep(1)
    assert traffic.failures == []
    assert traffic.versions[-1] == "v2"
    assert "v1" in traffic.versions
    wait_stable(aws, stack)
    assert describe(aws, stack)["deployments"][0]["taskDefinition"] == td


def test_circuit_breaker_rolls_back_and_service_keeps_answering(
    plane: Plane, stack: Stack, aws: dict[str, Any]
) -> None:
    url = plane.url(f"{NAME}-alb")
    good = describe(aws, stack)["taskDefinition"]
    with Traffic(url) as traffic:
        bad = deploy(aws, stack, {"TINY_VERSION": "v3", "TINY_EXIT_AT_START": "1"})
        deadline = time.monotonic() + 120
        while describe(aws, stack)["taskDefinition"] != good and time.monotonic() < deadline:
            time.sleep(0.5)
        wait_stable(aws, stack)
    svc = describe(aws, stack)
    assert svc["taskDefinition"] == good
    assert svc["deployments"][0]["taskDefinition"] == good
    messages = [e["message"] for e in svc["events"]]
    assert any("deployment failed: tasks failed to start" in m for m in messages)
    assert any("rolling back" in m for m in messages)
    assert bad != good
    assert traffic.failures == []
    assert set(traffic.versions) == {"v2"}


def test_killed_task_is_replaced_and_no_longer_routed(
    plane: Plane, stack: Stack, aws: dict[str, Any]
) -> None:
    url = plane.url(f"{NAME}-alb")
    victim = plane.task_pids(stack.service)[0]
    os.killpg(victim, signal.SIGKILL)
    plane.wait(
        lambda s: victim not in [p for t in s["services"][0]["tasks"] for p in t["pids"]], 10, "the reap"
    )
    # From now on the ALB never routes to the dead task.
    pids = {httpx.get(url + "/").json()["pid"] for _ in range(10)}
    assert victim not in pids
    state = plane.wait(lambda s: s["services"][0]["steady"], 60, "the replacement to be healthy")
    assert len(state["services"][0]["tasks"]) == 2
    assert victim not in plane.task_pids(stack.service)


def test_no_target_gives_503_like_an_alb(plane: Plane, stack: Stack, aws: dict[str, Any]) -> None:
    url = plane.url(f"{NAME}-alb")
    aws["ecs"].update_service(cluster=stack.cluster, service=stack.service, desiredCount=0)
    plane.wait(lambda s: not s["services"][0]["tasks"], 30, "the service to scale to zero")
    r = httpx.get(url + "/")
    assert r.status_code == 503
    assert r.headers["server"] == "awselb/2.0"


def test_stopping_the_data_plane_leaves_no_process(
    tmp_path: Path, plane: Plane, stack: Stack, aws: dict[str, Any]
) -> None:
    aws["ecs"].update_service(cluster=stack.cluster, service=stack.service, desiredCount=1)
    plane.wait(lambda s: s["services"][0]["steady"] and s["services"][0]["tasks"], 60, "one task")
    pids = plane.task_pids(stack.service)
    from dev.platform import launcher

    launcher.stop(plane.handle.state_dir)
    for pid in [plane.handle.pid, *pids]:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
