"""The launcher with a real emulator process: healthy start, a second start reports it, stop ends it."""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from dev.emulator import launcher
from dev.emulator.pythons import PythonNotFoundError, emulator_python
from tests.support.prereq import require


def _have_emulator_venv() -> bool:
    try:
        emulator_python()
    except PythonNotFoundError:
        return False
    return True


def test_start_is_idempotent_and_stop_ends_the_process(tmp_path: Path) -> None:
    require(_have_emulator_venv(), "emulator environment missing: run `make emulator-venv`")
    first = launcher.start(port=launcher.free_port(), state_dir=tmp_path)
    try:
        assert httpx.get(first.endpoint_url + launcher.HEALTH_PATH).status_code == 200
        again = launcher.start(port=first.port, state_dir=tmp_path)
        assert again.pid == first.pid
        assert launcher.status(tmp_path) == first
        assert first.log_file.exists()
        services = httpx.get(first.endpoint_url + launcher.HEALTH_PATH).json()["services"]
        for name in ("ecs", "ecr", "elbv2", "application-autoscaling", "wafv2", "cloudfront"):
            assert name in services, f"plugin did not register {name}"
    finally:
        assert launcher.stop(tmp_path)
    assert launcher.status(tmp_path) is None
    try:
        os.kill(first.pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError(f"emulator process {first.pid} still runs after stop")
