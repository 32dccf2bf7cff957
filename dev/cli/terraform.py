"""Apply the local stacks through dev/terraform/tf.sh; skip an apply that would change nothing.

A stamp per stack records the emulator instance, a hash of the stack's and modules' files and the
variables of the last successful apply: when all match, the emulator still holds exactly that.
Outputs are read from the state object in the emulator's S3 (what `terraform output` reads) rather than
through Terraform, which costs seconds of provider start-up per call.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from hcl2.api import load as load_hcl

from dev.cli.config import ROOT, CliError, LocalConfig

TF_SH = ROOT / "dev" / "terraform" / "tf.sh"


@dataclass(frozen=True)
class Pending:
    """An apply that has to run: the stack, its variables and the stamp written once it succeeded."""

    stack: Path
    variables: dict[str, str]
    stamp_file: Path
    stamp: dict[str, Any]


def _files_hash(stack: Path) -> str:
    """The stack's files and those of the modules it calls (infra/modules, two levels above live/<env>)."""
    digest = hashlib.sha256()
    for base in (stack, stack.resolve().parents[2] / "modules"):
        for path in sorted(base.rglob("*")):
            if path.suffix in {".tf", ".tfvars", ".json", ".tpl"} and ".terraform" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _shown(stack: Path) -> Path:
    return stack.relative_to(ROOT) if stack.is_relative_to(ROOT) else stack


class TerraformError(CliError):
    """A Terraform command failed; ``output`` holds what it printed."""

    def __init__(self, message: str, output: str) -> None:
        super().__init__(message)
        self.output = output


def run(cfg: LocalConfig, stack: Path, *args: str, capture: bool = False) -> str:
    proc = subprocess.run(
        [str(TF_SH), str(stack), *args],
        env=cfg.script_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        output = proc.stdout + proc.stderr
        tail = "\n".join(output.strip().splitlines()[-25:])
        raise TerraformError(f"terraform {' '.join(args[:1])} failed in {_shown(stack)}:\n{tail}", output)
    return proc.stdout if capture else ""


def pending(cfg: LocalConfig, stack: Path, emulator_id: str, variables: dict[str, str]) -> Pending | None:
    """The apply still to run, or None when the stamp says the emulator holds exactly this already."""
    stamp_file = cfg.platform_dir / f"applied-{stack.name}.json"
    stamp = {"emulator": emulator_id, "files": _files_hash(stack), "vars": variables}
    try:
        if json.loads(stamp_file.read_text()) == stamp:
            return None
    except (OSError, ValueError):
        pass
    return Pending(stack, variables, stamp_file, stamp)


def initialised(stack: Path, endpoint_url: str) -> bool:
    """The stack's .terraform holds a backend initialised against this emulator endpoint."""
    try:
        backend_config = json.loads((stack / ".terraform" / "terraform.tfstate").read_text())["backend"]
        endpoints = backend_config["config"]["endpoints"] or {}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return bool(endpoints.get("s3") == endpoint_url)


def init(cfg: LocalConfig, stack: Path) -> None:
    # -reconfigure: the backend's endpoint is the emulator's, which may have moved; its state lives there.
    run(cfg, stack, "init", "-input=false", "-reconfigure")


def apply(cfg: LocalConfig, job: Pending) -> None:
    """Apply a pending stack and record its stamp; init first only when Terraform asks for it.

    An init costs seconds (it hashes the 700 MB provider) and is needed only on a fresh checkout, after a
    module or provider change, or when the emulator's endpoint moved; Terraform then refuses to plan at
    once, naming `terraform init` (backend, module or plugin not initialised).
    """
    var_args = [f"-var={k}={v}" for k, v in job.variables.items()]
    command = ("apply", "-input=false", "-auto-approve", "-lock-timeout=0s", *var_args)
    try:
        run(cfg, job.stack, *command)
    except TerraformError as exc:
        if "terraform init" not in exc.output:
            raise
        init(cfg, job.stack)
        run(cfg, job.stack, *command)
    job.stamp_file.parent.mkdir(parents=True, exist_ok=True)
    job.stamp_file.write_text(json.dumps(job.stamp))


def backend(stack: Path) -> tuple[str, str]:
    """(bucket, key) of the stack's S3 backend, from its backend.tf."""
    try:
        with (stack / "backend.tf").open() as fh:
            blocks = load_hcl(fh)["terraform"]
        s3 = next(b["backend"][0]["s3"] for b in blocks if "backend" in b)
        return str(s3["bucket"]), str(s3["key"])
    except (OSError, KeyError, IndexError, StopIteration, TypeError) as exc:
        raise CliError(f"{stack / 'backend.tf'} declares no S3 backend with bucket and key: {exc}") from exc


def outputs(cfg: LocalConfig, stack: Path) -> dict[str, Any]:
    """The stack's root outputs from its state in the emulator; {} before its first apply."""
    bucket, key = backend(stack)
    try:
        body = cfg.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in {"NoSuchKey", "NoSuchBucket", "404"}:
            return {}
        raise CliError(f"reading the {stack.name} stack's state s3://{bucket}/{key} failed: {exc}") from exc
    except BotoCoreError as exc:
        raise CliError(f"reading the {stack.name} stack's state s3://{bucket}/{key} failed: {exc}") from exc
    try:
        raw = json.loads(body).get("outputs", {})
    except ValueError as exc:
        raise CliError(f"s3://{bucket}/{key} is not a Terraform state: {exc}") from exc
    return {k: v["value"] for k, v in raw.items()}


def current_image_tag(cfg: LocalConfig) -> str | None:
    """The tag the workload stack last applied (None before the first apply)."""
    value = outputs(cfg, cfg.workload_stack).get("image_tag")
    return str(value) if value else None
