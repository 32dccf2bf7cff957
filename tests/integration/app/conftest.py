"""Real processes for the app's integration tests: a moto S3 server and app servers (``python -m app``).

The S3 endpoint is a moto server process (session-scoped), not the platform's emulator: these tests are
about the app, and a moto server starts in about a second. Each app server is a real ``python -m app``
process on a free port with the settings a task definition would give it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from app.sample import friedman1_rows, write_csv

from tests.support.prereq import require

API_KEY = "integration-test-key-0123456789"
AUTH = {"Authorization": f"Bearer {API_KEY}"}
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], bool], timeout: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


@dataclass
class MotoServer:
    port: int
    log: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> MotoServer:
        require(
            subprocess.run(
                [sys.executable, "-c", "import moto.server"], capture_output=True, check=False
            ).returncode
            == 0,
            "moto[server] is not installed here: run `make venv` (the test extra of pyproject.toml)",
        )
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=out,
            stderr=out,
        )
        wait_for(self._up, 30, f"moto server on port {self.port}")
        return self

    def _up(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise AssertionError(f"moto server exited with {self.proc.returncode}; see {self.log}")
        try:
            return httpx.get(f"{self.endpoint}/moto-api/", timeout=1).status_code < 500
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def s3(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def new_bucket(self) -> str:
        name = f"models-{uuid.uuid4().hex[:12]}"
        self.s3().create_bucket(Bucket=name)
        return name


@dataclass
class AppServer:
    """One ``python -m app`` process; ``client`` talks to it over real HTTP."""

    env: dict[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    # Its own process group (pgid == pid), like a container: killpg ends it and its training child only.
    new_session: bool = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait_live: bool = True) -> AppServer:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "API_KEY", "MODEL_"))}
        env |= CREDENTIALS | {"API_KEY": API_KEY, "POLL_INTERVAL_S": "0.5", "PORT": str(self.port)} | self.env
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app"],
            env=env,
            stdout=out,
            stderr=out,
            start_new_session=self.new_session,
        )
        if wait_live:
            wait_for(self._live, 60, f"app on port {self.port} to answer /health/live")
        return self

    def _live(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise AssertionError(f"app exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
        try:
            return httpx.get(f"{self.url}/health/live", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def ready_version(self) -> str | None:
        try:
            r = httpx.get(f"{self.url}/health/ready", timeout=2)
        except httpx.HTTPError:
            return None
        return r.json().get("model_version") if r.status_code == 200 else None

    def wait_serving(self, version: str, timeout: float = 30) -> None:
        wait_for(lambda: self.ready_version() == version, timeout, f"app {self.port} to serve {version}")

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)

    def stop(self, sig: int = signal.SIGTERM) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return int(self.proc.returncode)


@pytest.fixture(scope="session")
def moto_s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MotoServer]:
    server = MotoServer(free_port(), tmp_path_factory.mktemp("moto") / "moto.log").start()
    yield server
    server.stop()


@pytest.fixture
def app_factory(tmp_path: Path, moto_s3: MotoServer) -> Iterator[Callable[..., AppServer]]:
    """Start app servers (default: against the session moto server); all are stopped after the test."""
    started: list[AppServer] = []

    def start(
        bucket: str,
        endpoint: str | None = None,
        wait_live: bool = True,
        new_session: bool = False,
        **env: str,
    ) -> AppServer:
        settings = {"MODEL_BUCKET": bucket, "AWS_ENDPOINT_URL": endpoint or moto_s3.endpoint} | env
        server = AppServer(settings, tmp_path / f"app-{len(started)}.log", new_session=new_session)
        started.append(server)
        return server.start(wait_live)

    yield start
    for s in started:
        s.stop()


@pytest.fixture(scope="session")
def sample_csv(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("data") / "sample.csv"
    write_csv(friedman1_rows(2000, seed=7), path)
    return path.read_bytes()


def upload(client: httpx.Client, data: bytes) -> str:
    r = client.post("/datasets", files={"file": ("data.csv", data, "text/csv")}, headers=AUTH)
    assert r.status_code == 201, r.text
    return str(r.json()["dataset_id"])


def train(client: httpx.Client, dataset_id: str, **params: Any) -> dict[str, Any]:
    """Start a job and wait for it to end; returns the final job record."""
    body = {"dataset_id": dataset_id, "target": "y", "epochs": 3, "layers": [64, 32]} | params
    r = client.post("/train", json=body, headers=AUTH)
    assert r.status_code == 202, r.text
    job_id = r.json()["job_id"]
    final: dict[str, Any] = {}

    def done() -> bool:
        final.update(client.get(f"/jobs/{job_id}").json())
        return final["state"] in {"succeeded", "failed"}

    wait_for(done, 240, f"training job {job_id}", interval=0.5)
    return final


@dataclass(frozen=True)
class Seeded:
    """A bucket holding two trained versions; ``copy()`` gives a test its own bucket with them, v1 active."""

    moto: MotoServer
    bucket: str
    v1: str
    v2: str

    def copy(self) -> str:
        s3 = self.moto.s3()
        target = self.moto.new_bucket()
        for obj in s3.list_objects_v2(Bucket=self.bucket, Prefix="models/").get("Contents", []):
            s3.copy_object(
                Bucket=target, Key=obj["Key"], CopySource={"Bucket": self.bucket, "Key": obj["Key"]}
            )
        return target


@pytest.fixture(scope="session")
def seeded(
    moto_s3: MotoServer, sample_csv: bytes, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Seeded]:
    bucket = moto_s3.new_bucket()
    server = AppServer(
        {"MODEL_BUCKET": bucket, "AWS_ENDPOINT_URL": moto_s3.endpoint},
        tmp_path_factory.mktemp("seed") / "app.log",
    ).start()
    try:
        with server.client() as c:
            ds = upload(c, sample_csv)
            v1 = train(c, ds, epochs=1)["model_version"]
            v2 = train(c, ds, epochs=1, seed=1, activate=False)["model_version"]
    finally:
        server.stop()
    return Seeded(moto_s3, bucket, v1, v2)
