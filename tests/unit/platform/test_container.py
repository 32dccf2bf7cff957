"""Container mode's pure parts: which local image runs, and the docker run command line."""

from __future__ import annotations

from pathlib import Path

from dev.platform.runner.container import container_name, local_image, run_args
from dev.platform.runner.launch import Launch


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
