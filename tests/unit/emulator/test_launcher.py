"""The launcher's decisions that need no emulator: taken ports, stale pid files, the process environment."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from dev.emulator import launcher
from dev.emulator.__main__ import main


def test_taken_port_fails_at_once_naming_the_fix(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(launcher.EmulatorError, match="--port"):
            launcher.start(port=port, state_dir=tmp_path)


def test_no_state_means_no_emulator(tmp_path: Path) -> None:
    assert launcher.status(tmp_path) is None
    assert launcher.stop(tmp_path) is False


def test_stale_pid_file_is_not_a_running_emulator(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    (tmp_path / "emulator.pid").write_text(f"{proc.pid}\n")
    info = {"endpoint_url": "http://localhost:1", "port": 1, "log_file": str(tmp_path / "emulator.log")}
    (tmp_path / "emulator.json").write_text(json.dumps(info))
    assert launcher.status(tmp_path) is None


def test_emulator_env_is_loopback_only_and_drops_caller_aws_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_PROFILE", "prod")
    monkeypatch.setenv("LOCALSTACK_AUTH_TOKEN", "secret")
    env = launcher.emulator_env(4599, tmp_path, {"IAC_EMULATOR_PRELOAD": "0"})
    assert env["GATEWAY_LISTEN"] == "127.0.0.1:4599"
    assert env["FILESYSTEM_ROOT"] == str(tmp_path / "fs")
    assert env["DNS_ADDRESS"] == "0"
    assert env["IAC_EMULATOR_PRELOAD"] == "0"
    assert "AWS_PROFILE" not in env
    assert "LOCALSTACK_AUTH_TOKEN" not in env


def test_free_port_is_bindable() -> None:
    port = launcher.free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def test_cli_status_exits_1_when_nothing_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--state-dir", str(tmp_path)]) == 1
    assert "no emulator running" in capsys.readouterr().out


def test_cli_reports_a_taken_port_as_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        assert main(["start", "--port", str(sock.getsockname()[1]), "--state-dir", str(tmp_path)]) == 2
    assert "already in use" in capsys.readouterr().err


def test_pid_file_naming_an_unrelated_process_is_not_an_emulator(tmp_path: Path) -> None:
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as other:
        try:
            (tmp_path / "emulator.pid").write_text(f"{other.pid}\n")
            log = str(tmp_path / "emulator.log")
            info = {"endpoint_url": "http://localhost:1", "port": 1, "log_file": log}
            (tmp_path / "emulator.json").write_text(json.dumps(info))
            assert launcher.status(tmp_path) is None
            assert launcher.stop(tmp_path) is False  # and it is not killed
            assert other.poll() is None
        finally:
            other.kill()
