"""Start, find, wait for and stop the data plane as a background process (CLI, Makefile and tests).

Its pid file, log and state file live in the state directory (default .local/platform).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dev.platform.settings import ROOT
from dev.platform.state import read_state
from dev.processes import pid_alive

State = dict[str, Any]


class PlaneError(RuntimeError):
    """The data plane could not start or answer; the message names the fix."""


@dataclass(frozen=True)
class PlaneHandle:
    pid: int
    state_dir: Path

    @property
    def log_file(self) -> Path:
        return self.state_dir / "platform.log"

    @property
    def state_file(self) -> Path:
        return self.state_dir / "state.json"


def _pid(state_dir: Path) -> int | None:
    try:
        pid = int((state_dir / "daemon.pid").read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if pid_alive(pid) else None


def log_tail(state_dir: Path, lines: int = 20) -> str:
    try:
        return "\n".join((state_dir / "platform.log").read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def running(state_dir: Path) -> PlaneHandle | None:
    pid = _pid(state_dir)
    return PlaneHandle(pid, state_dir) if pid else None


def start(state_dir: Path, env: dict[str, str], *, python: str = sys.executable) -> PlaneHandle:
    """Start the data plane (or return the running one); env: IAC_PLATFORM_* / AWS_* settings."""
    state_dir = state_dir.resolve()
    if handle := running(state_dir):
        return handle
    state_dir.mkdir(parents=True, exist_ok=True)
    (state_dir / "state.json").unlink(missing_ok=True)
    full_env = {**os.environ, **env, "IAC_PLATFORM_STATE_DIR": str(state_dir), "PYTHONUNBUFFERED": "1"}
    with (state_dir / "platform.log").open("ab") as log:
        proc = subprocess.Popen(
            [python, "-m", "dev.platform", "run"],
            cwd=ROOT,
            env=full_env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    (state_dir / "daemon.pid").write_text(str(proc.pid))
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise PlaneError(
                f"the data plane exited at start (code {proc.returncode}):\n{log_tail(state_dir)}"
            )
        if read_state(state_dir / "state.json"):
            break
        time.sleep(0.2)
    return PlaneHandle(proc.pid, state_dir)


def wait_for(
    handle: PlaneHandle, ready: Callable[[State], bool], timeout: float, what: str = "the data plane"
) -> State:
    """Poll the state file until ``ready(state)``; on death or timeout fail with the log tail."""
    deadline = time.monotonic() + timeout
    state: State | None = None
    while time.monotonic() < deadline:
        if not pid_alive(handle.pid):
            raise PlaneError(f"the data plane died while waiting for {what}:\n{log_tail(handle.state_dir)}")
        state = read_state(handle.state_file)
        if state and ready(state):
            return state
        time.sleep(0.25)
    raise PlaneError(f"timed out after {timeout:.0f} s waiting for {what}:\n{log_tail(handle.state_dir)}")


def service_ready(state: State, service: str | None = None) -> bool:
    """A service (or every one) has a completed single deployment with all desired tasks healthy."""
    services = [s for s in state.get("services", []) if service in (None, s["service"])]
    return bool(services) and all(s["steady"] for s in services)


def stop(state_dir: Path, timeout: float = 60.0) -> bool:
    """SIGTERM the data plane (it stops its tasks), SIGKILL after ``timeout``; then tasks left behind."""
    state_dir = state_dir.resolve()
    state = read_state(state_dir / "state.json") or {}
    pid = _pid(state_dir)
    if pid:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and pid_alive(pid):
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.1)
        if pid_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        # When this process started the data plane, its exit leaves a zombie until reaped here.
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, 0)
    # Tasks run in their own sessions: after a crash of the data plane they would outlive it.
    for svc in state.get("services", []):
        for task in svc.get("tasks", []):
            for task_pid in task.get("pids", []):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(task_pid, signal.SIGKILL)
    (state_dir / "daemon.pid").unlink(missing_ok=True)
    return pid is not None
