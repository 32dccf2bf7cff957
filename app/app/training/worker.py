"""One training job, start to finish, in this process: dataset → fastai → version in the bucket → job state.

Nothing of a failed job becomes visible: the version's manifest is written only after all its files, and
the active pointer only after the manifest. Nothing of a job another replica declared dead (no heartbeat)
either: each step that publishes is preceded by a conditional write of the job record, which then fails.
"""

from __future__ import annotations

import logging
import time

import orjson

from app.config import Settings
from app.model.files import METRICS_FILE, STATE_FILE, WEIGHTS_FILE
from app.storage.datasets import DatasetStore
from app.storage.jobs import JobStore
from app.storage.models import ModelStore, new_version_id, now_iso
from app.storage.s3 import Bucket, BucketUnavailable, NotFound, PreconditionFailed, make_client
from app.training.data import TrainingError, read_csv, select_columns
from app.training.heartbeat import JobLost, LiveJob
from app.training.spec import Progress

log = logging.getLogger("app.training")


def run_job(settings: Settings, job_id: str) -> int:
    bucket = Bucket(make_client(settings), settings.model_bucket, settings.model_prefix)
    return run_job_in(bucket, job_id, settings.job_heartbeat_s)


def run_job_in(bucket: Bucket, job_id: str, heartbeat_s: float) -> int:
    jobs, models = JobStore(bucket), ModelStore(bucket)
    job, etag = jobs.read(job_id)
    live = LiveJob(jobs, job, etag, heartbeat_s)
    try:
        live.update(state="running", progress=Progress(epochs=job.spec.epochs))
    except JobLost as e:
        log.error("training job %s not started: %s", job_id, e)
        return 1
    with live:  # heartbeat from here until the outcome is recorded
        try:
            version = _train(live, models, DatasetStore(bucket))
        except JobLost as e:
            log.error("training job %s abandoned, nothing published: %s", job_id, e)
            return 1
        except TrainingError as e:
            return _fail(live, str(e))
        except NotFound as e:
            return _fail(live, f"dataset {job.spec.dataset_id!r} not found in the bucket ({e})")
        except BucketUnavailable as e:
            return _fail(
                live, f"bucket error, nothing was activated; retry when the bucket is reachable: {e}"
            )
        except Exception as e:  # the job must end as failed whatever broke; the traceback goes to the log
            log.exception("training job %s crashed", job_id)
            return _fail(live, f"internal error during training: {type(e).__name__}: {e}")
        live.update(state="succeeded", model_version=version)
    log.info("training job %s succeeded: version %s", job_id, version)
    return 0


def _train(live: LiveJob, models: ModelStore, datasets: DatasetStore) -> str:
    from app.training.fit import fit  # fastai: imported here, in the training process only

    job = live.job
    df, cat, cont = select_columns(read_csv(datasets.data(job.spec.dataset_id)), job.spec)
    last_put = 0.0

    def on_epoch(p: Progress) -> None:
        nonlocal last_put
        # At most one progress write a second: tiny datasets finish epochs faster than S3 round trips.
        if time.monotonic() - last_put >= 1.0 or p.epoch == p.epochs:
            live.update(progress=p)
            last_put = time.monotonic()
        else:
            live.check()  # stop at once if another replica declared the job dead

    trained = fit(df, cat, cont, job.spec, on_epoch)
    version = new_version_id()
    metrics = {**trained.metrics, "version": version, "job_id": job.job_id, "created_at": now_iso()}
    live.update()  # still ours? (a conditional write) — before anything becomes visible
    models.write_version(
        version,
        {
            WEIGHTS_FILE: trained.weights,
            STATE_FILE: trained.state.model_dump_json().encode(),
            METRICS_FILE: orjson.dumps(metrics),
        },
    )
    if job.spec.activate:
        live.update()  # and before it becomes active
        models.activate(version)
    return version


def _fail(live: LiveJob, message: str) -> int:
    log.error("training job %s failed: %s", live.job.job_id, message)
    try:
        live.update(state="failed", error=message)
    except JobLost as e:
        log.error("training job %s: outcome already recorded elsewhere: %s", live.job.job_id, e)
    except (BucketUnavailable, PreconditionFailed):
        log.exception("could not record the failure of job %s", live.job.job_id)
    return 1
