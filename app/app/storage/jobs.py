"""Training job records (``jobs/<job_id>.json``): any replica can answer ``GET /jobs/{id}``."""

from __future__ import annotations

from app.storage.models import now_iso
from app.storage.s3 import Bucket
from app.training.spec import Job

JOBS = "jobs/"


class JobStore:
    def __init__(self, bucket: Bucket) -> None:
        self.bucket = bucket

    def get(self, job_id: str) -> Job:
        return Job.model_validate_json(self.bucket.read(f"{JOBS}{job_id}.json"))

    def put(self, job: Job) -> Job:
        job = job.model_copy(update={"updated_at": now_iso()})
        self.bucket.put(f"{JOBS}{job.job_id}.json", job.model_dump_json().encode(), "application/json")
        return job
