"""Exceptions from the layers below → HTTP answers with a JSON ``detail`` (FastAPI's shape)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.storage.s3 import BucketUnavailable, NotFound

log = logging.getLogger("app.api")


def field_error(loc: list[str | int], msg: str, type_: str = "value_error") -> dict[str, Any]:
    """One entry of a 422 ``detail`` list, as FastAPI's own validation errors have them."""
    return {"loc": loc, "msg": msg, "type": type_}


def unprocessable(errors: list[dict[str, Any]]) -> JSONResponse:
    return JSONResponse({"detail": errors}, status_code=422)


async def _bucket_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("model bucket unavailable: %s", exc)
    return JSONResponse({"detail": "the model bucket is unreachable; try again shortly"}, status_code=503)


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": f"not found: {exc}"}, status_code=404)


def install(app: FastAPI) -> None:
    app.add_exception_handler(BucketUnavailable, _bucket_unavailable)
    app.add_exception_handler(NotFound, _not_found)
