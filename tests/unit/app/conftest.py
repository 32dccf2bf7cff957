"""A small fastai model trained once per session, with nulls and categories to exercise preprocessing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from app.model.loaded import STATE_FILE, WEIGHTS_FILE, LoadedModel
from app.sample import friedman1_rows
from app.training.spec import TrainSpec

from tests.unit.app.helpers import TrainedFixture


@pytest.fixture(scope="session")
def trained() -> TrainedFixture:
    from app.training.data import select_columns
    from app.training.fit import fit

    df = pd.DataFrame(friedman1_rows(1200, seed=3))
    df.loc[::6, "x2"] = np.nan
    df.loc[::11, "cat"] = np.nan
    spec = TrainSpec(dataset_id="unit", target="y", epochs=2, layers=[32, 16], batch_size=128)
    frame, cat, cont = select_columns(df, spec)
    result = fit(frame, cat, cont, spec)
    files = {STATE_FILE: result.state.model_dump_json().encode(), WEIGHTS_FILE: result.weights}
    return TrainedFixture(frame, result.learner, files, LoadedModel.from_files("v-unit", files))
