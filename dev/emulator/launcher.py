"""Start, find and stop the emulator as a host process (LocalStack core + this project's provider plugin).

One emulator per state directory: its pid file, log and LocalStack filesystem root live there. Used by the
Makefile (through ``python -m dev.emulator``), by the integration-test fixture and by the local data plane.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from dev.emulator.pythons import REPO_ROOT, emulator_python
from dev.processes import pid_alive

DEFAULT_PORT = 4566
DEFAULT_STATE_DIR = REPO_ROOT / ".local" / "emulator"
DEFAULT_REGION = "us-east-1"
HEALTH_PATH = "/_localstack/health"


class EmulatorError(RuntimeError):
    """The emulator could not be started or reached; the message names the fix."""


@dataclass(frozen=True)
class EmulatorHandle:
    """A running emulator: where to reach it and how to stop it."""

    endpoint_url: str
    pid: int
    port: int
    state_dir: Path
    log_file: Path
    region: str = DEFAULT_REGION

    def to_json(self) -> str:
        data = asdict(self)
        data.update(state_dir=str(self.state_dir), log_file=str(self.log_file))
        return json.dumps(data)


def _paths(state_dir: Path) -> tuple[Path, Path, Path]:
    return state_dir / "emulator.pid", state_dir / "emulator.log", state_dir / "emulator.json"


def _is_emulator(pid: int) -> bool:
    # A stale pid file may name a pid that the system has since given to an unrelated process.
    try:
        return b"localstack" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): trust the pid


def _healthy(endpoint_url: str, timeout: float = 2.0) -> bool:
    try:
        return httpx.get(endpoint_url + HEALTH_PATH, timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A port nothing listens on now (for tests and parallel emulators)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def status(state_dir: Path = DEFAULT_STATE_DIR) -> EmulatorHandle | None:
    """The emulator recorded in ``state_dir`` when its process is alive, else None."""
    state_dir = state_dir.resolve()
    pid_file, _, info_file = _paths(state_dir)
    if not pid_file.exists() or not info_file.exists():
        return None
    try:
        pid = int(pid_file.read_text().strip())
        info = json.loads(info_file.read_text())
    except (ValueError, OSError):
        return None
    if not pid_alive(pid) or not _is_emulator(pid):
        return None
    return EmulatorHandle(
        endpoint_url=info["endpoint_url"],
        pid=pid,
        port=int(info["port"]),
        state_dir=state_dir,
        log_file=Path(info["log_file"]),
        region=info.get("region", DEFAULT_REGION),
    )


def emulator_env(port: int, state_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment of the LocalStack process: loopback only, no DNS server, no telemetry, own filesystem."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "LOCALSTACK_"))}
    env.update(
        GATEWAY_LISTEN=f"127.0.0.1:{port}",
        LOCALSTACK_HOST=f"localhost:{port}",
        FILESYSTEM_ROOT=str(state_dir / "fs"),
        DNS_ADDRESS="0",
        DISABLE_EVENTS="1",
        SKIP_SSL_CERT_DOWNLOAD="1",
        PERSISTENCE="0",
        PROVIDER_OVERRIDE_EC2="iac",  # LocalStack's EC2 + the plugin's fixes (plugin/iac_emulator/ec2.py)
        PYTHONUNBUFFERED="1",
    )
    env.update(extra or {})
    return env


def _log_tail(log_file: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log_file.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start(
    port: int = DEFAULT_PORT,
    state_dir: Path = DEFAULT_STATE_DIR,
    *,
    timeout: float = 90.0,
    extra_env: dict[str, str] | None = None,
    venv: Path | None = None,
) -> EmulatorHandle:
    """Start an emulator (or return the one already running for ``state_dir``) and wait until healthy."""
    state_dir = state_dir.resolve()
    if running := status(state_dir):
        if _healthy(running.endpoint_url):
            return running
        raise EmulatorError(
            f"an emulator (pid {running.pid}) is recorded in {state_dir} but does not answer on "
            f"{running.endpoint_url}: stop it with `python -m dev.emulator stop --state-dir {state_dir}`"
        )
    if not _port_free(port):
        raise EmulatorError(
            f"port {port} is already in use by another process: stop that process, or start the emulator "
            f"on another port (`python -m dev.emulator start --port <free port>`)"
        )
    python = emulator_python(venv)
    pid_file, log_file, info_file = _paths(state_dir)
    (state_dir / "fs").mkdir(parents=True, exist_ok=True)
    endpoint_url = f"http://localhost:{port}"
    with log_file.open("ab") as log:
        proc = subprocess.Popen(
            [str(python), "-m", "localstack.runtime.main"],
            env=emulator_env(port, state_dir, extra_env),
            cwd=state_dir,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends it and its children together
        )
    handle = EmulatorHandle(endpoint_url, proc.pid, port, state_dir, log_file)
    pid_file.write_text(f"{proc.pid}\n")
    info_file.write_text(handle.to_json())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pid_file.unlink(missing_ok=True)
            raise EmulatorError(
                f"the emulator exited with code {proc.returncode} while starting; log {log_file}:\n"
                f"{_log_tail(log_file)}"
            )
        if _healthy(endpoint_url, timeout=1.0):
            return handle
        time.sleep(0.2)
    stop(state_dir)
    raise EmulatorError(f"the emulator did not become healthy within {timeout:.0f} s; log {log_file}")


def stop(state_dir: Path = DEFAULT_STATE_DIR, *, grace: float = 10.0) -> bool:
    """Stop the emulator of ``state_dir`` (SIGTERM, then SIGKILL after ``grace``); False if none ran."""
    state_dir = state_dir.resolve()
    pid_file, _, _ = _paths(state_dir)
    running = status(state_dir)
    pid_file.unlink(missing_ok=True)
    if running is None:
        return False
    with contextlib.suppress(ProcessLookupError):
        os.killpg(running.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and pid_alive(running.pid):
        _reap(running.pid)
        time.sleep(0.1)
    if pid_alive(running.pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(running.pid, signal.SIGKILL)
    _reap(running.pid)
    return True


def _reap(pid: int) -> None:
    # When this process started the emulator, collect its exit status so it does not linger as a zombie.
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)
