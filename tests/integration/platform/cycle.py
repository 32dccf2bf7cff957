"""Helpers of the full-cycle test: the local stacks from a copy of infra/, and the deploy scripts."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.conftest import REPO_ROOT, Emulator

TF_SH = REPO_ROOT / "dev" / "terraform" / "tf.sh"
NAME = "cycle"  # var.name of both stacks: the cluster, service and ALB names derive from it
STATE_BUCKET = f"{NAME}-tfstate"


@dataclass
class Stacks:
    emulator: Emulator
    root: Path

    @classmethod
    def copy(cls, emulator: Emulator, tmp: Path) -> Stacks:
        # A copy: no .terraform or override files in the checkout, no clash with a developer's local-up.
        shutil.copytree(
            REPO_ROOT / "infra",
            tmp / "infra",
            ignore=shutil.ignore_patterns(
                ".terraform", "*.tfstate*", "*.tfplan", "localstack_providers_override.tf"
            ),
        )
        emulator.client("s3").create_bucket(Bucket=STATE_BUCKET)
        return cls(emulator, tmp)

    def dir(self, stack: str) -> Path:
        return self.root / "infra" / "live" / "local" / stack

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            **self.emulator.env,
            "TF_PLUGIN_CACHE_DIR": str(REPO_ROOT / ".local" / "terraform" / "plugin-cache"),
            # This suite's own names and state bucket (terraform.tfvars would win over TF_VAR_*).
            "TF_CLI_ARGS_apply": f"-var=name={NAME} -var=state_bucket={STATE_BUCKET}",
            "TF_CLI_ARGS_destroy": f"-var=name={NAME} -var=state_bucket={STATE_BUCKET}",
        }

    def tf(self, stack: str, *args: str) -> str:
        proc = subprocess.run(
            [str(TF_SH), str(self.dir(stack)), *args, "-no-color"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if proc.returncode != 0:
            pytest.fail(
                f"terraform {args[0]} {stack}: {proc.stdout[-3000:]}\n{proc.stderr[-3000:]}", pytrace=False
            )
        return proc.stdout

    def init(self, stack: str) -> None:
        self.tf(stack, "init", "-input=false", f"-backend-config=bucket={STATE_BUCKET}")

    def output(self, stack: str, name: str) -> str:
        return self.tf(stack, "output", "-raw", name).strip()

    def script(
        self, name: str, *args: str, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """scripts/<name> exactly as the GitHub workflows run it, pointed at the emulator by environment."""
        env = {
            **self.env,
            "TF_WRAPPER": str(TF_SH),
            "STACK_DIR": str(self.dir("workload")),
            "TF_STATE_BUCKET": STATE_BUCKET,
            "DEPLOY_LOCK_FILE": str(self.root / "deploy.lock"),
            "STABLE_TIMEOUT_S": "300",
            "TF_CLI_ARGS_apply": f"-var=name={NAME} -var=state_bucket={STATE_BUCKET}",
            "PATH": f"{REPO_ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            **(extra_env or {}),
        }
        return subprocess.run(
            [str(REPO_ROOT / "scripts" / name), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )


@dataclass
class Predictor:
    """Sends predictions through the ALB without pause and records every failure."""

    url: str
    row: dict[str, Any]
    ok: int = 0
    failures: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _run(self) -> None:
        with httpx.Client(timeout=30) as client:
            while not self._stop.is_set():
                try:
                    r = client.post(self.url + "/predict", json={"rows": [self.row]})
                    if r.status_code == 200:
                        self.ok += 1
                    else:
                        self.failures.append(f"{time.strftime('%X')} {r.status_code} {r.text[:120]}")
                except httpx.HTTPError as exc:
                    self.failures.append(f"{time.strftime('%X')} {exc!r}")
                time.sleep(0.05)

    def __enter__(self) -> Predictor:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()
