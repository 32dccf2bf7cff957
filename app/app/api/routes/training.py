from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from app.api.deps import ServicesDep, require_key
from app.api.errors import field_error
from app.api.schemas import JobAccepted
from app.serving.jobs import job_status
from app.serving.training import Busy
from app.storage.datasets import DatasetMeta
from app.training.spec import Job, TrainSpec

router = APIRouter(tags=["training"])

_NUMERIC = {"int", "float"}


def _check_columns(spec: TrainSpec, meta: DatasetMeta) -> list[dict[str, object]]:
    errors = []
    if spec.target not in meta.columns:
        errors.append(
            field_error(
                ["body", "target"],
                f"{spec.target!r} is not a column of the dataset; its columns are {meta.columns}",
            )
        )
    elif meta.dtypes.get(spec.target) not in _NUMERIC:
        errors.append(
            field_error(
                ["body", "target"],
                f"{spec.target!r} is not numeric "
                f"(dtype {meta.dtypes.get(spec.target)}); regression needs a numeric target",
            )
        )
    for field in ("categorical", "continuous"):
        for i, name in enumerate(getattr(spec, field) or []):
            if name not in meta.columns:
                errors.append(field_error(["body", field, i], f"{name!r} is not a column of the dataset"))
            elif field == "continuous" and meta.dtypes.get(name) not in _NUMERIC:
                errors.append(field_error(["body", field, i], f"{name!r} is not numeric"))
    return errors


@router.post(
    "/train",
    status_code=202,
    response_model=JobAccepted,
    dependencies=[Depends(require_key)],
    responses={404: {}, 409: {"description": "a training job is already running on this replica"}},
)
async def train(spec: TrainSpec, services: ServicesDep) -> JSONResponse:
    meta = await run_in_threadpool(services.datasets.meta, spec.dataset_id)
    if errors := _check_columns(spec, meta):
        raise HTTPException(422, errors)
    try:
        job = await run_in_threadpool(services.launcher.start, spec)
    except Busy as e:
        return JSONResponse(
            {
                "detail": f"training job {e.job_id} is still running on this replica; "
                "wait for it (GET /jobs/{job_id}) and retry",
                "job_id": e.job_id,
            },
            status_code=409,
        )
    return JSONResponse(JobAccepted(job_id=job.job_id, state=job.state).model_dump(), status_code=202)


@router.get("/jobs/{job_id}", response_model=Job, responses={404: {}})
async def get_job(services: ServicesDep, job_id: str = Path(pattern=r"^[A-Za-z0-9_\-]{1,80}$")) -> Job:
    return await run_in_threadpool(job_status, services.jobs, job_id, services.settings.job_stale_s)
