"""The static gates of `make lint-infra`, also run by `make test`: fmt, validate, checkov (real tools)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

from tests.integration.conftest import REPO_ROOT
from tests.support.prereq import require

INFRA = REPO_ROOT / "infra"
CHECKOV = REPO_ROOT / ".venv-tools" / "bin" / "checkov"


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "TF_IN_AUTOMATION": "1"},
    )


def test_terraform_files_are_formatted() -> None:
    require(shutil.which("terraform") is not None, "terraform not on PATH: install Terraform >= 1.11")
    result = _run("terraform", "fmt", "-check", "-recursive", "-diff", str(INFRA))
    assert result.returncode == 0, f"run `terraform fmt -recursive infra`:\n{result.stdout}{result.stderr}"


def test_every_module_and_stack_validates() -> None:
    require(shutil.which("terraform") is not None, "terraform not on PATH: install Terraform >= 1.11")
    result = _run(str(INFRA / "scripts" / "validate.sh"))
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert result.stdout.count("ok   ") >= 6, result.stdout


def test_checkov_finds_nothing_unsuppressed() -> None:
    require(CHECKOV.exists(), "checkov missing: run `make tools` (builds .venv-tools)")
    result = _run(
        str(CHECKOV), "-d", str(INFRA), "--framework", "terraform", "--quiet", "-o", "json", "--skip-download"
    )
    report = json.loads(result.stdout)
    failed = report["results"]["failed_checks"]
    assert not failed, "\n".join(
        f"{f['check_id']} {f['resource']} ({f['file_path']}): {f['check_name']}" for f in failed
    )
    assert report["summary"]["passed"] > 300, report["summary"]
