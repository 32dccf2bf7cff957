"""Upload → train → predict against a real S3 endpoint; the failure cases of training."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable

import httpx
import numpy as np
from app.sample import FEATURES, friedman1_rows, friedman1_target

from tests.integration.app.conftest import AUTH, AppServer, MotoServer, Seeded, train, upload, wait_for


def _rows(n: int, seed: int) -> list[dict[str, object]]:
    cols = friedman1_rows(n, seed=seed)
    return [{f: float(cols[f][i]) for f in FEATURES} | {"cat": str(cols["cat"][i])} for i in range(n)]


def test_upload_train_predict(
    app_factory: Callable[..., AppServer], moto_s3: MotoServer, sample_csv: bytes
) -> None:
    app = app_factory(moto_s3.new_bucket())
    with app.client() as c:
        assert c.get("/health/ready").status_code == 503
        job = train(c, upload(c, sample_csv), epochs=8)
        assert job["state"] == "succeeded", job
        assert job["progress"]["epoch"] == 8
        assert job["progress"]["valid_loss"] > 0
        version = job["model_version"]
        app.wait_serving(version, timeout=10)
        info = c.get(f"/models/{version}").json()
        assert info["active"] is True
        assert info["metrics"]["rows"] == 2000
        assert info["metrics"]["columns"]["categorical"] == ["cat"]
        rows = _rows(200, seed=99)
        r = c.post("/predict", json={"rows": rows})
        assert r.status_code == 200, r.text
        assert r.json()["model_version"] == version
        preds = np.array(r.json()["predictions"])
        truth = friedman1_target(np.array([[row[f] for f in FEATURES] for row in rows]))
        # 8 epochs on 1,600 rows: far from the noise floor, far better than predicting the mean.
        assert np.sqrt(np.mean((preds - truth) ** 2)) < 0.6 * np.std(truth)
        assert (
            c.post("/predict", json={"rows": [rows[0] | {"cat": None}, rows[1] | {"cat": "new"}]}).status_code
            == 200
        )
        r = c.post("/predict", json={"rows": [rows[0]]}, headers={"X-Request-ID": "it-req-42"})
        assert r.headers["x-request-id"] == "it-req-42"

    def access_logged() -> bool:
        # The access line is written once the response has gone out: the client can be faster than it.
        logged = [json.loads(line) for line in app.log.read_text().splitlines() if line.startswith("{")]
        return any(e.get("request_id") == "it-req-42" and e.get("path") == "/predict" for e in logged)

    wait_for(access_logged, 10, "the access log line of request it-req-42")


def test_failed_training_changes_nothing(app_factory: Callable[..., AppServer], seeded: Seeded) -> None:
    app = app_factory(seeded.copy())
    with app.client() as c:
        before = c.get("/models").json()
        tiny = upload(c, b"a,y\n" + b"".join(b"%d,%d\n" % (i, i) for i in range(10)))
        job = train(c, tiny)
        assert job["state"] == "failed"
        assert "at least 20" in job["error"]
        assert job["model_version"] is None
        assert c.get("/models").json() == before
        assert before["active"] == seeded.v1


def test_killed_training_process_fails_the_job(
    app_factory: Callable[..., AppServer], moto_s3: MotoServer, sample_csv: bytes
) -> None:
    app = app_factory(moto_s3.new_bucket())
    with app.client() as c:
        r = c.post(
            "/train", json={"dataset_id": upload(c, sample_csv), "target": "y", "epochs": 500}, headers=AUTH
        )
        job_id = r.json()["job_id"]
        busy = c.post("/train", json={"dataset_id": "x", "target": "y"}, headers=AUTH)
        assert busy.status_code in (404, 409)  # 409 once the dataset check passes; here the id is unknown
        wait_for(lambda: c.get(f"/jobs/{job_id}").json()["state"] == "running", 60, "the job to run")
        pid = _training_pid(app, job_id)
        os.kill(pid, signal.SIGKILL)
        wait_for(lambda: c.get(f"/jobs/{job_id}").json()["state"] == "failed", 30, "the job to be failed")
        assert "SIGKILL" in c.get(f"/jobs/{job_id}").json()["error"]
        assert c.get("/models").json() == {"active": None, "versions": []}


def _training_pid(app: AppServer, job_id: str) -> int:
    for line in app.log.read_text().splitlines():
        if line.startswith("{") and job_id in line and "started (pid" in line:
            return int(json.loads(line)["message"].rsplit("pid ", 1)[1].rstrip(")"))
    raise AssertionError("no 'started (pid N)' log line for the job")


def test_second_training_on_a_replica_is_409(
    app_factory: Callable[..., AppServer], moto_s3: MotoServer, sample_csv: bytes
) -> None:
    app = app_factory(moto_s3.new_bucket())
    with app.client() as c:
        ds = upload(c, sample_csv)
        first = c.post("/train", json={"dataset_id": ds, "target": "y", "epochs": 500}, headers=AUTH).json()
        second = c.post("/train", json={"dataset_id": ds, "target": "y"}, headers=AUTH)
        assert second.status_code == 409
        assert second.json()["job_id"] == first["job_id"]
    # Stopping the replica stops its training child and records why.
    # uvicorn finishes requests in flight and the lifespan shutdown, then re-raises SIGTERM (the convention).
    assert app.stop() in (0, -signal.SIGTERM)
    with httpx.Client(base_url=app_factory(app.env["MODEL_BUCKET"]).url) as c2:
        job = c2.get(f"/jobs/{first['job_id']}").json()
        assert job["state"] == "failed"
        assert "shut down" in job["error"]
