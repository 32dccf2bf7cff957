"""Apply the local stacks through dev/terraform/tf.sh; skip an apply that would change nothing.

A stamp per stack records the emulator instance, a hash of the stack's and modules' files and the
variables of the last successful apply: when all match, the emulator still holds exactly that.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

from dev.cli.config import ROOT, CliError, LocalConfig

TF_SH = ROOT / "dev" / "terraform" / "tf.sh"


def _files_hash(stack: Path) -> str:
    digest = hashlib.sha256()
    for base in (stack, ROOT / "infra" / "modules"):
        for path in sorted(base.rglob("*")):
            if path.suffix in {".tf", ".tfvars", ".json", ".tpl"} and ".terraform" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def run(cfg: LocalConfig, stack: Path, *args: str, capture: bool = False) -> str:
    proc = subprocess.run(
        [str(TF_SH), str(stack), *args],
        env=cfg.script_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        raise CliError(f"terraform {' '.join(args[:1])} failed in {stack.relative_to(ROOT)}:\n{tail}")
    return proc.stdout if capture else ""


def outputs(cfg: LocalConfig, stack: Path) -> dict[str, object]:
    raw = json.loads(run(cfg, stack, "output", "-json", capture=True) or "{}")
    return {k: v["value"] for k, v in raw.items()}


def apply(cfg: LocalConfig, stack: Path, emulator_id: str, variables: dict[str, str]) -> bool:
    """Init + apply unless the stamp says nothing changed. True when an apply ran."""
    stamp_file = cfg.platform_dir / f"applied-{stack.name}.json"
    stamp = {"emulator": emulator_id, "files": _files_hash(stack), "vars": variables}
    try:
        if json.loads(stamp_file.read_text()) == stamp:
            return False
    except (OSError, ValueError):
        pass
    # -reconfigure: the backend's endpoint is the emulator's, which may have moved; its state lives there.
    run(cfg, stack, "init", "-input=false", "-reconfigure")
    var_args = [f"-var={k}={v}" for k, v in variables.items()]
    run(cfg, stack, "apply", "-input=false", "-auto-approve", "-lock-timeout=0s", *var_args)
    stamp_file.parent.mkdir(parents=True, exist_ok=True)
    stamp_file.write_text(json.dumps(stamp))
    return True


def current_image_tag(cfg: LocalConfig) -> str | None:
    """The tag the workload stack last applied (None before the first apply)."""
    try:
        value = outputs(cfg, cfg.workload_stack).get("image_tag")
    except CliError:
        return None
    return str(value) if value else None
