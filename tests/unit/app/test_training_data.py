"""Training input problems become TrainingErrors whose message says what to fix."""

from __future__ import annotations

import pytest
from app.training.data import TrainingError, read_csv, select_columns
from app.training.spec import TrainSpec

ROWS = "a,b,c,y\n" + "".join(f"{i},{i % 3},{'xyz'[i % 3]},{i * 0.5}\n" for i in range(30))


def _select(csv: str, **spec: object) -> tuple[list[str], list[str]]:
    _, cat, cont = select_columns(read_csv(csv.encode()), TrainSpec(dataset_id="d", **spec))  # type: ignore[arg-type]
    return cat, cont


def test_infers_categorical_from_strings_and_honours_explicit_lists() -> None:
    assert _select(ROWS, target="y") == (["c"], ["a", "b"])
    assert _select(ROWS, target="y", categorical=["b"]) == (["b", "c"], ["a"])
    assert _select(ROWS, target="y", categorical=["c"], continuous=["a"]) == (["c"], ["a"])


@pytest.mark.parametrize(
    ("csv", "spec", "text"),
    [
        (ROWS, {"target": "nope"}, "target column 'nope' is not in the dataset"),
        (ROWS, {"target": "c"}, "not numeric"),
        (ROWS, {"target": "y", "continuous": ["c"]}, "continuous column 'c' is not numeric"),
        (ROWS, {"target": "y", "categorical": ["q"]}, "column 'q' is not in the dataset"),
        ("a,y\n1,2\n2,3\n", {"target": "y"}, "at least 20"),
        ("a,y\n", {"target": "y"}, "at least one row"),
        ('a,y\n"1,2\n', {"target": "y"}, "not a parseable CSV"),
    ],
)
def test_problems_are_named(csv: str, spec: dict[str, object], text: str) -> None:
    with pytest.raises(TrainingError, match=text):
        _select(csv, **spec)


def test_spec_rejects_overlapping_columns() -> None:
    with pytest.raises(ValueError, match="appears twice"):
        TrainSpec(dataset_id="d", target="y", categorical=["a"], continuous=["a"])
