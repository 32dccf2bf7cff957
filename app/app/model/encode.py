"""Request rows → the network's input arrays, with the exact transforms of training (see state.py).

Speed matters here: a 10,000-row request must cost little more than decoding its JSON. The happy path
therefore works column-wise in C (itemgetter, numpy conversion, dict lookups through ``map``); only when
that fails does a slow pass walk the rows to name the first offending row and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import Any, NoReturn

import numpy as np

from app.model.state import PreprocessState, category_key

_NUMBER_TYPES = frozenset({int, float, type(None)})
_CATEGORY_FAST_TYPES = frozenset({str, type(None)})


@dataclass(frozen=True)
class RowError(Exception):
    """A request row that does not fit the model's schema; ``column`` is None for row-level problems."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column!r}" if self.column else "")
        return f"{where}: {self.message}"


class _Index(dict[str | bool | None, int]):
    # Categorify maps nulls and values unseen in training to 0 (#na#).
    def __missing__(self, key: object) -> int:
        return 0


class RowEncoder:
    """Validates rows against a model's inputs and encodes them into int64/float32 arrays."""

    def __init__(self, state: PreprocessState) -> None:
        self.state = state
        self.columns = list(state.inputs)
        self._keys = frozenset(self.columns)
        self._cat_inputs = [c for c in state.cat_names if c in state.inputs]
        self._cont = state.cont_names
        self._get_cont = itemgetter(*self._cont) if self._cont else None
        self._get_cat = {c: itemgetter(c) for c in self._cat_inputs}
        self._index = {
            c: _Index({v: i for i, v in enumerate(state.classes[c]) if i}) for c in self._cat_inputs
        }
        self._means = np.array([state.means[c] for c in self._cont], dtype=np.float64)
        self._stds = np.array([state.stds[c] for c in self._cont], dtype=np.float64)
        self._fill = [
            (j, c, state.fill_values[c]) for j, c in enumerate(self._cont) if c in state.fill_values
        ]
        self._na_index = {
            f"{c}_na": (
                state.classes[f"{c}_na"].index(False) if False in state.classes[f"{c}_na"] else 0,
                state.classes[f"{c}_na"].index(True) if True in state.classes[f"{c}_na"] else 0,
            )
            for c in state.fill_values
        }

    def encode(self, rows: list[Any]) -> tuple[np.ndarray, np.ndarray]:
        """Return (x_cat int64 (n, n_cat), x_cont float32 (n, n_cont)); raise RowError on bad input."""
        n = len(rows)
        try:
            # C-level passes only: a missing key raises KeyError, a row that is not an object TypeError;
            # then equal key counts rule out unknown columns.
            cont_vals = list(map(self._get_cont, rows)) if self._get_cont else []
            cat_vals = {c: list(map(g, rows)) for c, g in self._get_cat.items()}
            complete = sum(map(len, rows)) == n * len(self.columns)
        except (KeyError, TypeError):
            complete = False
        if not complete:
            self._raise_shape_error(rows)
        cat_cols: dict[str, np.ndarray] = {}
        for c in self._cat_inputs:
            col: Sequence[Any] = cat_vals[c]
            if not set(map(type, col)) <= _CATEGORY_FAST_TYPES:
                col = self._category_keys(col, c)
            cat_cols[c] = np.fromiter(map(self._index[c].__getitem__, col), dtype=np.int64, count=n)
        cont = self._continuous(cont_vals, rows, n)
        for j, c, fill in self._fill:
            missing = np.isnan(cont[:, j])
            lo, hi = self._na_index[f"{c}_na"]
            cat_cols[f"{c}_na"] = np.where(missing, hi, lo).astype(np.int64)
            cont[missing, j] = fill
        if self._cont and np.isnan(cont).any():
            i, j = np.argwhere(np.isnan(cont))[0]
            raise RowError(
                int(i),
                self._cont[int(j)],
                "null is not allowed: the column had no missing values in training",
            )
        x_cont = np.ascontiguousarray((cont - self._means) / self._stds, dtype=np.float32)
        x_cat = (
            np.stack([cat_cols[c] for c in self.state.cat_names], axis=1)
            if cat_cols
            else np.zeros((n, 0), dtype=np.int64)
        )
        return x_cat, x_cont

    def _continuous(self, vals: list[Any], rows: list[Any], n: int) -> np.ndarray:
        k = len(self._cont)
        if not k:
            return np.zeros((n, 0), dtype=np.float64)
        flat = chain.from_iterable(vals) if k > 1 else vals
        types = set(map(type, flat))
        # Type check first: numpy would silently take True as 1.0 and "1.5" as 1.5.
        if not types <= _NUMBER_TYPES:
            self._raise_type_error(rows)
        try:
            if type(None) not in types:  # fast path: no nulls
                flat = chain.from_iterable(vals) if k > 1 else vals
                return np.fromiter(flat, dtype=np.float64, count=n * k).reshape(n, k)
            # None -> nan, as pandas reads an empty CSV cell
            return np.array(vals, dtype=np.float64).reshape(n, k)
        except OverflowError:
            self._raise_type_error(rows)

    def _category_keys(self, col: Sequence[Any], name: str) -> list[str | None]:
        out: list[str | None] = []
        for i, v in enumerate(col):
            if not isinstance(v, str | int | float | bool | type(None)):
                raise RowError(i, name, f"expected a string, number or null, got {type(v).__name__}")
            out.append(category_key(v))
        return out

    def _raise_shape_error(self, rows: list[Any]) -> NoReturn:
        for i, r in enumerate(rows):
            if type(r) is not dict:
                raise RowError(i, None, "a row must be a JSON object of column: value")
            if missing := [c for c in self.columns if c not in r]:
                raise RowError(i, missing[0], "column is missing")
            if unknown := sorted(set(r) - self._keys):
                raise RowError(i, unknown[0], f"unknown column; the model's columns are {self.columns}")
        raise AssertionError("unreachable: rows passed the per-row check")

    def _raise_type_error(self, rows: list[Any]) -> NoReturn:
        for i, r in enumerate(rows):
            for c in self._cont:
                v = r[c]
                if type(v) not in _NUMBER_TYPES:
                    raise RowError(i, c, f"expected a number or null, got {type(v).__name__}")
                if isinstance(v, int) and abs(v) > 2**63:
                    raise RowError(i, c, "number out of range")
        raise AssertionError("unreachable: rows passed the type check")
