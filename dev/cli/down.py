"""`iac-dev down` (make local-down): stop the data plane, its tasks and the emulator; wipe their state."""

from __future__ import annotations

import shutil

from dev.cli.config import LocalConfig
from dev.cli.phases import phase
from dev.emulator import launcher as emulator
from dev.platform import launcher as plane


def down(cfg: LocalConfig) -> None:
    with phase("Data plane and tasks") as p:
        p.detail = "stopped" if plane.stop(cfg.platform_dir) else "not running"
    with phase("Emulator") as p:
        p.detail = "stopped" if emulator.stop(cfg.emulator_dir) else "not running"
    with phase("Local state") as p:
        # The Terraform state lives in the emulator's S3: it goes with the emulator, never one alone.
        for path in (cfg.platform_dir, cfg.emulator_dir):
            shutil.rmtree(path, ignore_errors=True)
        for name in ("sample.csv", "deploy.lock", "local-up.lock"):
            (cfg.local_dir / name).unlink(missing_ok=True)
        p.detail = f"removed {cfg.platform_dir.name}/ and {cfg.emulator_dir.name}/ under {cfg.local_dir}"
