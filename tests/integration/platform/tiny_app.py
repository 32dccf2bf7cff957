"""A tiny HTTP task for data-plane tests: what an app container does, in a few lines of stdlib.

Env: PORT/HOST (from the data plane), TINY_VERSION (echoed), TINY_EXIT_AT_START=1 (exits 3 at once, like an
app with an invalid setting), TINY_UNHEALTHY=1 (/health/live answers 500).
"""

from __future__ import annotations

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/health/live"):
            code = 500 if os.environ.get("TINY_UNHEALTHY") == "1" else 200
            self._send(code, {"status": "ok" if code == 200 else "failing"})
            return
        self._send(
            200,
            {
                "version": os.environ.get("TINY_VERSION", ""),
                "pid": os.getpid(),
                "path": self.path,
                "secret": os.environ.get("API_KEY", ""),
                "xff": self.headers.get("X-Forwarded-For", ""),
                "proto": self.headers.get("X-Forwarded-Proto", ""),
            },
        )

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send(200, {"echo": body.decode(), "pid": os.getpid()})

    def _send(self, code: int, payload: dict[str, object]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        print(f"{self.command} {self.path} {args[1] if len(args) > 1 else ''}", flush=True)


def main() -> int:
    if os.environ.get("TINY_EXIT_AT_START") == "1":
        print("invalid setting TINY_EXIT_AT_START=1", flush=True)
        return 3
    port = int(os.environ["PORT"])
    print(f"tiny app {os.environ.get('TINY_VERSION', '')} listening on {port}", flush=True)
    ThreadingHTTPServer((os.environ.get("HOST", "127.0.0.1"), port), Handler).serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
