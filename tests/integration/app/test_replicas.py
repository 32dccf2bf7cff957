"""Several app processes on one bucket: activation reaches all of them, restarts serve the active version,
and a bucket that is down at start is survived."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
from app.sample import FEATURES

from tests.integration.app.conftest import (
    AUTH,
    AppServer,
    MotoServer,
    Seeded,
    free_port,
    train,
    upload,
    wait_for,
)

ROW = {f: 0.5 for f in FEATURES} | {"cat": "b"}


def test_activation_reaches_every_replica_without_failed_requests(
    app_factory: Callable[..., AppServer], seeded: Seeded
) -> None:
    bucket, v1, v2 = seeded.copy(), seeded.v1, seeded.v2
    a, b = app_factory(bucket), app_factory(bucket)
    a.wait_serving(v1)
    b.wait_serving(v1)
    stop = threading.Event()
    seen: list[tuple[int, str | None]] = []

    def hammer(url: str) -> None:
        with httpx.Client(base_url=url, timeout=30) as c:
            while not stop.is_set():
                r = c.post("/predict", json={"rows": [ROW]})
                seen.append((r.status_code, r.json().get("model_version")))

    threads = [threading.Thread(target=hammer, args=(s.url,)) for s in (a, b)]
    for t in threads:
        t.start()
    try:
        with a.client() as ca, b.client() as cb:
            assert cb.post(f"/models/{v2}/activate", headers=AUTH).status_code == 200  # forward through B
            b.wait_serving(v2, timeout=5)
            a.wait_serving(v2)
            assert ca.post(f"/models/{v1}/activate", headers=AUTH).status_code == 200  # back through A
            a.wait_serving(v1, timeout=5)
            b.wait_serving(v1)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert seen
    assert {code for code, _ in seen} == {200}
    assert {v for _, v in seen} == {v1, v2}


def test_restarted_process_serves_the_active_version(
    app_factory: Callable[..., AppServer], seeded: Seeded
) -> None:
    bucket = seeded.copy()
    first = app_factory(bucket)
    first.wait_serving(seeded.v1)
    with first.client() as c:
        assert c.post(f"/models/{seeded.v2}/activate", headers=AUTH).status_code == 200
    assert first.stop() in (0, -signal.SIGTERM)
    second = app_factory(bucket)
    second.wait_serving(seeded.v2)
    with second.client() as c:
        assert c.post("/predict", json={"rows": [ROW]}).json()["model_version"] == seeded.v2


def test_bucket_down_at_start_then_recovers(
    app_factory: Callable[..., AppServer], tmp_path: Path, sample_csv: bytes
) -> None:
    port = free_port()
    app = app_factory("models-late", endpoint=f"http://127.0.0.1:{port}", S3_TIMEOUT_S="1")
    with app.client() as c:
        assert c.get("/health/live").status_code == 200
        wait_for(
            lambda: "unreachable" in c.get("/health/ready").json().get("reason", ""), 20, "ready to say why"
        )
        assert c.get("/health/ready").status_code == 503
        assert c.post("/predict", json={"rows": [ROW]}).status_code == 503
        assert c.post("/datasets", files={"file": ("d.csv", sample_csv)}, headers=AUTH).status_code == 503

        late = MotoServer(port, tmp_path / "moto-late.log").start()
        try:
            late.s3().create_bucket(Bucket="models-late")
            wait_for(
                lambda: "no active model" in c.get("/health/ready").json().get("reason", ""),
                20,
                "the app to notice the bucket is back",
            )
            version = train(c, upload(c, sample_csv), epochs=1)["model_version"]
            app.wait_serving(version)
        finally:
            late.stop()


def test_a_new_replica_answers_nothing_before_it_serves_the_active_model(
    app_factory: Callable[..., AppServer], seeded: Seeded
) -> None:
    # The target group probes /health/live: the first answer a replica gives is when the ALB may route to it.
    app = app_factory(seeded.copy())
    with app.client() as c:
        assert c.get("/health/ready").json().get("model_version") == seeded.v1
        assert c.post("/predict", json={"rows": [ROW]}).status_code == 200
