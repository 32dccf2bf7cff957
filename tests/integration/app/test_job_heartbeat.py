"""A replica dies whole (serving process and training child) mid-training: another replica fails the job."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable

from tests.integration.app.conftest import AUTH, AppServer, MotoServer, upload, wait_for

# Fast heartbeats so the test waits seconds, not the default 30 s bound; the bound still leaves a loaded
# machine time to start the training child (a queued job ages from its creation until its first write).
FAST = {"JOB_HEARTBEAT_S": "0.5", "JOB_STALE_AFTER_S": "10"}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_dead_replicas_job_is_reported_failed_by_another(
    app_factory: Callable[..., AppServer], moto_s3: MotoServer, sample_csv: bytes
) -> None:
    bucket = moto_s3.new_bucket()
    doomed = app_factory(bucket, new_session=True, **FAST)
    other = app_factory(bucket, **FAST)
    with doomed.client() as a, other.client() as b:
        body = {"dataset_id": upload(a, sample_csv), "target": "y", "epochs": 1000, "layers": [16]}
        r = a.post("/train", json=body, headers=AUTH)
        assert r.status_code == 202, r.text
        job_id = r.json()["job_id"]

        def beating() -> bool:
            job = b.get(f"/jobs/{job_id}").json()
            return job["state"] == "running" and job["heartbeat_at"] is not None

        wait_for(beating, 120, "the job to run and heartbeat")
        first_beat = b.get(f"/jobs/{job_id}").json()["heartbeat_at"]
        wait_for(
            lambda: b.get(f"/jobs/{job_id}").json()["heartbeat_at"] != first_beat, 30, "a second heartbeat"
        )
        child = _training_pid(doomed, job_id)

        # The whole replica dies at once (ECS task killed): no process of it records anything.
        assert doomed.proc is not None
        os.killpg(doomed.proc.pid, signal.SIGKILL)
        doomed.proc.wait(timeout=10)
        wait_for(lambda: not _alive(child), 10, "the training child to be gone")

        wait_for(lambda: b.get(f"/jobs/{job_id}").json()["state"] == "failed", 60, "the job to be failed")
        job = b.get(f"/jobs/{job_id}").json()
        assert "the replica running this job stopped (no heartbeat since" in job["error"]
        assert "start the training again" in job["error"]
        assert job["model_version"] is None
        assert b.get("/models").json() == {"active": None, "versions": []}
        # The verdict is recorded in the bucket, not only in that answer.
        stored = json.loads(moto_s3.s3().get_object(Bucket=bucket, Key=f"jobs/{job_id}.json")["Body"].read())
        assert stored["state"] == "failed"
        # This replica is not busy with it: it can train at once.
        again = b.post("/train", json=body | {"epochs": 1}, headers=AUTH)
        assert again.status_code == 202, again.text


def _training_pid(app: AppServer, job_id: str) -> int:
    for line in app.log.read_text().splitlines():
        if line.startswith("{") and job_id in line and "started (pid" in line:
            return int(json.loads(line)["message"].rsplit("pid ", 1)[1].rstrip(")"))
    raise AssertionError("no 'started (pid N)' log line for the job")
