"""The served torch module and preprocessing reproduce the fastai learner exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch
from app.model.loaded import LoadedModel
from app.model.state import PreprocessState

from tests.unit.app.helpers import TrainedFixture, query_frame, to_rows


def _fastai_batches(trained: TrainedFixture, df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    dl = trained.learner.dls.test_dl(df, bs=len(df), shuffle=False, drop_last=False)
    x_cat, x_cont = dl.one_batch()[:2]
    return x_cat.numpy(), x_cont.numpy()


@pytest.mark.parametrize("rows", [1, 700])
def test_predictions_equal_fastai_learner(trained: TrainedFixture, rows: int) -> None:
    df = query_frame(rows, seed=11)
    preds, _ = trained.learner.get_preds(dl=trained.learner.dls.test_dl(df))
    ours = trained.model.predict(to_rows(df))
    assert ours.shape == (rows,)
    np.testing.assert_allclose(ours, preds[:, 0].numpy(), atol=1e-5, rtol=0)


def test_folded_network_equals_plain_network(trained: TrainedFixture) -> None:
    x_cat, x_cont = trained.model.encoder.encode(to_rows(query_frame(300, seed=14)))
    with torch.inference_mode():
        plain = trained.model.net(torch.from_numpy(x_cat), torch.from_numpy(x_cont))
        folded = trained.model.folded(torch.from_numpy(x_cat), torch.from_numpy(x_cont))
    np.testing.assert_allclose(folded.numpy(), plain.numpy(), atol=1e-5, rtol=0)


def test_preprocessing_matches_fastai_procs(trained: TrainedFixture) -> None:
    df = query_frame(300, seed=12)
    fa_cat, fa_cont = _fastai_batches(trained, df)
    x_cat, x_cont = trained.model.encoder.encode(to_rows(df))
    assert x_cat.dtype == np.int64
    assert x_cont.dtype == np.float32
    np.testing.assert_array_equal(x_cat, fa_cat)
    np.testing.assert_allclose(x_cont, fa_cont, atol=1e-6, rtol=0)


def test_nulls_and_unseen_categories_map_like_training(trained: TrainedFixture) -> None:
    state = trained.model.state
    assert state.cat_names == ["cat", "x2_na"]
    assert state.classes["cat"][0] == "#na#"
    assert state.classes["x2_na"] == ["#na#", False, True]
    row = {c: 0.5 for c in state.cont_names} | {"cat": None, "x2": None}
    unseen = row | {"cat": "zzz"}
    x_cat, x_cont = trained.model.encoder.encode([row, unseen])
    # cat -> #na# for null and unseen alike; x2_na -> True because x2 was null
    assert x_cat.tolist() == [[0, 2], [0, 2]]
    j = state.cont_names.index("x2")
    expected = (state.fill_values["x2"] - state.means["x2"]) / state.stds["x2"]
    assert abs(float(x_cont[0, j]) - expected) < 1e-6


def test_state_json_round_trip_rebuilds_same_model(trained: TrainedFixture) -> None:
    state = PreprocessState.model_validate_json(trained.files["preprocess.json"])
    assert state == trained.model.state
    again = LoadedModel.from_files("again", trained.files)
    rows = to_rows(query_frame(50, seed=13))
    np.testing.assert_array_equal(again.predict(rows), trained.model.predict(rows))


def test_training_frame_keys_categories_as_strings(trained: TrainedFixture) -> None:
    cats = trained.frame["cat"].dropna().unique()
    assert all(isinstance(v, str) for v in cats)
