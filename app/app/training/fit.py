"""Train a fastai tabular regression network and export it as plain JSON state + safetensors weights."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from fastai.tabular.all import (
    Callback,
    Categorify,
    FillMissing,
    Normalize,
    RandomSplitter,
    RegressionBlock,
    TabularPandas,
    range_of,
    rmse,
    set_seed,
    tabular_learner,
)
from safetensors.torch import save as save_safetensors

from app.model.state import NetConfig, PreprocessState
from app.training.spec import Progress, TrainSpec

OnEpoch = Callable[[Progress], None]


@dataclass(frozen=True)
class Trained:
    state: PreprocessState
    weights: bytes
    metrics: dict[str, Any]
    learner: Any  # the fastai Learner, for tests and the bench; never stored


class _ReportEpochs(Callback):  # type: ignore[misc]
    order = 90  # after the Recorder has the epoch's losses

    def __init__(self, epochs: int, on_epoch: OnEpoch) -> None:
        self.epochs, self.on_epoch = epochs, on_epoch
        self.fitting = False

    def before_fit(self) -> None:
        self.fitting = True

    def after_fit(self) -> None:
        self.fitting = False

    def after_epoch(self) -> None:
        if not self.fitting:  # also fires for learn.validate(); only training epochs are progress
            return
        # Recorder.log is [epoch, train_loss, valid_loss, *metrics, time]; entries can be None.
        log = list(self.recorder.log)
        self.on_epoch(
            Progress(
                epoch=self.epoch + 1,
                epochs=self.epochs,
                train_loss=_number(log[1]) if len(log) > 1 else None,
                valid_loss=_number(log[2]) if len(log) > 2 else None,
            )
        )


def _number(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if np.isfinite(f) else None


def _y_range(y: np.ndarray) -> tuple[float, float]:
    # A sigmoid output bounded a little beyond the observed targets trains faster and does not clip them.
    lo, hi = float(np.min(y)), float(np.max(y))
    pad = 0.05 * (hi - lo) if hi > lo else 1.0
    return lo - pad, hi + pad


def fit(
    df: pd.DataFrame, cat: list[str], cont: list[str], spec: TrainSpec, on_epoch: OnEpoch | None = None
) -> Trained:
    started = time.time()
    set_seed(spec.seed, reproducible=True)
    splits = RandomSplitter(valid_pct=spec.valid_fraction, seed=spec.seed)(range_of(df))
    to = TabularPandas(
        df,
        [Categorify, FillMissing, Normalize],
        list(cat),
        list(cont),
        y_names=spec.target,
        y_block=RegressionBlock(),
        splits=splits,
    )
    n_train = len(to.train)
    dls = to.dataloaders(bs=max(2, min(spec.batch_size, n_train // 2)))
    y_range = _y_range(to.train.ys.values)
    cbs = [_ReportEpochs(spec.epochs, on_epoch)] if on_epoch else []
    learn = tabular_learner(dls, layers=list(spec.layers), y_range=y_range, metrics=rmse, cbs=cbs)
    with learn.no_bar(), learn.no_logging():
        learn.fit_one_cycle(spec.epochs, spec.learning_rate)
        valid_loss, valid_rmse = (float(v) for v in learn.validate())
    learn.model.eval()
    state = export_state(to, learn.model, spec, y_range)
    weights = save_safetensors({k: v.detach().contiguous() for k, v in learn.model.state_dict().items()})
    metrics = {
        "valid_rmse": valid_rmse,
        "valid_loss": valid_loss,
        "rows": len(df),
        "train_rows": n_train,
        "valid_rows": len(to.valid),
        "columns": {"target": spec.target, "categorical": list(cat), "continuous": list(cont)},
        "params": spec.model_dump(exclude={"dataset_id", "activate"}),
        "dataset_id": spec.dataset_id,
        "n_parameters": int(sum(p.numel() for p in learn.model.parameters())),
        "train_seconds": round(time.time() - started, 3),
    }
    return Trained(state, weights, metrics, learn)


def _plain(v: Any) -> str | bool:
    # Classes come back as numpy scalars; JSON wants plain strings and booleans.
    return bool(v) if isinstance(v, bool | np.bool_) else str(v)


def export_state(to: Any, model: Any, spec: TrainSpec, y_range: tuple[float, float]) -> PreprocessState:
    categorify, fill, norm = to.procs.categorify, to.procs.fill_missing, to.procs.normalize
    inputs: dict[str, Literal["continuous", "categorical"]] = {
        c: "categorical" for c in to.cat_names if not c.endswith("_na") or c[:-3] not in fill.na_dict
    }
    inputs.update({c: "continuous" for c in to.cont_names})
    ordered = {c: inputs[c] for c in to.items.columns if c in inputs}
    return PreprocessState(
        target=spec.target,
        inputs=ordered,
        cat_names=list(to.cat_names),
        cont_names=list(to.cont_names),
        classes={c: [_plain(v) for v in categorify.classes[c]] for c in to.cat_names},
        fill_values={c: float(v) for c, v in fill.na_dict.items()},
        means={c: float(norm.means[c]) for c in to.cont_names},
        stds={c: float(norm.stds[c]) for c in to.cont_names},
        net=NetConfig(
            emb_szs=[(e.num_embeddings, e.embedding_dim) for e in model.embeds],
            n_cont=len(to.cont_names),
            out_sz=1,
            layers=list(spec.layers),
            ps=[0.0] * len(spec.layers),
            y_range=y_range,
        ),
    )
