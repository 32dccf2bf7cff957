from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from app.api.deps import ServicesDep, require_key
from app.api.errors import field_error
from app.api.schemas import DatasetCreated
from app.serving.datasets import CsvError, inspect_csv
from app.storage.datasets import DatasetMeta
from app.storage.models import new_version_id, now_iso

router = APIRouter(tags=["datasets"])

_MULTIPART = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": "CSV with a header"}
                    },
                }
            }
        },
    }
}
_FORM_OVERHEAD = 64 * 1024  # multipart boundaries and part headers around the file


def _too_large(limit: int) -> HTTPException:
    return HTTPException(
        status.HTTP_413_CONTENT_TOO_LARGE, f"the file is larger than MAX_UPLOAD_BYTES={limit} bytes"
    )


@router.post(
    "/datasets",
    status_code=201,
    response_model=DatasetCreated,
    openapi_extra=_MULTIPART,
    dependencies=[Depends(require_key)],
    responses={413: {}, 422: {}},
)
async def upload_dataset(request: Request, services: ServicesDep) -> DatasetCreated:
    limit = services.settings.max_upload_bytes
    # The body is parsed here, not by FastAPI, so an oversized upload is refused before it is read.
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + _FORM_OVERHEAD:
        raise _too_large(limit)
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise HTTPException(
            422, [field_error(["body", "file"], "a CSV file in the form field 'file' is required", "missing")]
        )
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    try:
        summary = await run_in_threadpool(inspect_csv, data)
    except CsvError as e:
        raise HTTPException(422, [field_error(["body", "file"], f"not a parseable CSV: {e}", "csv")]) from e
    meta = DatasetMeta(
        dataset_id="ds-" + new_version_id(),
        filename=upload.filename,
        rows=summary.rows,
        columns=summary.columns,
        dtypes=summary.dtypes,
        size_bytes=len(data),
        created_at=now_iso(),
    )
    await run_in_threadpool(services.datasets.put, meta, data)
    return DatasetCreated(
        dataset_id=meta.dataset_id, rows=meta.rows, columns=meta.columns, dtypes=meta.dtypes
    )
