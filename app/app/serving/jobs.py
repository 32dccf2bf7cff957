"""``GET /jobs/{id}`` on any replica: the job record, with a dead job (stale heartbeat) reported failed.

The verdict is persisted with a conditional write on the ETag that was judged, so it never overwrites an
outcome (or a heartbeat) recorded in between: on a lost race the fresh record is answered instead.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from app.storage.jobs import JobStore
from app.storage.s3 import BucketUnavailable, PreconditionFailed
from app.training.liveness import stale_message, stale_since
from app.training.spec import Job

log = logging.getLogger("app.training")


def job_status(jobs: JobStore, job_id: str, stale_after_s: float, now: datetime | None = None) -> Job:
    job, etag = jobs.read(job_id)
    return judge(jobs, job, etag, stale_after_s, now or datetime.now(UTC))


def judge(jobs: JobStore, job: Job, etag: str, stale_after_s: float, now: datetime) -> Job:
    """``job`` (read with ``etag``) as it stands, or failed — and recorded so — if its heartbeat is stale."""
    since = stale_since(job, now, stale_after_s)
    if since is None:
        return job
    failed = job.model_copy(update={"state": "failed", "error": stale_message(since)})
    try:
        failed, _ = jobs.write(failed, if_match=etag)
    except PreconditionFailed:
        # Written since we read it (finished, a late heartbeat, or another replica's verdict): judge that.
        fresh, fresh_etag = jobs.read(job.job_id)
        return fresh if fresh_etag == etag else judge(jobs, fresh, fresh_etag, stale_after_s, now)
    except BucketUnavailable:
        log.warning("job %s: could not record the stale verdict; reporting it anyway", job.job_id)
        return failed
    log.error("training job %s failed: %s", job.job_id, failed.error, extra={"job_id": job.job_id})
    return failed
