"""Session fixtures for the integration tier: the AWS emulator.

`emulator` starts one emulator for the whole session on a free port with its own state (never the
developer's emulator on 4566): a container of dev/emulator/Dockerfile when a Docker engine answers, a host
process from .venv-emulator otherwise. Tests only see `.endpoint_url`, `.region` and `.client(service)`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from dev.emulator import access, launcher
from dev.emulator.pythons import PythonNotFoundError, emulator_python
from tests.support.prereq import require

REPO_ROOT = Path(__file__).resolve().parents[2]
EMULATOR_IMAGE = "iac-template-emulator:test"


@dataclass(frozen=True)
class Emulator:
    """A running emulator as tests see it."""

    endpoint_url: str
    region: str = launcher.DEFAULT_REGION
    mode: str = "host"  # "host" or "container"; tests should not depend on it
    handle: launcher.EmulatorHandle | None = field(default=None, compare=False)

    @property
    def env(self) -> dict[str, str]:
        """Environment for a subprocess (CLI, tf.sh, app) talking to this emulator."""
        return access.client_env(self.endpoint_url, self.region)

    def client(self, service: str, **kwargs: Any) -> Any:
        return access.client(service, self.endpoint_url, self.region, **kwargs)


def docker_engine_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception:
        return False
    return True


def _container_emulator() -> Iterator[Emulator]:
    from testcontainers.core.container import DockerContainer
    from testcontainers.core.image import DockerImage

    with (
        # The build context is the Dockerfile's folder, as in compose.yaml (COPY requirements.txt, plugin).
        DockerImage(path=str(REPO_ROOT / "dev" / "emulator"), tag=EMULATOR_IMAGE) as image,
        DockerContainer(str(image)).with_exposed_ports(4566) as container,
    ):
        url = f"http://{container.get_container_host_ip()}:{container.get_exposed_port(4566)}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + launcher.HEALTH_PATH, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail(f"emulator container did not become healthy at {url}")
        yield Emulator(endpoint_url=url, mode="container")


def _host_emulator(state_dir: Path) -> Iterator[Emulator]:
    try:
        emulator_python()
    except PythonNotFoundError as exc:
        require(False, f"emulator environment missing: {exc}")
    handle = launcher.start(port=launcher.free_port(), state_dir=state_dir)
    try:
        yield Emulator(endpoint_url=handle.endpoint_url, region=handle.region, handle=handle)
    finally:
        launcher.stop(state_dir)


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    if os.environ.get("EMULATOR_MODE") != "host" and docker_engine_answers():
        yield from _container_emulator()
    else:
        yield from _host_emulator(tmp_path_factory.mktemp("emulator"))
