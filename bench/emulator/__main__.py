"""Emulator benchmarks (`make bench-emulator`): each figure printed as a ratio against a baseline.

- start -> healthy, against the 5 s budget;
- idle resident memory (emulator process group), against the 200 MB budget, with and without preload;
- `tflocal apply` of the design §3 stack (tests/fixtures/terraform/stack, extras off) with the plugin's
  time-saving fixes on, against the same apply with them off and against the provider's fixed waits.

The AWS provider 5.100 sleeps before its first poll whatever the emulator answers: 30 s after
CreateLoadBalancer, 30 s more after it sets the ALB's attributes (always, for an ALB), 10 s after setting a
VPC's DNS attributes (and 10 s for a new ECS cluster, off the critical path). VPC -> subnets -> ALB ->
listener -> service therefore cannot take less than 70 s, and the aws_lb resource not less than 60 s.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from dev.emulator import launcher

REPO_ROOT = Path(__file__).resolve().parents[2]
STACK = REPO_ROOT / "tests" / "fixtures" / "terraform" / "stack"
TF_SH = REPO_ROOT / "dev" / "terraform" / "tf.sh"
START_BUDGET_S = 5.0
RSS_BUDGET_MB = 200.0
ALB_FIRST_POLL_FLOOR_S = 30.0
ALB_TWO_WAITS_FLOOR_S = 60.0
CRITICAL_PATH_FLOOR_S = 70.0
FIXES_OFF = {
    "IAC_EMULATOR_ALB_ACTIVE_AT_ONCE": "0",
    "IAC_EMULATOR_CLOUDFRONT_DEPLOYED_AT_ONCE": "0",
    "IAC_EMULATOR_PRELOAD": "0",
}


def _group_rss_mb(pid: int) -> float:
    group = str(os.getpgid(pid))
    out = subprocess.run(["ps", "-o", "rss=", "-g", group], capture_output=True, text=True).stdout
    return sum(int(x) for x in out.split()) / 1024


def _cpu_seconds(pid: int) -> float:
    # CPU time spent so far: unlike wall time, it does not grow when other jobs load the shared machine.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _start(state: Path, extra: dict[str, str] | None = None) -> tuple[launcher.EmulatorHandle, float]:
    began = time.monotonic()
    handle = launcher.start(port=launcher.free_port(), state_dir=state, extra_env=extra)
    return handle, time.monotonic() - began


def bench_start_and_memory(work: Path) -> None:
    times, cpu = [], []
    for i in range(3):
        handle, took = _start(work / f"start{i}", {"IAC_EMULATOR_PRELOAD": "0"})
        times.append(took)
        cpu.append(_cpu_seconds(handle.pid))
        launcher.stop(handle.state_dir)
    best = min(times)
    ratio = best / START_BUDGET_S
    print(f"start -> healthy: {best:.2f} s (best of 3) = {ratio:.2f} x the {START_BUDGET_S:.0f} s budget")
    used = min(cpu)
    print(f"  CPU time to healthy: {used:.2f} s = {used / START_BUDGET_S:.2f} x (wall adds core waits)")
    for preload in ("0", "1"):
        handle, _ = _start(work / f"idle{preload}", {"IAC_EMULATOR_PRELOAD": preload})
        time.sleep(15)  # let preload (if on) finish and the process settle
        rss = _group_rss_mb(handle.pid)
        launcher.stop(handle.state_dir)
        label = "with preload" if preload == "1" else "no preload  "
        ratio = rss / RSS_BUDGET_MB
        print(f"idle RSS {label}: {rss:.0f} MB = {ratio:.2f} x the {RSS_BUDGET_MB:.0f} MB budget")


def _duration(text: str) -> float:
    """Terraform's "1m0s" / "31s" as seconds."""
    minutes = re.search(r"(\d+)m", text)
    seconds = re.search(r"(\d+)s", text)
    return 60.0 * int(minutes.group(1) if minutes else 0) + int(seconds.group(1) if seconds else 0)


def _apply_seconds(work: Path, name: str, extra: dict[str, str] | None) -> tuple[float, float]:
    handle, _ = _start(work / f"emu-{name}", extra)
    stack = work / f"stack-{name}"
    shutil.copytree(STACK, stack)
    env = {**os.environ, "AWS_ENDPOINT_URL": handle.endpoint_url}
    try:
        run = ["nice", str(TF_SH), str(stack)]
        subprocess.run([*run, "init", "-input=false", "-no-color"], env=env, check=True, capture_output=True)
        began = time.monotonic()
        applied = subprocess.run(
            [*run, "apply", "-input=false", "-auto-approve", "-no-color", "-var=extras=false"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        took = time.monotonic() - began
        alb = re.search(r"aws_lb\.this: Creation complete after (\S+)", applied.stdout)
        return took, _duration(alb.group(1)) if alb else float("nan")
    finally:
        launcher.stop(handle.state_dir)


def bench_apply(work: Path) -> None:
    on, alb_on = _apply_seconds(work, "fixes-on", None)
    off, alb_off = _apply_seconds(work, "fixes-off", FIXES_OFF)
    print(f"tflocal apply, design §3 stack, fixes on: {on:.1f} s (aws_lb {alb_on:.0f} s)")
    print(f"  vs fixes off ({off:.1f} s, aws_lb {alb_off:.0f} s): {on / off:.2f} x")
    print(f"  vs the 30 s first-poll floor: {on / ALB_FIRST_POLL_FLOOR_S:.2f} x")
    print(f"  vs the provider's fixed waits on the critical path (70 s): {on / CRITICAL_PATH_FLOOR_S:.2f} x")
    print(f"  aws_lb vs its two fixed 30 s waits: {alb_on / ALB_TWO_WAITS_FLOOR_S:.2f} x")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-emulator-") as tmp:
        work = Path(tmp)
        bench_start_and_memory(work)
        bench_apply(work)


if __name__ == "__main__":
    main()
