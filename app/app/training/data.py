"""Dataset → DataFrame with the columns a training job uses; every problem becomes a TrainingError."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from app.model.state import category_key
from app.training.spec import TrainSpec

MIN_ROWS = 20


class TrainingError(Exception):
    """A problem with the job's input the user can fix; the message is shown as the job's error."""


def read_csv(data: bytes) -> pd.DataFrame:
    try:
        df = pd.read_csv(io.BytesIO(data))
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as e:
        raise TrainingError(f"the dataset is not a parseable CSV: {e}") from e
    if df.empty or len(df.columns) < 2:
        raise TrainingError("the dataset needs a header, at least one row and at least two columns")
    return df


def _is_number(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def select_columns(df: pd.DataFrame, spec: TrainSpec) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Return (frame of the used columns, categorical names, continuous names) after validating the spec."""
    cols = list(df.columns)
    if spec.target not in cols:
        raise TrainingError(f"target column {spec.target!r} is not in the dataset; its columns are {cols}")
    if not _is_number(df[spec.target]):
        raise TrainingError(f"target column {spec.target!r} is not numeric (dtype {df[spec.target].dtype})")
    for name in (spec.categorical or []) + (spec.continuous or []):
        if name not in cols:
            raise TrainingError(f"column {name!r} is not in the dataset; its columns are {cols}")
    explicit = set(spec.categorical or []) | set(spec.continuous or []) | {spec.target}
    both_given = spec.categorical is not None and spec.continuous is not None
    rest = [] if both_given else [c for c in cols if c not in explicit]
    cat = list(spec.categorical or []) + [c for c in rest if not _is_number(df[c])]
    cont = list(spec.continuous or []) + [c for c in rest if _is_number(df[c])]
    for c in cont:
        if not _is_number(df[c]):
            raise TrainingError(f"continuous column {c!r} is not numeric (dtype {df[c].dtype})")
    if not cat and not cont:
        raise TrainingError("no input columns: the dataset has only the target")
    out = df[cat + cont + [spec.target]].copy()
    out = out[out[spec.target].notna()]
    for c in cat:
        # One string key per value, as the serving side computes it (see category_key).
        # Nulls must stay NaN: fastai's Categorify would take None for a category of its own.
        keys = out[c].map(category_key).astype(object)
        out[c] = keys.where(keys.notna(), np.nan)
    if len(out) < MIN_ROWS:
        raise TrainingError(
            f"the dataset has {len(out)} rows with a target value; at least {MIN_ROWS} are needed"
        )
    return out.reset_index(drop=True), cat, cont
