"""Training job records (``jobs/<job_id>.json``): any replica can answer ``GET /jobs/{id}``.

Writers that may race (the training process, a replica declaring the job dead) write conditionally on the
ETag they last saw (S3 ``If-Match``), so a verdict never overwrites an outcome recorded in between.
"""

from __future__ import annotations

from app.storage.models import now_iso
from app.storage.s3 import Bucket
from app.training.spec import Job

JOBS = "jobs/"


class JobStore:
    def __init__(self, bucket: Bucket) -> None:
        self.bucket = bucket

    def get(self, job_id: str) -> Job:
        return self.read(job_id)[0]

    def read(self, job_id: str) -> tuple[Job, str]:
        """The record and its ETag (for a later ``put(..., if_match=etag)``)."""
        blob = self.bucket.get(f"{JOBS}{job_id}.json")
        assert blob is not None  # no If-None-Match, so never 304
        return Job.model_validate_json(blob.body), blob.etag

    def put(self, job: Job) -> Job:
        return self.write(job)[0]

    def write(self, job: Job, if_match: str | None = None) -> tuple[Job, str]:
        """Store the record (PreconditionFailed if ``if_match`` is not its ETag); returns it and its ETag."""
        job = job.model_copy(update={"updated_at": now_iso()})
        etag = self.bucket.put(
            f"{JOBS}{job.job_id}.json", job.model_dump_json().encode(), "application/json", if_match=if_match
        )
        return job, etag
