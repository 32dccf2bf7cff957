"""scripts/plan.sh — what the `infra` workflow runs for its job summary — against the applied local stacks."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.integration.infra.conftest import NAME, REPO_ROOT, STATE_BUCKET, TF_SH, Deployment


@pytest.mark.parametrize("stack", ["core", "workload"])
def test_plan_script_summarises_an_unchanged_stack(deployment: Deployment, stack: str) -> None:
    stacks = deployment.stacks
    env = {
        **os.environ,
        **stacks.emulator.env,
        "TF_WRAPPER": str(TF_SH),
        "TF_STATE_BUCKET": STATE_BUCKET,
        "TF_CLI_ARGS_plan": f"-var=name={NAME} -var=state_bucket={STATE_BUCKET}",
        "TF_PLUGIN_CACHE_DIR": str(REPO_ROOT / ".local" / "terraform" / "plugin-cache"),
    }
    result = subprocess.run(
        [str(REPO_ROOT / "scripts" / "plan.sh"), str(stacks.dir(stack))],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # Markdown for $GITHUB_STEP_SUMMARY on stdout; Terraform's own output went to stderr.
    assert result.stdout.splitlines()[0].startswith("### terraform plan: ")
    assert "No changes." in result.stdout, result.stdout[-3000:]
