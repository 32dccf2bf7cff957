"""Platform benchmarks (`make bench-platform`), each printed as a ratio against its baseline.

On an installed checkout, with a fresh emulator and local state of its own, on the default ports when they
are free (the developer's platform on 4566/8080, when running, is not touched: then other ports):
- `make local-up` (iac-dev up) → first successful prediction through the ALB, against the 120 s budget;
- the `tflocal apply` of local core + workload inside it, against the 60 s budget, the AWS provider's fixed
  30 s sleep after creating an ALB, and all its fixed sleeps on the critical path (70 s: the real floor);
- a rollout of a new revision of the 2-task service (deploy.sh): first new task healthy → last old task
  stopped, and update → last old task stopped, against the target group's interval x healthy threshold (the
  floor the issue names; a newly registered target needs one passing check, as in AWS, so a rollout can
  beat it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from dev.cli.config import ROOT, LocalConfig
from dev.cli.down import down
from dev.cli.phases import TIMINGS
from dev.cli.up import port_in_use, up
from dev.emulator.launcher import free_port
from dev.platform.state import read_state

UP_BUDGET_S = 120.0
APPLY_BUDGET_S = 60.0
ALB_FLOOR_S = 30.0
# Every fixed sleep of the AWS provider on the core stack's critical path: aws_vpc 10 s (DNS hostnames), then
# aws_lb 30 s after creating it and 30 s after setting its attributes. The 60 s budget lies below it.
PROVIDER_SLEEPS_S = 70.0


def _watch_rollout(state_file: Path, old_td: str, stop: threading.Event, marks: dict[str, float]) -> None:
    while not stop.is_set():
        state = read_state(state_file) or {}
        tasks = [t for s in state.get("services", []) for t in s["tasks"]]
        now = time.monotonic()
        if "first_new_healthy" not in marks and any(
            t["task_definition"] != old_td and t["healthy"] for t in tasks
        ):
            marks["first_new_healthy"] = now
        if tasks and "first_new_healthy" in marks and not any(t["task_definition"] == old_td for t in tasks):
            marks["last_old_stopped"] = now
            return
        time.sleep(0.05)


def bench_rollout(cfg: LocalConfig) -> None:
    state_file = cfg.platform_dir / "state.json"
    state = read_state(state_file) or {}
    svc = state["services"][0]
    old_td = svc["task_definition"]
    tg = cfg.client("elbv2").describe_target_groups()["TargetGroups"][0]
    floor = tg["HealthCheckIntervalSeconds"] * tg["HealthyThresholdCount"]
    marks: dict[str, float] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_rollout, args=(state_file, old_td, stop, marks), daemon=True)
    watcher.start()
    began = time.monotonic()
    proc = subprocess.run(
        [str(ROOT / "scripts" / "deploy.sh"), "bench-2"],
        env=cfg.script_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    watcher.join(timeout=120)
    stop.set()
    if proc.returncode != 0 or "last_old_stopped" not in marks:
        print(f"rollout: FAILED (deploy.sh exit {proc.returncode}): {proc.stderr[-1500:]}")
        return
    window = marks["last_old_stopped"] - marks["first_new_healthy"]
    total = marks["last_old_stopped"] - began
    print(
        f"rollout, first new task healthy -> last old task stopped: {window:.1f} s "
        f"= {window / floor:.2f} x the target group's interval x healthy threshold ({floor} s)"
    )
    print(
        f"rollout, deploy.sh start -> last old task stopped (incl. terraform apply): {total:.1f} s "
        f"= {total / floor:.2f} x {floor} s"
    )


def _ports() -> tuple[int, int, str]:
    """The default ports when free (as a user's local-up runs), otherwise free ones.

    Other ports move the emulator's endpoint, so the stacks' Terraform backends are initialised again: a
    few seconds more, printed with the result.
    """
    defaults = LocalConfig()
    if not port_in_use(defaults.emulator_port) and not port_in_use(defaults.port_offset + 80):
        return defaults.emulator_port, defaults.port_offset, "default ports"
    return free_port(), free_port() - 80, "other ports (a developer's platform runs): includes re-init"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-platform-"))
    emulator_port, offset, ports_note = _ports()
    env: dict[str, Any] = {
        "IAC_LOCAL_DIR": str(work),
        "EMULATOR_PORT": str(emulator_port),
        "IAC_PLATFORM_PORT_OFFSET": str(offset),
    }
    os.environ.update(env)
    cfg = LocalConfig()
    try:
        began = time.monotonic()
        up(cfg)
        took = time.monotonic() - began
        apply_s = sum(v for k, v in TIMINGS.items() if k.startswith(("Core stack", "Workload stack")))
        print()
        print(
            f"local-up -> first prediction: {took:.1f} s = {took / UP_BUDGET_S:.2f} x the "
            f"{UP_BUDGET_S:.0f} s budget ({ports_note})"
        )
        print(
            f"tflocal apply core + workload: {apply_s:.1f} s = {apply_s / APPLY_BUDGET_S:.2f} x the "
            f"{APPLY_BUDGET_S:.0f} s budget = {apply_s / ALB_FLOOR_S:.2f} x the provider's "
            f"{ALB_FLOOR_S:.0f} s ALB sleep = {apply_s / PROVIDER_SLEEPS_S:.2f} x all its fixed sleeps "
            f"on the critical path ({PROVIDER_SLEEPS_S:.0f} s, the floor)"
        )
        bench_rollout(cfg)
    finally:
        down(cfg)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
