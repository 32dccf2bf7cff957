"""friedman1 (sklearn, 20,000 rows, noise sd 1.0) + a random categorical column, one fixed seed and split."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from app.training.data import select_columns
from app.training.fit import Trained, fit
from app.training.spec import TrainSpec

ROWS, SEED = 20_000, 0


@dataclass(frozen=True)
class Quality:
    trained: Trained
    frame: pd.DataFrame
    valid_idx: np.ndarray
    nn_rmse: float
    hgb_rmse: float


def friedman1_frame() -> pd.DataFrame:
    from sklearn.datasets import make_friedman1

    x, y = make_friedman1(n_samples=ROWS, n_features=8, noise=1.0, random_state=SEED)
    df = pd.DataFrame(x, columns=[f"x{i}" for i in range(8)])
    df["cat"] = np.random.default_rng(SEED).choice(list("abcde"), size=ROWS)
    df["y"] = y
    return df


def run() -> Quality:
    from fastai.tabular.all import RandomSplitter, range_of
    from sklearn.ensemble import HistGradientBoostingRegressor

    spec = TrainSpec(dataset_id="bench", target="y", seed=SEED)  # default hyperparameters
    frame, cat, cont = select_columns(friedman1_frame(), spec)
    trained = fit(frame, cat, cont, spec)
    # The same split fit() used (same splitter, same seed).
    train_idx, valid_idx = (
        np.asarray(i) for i in RandomSplitter(spec.valid_fraction, seed=spec.seed)(range_of(frame))
    )
    features = pd.get_dummies(frame.drop(columns="y"), columns=["cat"])
    hgb = HistGradientBoostingRegressor(random_state=SEED).fit(
        features.iloc[train_idx], frame.y.iloc[train_idx]
    )
    err = hgb.predict(features.iloc[valid_idx]) - frame.y.iloc[valid_idx].to_numpy()
    return Quality(
        trained, frame, valid_idx, float(trained.metrics["valid_rmse"]), float(np.sqrt(np.mean(err**2)))
    )


def json_rows(frame: pd.DataFrame, idx: np.ndarray) -> list[dict[str, Any]]:
    out = frame.drop(columns="y").iloc[idx].astype(object).to_dict("records")
    return [{k: (float(v) if isinstance(v, float) else v) for k, v in r.items()} for r in out]
