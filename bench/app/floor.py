"""The throughput floor, in its own clean process (no fastai, like the server):
``python -m bench.app.floor <model dir> <rows.json>`` prints rows/s of orjson-decoding the 10,000-row request
body plus the raw torch forward pass of the same network on the already preprocessed rows."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import orjson

from app.model.loaded import LoadedModel


def main() -> None:
    model_dir, rows_file = Path(sys.argv[1]), Path(sys.argv[2])
    model = LoadedModel.from_files("floor", {p.name: p.read_bytes() for p in model_dir.iterdir()})
    rows = orjson.loads(rows_file.read_bytes())
    body = orjson.dumps({"rows": rows})
    x_cat, x_cont = model.encoder.encode(rows)
    times = []
    for i in range(18):
        t = time.perf_counter()
        orjson.loads(body)
        model.forward(x_cat, x_cont)
        if i >= 3:  # warm-up, as the HTTP client does
            times.append(time.perf_counter() - t)
    print(len(rows) / statistics.median(times))


if __name__ == "__main__":
    main()
