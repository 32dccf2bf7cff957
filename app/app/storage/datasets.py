"""Uploaded datasets: ``datasets/<id>/data.csv`` plus ``meta.json`` (rows, columns, inferred dtypes)."""

from __future__ import annotations

from pydantic import BaseModel

from app.storage.s3 import Bucket

DATASETS = "datasets/"


class DatasetMeta(BaseModel):
    dataset_id: str
    filename: str | None
    rows: int
    columns: list[str]
    dtypes: dict[str, str]
    size_bytes: int
    created_at: str


class DatasetStore:
    def __init__(self, bucket: Bucket) -> None:
        self.bucket = bucket

    def put(self, meta: DatasetMeta, data: bytes) -> None:
        # Data first, meta last: a dataset without meta.json is incomplete and never offered for training.
        self.bucket.put(f"{DATASETS}{meta.dataset_id}/data.csv", data, "text/csv")
        self.bucket.put(
            f"{DATASETS}{meta.dataset_id}/meta.json", meta.model_dump_json().encode(), "application/json"
        )

    def meta(self, dataset_id: str) -> DatasetMeta:
        return DatasetMeta.model_validate_json(self.bucket.read(f"{DATASETS}{dataset_id}/meta.json"))

    def data(self, dataset_id: str) -> bytes:
        return self.bucket.read(f"{DATASETS}{dataset_id}/data.csv")
