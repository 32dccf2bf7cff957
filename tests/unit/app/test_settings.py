"""``python -m app`` stops at once, exit 2, naming the setting that is missing or invalid."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

BASE = {"MODEL_BUCKET": "models", "API_KEY": "k" * 20}


def _run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"MODEL_BUCKET", "API_KEY", "API_KEY_SECRET_ARN", "PORT"}
    }
    return subprocess.run(
        [sys.executable, "-m", "app"],
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({"API_KEY": "k" * 20}, "MODEL_BUCKET"),
        (BASE | {"MODEL_BUCKET": "Not_A_Bucket"}, "MODEL_BUCKET"),
        (BASE | {"PORT": "99999"}, "PORT"),
        (BASE | {"POLL_INTERVAL_S": "soon"}, "POLL_INTERVAL_S"),
        (BASE | {"API_KEY": "short"}, "API_KEY"),
        ({"MODEL_BUCKET": "models"}, "API_KEY"),
    ],
)
def test_bad_setting_stops_with_its_name(env: dict[str, str], setting: str) -> None:
    proc = _run(env)
    assert proc.returncode == 2, proc.stderr
    assert setting in proc.stderr
    assert "Traceback" not in proc.stderr
