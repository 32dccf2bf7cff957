"""Auto mode picks containers only for images the local engine holds; containers need a local image.

No engine runs here: a stand-in `docker` CLI (a shell script) answers `image inspect` from a list and
records `run`; host processes are real.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from dev.platform.runner.auto import AutoRunner
from dev.platform.runner.base import ImageNotFoundError, ecs_error
from dev.platform.runner.container import ContainerRunner
from dev.platform.runner.host import HostRunner
from dev.platform.runner.launch import Launch

ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
FAKE_DOCKER = """#!/bin/sh
case "$1 $2" in
  "image inspect") grep -qxF "$3" "{images}" ;;
  run*) echo "$@" >> "{runs}"; echo "from the container" ;;
  "stop -t"|"rm -f") echo "$@" >> "{runs}.stops" ;;
  *) exit 1 ;;
esac
"""


def _docker(tmp_path: Path, images: list[str]) -> tuple[str, Path]:
    (tmp_path / "images").write_text("".join(f"{i}\n" for i in images))
    runs = tmp_path / "runs"
    script = tmp_path / "docker"
    script.write_text(FAKE_DOCKER.format(images=tmp_path / "images", runs=runs))
    script.chmod(0o755)
    return str(script), runs


def _launch(image: str) -> Launch:
    command = ("python", "-c", "print('from the host')")
    return Launch("0123456789abcdef", "app", image, (), command, {"A": "1"})


async def _output(runner: AutoRunner | ContainerRunner, launch: Launch) -> list[str]:
    lines: list[str] = []
    proc = await runner.start(launch, lines.append)
    assert await asyncio.wait_for(proc.wait(), 30) == 0
    return lines


def _auto(tmp_path: Path, docker: str) -> AutoRunner:
    containers = ContainerRunner(tmp_path / "env", docker)
    return AutoRunner(containers, HostRunner(Path(sys.executable), tmp_path, []))


def test_a_locally_built_image_runs_as_a_container(tmp_path: Path) -> None:
    docker, runs = _docker(tmp_path, ["iac-template:v1"])
    lines = asyncio.run(_output(_auto(tmp_path, docker), _launch(f"{ECR}/iac-template:v1")))
    assert lines == ["from the container"]
    assert "--network host" in runs.read_text()
    assert "iac-template:v1 python -c" in runs.read_text()


def test_an_image_not_built_locally_runs_as_a_host_process(tmp_path: Path) -> None:
    docker, runs = _docker(tmp_path, ["iac-template:v1"])
    lines = asyncio.run(_output(_auto(tmp_path, docker), _launch(f"{ECR}/iac-template:v2")))
    assert lines == ["from the host"]
    assert not runs.exists()


def test_container_mode_names_the_build_command_for_a_missing_image(tmp_path: Path) -> None:
    docker, runs = _docker(tmp_path, [])
    runner = ContainerRunner(tmp_path / "env", docker)
    with pytest.raises(ImageNotFoundError) as err:
        asyncio.run(_output(runner, _launch(f"{ECR}/iac-template:v3")))
    assert "docker build -t iac-template:v3 app" in str(err.value)
    assert ecs_error(err.value) == "CannotPullContainerError"
    assert ecs_error(OSError("exec format error")) == "CannotStartContainerError"
    assert not runs.exists()


def test_stopping_a_task_whose_client_died_still_removes_its_container(tmp_path: Path) -> None:
    # The `docker run` client exits (here at once, as when killed): its container may still be running.
    docker, runs = _docker(tmp_path, ["iac-template:v1"])

    async def start_then_stop() -> None:
        proc = await ContainerRunner(tmp_path / "env", docker).start(_launch(f"{ECR}/iac-template:v1"), print)
        await proc.wait()
        await proc.stop(7)

    asyncio.run(start_then_stop())
    name = "iac-task-0123456789ab-app"
    assert runs.with_suffix(".stops").read_text().splitlines() == [f"stop -t 7 {name}", f"rm -f {name}"]
