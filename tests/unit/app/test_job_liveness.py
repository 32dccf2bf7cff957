"""Staleness of a job's heartbeat: a pure function of the record's timestamps and the clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from app.config import Settings
from app.training.liveness import stale_message, stale_since
from app.training.spec import Job, TrainSpec
from pydantic import ValidationError

T0 = datetime(2026, 12, 3, 16, 0, 0, tzinfo=UTC)


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _job(state: str, updated: datetime, heartbeat: datetime | None = None) -> Job:
    return Job(
        job_id="job-1",
        state=state,  # type: ignore[arg-type]
        spec=TrainSpec(dataset_id="d", target="y"),
        created_at=_iso(T0),
        updated_at=_iso(updated),
        heartbeat_at=_iso(heartbeat) if heartbeat else None,
    )


def test_a_fresh_heartbeat_is_alive() -> None:
    job = _job("running", T0, heartbeat=T0 + timedelta(seconds=100))
    assert stale_since(job, T0 + timedelta(seconds=129), 30) is None


def test_a_heartbeat_older_than_the_bound_is_stale_since_that_beat() -> None:
    beat = T0 + timedelta(seconds=100)
    job = _job("running", T0 + timedelta(seconds=100), heartbeat=beat)
    assert stale_since(job, beat + timedelta(seconds=31), 30) == beat


def test_exactly_at_the_bound_is_still_alive() -> None:
    job = _job("running", T0, heartbeat=T0)
    assert stale_since(job, T0 + timedelta(seconds=30), 30) is None


def test_the_heartbeat_wins_over_an_older_update() -> None:
    job = _job("running", T0, heartbeat=T0 + timedelta(seconds=50))
    assert stale_since(job, T0 + timedelta(seconds=60), 30) is None


def test_a_queued_job_without_heartbeat_ages_from_its_last_update() -> None:
    job = _job("queued", T0)
    assert stale_since(job, T0 + timedelta(seconds=20), 30) is None
    assert stale_since(job, T0 + timedelta(seconds=31), 30) == T0


@pytest.mark.parametrize("state", ["succeeded", "failed"])
def test_a_finished_job_is_never_stale(state: str) -> None:
    assert stale_since(_job(state, T0, heartbeat=T0), T0 + timedelta(days=30), 30) is None


def test_the_message_says_since_when_and_what_to_do() -> None:
    msg = stale_message(T0)
    assert "no heartbeat since 2026-12-03T16:00:00Z" in msg
    assert "start the training again" in msg


def test_the_stale_bound_defaults_to_six_heartbeats_and_must_exceed_two() -> None:
    base = {"model_bucket": "models", "api_key": "k" * 16}
    assert Settings(**base).job_stale_s == 30  # type: ignore[arg-type]
    assert Settings(**base, job_heartbeat_s=0.5).job_stale_s == 3  # type: ignore[arg-type]
    assert Settings(**base, job_stale_after_s=11).job_stale_s == 11  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="JOB_STALE_AFTER_S must exceed 2 x JOB_HEARTBEAT_S"):
        Settings(**base, job_stale_after_s=10)  # type: ignore[arg-type]
