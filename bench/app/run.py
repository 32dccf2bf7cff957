"""``make bench-app``: the model service's five figures, each against a baseline measured in this run.

1. single-row POST /predict over HTTP (keep-alive client process), p50/p99, vs fastai learn.predict(row)
2. 10,000-row POST /predict rows/s vs the floor: orjson decode of the same body + raw torch forward pass
3. valid RMSE on friedman1 vs the noise floor (1.05) and HistGradientBoostingRegressor on the same split
4. cold start (process start -> /health/ready with a model from the bucket) vs `python -c "import torch"`
5. resident memory after loading the model and serving 1,000 predictions (budget 400 MB)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import orjson

from app.model.loaded import STATE_FILE, WEIGHTS_FILE
from app.storage.models import ModelStore, new_version_id
from app.storage.s3 import Bucket
from bench.app import quality
from bench.app.servers import App, Moto, time_import_torch

COLD_RUNS = 3
results: list[bool] = []


def report(name: str, detail: str, ok: bool) -> None:
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name:<22} {detail}", flush=True)


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def client(url: str, rows: list[object], mode: str, work: Path) -> dict[str, object]:
    path = work / f"rows-{mode}.json"
    path.write_bytes(orjson.dumps(rows))
    out = subprocess.run(
        [sys.executable, "-m", "bench.app.client", url, str(path), mode],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = orjson.loads(out.stdout)
    return result


def fastai_predict_p50(q: quality.Quality, n: int = 200) -> float:
    learn = q.trained.learner
    raw = q.frame.drop(columns="y").iloc[q.valid_idx[:n]]
    times = []
    with learn.no_bar():
        for i in range(len(raw)):
            t = time.perf_counter()
            learn.predict(raw.iloc[i])
            times.append(time.perf_counter() - t)
    return statistics.median(times[10:])


def floor_rows_per_s(files: dict[str, bytes], rows: list[dict[str, object]], work: Path) -> float:
    model_dir = work / "model"
    model_dir.mkdir(exist_ok=True)
    for name, body in files.items():
        (model_dir / name).write_bytes(body)
    rows_file = work / "rows-floor.json"
    rows_file.write_bytes(orjson.dumps(rows))
    out = subprocess.run(
        [sys.executable, "-m", "bench.app.floor", str(model_dir), str(rows_file)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout.strip())


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-app-"))
    print(f"bench-app: logs in {work}", flush=True)
    print("training on friedman1 (20,000 rows, default hyperparameters) ...", flush=True)
    q = quality.run()
    report(
        "quality",
        f"valid RMSE {q.nn_rmse:.4f} | HistGradientBoosting {q.hgb_rmse:.4f} | noise floor 1.0 "
        f"(targets: <= 1.05 and <= HGB; ratio NN/HGB {q.nn_rmse / q.hgb_rmse:.3f})",
        q.nn_rmse <= 1.05 and q.nn_rmse <= q.hgb_rmse,
    )

    files = {STATE_FILE: q.trained.state.model_dump_json().encode(), WEIGHTS_FILE: q.trained.weights}
    moto = Moto(work / "moto.log")
    apps: list[App] = []
    try:
        s3 = moto.s3()
        s3.create_bucket(Bucket="bench")
        store = ModelStore(Bucket(s3, "bench"))
        version = new_version_id()
        store.write_version(version, files)
        store.activate(version)

        torch_times, cold_times = [], []
        for i in range(COLD_RUNS):  # interleaved, so both see the same machine load
            torch_times.append(time_import_torch())
            app = App(moto, "bench", work / f"app-{i}.log")
            apps.append(app)
            cold_times.append(app.wait_ready())
            if i < COLD_RUNS - 1:
                app.stop()
        t_torch, t_cold = statistics.median(torch_times), statistics.median(cold_times)
        report(
            "cold start",
            f"{t_cold:.2f} s to ready | import torch {t_torch:.2f} s | ratio "
            f"{t_cold / t_torch:.2f}x (target <= 1.5x)",
            t_cold <= 1.5 * t_torch,
        )

        server = apps[-1]
        valid_rows = quality.json_rows(q.frame, q.valid_idx)
        single = client(server.url, valid_rows[:500], "single", work)
        rss = server.rss_mb()
        lat = [float(x) * 1000 for x in single["latencies_s"]]  # type: ignore[attr-defined]
        fastai_p50 = fastai_predict_p50(q) * 1000
        p50 = pct(lat, 50)
        report(
            "single-row predict",
            f"HTTP p50 {p50:.2f} ms p99 {pct(lat, 99):.2f} ms | fastai learn.predict "
            f"p50 {fastai_p50:.2f} ms | speedup {fastai_p50 / p50:.1f}x (target >= 8x)",
            fastai_p50 / p50 >= 8,
        )
        report(
            "memory",
            f"RSS {rss:.0f} MB after loading the model and 1,200 predictions (budget 400 MB; "
            f"ratio {rss / 400:.2f})",
            rss <= 400,
        )

        rows = (valid_rows * 3)[:10_000]
        batch = client(server.url, rows, "batch", work)
        served = 10_000 / statistics.median(batch["latencies_s"])  # type: ignore[arg-type]
        floor = floor_rows_per_s(files, rows, work)
        report(
            "10k-row predict",
            f"{served:,.0f} rows/s over HTTP | floor (orjson decode + forward) "
            f"{floor:,.0f} rows/s | ratio {served / floor:.2f} (target >= 0.5)",
            served >= 0.5 * floor,
        )
        print(f"      (RSS after the 10k-row requests: {server.rss_mb():.0f} MB)")
    finally:
        for app in apps:
            app.stop()
        moto.stop()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
