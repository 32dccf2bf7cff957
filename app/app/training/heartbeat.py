"""The running job's record, written only from here in the training process: progress, outcome, heartbeat.

Every write is conditional on the ETag of this process's previous write. If another replica judged the job
dead (no heartbeat for too long, e.g. the bucket was unreachable) and recorded it failed, the next write
loses; the job is then lost to this process, which stops without making anything visible.
"""

from __future__ import annotations

import logging
import threading

from app.storage.jobs import JobStore
from app.storage.models import now_iso
from app.storage.s3 import BucketUnavailable, PreconditionFailed
from app.training.spec import TERMINAL_STATES, Job

log = logging.getLogger("app.training")


class JobLost(Exception):
    """Someone else ended the job (a replica declared it dead); this process must not record or publish."""


class LiveJob:
    def __init__(self, jobs: JobStore, job: Job, etag: str, heartbeat_s: float) -> None:
        self.jobs, self.job, self.etag, self.heartbeat_s = jobs, job, etag, heartbeat_s
        self._lock = threading.Lock()  # the heartbeat thread and the training thread share one record
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.lost: str | None = None

    def update(self, **fields: object) -> Job:
        """Write the record with ``fields`` changed and a new heartbeat; JobLost if it was ended elsewhere."""
        with self._lock:
            self.check()
            self._write(self.job.model_copy(update={**fields, "heartbeat_at": now_iso()}))
            return self.job

    def check(self) -> None:
        if self.lost is not None:
            raise JobLost(self.lost)

    def _write(self, job: Job) -> None:
        try:
            self.job, self.etag = self.jobs.write(job, if_match=self.etag)
            return
        except PreconditionFailed:
            current, etag = self.jobs.read(job.job_id)
        if current.state in TERMINAL_STATES:
            self.lost = f"job {job.job_id} was recorded {current.state} elsewhere: {current.error}"
            raise JobLost(self.lost)
        # Changed but still live (a racing write, 409): ours is the only live writer, so write over it once.
        self.job, self.etag = self.jobs.write(job, if_match=etag)

    def beat(self) -> None:
        try:
            if self.job.state not in TERMINAL_STATES:
                self.update()
        except JobLost:
            log.error("training job %s: %s; stopping", self.job.job_id, self.lost)
        except (BucketUnavailable, PreconditionFailed) as e:
            # Missed beats are tolerated up to the staleness bound; the next one may get through.
            log.warning("training job %s: heartbeat not written: %s", self.job.job_id, e)

    def _run(self) -> None:
        while not self._stop.wait(self.heartbeat_s) and self.lost is None:
            self.beat()

    def __enter__(self) -> LiveJob:
        self._thread = threading.Thread(target=self._run, daemon=True, name="job-heartbeat")
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
