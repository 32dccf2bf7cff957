"""Train a seed model through the ALB (what a user would do with curl): upload, train, wait, predict."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

from dev.cli.config import CliError

SAMPLE_ROW = {f"x{i}": 0.5 for i in range(8)} | {"cat": "a"}


class ServiceClient:
    def __init__(self, base_url: str, api_key: str, timeout: float = 60.0) -> None:
        self._http = httpx.Client(base_url=base_url, timeout=timeout)
        self._auth = {"Authorization": f"Bearer {api_key}"}

    def _check(self, resp: httpx.Response, what: str) -> Any:
        if resp.status_code >= 400:
            raise CliError(f"{what} answered {resp.status_code}: {resp.text[:500]}")
        return resp.json()

    def active_model(self) -> str | None:
        body = self._check(self._http.get("/models"), "GET /models")
        active = body.get("active")
        return str(active) if active else None

    def upload(self, csv_path: Path) -> str:
        with csv_path.open("rb") as fh:
            resp = self._http.post(
                "/datasets", files={"file": (csv_path.name, fh, "text/csv")}, headers=self._auth
            )
        return str(self._check(resp, "POST /datasets")["dataset_id"])

    def train(self, dataset_id: str, epochs: int) -> str:
        body = {"dataset_id": dataset_id, "target": "y", "epochs": epochs, "seed": 0, "activate": True}
        return str(
            self._check(self._http.post("/train", json=body, headers=self._auth), "POST /train")["job_id"]
        )

    def wait_job(self, job_id: str, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job: dict[str, Any] = self._check(self._http.get(f"/jobs/{job_id}"), "GET /jobs")
            if job["state"] == "succeeded":
                return job
            if job["state"] == "failed":
                raise CliError(f"training job {job_id} failed: {job.get('error')}")
            time.sleep(0.25)
        raise CliError(f"training job {job_id} did not finish within {timeout:.0f} s")

    def wait_ready(self, timeout: float) -> None:
        """Every replica serves the active model once /health/ready answers 200 several times in a row.

        The ALB goes round robin over the healthy targets: a streak of four covers two replicas twice.
        """
        deadline, streak = time.monotonic() + timeout, 0
        while time.monotonic() < deadline and streak < 4:
            streak = streak + 1 if self._http.get("/health/ready").status_code == 200 else 0
            time.sleep(0.1)
        if streak < 4:
            raise CliError(f"the service did not report ready within {timeout:.0f} s (GET /health/ready)")

    def predict(self, rows: list[dict[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = self._check(
            self._http.post("/predict", json={"rows": rows}), "POST /predict"
        )
        return result


def write_sample(python: Path, out: Path, rows: int) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [str(python), "-m", "app.sample", "--rows", str(rows), "--seed", "0", "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise CliError(
            f"writing sample data failed: {proc.stderr.strip()[-500:]} (is the app installed? make venv)"
        )
    return out
