"""Container mode's pure parts: which local image runs, and the docker run command line."""

from __future__ import annotations

from pathlib import Path

from dev.platform.runner.container import container_name, local_image, run_args, sandbox_args
from dev.platform.runner.launch import Launch
from dev.platform.spec import parse_sandbox


def test_registry_is_stripped_for_a_local_build() -> None:
    assert local_image("123456789012.dkr.ecr.us-east-1.amazonaws.com/iac-template:abc") == "iac-template:abc"
    assert local_image("app:dev") == "app:dev"
    assert local_image("library/python:3.13") == "library/python:3.13"


def test_run_args_use_host_network_env_file_and_entrypoint() -> None:
    launch = Launch(
        "0123456789abcdef", "app", "reg.example.com/app:v1", ("python",), ("-m", "app"), {"A": "1"}
    )
    args = run_args(launch, Path("/tmp/e.env"))
    assert args[:2] == ["docker", "run"]
    assert "--network" in args
    assert args[args.index("--network") + 1] == "host"
    assert args[args.index("--entrypoint") + 1] == "python"
    assert args[-3:] == ["app:v1", "-m", "app"]
    assert container_name(launch) == "iac-task-0123456789ab-app"


def test_the_definitions_sandbox_reaches_docker_run() -> None:
    # What the workload module declares: non-root user, read-only root, /tmp scratch, no capabilities, init.
    sandbox = parse_sandbox(
        {
            "user": "10001:10001",
            "readonlyRootFilesystem": True,
            "mountPoints": [{"sourceVolume": "tmp", "containerPath": "/tmp", "readOnly": False}],
            "linuxParameters": {"capabilities": {"drop": ["ALL"]}, "initProcessEnabled": True},
        }
    )
    launch = Launch("0123456789abcdef", "app", "app:v1", (), ("python", "-m", "app"), {}, sandbox=sandbox)
    args = run_args(launch, Path("/tmp/e.env"))
    flags = args[: args.index("app:v1")]
    assert flags[flags.index("--user") + 1] == "10001:10001"
    assert flags[flags.index("--tmpfs") + 1] == "/tmp"
    assert {"--read-only", "--cap-drop=ALL", "--init"} <= set(flags)
    assert sandbox_args(parse_sandbox({})) == []
