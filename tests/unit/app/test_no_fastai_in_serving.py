"""Serving never imports fastai, and torch only with its first model: checked in fresh interpreters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.unit.app.helpers import TrainedFixture

# A fresh interpreter with S3 mocked and the app's test client; each script adds its body.
PREAMBLE = r"""
import os, sys
from pathlib import Path
os.environ.update(AWS_ACCESS_KEY_ID="t", AWS_SECRET_ACCESS_KEY="t", AWS_DEFAULT_REGION="us-east-1")
os.environ.pop("AWS_ENDPOINT_URL", None)
from moto import mock_aws
with mock_aws():
    import boto3
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="models")
    from fastapi.testclient import TestClient
"""

SCRIPT = (
    PREAMBLE
    + r"""    from app.api.app import create_app
    from app.config import Settings
    key = "k" * 20
    with TestClient(create_app(Settings(model_bucket="models", api_key=key), key)) as c:
        store = c.app.state.services.models
        d = Path(sys.argv[1])
        store.write_version("20260101T000000000000Z-000000", {p.name: p.read_bytes() for p in d.iterdir()})
        store.activate("20260101T000000000000Z-000000")
        c.app.state.services.registry.poll_once()
        row = {k: 0.5 for k in c.app.state.services.registry.current.columns} | {"cat": "a"}
        assert c.post("/predict", json={"rows": [row] * 3}).status_code == 200
print(sorted(m for m in sys.modules if m.split(".")[0] in {"fastai", "fastcore", "pandas", "sklearn"}))
"""
)


def test_serving_does_not_import_fastai(trained: TrainedFixture, tmp_path: Path) -> None:
    for name, body in trained.files.items():
        (tmp_path / name).write_bytes(body)
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


STARTUP_SCRIPT = (
    PREAMBLE
    + r"""    import app.__main__
    from app.api.app import create_app
    from app.config import Settings
    key = "k" * 20
    with TestClient(create_app(Settings(model_bucket="models", api_key=key), key)) as c:
        assert c.get("/health/live").status_code == 200
        assert c.get("/health/ready").status_code == 503
print("torch" in sys.modules)
"""
)


def test_serving_starts_without_importing_torch() -> None:
    # torch comes with the first model: a fresh replica answers its health checks without paying for it.
    proc = subprocess.run(
        [sys.executable, "-c", STARTUP_SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "False"
