"""Fixtures of the data-plane tests: a data plane process bound to one cluster of the session emulator."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dev.platform import launcher
from dev.platform.launcher import PlaneHandle, State
from dev.platform.state import read_state
from tests.integration.conftest import REPO_ROOT, docker_engine_answers


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


@pytest.fixture(scope="session")
def app_images() -> Iterator[Callable[[str, list[str]], None]]:
    """Where a Docker engine answers: the app image, built once, tagged `<repository>:<tag>` on request.

    The data plane runs tasks as containers of images the local engine holds (the emulated ECR has no layers),
    so with these tags the cycle's tasks are containers of the real image; without an engine (or with
    IAC_PLATFORM_RUNNER=host) nothing is built and they are host processes. TORCH_INDEX_URL, when set, is
    passed to the build (a mirror of PyTorch's CPU index).
    """
    if os.environ.get("IAC_PLATFORM_RUNNER") == "host" or not docker_engine_answers():
        yield lambda repository, tags: None
        return
    import docker

    client = docker.from_env()
    build_args = {k: v for k in ("TORCH_INDEX_URL",) if (v := os.environ.get(k))}
    image, _ = client.images.build(
        path=str(REPO_ROOT / "app"), tag="iac-template-app:test", buildargs=build_args, network_mode="host"
    )
    tagged: list[str] = []

    def tag(repository: str, tags: list[str]) -> None:
        for t in tags:
            image.tag(repository, t)
            tagged.append(f"{repository}:{t}")

    yield tag
    for name in tagged:
        client.images.remove(name, noprune=True)
