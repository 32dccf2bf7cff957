"""The whole cycle through the local ALB only, as CI runs it on every push:

provision (core + workload with the real local stacks) → healthy → upload, train, predict within a bound of
the generating function → deploy a new tag under continuous predictions with zero failed requests → deploy
a revision whose tasks can never turn healthy: the circuit breaker rolls back, the service keeps answering,
the deploy script fails naming the rollback → kill a task: replaced, and no longer routed → destroy.

Module-scoped state; the tests run in order and each needs the ones before it.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from app.sample import friedman1_rows, friedman1_target, write_csv

from tests.integration.conftest import Emulator
from tests.integration.platform.conftest import Plane, start_plane
from tests.integration.platform.cycle import NAME, Predictor, Stacks

pytestmark = pytest.mark.timeout(1800)
ROW = {f"x{i}": 0.5 for i in range(8)} | {"cat": "a"}


@pytest.fixture(scope="module")
def stacks(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Stacks:
    return Stacks.copy(emulator, tmp_path_factory.mktemp("cycle"))


@pytest.fixture(scope="module")
def plane(
    emulator: Emulator,
    stacks: Stacks,
    app_images: Callable[[str, list[str]], None],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Plane]:
    app_images(NAME, ["c1", "c2", "c3"])  # the tags this module deploys (the ECR repository is NAME)
    yield from start_plane(tmp_path_factory.mktemp("cycle-platform"), emulator.env, NAME, NAME)


@pytest.fixture(scope="module")
def ctx() -> dict[str, Any]:
    return {}


def _ready(state: dict[str, Any]) -> bool:
    return bool(state["services"]) and all(s["steady"] for s in state["services"])


def test_provision_core_and_workload(stacks: Stacks, plane: Plane, ctx: dict[str, Any]) -> None:
    stacks.init("core")
    stacks.tf("core", "apply", "-input=false", "-auto-approve")
    deployed = stacks.script("deploy.sh", "c1")
    assert deployed.returncode == 0, deployed.stderr[-3000:]
    ctx["service"] = stacks.output("workload", "service_name")
    ctx["url"] = plane.url(NAME)
    ctx["api_key"] = stacks.emulator.client("secretsmanager").get_secret_value(
        SecretId=stacks.output("core", "api_key_secret_name")
    )["SecretString"]
    plane.wait(_ready, 120, "the service to be healthy")
    assert httpx.get(ctx["url"] + "/health/live").status_code == 200


def test_train_and_predict_through_the_alb(ctx: dict[str, Any], tmp_path: Path) -> None:
    url, auth = ctx["url"], {"Authorization": f"Bearer {ctx['api_key']}"}
    csv = tmp_path / "train.csv"
    write_csv(friedman1_rows(4000, seed=1), csv)
    with csv.open("rb") as fh:
        up = httpx.post(
            url + "/datasets", files={"file": ("train.csv", fh, "text/csv")}, headers=auth, timeout=60
        )
    assert up.status_code == 201, up.text
    job = httpx.post(
        url + "/train",
        json={"dataset_id": up.json()["dataset_id"], "target": "y", "epochs": 8},
        headers=auth,
        timeout=30,
    )
    assert job.status_code == 202, job.text
    deadline = time.monotonic() + 600
    while (state := httpx.get(f"{url}/jobs/{job.json()['job_id']}", timeout=30).json())["state"] not in (
        "succeeded",
        "failed",
    ) and time.monotonic() < deadline:
        time.sleep(1)
    assert state["state"] == "succeeded", state
    # Every replica serves the new model once /health/ready answers in a row (the ALB alternates replicas).
    deadline = time.monotonic() + 60
    streak = 0
    while streak < 6 and time.monotonic() < deadline:
        streak = streak + 1 if httpx.get(url + "/health/ready", timeout=10).status_code == 200 else 0
        time.sleep(0.3)
    test = friedman1_rows(300, seed=99, noise=0.0)
    rows = [
        {k: (v[i].item() if hasattr(v[i], "item") else v[i]) for k, v in test.items() if k != "y"}
        for i in range(300)
    ]
    pred = httpx.post(url + "/predict", json={"rows": rows}, timeout=60)
    assert pred.status_code == 200, pred.text
    rmse = float(np.sqrt(np.mean((np.array(pred.json()["predictions"]) - friedman1_target(test)) ** 2)))
    # The target's spread is ~4.9 (a constant predictor's RMSE); a trained network gets well under half.
    assert rmse < 2.5, rmse


def test_deploy_new_tag_without_a_failed_request(stacks: Stacks, plane: Plane, ctx: dict[str, Any]) -> None:
    before = plane.service(ctx["service"])["task_definition"]
    with Predictor(ctx["url"], ROW) as traffic:
        deployed = stacks.script("deploy.sh", "c2")
        time.sleep(1)
    assert deployed.returncode == 0, deployed.stderr[-3000:]
    assert "currently deployed: c1" in deployed.stderr
    after = plane.service(ctx["service"])["task_definition"]
    assert after != before
    assert all(t["task_definition"] == after for t in plane.service(ctx["service"])["tasks"])
    assert traffic.ok > 20
    assert traffic.failures == []


def test_broken_revision_is_rolled_back_by_the_circuit_breaker(
    stacks: Stacks, plane: Plane, ctx: dict[str, Any]
) -> None:
    good = plane.service(ctx["service"])["task_definition"]
    with Predictor(ctx["url"], ROW) as traffic:
        # An invalid app setting: every task of this revision exits at start.
        failed = stacks.script(
            "deploy.sh", "c3", extra_env={"TF_VAR_extra_environment": '{LOG_LEVEL="NOPE"}'}
        )
    assert failed.returncode == 1, failed.stderr[-3000:]
    assert "rolled back" in failed.stderr
    assert "deployment failed: tasks failed to start" in failed.stderr
    assert plane.service(ctx["service"])["task_definition"] == good
    assert traffic.ok > 10
    assert traffic.failures == []
    # What CI does next: re-apply the previous tag, then smoke-test through the ALB.
    back = stacks.script("rollback.sh", "c2")
    assert back.returncode == 0, back.stderr[-3000:]
    smoke = stacks.script("smoke.sh", ctx["url"])
    assert smoke.returncode == 0, smoke.stderr
    assert "POST /predict 200" in smoke.stderr


def test_killed_task_is_replaced_and_not_routed(plane: Plane, ctx: dict[str, Any]) -> None:
    victim = plane.task_pids(ctx["service"])[0]
    os.killpg(victim, signal.SIGKILL)
    plane.wait(
        lambda s: victim not in [p for t in s["services"][0]["tasks"] for p in t["pids"]], 10, "the reap"
    )
    for _ in range(20):  # both remaining routes answer; the dead task gets nothing
        assert httpx.post(ctx["url"] + "/predict", json={"rows": [ROW]}, timeout=30).status_code == 200
    state = plane.wait(_ready, 120, "the replacement to be healthy")
    assert len(state["services"][0]["tasks"]) == 2
    assert victim not in plane.task_pids(ctx["service"])


def test_destroy_stops_everything(stacks: Stacks, plane: Plane) -> None:
    pids = [p for s in plane.state()["services"] for t in s["tasks"] for p in t["pids"]]
    stacks.tf("workload", "destroy", "-input=false", "-auto-approve", "-var=image_tag=c2")
    plane.wait(lambda s: not s["services"], 60, "the service's tasks to stop")
    stacks.tf("core", "destroy", "-input=false", "-auto-approve")
    plane.wait(lambda s: not s["listeners"], 60, "the listener to close")
    time.sleep(1)
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
