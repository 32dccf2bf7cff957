"""``POST /predict``. The body is decoded with orjson and validated column-wise (app.model.encode) instead
of through a pydantic model: per-row Python work would cost more than the network itself at 10,000 rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from app.api.deps import Services
from app.api.errors import field_error, unprocessable
from app.api.schemas import PredictRequest, PredictResponse
from app.model.encode import RowError

if TYPE_CHECKING:
    from app.model.loaded import LoadedModel

router = APIRouter(tags=["predict"])
_INLINE_ROWS = 256  # smaller batches run on the event loop: a thread hop costs more than they do
_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": PredictRequest.model_json_schema(),
                "example": {"rows": [{"x0": 0.5, "x1": 0.2, "cat": "a"}]},
            }
        },
    }
}


def _run(model: LoadedModel, rows: list[Any]) -> bytes:
    preds = model.predict(rows)
    return orjson.dumps(
        {"model_version": model.version, "predictions": preds}, option=orjson.OPT_SERIALIZE_NUMPY
    )


@router.post(
    "/predict",
    response_model=PredictResponse,
    openapi_extra=_DOC,
    responses={422: {}, 503: {}},
)
async def predict(request: Request) -> Response:
    # No dependency injection on this hot path; the key check, when PREDICT_REQUIRES_KEY is set, is added
    # to the router in create_app.
    services: Services = request.app.state.services
    model = services.registry.current  # this request finishes on this model even if a swap happens now
    if model is None:
        raise HTTPException(503, services.registry.not_ready_reason() or "no active model")
    try:
        payload = orjson.loads(await request.body())
    except orjson.JSONDecodeError as e:
        return unprocessable([field_error(["body"], f"invalid JSON: {e}", "json_invalid")])
    if not isinstance(payload, dict) or set(payload) != {"rows"}:
        return unprocessable([field_error(["body"], 'expected an object with exactly one key, "rows"')])
    rows = payload["rows"]
    limit = services.settings.max_predict_rows
    if not isinstance(rows, list) or not 1 <= len(rows) <= limit:
        return unprocessable(
            [field_error(["body", "rows"], f"expected a list of 1 to {limit} rows (MAX_PREDICT_ROWS)")]
        )
    try:
        body = _run(model, rows) if len(rows) <= _INLINE_ROWS else await run_in_threadpool(_run, model, rows)
    except RowError as e:
        loc: list[str | int] = ["body", "rows", e.row, *([e.column] if e.column else [])]
        return unprocessable([field_error(loc, e.message)])
    return Response(body, media_type="application/json")
