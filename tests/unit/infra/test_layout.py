"""The shape of infra/: one concern per module, complete modules, prod and local stacks that differ only in
values, workload wired to core by remote state only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.unit.infra.conftest import INFRA, MODULES, STACKS, named_blocks, parse_dir, typed_blocks

SHARED_STACK_FILES = ("main.tf", "variables.tf", "outputs.tf", "providers.tf", "versions.tf")
AWS_CONSTRAINT = ">= 5.100, < 6.0"
# Written next to a stack while tflocal runs (dev/terraform/tf.sh).
TOOL_FILES = {"localstack_providers_override.tf"}


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_module_has_its_files_and_no_provider_or_backend(module: Path) -> None:
    for name in ("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md"):
        assert (module / name).is_file(), f"{module.name} lacks {name}"
    parsed = parse_dir(module)
    assert "provider" not in parsed, f"{module.name} configures a provider: only root stacks may"
    (terraform,) = parsed["terraform"]
    assert "backend" not in terraform
    assert terraform["required_providers"][0]["aws"]["version"] == AWS_CONSTRAINT


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_every_variable_and_output_is_described(module: Path) -> None:
    parsed = parse_dir(module)
    for kind in ("variable", "output"):
        for name, body in named_blocks(parsed, kind).items():
            assert body.get("description"), f"{module.name}: {kind} {name} has no description"


def test_harness_calls_every_module() -> None:
    sources = {body["source"] for body in named_blocks(parse_dir(INFRA / "harness"), "module").values()}
    assert sources == {f"../modules/{module.name}" for module in MODULES}


@pytest.mark.parametrize("stack", STACKS)
def test_local_and_prod_stacks_differ_only_in_values_and_backend(stack: str) -> None:
    prod, local = INFRA / "live" / "prod" / stack, INFRA / "live" / "local" / stack
    files, local_files = (
        {p.name for p in d.iterdir() if p.suffix in (".tf", ".tfvars") and p.name not in TOOL_FILES}
        for d in (prod, local)
    )
    assert files == local_files
    assert files == {*SHARED_STACK_FILES, "backend.tf", "terraform.tfvars"}
    for name in SHARED_STACK_FILES:
        # One source: local's copy is a link to prod's file, so the two can never drift apart.
        link = local / name
        assert link.is_symlink(), f"live/local/{stack}/{name} must be a symlink to live/prod/{stack}/{name}"
        assert link.resolve() == (prod / name).resolve()


@pytest.mark.parametrize("environment", ["prod", "local"])
def test_state_lives_in_s3_with_a_lock_file(environment: str) -> None:
    for stack in STACKS:
        backends = [
            b
            for t in parse_dir(INFRA / "live" / environment / stack)["terraform"]
            for b in t.get("backend", [])
        ]
        assert len(backends) == 1, f"{environment}/{stack}: {len(backends)} backend blocks"
        s3 = backends[0]["s3"]
        assert s3["use_lockfile"] is True
        assert s3["key"] == f"{stack}/terraform.tfstate"
        if environment == "prod":
            # Partial configuration: the account's bucket comes from `terraform init -backend-config`.
            assert "bucket" not in s3


def test_bootstrap_keeps_local_state() -> None:
    parsed = parse_dir(INFRA / "live" / "prod" / "bootstrap")
    assert not [b for t in parsed.get("terraform", []) for b in t.get("backend", [])]
    assert named_blocks(parsed, "module")["state"]["source"] == "../../../modules/storage"


def test_workload_reads_core_only_through_remote_state() -> None:
    for environment in ("prod", "local"):
        parsed = parse_dir(INFRA / "live" / environment / "workload")
        data = {(type_, name) for type_, name, _ in typed_blocks(parsed, "data")}
        assert data == {("terraform_remote_state", "core"), ("aws_caller_identity", "current")}
        assert not typed_blocks(parsed, "resource"), (
            "the workload stack creates resources only through modules"
        )
    # Nor does the module it calls look anything up by tag or name.
    ecs_data = {type_ for type_, _, _ in typed_blocks(parse_dir(INFRA / "modules" / "ecs"), "data")}
    assert ecs_data <= {"aws_caller_identity", "aws_partition", "aws_region", "aws_iam_policy_document"}


def test_workload_takes_image_tag_and_extra_environment() -> None:
    variables = named_blocks(parse_dir(INFRA / "live" / "prod" / "workload"), "variable")
    assert "default" not in variables["image_tag"], "prod deploys must always name the tag"
    assert variables["extra_environment"]["default"] == {}
    main = (INFRA / "live" / "prod" / "workload" / "main.tf").read_text()
    assert re.search(r"var\.app_environment,\s*var\.extra_environment,\s*\)", main), (
        "extra_environment must merge last"
    )


def test_modules_have_no_environment_switches() -> None:
    for module in MODULES:
        text = "\n".join(p.read_text() for p in module.glob("*.tf"))
        assert not re.search(r"\b(is_local|local_mode|environment\s*==)", text), (
            f"{module.name} branches on the environment"
        )


def test_ignore_changes_only_where_aws_changes_the_value_at_run_time() -> None:
    found = []
    for path in INFRA.rglob("*.tf"):
        for match in re.finditer(r"ignore_changes\s*=\s*\[([^\]]*)\]", path.read_text()):
            found.append((path.relative_to(INFRA).as_posix(), match.group(1).strip()))
    # Autoscaling owns desired_count once the service exists; nothing else may hide drift.
    assert found == [("modules/ecs/service.tf", "desired_count")]
