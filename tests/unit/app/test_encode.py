"""Row validation: every problem names the row index and the column."""

from __future__ import annotations

from typing import Any

import pytest
from app.model.encode import RowEncoder, RowError
from app.model.state import NetConfig, PreprocessState


@pytest.fixture(scope="module")
def encoder() -> RowEncoder:
    state = PreprocessState(
        target="y",
        inputs={"a": "continuous", "b": "continuous", "color": "categorical"},
        cat_names=["color", "a_na"],
        cont_names=["a", "b"],
        classes={"color": ["#na#", "3", "blue", "red"], "a_na": ["#na#", False, True]},
        fill_values={"a": 2.0},
        means={"a": 1.0, "b": 0.0},
        stds={"a": 2.0, "b": 1.0},
        net=NetConfig(emb_szs=[(4, 3), (3, 3)], n_cont=2, layers=[4], ps=[0.0]),
    )
    return RowEncoder(state)


GOOD = {"a": 1.5, "b": 2, "color": "red"}


def _error(encoder: RowEncoder, rows: list[Any]) -> RowError:
    with pytest.raises(RowError) as info:
        encoder.encode(rows)
    return info.value


def test_encodes_good_rows(encoder: RowEncoder) -> None:
    x_cat, x_cont = encoder.encode([GOOD, GOOD | {"a": None, "color": 3}, GOOD | {"color": 3.0}])
    assert x_cat.tolist() == [[3, 1], [1, 2], [1, 1]]
    assert x_cont.tolist() == [[0.25, 2.0], [0.5, 2.0], [0.25, 2.0]]


@pytest.mark.parametrize(
    ("row", "column", "text"),
    [
        ({"a": 1.0, "color": "red"}, "b", "missing"),
        (GOOD | {"extra": 1}, "extra", "unknown column"),
        (GOOD | {"b": "2"}, "b", "expected a number"),
        (GOOD | {"b": True}, "b", "expected a number"),
        (GOOD | {"b": None}, "b", "null is not allowed"),
        (GOOD | {"color": ["x"]}, "color", "expected a string"),
    ],
)
def test_bad_row_names_row_and_column(
    encoder: RowEncoder, row: dict[str, Any], column: str, text: str
) -> None:
    err = _error(encoder, [GOOD, GOOD, row])
    assert err.row == 2
    assert err.column == column
    assert text in err.message


def test_row_that_is_not_an_object(encoder: RowEncoder) -> None:
    err = _error(encoder, [GOOD, [1, 2, 3]])
    assert (err.row, err.column) == (1, None)


def test_single_continuous_column_without_categories() -> None:
    state = PreprocessState(
        target="y",
        inputs={"a": "continuous"},
        cat_names=[],
        cont_names=["a"],
        classes={},
        fill_values={},
        means={"a": 1.0},
        stds={"a": 2.0},
        net=NetConfig(emb_szs=[], n_cont=1, layers=[4], ps=[0.0]),
    )
    x_cat, x_cont = RowEncoder(state).encode([{"a": 3}, {"a": 5.0}])
    assert x_cat.shape == (2, 0)
    assert x_cont.tolist() == [[1.0], [2.0]]
    with pytest.raises(RowError, match="null is not allowed"):
        RowEncoder(state).encode([{"a": 3}, {"a": None}])
