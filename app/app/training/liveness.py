"""Is a job's training process still alive? A pure function of the record's timestamps and the clock.

A running job's process refreshes ``heartbeat_at`` every ``JOB_HEARTBEAT_S``; a queued job has none yet, so
its creation (``updated_at``) counts. A job silent for longer than the staleness bound lost its process —
typically the whole replica died — and can never finish.
"""

from __future__ import annotations

from datetime import datetime

from app.training.spec import TERMINAL_STATES, Job


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def last_sign_of_life(job: Job) -> datetime:
    return parse_time(job.heartbeat_at or job.updated_at)


def stale_since(job: Job, now: datetime, stale_after_s: float) -> datetime | None:
    """The last sign of life of a job that has outlived ``stale_after_s`` without one; None otherwise."""
    if job.state in TERMINAL_STATES:
        return None
    last = last_sign_of_life(job)
    return last if (now - last).total_seconds() > stale_after_s else None


def stale_message(since: datetime) -> str:
    when = since.isoformat(timespec="seconds").replace("+00:00", "Z")
    return (
        f"the replica running this job stopped (no heartbeat since {when}); nothing of it was activated; "
        "start the training again"
    )
