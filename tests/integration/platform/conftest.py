"""Fixtures of the data-plane tests: a data plane process bound to one cluster of the session emulator."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dev.platform import launcher
from dev.platform.launcher import PlaneHandle, State
from dev.platform.state import read_state


@dataclass
class Plane:
    handle: PlaneHandle

    def state(self) -> State:
        return read_state(self.handle.state_file) or {}

    def wait(self, ready: Any, timeout: float = 90, what: str = "the data plane") -> State:
        return launcher.wait_for(self.handle, ready, timeout, what)

    def url(self, lb_name: str) -> str:
        state = self.wait(
            lambda s: any(ls["load_balancer"] == lb_name for ls in s["listeners"]), 60, "a listener"
        )
        return str(next(ls["url"] for ls in state["listeners"] if ls["load_balancer"] == lb_name))

    def service(self, name: str) -> dict[str, Any]:
        return next(s for s in self.state()["services"] if s["service"] == name)

    def task_pids(self, name: str) -> list[int]:
        return [p for t in self.service(name)["tasks"] if t["status"] == "RUNNING" for p in t["pids"]]


def start_plane(state_dir: Path, env: dict[str, str], cluster: str, lb: str) -> Iterator[Plane]:
    settings = {
        **env,
        "IAC_PLATFORM_CLUSTERS": f'["{cluster}"]',
        "IAC_PLATFORM_LOAD_BALANCERS": f'["{lb}"]',
        "IAC_PLATFORM_LISTENER_PORTS": '{"80": 0}',
    }
    handle = launcher.start(state_dir, settings)
    try:
        yield Plane(handle)
    finally:
        pids = [
            p
            for s in (read_state(handle.state_file) or {}).get("services", [])
            for t in s["tasks"]
            for p in t["pids"]
        ]
        launcher.stop(state_dir)
        for pid in pids:  # nothing the test started may outlive it
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                continue
            os.killpg(pid, signal.SIGKILL)
            pytest.fail(f"task process {pid} outlived the data plane")
