"""Sample data: friedman1-style regression rows (numeric x0..x7, one categorical column, target ``y``).

``python -m app.sample --rows N --seed S --out file.csv`` writes a CSV (the local platform trains its seed
model from it). :func:`friedman1_target` is the noiseless generating function, for checks of predictions.
Only numpy is needed, so the module also works where the training extra is not installed.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

N_FEATURES = 8
CATEGORIES = ("a", "b", "c", "d", "e")
FEATURES = tuple(f"x{i}" for i in range(N_FEATURES))
CATEGORICAL = "cat"
TARGET = "y"


def friedman1_target(x: Mapping[str, Any] | np.ndarray) -> np.ndarray:
    """Noiseless friedman1 value of a row or columns mapping (x0..x4), or of an (n, >=5) array."""
    if isinstance(x, Mapping):
        a = np.column_stack([np.atleast_1d(np.asarray(x[f], dtype=float)) for f in FEATURES[:5]])
    else:
        a = np.atleast_2d(np.asarray(x, dtype=float))
    return np.asarray(
        10 * np.sin(np.pi * a[:, 0] * a[:, 1]) + 20 * (a[:, 2] - 0.5) ** 2 + 10 * a[:, 3] + 5 * a[:, 4]
    )


def friedman1_rows(rows: int, seed: int = 0, noise: float = 1.0) -> dict[str, np.ndarray]:
    """``rows`` samples: x ~ U(0, 1), a random category (no effect on y), y = f(x) + N(0, noise)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(size=(rows, N_FEATURES))
    cols: dict[str, np.ndarray] = {name: x[:, i] for i, name in enumerate(FEATURES)}
    cols[CATEGORICAL] = rng.choice(np.array(CATEGORIES), size=rows)
    cols[TARGET] = friedman1_target(x) + noise * rng.standard_normal(rows)
    return cols


def write_csv(cols: Mapping[str, Sequence[Any] | np.ndarray], out: Path) -> None:
    names = list(cols)
    with out.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(names)
        w.writerows(zip(*(np.asarray(cols[n]).tolist() for n in names), strict=True))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.sample", description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=2000, help="number of rows (>= 1)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--noise", type=float, default=1.0, help="standard deviation of the noise on y")
    p.add_argument("--out", type=Path, required=True, help="CSV file to write")
    args = p.parse_args(argv)
    if args.rows < 1:
        p.error("--rows must be at least 1")
    write_csv(friedman1_rows(args.rows, args.seed, args.noise), args.out)
    print(f"wrote {args.rows} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
