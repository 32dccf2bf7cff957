"""The local stacks (infra/live/local/{core,workload}) applied to the session's emulator with tf.sh.

The stacks run from a copy of infra/ (no .terraform or override files in the checkout, no clash with a
developer's `make local-up`), under their own name and state bucket: nothing else in the emulator is touched.
`deployment` applies core then workload once for the whole package and records the plans made right after
each apply. pytest runs the files in name order: test_security_plan.py reads those plans, then
test_stack_lifecycle.py deploys, rolls back and finally destroys; the fixture destroys whatever is left.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import REPO_ROOT, Emulator
from tests.support.prereq import require

TF_SH = REPO_ROOT / "dev" / "terraform" / "tf.sh"
NAME = "infra-it"  # var.name of both stacks: prefixes every resource this suite creates
STATE_BUCKET = f"{NAME}-tfstate"
FIRST_TAG = "it-first"


@dataclass
class LocalStacks:
    """A copy of infra/ whose local stacks Terraform runs against the emulator."""

    emulator: Emulator
    root: Path
    common_vars: tuple[str, ...] = (f"-var=name={NAME}", f"-var=state_bucket={STATE_BUCKET}")

    def dir(self, stack: str) -> Path:
        return self.root / "infra" / "live" / "local" / stack

    def tf(self, stack: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            **self.emulator.env,
            "TF_PLUGIN_CACHE_DIR": str(REPO_ROOT / ".local" / "terraform" / "plugin-cache"),
        }
        result = subprocess.run(
            [str(TF_SH), str(self.dir(stack)), *args, "-no-color"],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"terraform {' '.join(args)} in {stack} exited {result.returncode}:\n"
                f"{result.stdout[-5000:]}\n{result.stderr[-5000:]}",
                pytrace=False,
            )
        return result

    def init(self, stack: str) -> None:
        self.tf(stack, "init", "-input=false", f"-backend-config=bucket={STATE_BUCKET}")

    def apply(self, stack: str, *extra: str) -> None:
        self.tf(stack, "apply", "-input=false", "-auto-approve", *self.common_vars, *extra)

    def plan(self, stack: str, *extra: str, name: str = "plan") -> tuple[int, dict[str, Any]]:
        """`plan -detailed-exitcode` (0: no changes, 2: changes) and the plan as `terraform show -json`."""
        out = self.root / f"{stack}-{name}.tfplan"
        result = self.tf(
            stack,
            "plan",
            "-input=false",
            "-detailed-exitcode",
            f"-out={out}",
            *self.common_vars,
            *extra,
            check=False,
        )
        if result.returncode not in (0, 2):
            pytest.fail(
                f"plan of {stack} failed:\n{result.stdout[-5000:]}\n{result.stderr[-5000:]}", pytrace=False
            )
        shown = self.tf(stack, "show", "-json", str(out))
        return result.returncode, json.loads(shown.stdout)

    def destroy(self, stack: str, *extra: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.tf(
            stack, "destroy", "-input=false", "-auto-approve", *self.common_vars, *extra, check=check
        )

    def output(self, stack: str, name: str) -> str:
        return self.tf(stack, "output", "-raw", name).stdout.strip()


@dataclass
class Deployment:
    """Both local stacks applied, with the plans made right after each apply (all values known)."""

    stacks: LocalStacks
    core_replan_rc: int
    core_replan: dict[str, Any]
    workload_replan_rc: int
    workload_replan: dict[str, Any]
    applied: list[str] = field(default_factory=list)
    workload_vars: list[str] = field(default_factory=lambda: [f"-var=image_tag={FIRST_TAG}"])


@pytest.fixture(scope="package")
def stacks(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory) -> LocalStacks:
    require(shutil.which("terraform") is not None, "terraform not on PATH: install Terraform >= 1.11")
    require(
        (REPO_ROOT / ".venv-emulator" / "bin" / "tflocal").exists(),
        "tflocal missing: run `make emulator-venv` (it installs terraform-local)",
    )
    root = tmp_path_factory.mktemp("infra")
    shutil.copytree(
        REPO_ROOT / "infra",
        root / "infra",
        ignore=shutil.ignore_patterns(
            ".terraform", "*.tfstate*", "*.tfplan", "localstack_providers_override.tf"
        ),
    )
    # The backend is pointed at this suite's own bucket with -backend-config, so tf.sh does not create it.
    emulator.client("s3").create_bucket(Bucket=STATE_BUCKET)
    return LocalStacks(emulator=emulator, root=root)


@pytest.fixture(scope="package")
def deployment(stacks: LocalStacks) -> Iterator[Deployment]:
    stacks.init("core")
    stacks.apply("core")
    applied = ["core"]
    try:
        core_rc, core_replan = stacks.plan("core", name="core-replan")
        stacks.init("workload")
        stacks.apply("workload", f"-var=image_tag={FIRST_TAG}")
        applied.append("workload")
        workload_rc, workload_replan = stacks.plan(
            "workload", f"-var=image_tag={FIRST_TAG}", name="workload-replan"
        )
        deployed = Deployment(stacks, core_rc, core_replan, workload_rc, workload_replan, applied=applied)
    except BaseException:
        _destroy_what_is_left(stacks, applied, [f"-var=image_tag={FIRST_TAG}"])
        raise
    yield deployed
    _destroy_what_is_left(stacks, deployed.applied, deployed.workload_vars)


def _destroy_what_is_left(stacks: LocalStacks, applied: list[str], workload_vars: list[str]) -> None:
    # Best effort after a failure: test_destroy_workload_then_core is where destroy is asserted.
    for stack in reversed(applied):
        stacks.destroy(stack, *(workload_vars if stack == "workload" else []), check=False)
