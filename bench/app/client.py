"""Load generator, run as its own process: ``python -m bench.app.client <url> <rows.json> <mode>``.

Uses the standard library's keep-alive HTTP connection: its per-request overhead is lower than httpx's,
so the numbers are the server's. Prints one JSON object.
"""

from __future__ import annotations

import http.client
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import orjson

HEADERS = {"Content-Type": "application/json"}


def _post(conn: http.client.HTTPConnection, body: bytes) -> bytes:
    conn.request("POST", "/predict", body, HEADERS)
    resp = conn.getresponse()
    data = resp.read()
    if resp.status != 200:
        raise RuntimeError(f"predict answered {resp.status}: {data[:300]!r}")
    return data


def single(conn: http.client.HTTPConnection, rows: list[object], n: int, warmup: int) -> dict[str, object]:
    bodies = [orjson.dumps({"rows": [rows[i % len(rows)]]}) for i in range(n + warmup)]
    for b in bodies[:warmup]:
        _post(conn, b)
    times = []
    for b in bodies[warmup:]:
        t = time.perf_counter()
        _post(conn, b)
        times.append(time.perf_counter() - t)
    return {"latencies_s": times}


def batch(conn: http.client.HTTPConnection, rows: list[object], n: int, warmup: int) -> dict[str, object]:
    body = orjson.dumps({"rows": rows})
    for _ in range(warmup):
        _post(conn, body)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        _post(conn, body)
        times.append(time.perf_counter() - t)
    return {"latencies_s": times, "rows": len(rows), "body_bytes": len(body)}


def main() -> None:
    url, rows_file, mode = sys.argv[1:4]
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname or "127.0.0.1", u.port, timeout=120)
    rows = orjson.loads(Path(rows_file).read_bytes())
    result = single(conn, rows, 1000, 200) if mode == "single" else batch(conn, rows, 15, 3)
    sys.stdout.write(orjson.dumps(result).decode())


if __name__ == "__main__":
    main()
