"""One training job, start to finish, in this process: dataset → fastai → version in the bucket → job state.

Nothing of a failed job becomes visible: the version's manifest is written only after all its files, and
the active pointer only after the manifest.
"""

from __future__ import annotations

import logging
import time

import orjson

from app.config import Settings
from app.model.loaded import METRICS_FILE, STATE_FILE, WEIGHTS_FILE
from app.storage.datasets import DatasetStore
from app.storage.jobs import JobStore
from app.storage.models import ModelStore, new_version_id, now_iso
from app.storage.s3 import Bucket, BucketUnavailable, NotFound, make_client
from app.training.data import TrainingError, read_csv, select_columns
from app.training.spec import Job, Progress

log = logging.getLogger("app.training")


def run_job(settings: Settings, job_id: str) -> int:
    bucket = Bucket(make_client(settings), settings.model_bucket, settings.model_prefix)
    jobs, models = JobStore(bucket), ModelStore(bucket)
    job = jobs.get(job_id)
    job = jobs.put(job.model_copy(update={"state": "running", "progress": Progress(epochs=job.spec.epochs)}))
    try:
        version = _train(job, jobs, models, DatasetStore(bucket))
    except TrainingError as e:
        return _fail(jobs, job, str(e))
    except NotFound as e:
        return _fail(jobs, job, f"dataset {job.spec.dataset_id!r} not found in the bucket ({e})")
    except BucketUnavailable as e:
        return _fail(
            jobs, job, f"bucket error, nothing was activated; retry when the bucket is reachable: {e}"
        )
    except Exception as e:  # the job must end as failed whatever broke; the traceback goes to the log
        log.exception("training job %s crashed", job_id)
        return _fail(jobs, job, f"internal error during training: {type(e).__name__}: {e}")
    jobs.put(jobs.get(job_id).model_copy(update={"state": "succeeded", "model_version": version}))
    log.info("training job %s succeeded: version %s", job_id, version)
    return 0


def _train(job: Job, jobs: JobStore, models: ModelStore, datasets: DatasetStore) -> str:
    from app.training.fit import fit  # fastai: imported here, in the training process only

    df, cat, cont = select_columns(read_csv(datasets.data(job.spec.dataset_id)), job.spec)
    last_put = 0.0

    def on_epoch(p: Progress) -> None:
        nonlocal last_put, job
        # At most one progress write a second: tiny datasets finish epochs faster than S3 round trips.
        if time.monotonic() - last_put >= 1.0 or p.epoch == p.epochs:
            job = jobs.put(job.model_copy(update={"progress": p}))
            last_put = time.monotonic()

    trained = fit(df, cat, cont, job.spec, on_epoch)
    version = new_version_id()
    metrics = {**trained.metrics, "version": version, "job_id": job.job_id, "created_at": now_iso()}
    models.write_version(
        version,
        {
            WEIGHTS_FILE: trained.weights,
            STATE_FILE: trained.state.model_dump_json().encode(),
            METRICS_FILE: orjson.dumps(metrics),
        },
    )
    if job.spec.activate:
        models.activate(version)
    return version


def _fail(jobs: JobStore, job: Job, message: str) -> int:
    log.error("training job %s failed: %s", job.job_id, message)
    try:
        jobs.put(jobs.get(job.job_id).model_copy(update={"state": "failed", "error": message}))
    except BucketUnavailable:
        log.exception("could not record the failure of job %s", job.job_id)
    return 1
