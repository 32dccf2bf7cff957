"""A Terraform stack applied with tflocal (dev/terraform/tf.sh): apply, no drift on the next plan, destroy.

The fixture stack (tests/fixtures/terraform) has the shape of the project's local stacks: S3 backend in the
emulator, a second stack reading the first through terraform_remote_state.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.integration.conftest import REPO_ROOT, Emulator
from tests.integration.emulator.conftest import unique
from tests.support.prereq import require

TF_SH = REPO_ROOT / "dev" / "terraform" / "tf.sh"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "terraform"


def tf(emulator: Emulator, stack: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **emulator.env}
    result = subprocess.run(
        [str(TF_SH), str(stack), *args, "-no-color"], env=env, capture_output=True, text=True, timeout=600
    )
    if check and result.returncode != 0:
        output = f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        pytest.fail(f"tf.sh {' '.join(args)} exited {result.returncode}:\n{output}")
    return result


@pytest.fixture(scope="module")
def stacks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require(shutil.which("terraform") is not None, "terraform not on PATH: install Terraform 1.11")
    require(
        (REPO_ROOT / ".venv-emulator" / "bin" / "tflocal").exists(),
        "tflocal missing: run `make emulator-venv`",
    )
    root = tmp_path_factory.mktemp("tf")
    for name in ("stack", "reader"):
        shutil.copytree(FIXTURES / name, root / name)
    return root


def test_apply_then_plan_shows_no_drift_then_destroy(emulator: Emulator, stacks: Path) -> None:
    stack, reader = stacks / "stack", stacks / "reader"
    name_var = f"-var=name={unique('tf')}"
    tf(emulator, stack, "init", "-input=false")
    tf(emulator, stack, "apply", "-input=false", "-auto-approve", name_var)
    try:
        plan = tf(emulator, stack, "plan", "-input=false", "-detailed-exitcode", name_var, check=False)
        assert plan.returncode == 0, f"second plan is not empty (perpetual diff):\n{plan.stdout[-6000:]}"

        outputs = tf(emulator, stack, "output", "-raw", "target_group_arn").stdout.strip()
        tf(emulator, reader, "init", "-input=false")
        tf(emulator, reader, "apply", "-input=false", "-auto-approve")
        assert tf(emulator, reader, "output", "-raw", "target_group_arn").stdout.strip() == outputs

        service_arn = tf(emulator, stack, "output", "-raw", "service_arn").stdout.strip()
        ecs = emulator.client("ecs")
        cluster = service_arn.split("/")[-2]
        service = ecs.describe_services(cluster=cluster, services=[service_arn])["services"][0]
        assert service["deploymentConfiguration"]["deploymentCircuitBreaker"] == {
            "enable": True,
            "rollback": True,
        }
        assert service["loadBalancers"][0]["targetGroupArn"] == outputs
    finally:
        tf(emulator, stack, "destroy", "-input=false", "-auto-approve", name_var)
    s3 = emulator.client("s3")
    assert s3.head_object(
        Bucket="iac-fixture-state", Key="stack/terraform.tfstate"
    )  # state lives in the emulator


def test_tf_sh_names_the_fix_when_no_emulator_answers(tmp_path: Path) -> None:
    env = {**os.environ, "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
    result = subprocess.run([str(TF_SH), str(tmp_path), "plan"], env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert "make emulator-up" in result.stderr
