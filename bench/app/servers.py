"""Processes the benchmark measures: a moto S3 server and ``python -m app`` servers."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import boto3

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_REGION": "us-east-1"}
API_KEY = "bench-key-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], bool], timeout: float, what: str, interval: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval)
    raise RuntimeError(f"timed out waiting for {what}")


def _answers(url: str, ok: int = 200) -> bool:
    # http.client, not httpx: a probe every few milliseconds must not itself load the CPU the app starts on
    # (httpx builds an SSL context per call).
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname or "127.0.0.1", u.port, timeout=1)
    try:
        conn.request("GET", u.path)
        return conn.getresponse().status == ok
    except OSError:
        return False
    finally:
        conn.close()


class Moto:
    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        with log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=out,
                stderr=out,
            )
        wait_for(lambda: _answers(f"{self.endpoint}/moto-api/"), 30, "moto server")

    def s3(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="bench",
            aws_secret_access_key="bench",
        )

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class App:
    """``python -m app`` with the settings a task definition would give it."""

    def __init__(self, moto: Moto, bucket: str, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "API_KEY", "MODEL_"))}
        env |= CREDENTIALS | {
            "MODEL_BUCKET": bucket,
            "AWS_ENDPOINT_URL": moto.endpoint,
            "API_KEY": API_KEY,
            "PORT": str(self.port),
            "LOG_LEVEL": os.environ.get("BENCH_APP_LOG_LEVEL", "WARNING"),
        }
        self.started = time.perf_counter()
        with log.open("ab") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", "app"], env=env, stdout=out, stderr=out)

    def wait_ready(self, timeout: float = 120) -> float:
        """Seconds from process start to the first /health/ready 200 (a model loaded from the bucket)."""

        def ready() -> bool:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app exited with {self.proc.returncode}")
            return _answers(f"{self.url}/health/ready")

        wait_for(ready, timeout, "app ready")
        return time.perf_counter() - self.started

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def time_import_torch() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch"], check=True)
    return time.perf_counter() - started
