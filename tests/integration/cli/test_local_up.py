"""`iac-dev up` / `down` (make local-up / local-down) end to end, as a user runs them.

On a copy of the local stacks, with its own emulator port, listener ports and state directory: a
developer's running platform and the checkout's .terraform are not touched.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from dev.emulator.launcher import free_port
from dev.platform.state import read_state
from dev.processes import pid_alive
from tests.integration.conftest import REPO_ROOT
from tests.support.prereq import require

SAMPLE = {f"x{i}": 0.5 for i in range(8)} | {"cat": "a"}


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _platform_pids(local: Path) -> list[int]:
    """The emulator's, the data plane's and every task's process."""
    pids = []
    for pid_file in (local / "emulator" / "emulator.pid", local / "platform" / "daemon.pid"):
        if pid_file.exists():
            pids.append(int(pid_file.read_text().strip()))
    state = read_state(local / "platform" / "state.json") or {}
    pids += [p for s in state.get("services", []) for t in s["tasks"] for p in t.get("pids", [])]
    return pids


def _cli(env: dict[str, str], *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "dev.cli", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, (
        f"iac-dev {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    )
    return proc.stdout


def test_up_serves_predictions_a_second_up_changes_nothing_and_down_leaves_nothing(tmp_path: Path) -> None:
    require(shutil.which("terraform") is not None, "terraform not on PATH: install Terraform >= 1.11")
    require(
        (REPO_ROOT / ".venv-emulator" / "bin" / "tflocal").exists(),
        "emulator environment missing: run `make emulator-venv`",
    )
    shutil.copytree(
        REPO_ROOT / "infra",
        tmp_path / "infra",
        ignore=shutil.ignore_patterns(".terraform", "*.tfstate*", "localstack_providers_override.tf"),
    )
    emulator_port, offset = free_port(), free_port() - 80
    env = {
        **os.environ,
        "IAC_LOCAL_DIR": str(tmp_path / "local"),
        "EMULATOR_PORT": str(emulator_port),
        "IAC_PLATFORM_PORT_OFFSET": str(offset),
        "IAC_CORE_STACK": str(tmp_path / "infra" / "live" / "local" / "core"),
        "IAC_WORKLOAD_STACK": str(tmp_path / "infra" / "live" / "local" / "workload"),
    }
    try:
        first = _cli(env, "up")
        assert "Local platform up" in first
        url = re.search(r"ALB\s+(http://\S+)", first)
        assert url, first
        resp = httpx.post(f"{url.group(1)}/predict", json={"rows": [SAMPLE]}, timeout=30)
        assert resp.status_code == 200, resp.text
        assert len(resp.json()["predictions"]) == 1
        bad = httpx.post(f"{url.group(1)}/predict", json={"rows": [{"x0": 1.0}]}, timeout=30)
        assert bad.status_code == 422

        second = _cli(env, "up")
        assert re.search(r"Core stack .*up to date", second), second
        assert re.search(r"Workload stack .*up to date", second), second
        assert "active model" in second, "the seed model is not trained twice"
    finally:
        pids = _platform_pids(tmp_path / "local")
        down = _cli(env, "down")
    assert "stopped" in down
    assert pids, "no process was recorded"
    assert not [p for p in pids if pid_alive(p)], "local-down left a process running"
    assert _port_free(emulator_port), "local-down left the emulator's port in use"
    assert _port_free(offset + 80), "local-down left the listener's port in use"
    assert not (tmp_path / "local" / "platform").exists()
    assert not (tmp_path / "local" / "emulator").exists()
