"""Job records against an in-process moto S3: conditional verdicts, the heartbeat, bucket write errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import boto3
import pytest
from app.sample import friedman1_rows
from app.serving.jobs import job_status, judge
from app.storage.datasets import DatasetMeta, DatasetStore
from app.storage.jobs import JobStore
from app.storage.models import ModelStore, now_iso
from app.storage.s3 import Bucket, BucketUnavailable
from app.training.heartbeat import JobLost, LiveJob
from app.training.liveness import parse_time
from app.training.spec import Job, TrainSpec
from app.training.worker import run_job_in
from moto import mock_aws

CSV_ROWS = 200


@pytest.fixture
def bucket(monkeypatch: pytest.MonkeyPatch) -> Iterator[Bucket]:
    for k, v in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="models")
        yield Bucket(client, "models")


def _new_job(jobs: JobStore, **spec: object) -> Job:
    now = now_iso()
    fields = {"dataset_id": "ds", "target": "y", "epochs": 2, "layers": [8]} | spec
    return jobs.put(
        Job(job_id="job-1", state="queued", spec=TrainSpec(**fields), created_at=now, updated_at=now)  # type: ignore[arg-type]
    )


def _dataset(bucket: Bucket) -> None:
    cols = friedman1_rows(CSV_ROWS, seed=1)
    names = list(cols)
    lines = [",".join(names)] + [",".join(str(cols[n][i]) for n in names) for i in range(CSV_ROWS)]
    data = ("\n".join(lines) + "\n").encode()
    meta = DatasetMeta(
        dataset_id="ds",
        filename="d.csv",
        rows=CSV_ROWS,
        columns=names,
        dtypes={n: "str" if n == "cat" else "float" for n in names},
        size_bytes=len(data),
        created_at=now_iso(),
    )
    DatasetStore(bucket).put(meta, data)


def _keys(bucket: Bucket, prefix: str) -> list[str]:
    return list(bucket.list_keys(prefix))


# --- the stale verdict -------------------------------------------------------------------------------


def test_a_stale_job_is_reported_and_recorded_failed(bucket: Bucket) -> None:
    jobs = JobStore(bucket)
    job = _new_job(jobs)
    later = parse_time(job.updated_at) + timedelta(seconds=31)
    seen = job_status(jobs, job.job_id, 30, now=later)
    assert seen.state == "failed"
    assert seen.error is not None
    assert "no heartbeat since" in seen.error
    assert "start the training again" in seen.error
    assert jobs.get(job.job_id).state == "failed"  # persisted: every replica now says so


def test_a_live_job_is_left_alone(bucket: Bucket) -> None:
    jobs = JobStore(bucket)
    job = _new_job(jobs)
    assert job_status(jobs, job.job_id, 30).state == "queued"
    assert jobs.get(job.job_id).updated_at == job.updated_at  # not even rewritten


def test_the_verdict_never_overwrites_a_job_that_just_finished(bucket: Bucket) -> None:
    jobs = JobStore(bucket)
    old, etag = jobs.read(_new_job(jobs).job_id)
    # The training process records success between our read and our verdict.
    jobs.put(old.model_copy(update={"state": "succeeded", "model_version": "v1"}))
    seen = judge(jobs, old, etag, 30, datetime.now(UTC) + timedelta(hours=1))
    assert (seen.state, seen.model_version) == ("succeeded", "v1")
    assert jobs.get(old.job_id).state == "succeeded"


def test_a_late_heartbeat_after_the_read_is_judged_afresh(bucket: Bucket) -> None:
    jobs = JobStore(bucket)
    old, etag = jobs.read(_new_job(jobs).job_id)
    now = parse_time(old.updated_at) + timedelta(seconds=31)
    beat_at = (now - timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
    jobs.put(old.model_copy(update={"state": "running", "heartbeat_at": beat_at}))
    seen = judge(jobs, old, etag, 30, now)
    assert seen.state == "running"


# --- the training process's side: heartbeat and losing the job -----------------------------------------


def test_live_job_heartbeat_refreshes_and_loses_to_a_verdict(bucket: Bucket) -> None:
    jobs = JobStore(bucket)
    job, etag = jobs.read(_new_job(jobs).job_id)
    live = LiveJob(jobs, job, etag, heartbeat_s=3600)
    live.update(state="running")
    first = jobs.get(job.job_id).heartbeat_at
    assert first is not None
    live.beat()
    assert jobs.get(job.job_id).heartbeat_at is not None
    # Another replica judges the job dead (e.g. the bucket was unreachable for too long).
    job_status(jobs, job.job_id, 30, now=datetime.now(UTC) + timedelta(hours=1))
    live.beat()  # does not raise, but marks the job lost
    assert live.lost is not None
    with pytest.raises(JobLost):
        live.update(progress=live.job.progress)
    assert jobs.get(job.job_id).state == "failed"


def test_a_job_declared_dead_mid_training_publishes_nothing(bucket: Bucket) -> None:
    _dataset(bucket)
    jobs = JobStore(bucket)
    job = _new_job(jobs, epochs=3)

    class VerdictOnFirstProgress(Bucket):
        """A replica's verdict lands right after the process's first progress write."""

        def put(self, key: str, body: bytes, content_type: str = "", if_match: str | None = None) -> str:
            etag = super().put(key, body, content_type, if_match)
            if key.startswith("jobs/") and b'"epoch":1' in body:
                j, e = JobStore(Bucket(self.client, self.name)).read(job.job_id)
                judge(
                    JobStore(Bucket(self.client, self.name)), j, e, 30, datetime.now(UTC) + timedelta(hours=1)
                )
            return etag

    rc = run_job_in(VerdictOnFirstProgress(bucket.client, "models"), job.job_id, heartbeat_s=3600)
    assert rc == 1
    final = jobs.get(job.job_id)
    assert final.state == "failed"
    assert "no heartbeat since" in (final.error or "")
    assert _keys(bucket, "models/") == []


# --- a bucket write error during training ------------------------------------------------------------


class FailingModelWrites(Bucket):
    """The bucket refuses writes under ``models/`` (e.g. the task role lost s3:PutObject there)."""

    def put(self, key: str, body: bytes, content_type: str = "", if_match: str | None = None) -> str:
        if key.startswith("models/"):
            raise BucketUnavailable(f"writing s3://{self.name}/{key}: AccessDenied")
        return super().put(key, body, content_type, if_match)


def test_a_bucket_write_error_fails_the_job_and_publishes_nothing(bucket: Bucket) -> None:
    _dataset(bucket)
    jobs = JobStore(bucket)
    job = _new_job(jobs)
    rc = run_job_in(FailingModelWrites(bucket.client, "models"), job.job_id, heartbeat_s=3600)
    assert rc == 1
    final = jobs.get(job.job_id)
    assert final.state == "failed"
    assert final.error is not None
    assert "bucket error, nothing was activated" in final.error
    assert "retry when the bucket is reachable" in final.error
    assert "AccessDenied" in final.error
    assert final.model_version is None
    assert _keys(bucket, "models/") == []
    assert ModelStore(bucket).versions() == []
    assert not bucket.exists("models/active.json")


def test_a_successful_job_heartbeats_and_succeeds(bucket: Bucket) -> None:
    _dataset(bucket)
    jobs = JobStore(bucket)
    job = _new_job(jobs)
    assert run_job_in(bucket, job.job_id, heartbeat_s=3600) == 0
    final = jobs.get(job.job_id)
    assert final.state == "succeeded"
    assert final.heartbeat_at is not None
    assert ModelStore(bucket).versions() == [final.model_version]
