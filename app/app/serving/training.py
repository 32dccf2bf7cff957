"""Starts training jobs as child processes (``python -m app.training <job_id>``), one at a time per replica.

A child that dies without recording an outcome (killed, out of memory, timeout) has its job marked failed
here, so no job stays "running" forever because of this replica.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading

from app.storage.jobs import JobStore
from app.storage.models import new_version_id, now_iso
from app.storage.s3 import BucketUnavailable, PreconditionFailed
from app.training.spec import TERMINAL_STATES, Job, TrainSpec

log = logging.getLogger("app.training")
_SHUTDOWN = "the replica running the job shut down; start the training again"


class Busy(Exception):
    def __init__(self, job_id: str) -> None:
        super().__init__(job_id)
        self.job_id = job_id


class TrainingLauncher:
    def __init__(self, jobs: JobStore, timeout_s: float) -> None:
        self.jobs, self.timeout_s = jobs, timeout_s
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._job_id: str | None = None
        self._stopping = False

    @property
    def running_job(self) -> str | None:
        with self._lock:
            return self._job_id if self._proc is not None and self._proc.poll() is None else None

    def start(self, spec: TrainSpec) -> Job:
        with self._lock:
            if self._proc is not None and self._proc.poll() is None and self._job_id:
                # The child records its outcome just before it exits; a finished job is not "busy".
                if self.jobs.get(self._job_id).state not in TERMINAL_STATES:
                    raise Busy(self._job_id)
                self._proc.wait(timeout=30)
            now = now_iso()
            job = self.jobs.put(
                Job(
                    job_id="job-" + new_version_id(),
                    state="queued",
                    spec=spec,
                    created_at=now,
                    updated_at=now,
                )
            )
            # Same interpreter and environment; the child's JSON logs join ours on stdout.
            proc = subprocess.Popen([sys.executable, "-m", "app.training", job.job_id])
            self._proc, self._job_id = proc, job.job_id
        threading.Thread(target=self._watch, args=(proc, job.job_id), daemon=True, name="train-watch").start()
        log.info("training job %s started (pid %d)", job.job_id, proc.pid, extra={"job_id": job.job_id})
        return job

    def _watch(self, proc: subprocess.Popen[bytes], job_id: str) -> None:
        try:
            rc = proc.wait(timeout=self.timeout_s)
            reason = (
                f"the training process was killed by signal {signal.Signals(-rc).name}"
                if rc < 0
                else f"the training process exited with code {rc}"
            )
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            reason = f"training took longer than TRAIN_TIMEOUT_S={self.timeout_s:g} s and was stopped"
        if self._stopping:
            self._mark_failed(job_id, _SHUTDOWN)
        elif proc.returncode != 0:
            self._mark_failed(job_id, reason + " before it recorded a result")

    def _mark_failed(self, job_id: str, message: str) -> None:
        try:
            for _ in range(3):  # conditional: an outcome recorded meanwhile (by the child) is kept
                job, etag = self.jobs.read(job_id)
                if job.state in TERMINAL_STATES:
                    return
                try:
                    self.jobs.write(job.model_copy(update={"state": "failed", "error": message}), etag)
                except PreconditionFailed:
                    continue
                log.error("training job %s failed: %s", job_id, message)
                return
        except BucketUnavailable:
            log.exception("could not record the failure of job %s", job_id)

    def shutdown(self, grace_s: float = 5.0) -> None:
        """Stop a running child (the replica is going away) and record why."""
        with self._lock:
            proc, job_id = self._proc, self._job_id
        if proc is None or proc.poll() is not None or job_id is None:
            return
        self._stopping = True
        proc.terminate()
        try:
            proc.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        self._mark_failed(job_id, _SHUTDOWN)
