"""dev/cli/terraform.py: stamps, backend parsing, outputs read from the state in S3, init only when needed."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from moto.server import ThreadedMotoServer

from dev.cli import terraform
from dev.cli.config import ROOT, CliError, LocalConfig
from dev.emulator.launcher import free_port


@pytest.fixture
def cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LocalConfig:
    monkeypatch.setenv("IAC_LOCAL_DIR", str(tmp_path / "local"))
    return LocalConfig()


@pytest.fixture(scope="module")
def s3_port() -> Iterator[int]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield port
    server.stop()


def test_backend_is_read_from_the_stacks_backend_tf() -> None:
    assert terraform.backend(ROOT / "infra" / "live" / "local" / "core") == (
        "iac-template-local-tfstate",
        "core/terraform.tfstate",
    )


def test_a_stack_without_s3_backend_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "backend.tf").write_text('terraform {\n  backend "local" {}\n}\n')
    with pytest.raises(CliError, match=r"backend\.tf declares no S3 backend"):
        terraform.backend(tmp_path)


def test_outputs_come_from_the_state_object(
    s3_port: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EMULATOR_PORT", str(s3_port))
    monkeypatch.setenv("IAC_LOCAL_DIR", str(tmp_path))
    cfg = LocalConfig()
    s3 = cfg.client("s3")
    assert terraform.outputs(cfg, cfg.workload_stack) == {}, "no bucket yet: no outputs, no error"
    s3.create_bucket(Bucket="iac-template-local-tfstate")
    assert terraform.current_image_tag(cfg) is None, "no state yet"
    state = {"version": 4, "outputs": {"image_tag": {"value": "v7", "type": "string"}}}
    s3.put_object(
        Bucket="iac-template-local-tfstate", Key="workload/terraform.tfstate", Body=json.dumps(state)
    )
    assert terraform.current_image_tag(cfg) == "v7"
    s3.put_object(Bucket="iac-template-local-tfstate", Key="core/terraform.tfstate", Body=b"not json")
    with pytest.raises(CliError, match="is not a Terraform state"):
        terraform.outputs(cfg, cfg.core_stack)


def test_pending_until_the_stamp_matches(cfg: LocalConfig) -> None:
    job = terraform.pending(cfg, cfg.workload_stack, "1:4566", {"image_tag": "a"})
    assert job is not None
    job.stamp_file.parent.mkdir(parents=True)
    job.stamp_file.write_text(json.dumps(job.stamp))
    assert terraform.pending(cfg, cfg.workload_stack, "1:4566", {"image_tag": "a"}) is None
    assert terraform.pending(cfg, cfg.workload_stack, "1:4566", {"image_tag": "b"}) is not None
    assert terraform.pending(cfg, cfg.workload_stack, "2:4566", {"image_tag": "a"}) is not None, (
        "a new emulator holds nothing"
    )


def test_initialised_only_for_the_same_endpoint(tmp_path: Path) -> None:
    assert not terraform.initialised(tmp_path, "http://localhost:4566")
    (tmp_path / ".terraform").mkdir()
    backend = {"backend": {"type": "s3", "config": {"endpoints": {"s3": "http://localhost:4566"}}}}
    (tmp_path / ".terraform" / "terraform.tfstate").write_text(json.dumps(backend))
    assert terraform.initialised(tmp_path, "http://localhost:4566")
    assert not terraform.initialised(tmp_path, "http://localhost:4600")


def _stub_tf_sh(tmp_path: Path, script: str) -> Path:
    stub = tmp_path / "tf.sh"
    stub.write_text("#!/usr/bin/env bash\n" + script)
    stub.chmod(stub.stat().st_mode | stat.S_IXUSR)
    return stub


def test_apply_runs_init_only_when_terraform_asks_for_it(
    cfg: LocalConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = tmp_path / "calls"
    # The first apply fails as Terraform does on a stale .terraform; init fixes it.
    stub = _stub_tf_sh(
        tmp_path,
        f'echo "$2" >>"{calls}"\n'
        f'if [[ "$2" == apply && ! -e "{tmp_path}/inited" ]]; then\n'
        "  echo 'Error: Backend initialization required: please run \"terraform init\"' >&2; exit 1\n"
        "fi\n"
        f'[[ "$2" == init ]] && touch "{tmp_path}/inited"\n'
        "exit 0\n",
    )
    monkeypatch.setattr(terraform, "TF_SH", stub)
    job = terraform.pending(cfg, cfg.core_stack, "1:4566", {})
    assert job is not None
    terraform.apply(cfg, job)
    assert calls.read_text().split() == ["apply", "init", "apply"]
    assert json.loads(job.stamp_file.read_text()) == job.stamp
    calls.unlink()
    terraform.apply(cfg, job)
    assert calls.read_text().split() == ["apply"], "initialised: no second init"


def test_a_failed_apply_is_not_retried_and_leaves_no_stamp(
    cfg: LocalConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub = _stub_tf_sh(tmp_path, 'echo "Error: creating ELBv2 Load Balancer: boom" >&2; exit 1\n')
    monkeypatch.setattr(terraform, "TF_SH", stub)
    job = terraform.pending(cfg, cfg.core_stack, "1:4566", {})
    assert job is not None
    with pytest.raises(CliError, match="boom"):
        terraform.apply(cfg, job)
    assert not job.stamp_file.exists()
