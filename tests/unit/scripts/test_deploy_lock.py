"""scripts/lib.sh's deploy lock: one deploy per stack at a time, with flock(1) or (macOS) without it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.prereq import require

REPO_ROOT = Path(__file__).resolve().parents[3]
LIB = REPO_ROOT / "scripts" / "lib.sh"
# Takes the lock, signals readiness by creating $READY, then holds it until $RELEASE exists.
HOLDER = f'source "{LIB}"; take_deploy_lock; : >"$READY"; while [ ! -e "$RELEASE" ]; do sleep 0.05; done'
TRY = f'source "{LIB}"; take_deploy_lock; echo acquired'
TOOLS = ["bash", "dirname", "cksum", "cut", "printf", "mkdir", "rmdir", "date", "cat", "mv", "sleep", "flock"]


def _env(tmp_path: Path, with_flock: bool) -> dict[str, str]:
    bin_dir = tmp_path / ("bin-flock" if with_flock else "bin-noflock")
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        if found and (with_flock or tool != "flock"):
            (bin_dir / tool).symlink_to(found)
    cli_config = tmp_path / "terraform.rc"
    cli_config.touch()
    return {
        "PATH": str(bin_dir),
        "DEPLOY_LOCK_FILE": str(tmp_path / "deploy.lock"),
        "TF_CLI_CONFIG_FILE": str(cli_config),
        "READY": str(tmp_path / "ready"),
        "RELEASE": str(tmp_path / "release"),
    }


@pytest.mark.parametrize("with_flock", [True, False], ids=["flock", "mkdir-fallback"])
def test_second_deploy_fails_at_once_and_the_lock_is_released(tmp_path: Path, with_flock: bool) -> None:
    if with_flock and shutil.which("flock") is None:
        require(False, "flock(1) not installed (util-linux): only the fallback path can be tested here")
    env = _env(tmp_path, with_flock)
    bash = shutil.which("bash") or "/bin/bash"
    holder = subprocess.Popen([bash, "-c", HOLDER], env=env)
    try:
        for _ in range(200):
            if Path(env["READY"]).exists():
                break
            subprocess.run(["sleep", "0.05"], check=True)
        second = subprocess.run([bash, "-c", TRY], env=env, capture_output=True, text=True, timeout=30)
        assert second.returncode == 1
        assert "another deploy" in second.stderr
    finally:
        Path(env["RELEASE"]).touch()
        holder.wait(timeout=30)
    third = subprocess.run([bash, "-c", TRY], env=env, capture_output=True, text=True, timeout=30)
    assert third.returncode == 0, third.stderr
    assert third.stdout.strip() == "acquired"
    # The fallback's lock directory is gone once the deploy holding it has exited.
    assert not Path(env["DEPLOY_LOCK_FILE"] + ".d").exists()
