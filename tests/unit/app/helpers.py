"""Helpers shared by the app's unit tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from app.model.loaded import LoadedModel
from app.sample import friedman1_rows


@dataclass(frozen=True)
class TrainedFixture:
    frame: pd.DataFrame  # the training frame as the worker prepared it
    learner: Any
    files: dict[str, bytes]
    model: LoadedModel


def to_rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as a JSON client would send them (NaN -> null, numpy scalars -> Python)."""
    return [
        {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()}
        for r in df.astype(object).to_dict("records")
    ]


def query_frame(rows: int, seed: int) -> pd.DataFrame:
    df = pd.DataFrame(friedman1_rows(rows, seed=seed)).drop(columns="y")
    df.loc[::5, "x2"] = np.nan  # x2 had nulls in training: filled with the median, plus x2_na
    df.loc[::7, "cat"] = np.nan
    df.loc[3::9, "cat"] = "never-seen"
    return df
