"""dev/cli/up.py's checks before anything starts: each failure names its fix and starts nothing."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from dev.cli import up
from dev.cli.config import CliError, LocalConfig
from dev.emulator.launcher import free_port


@pytest.fixture
def listening() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.fixture
def cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LocalConfig:
    monkeypatch.setenv("IAC_LOCAL_DIR", str(tmp_path))
    monkeypatch.setenv("EMULATOR_PORT", str(free_port()))
    monkeypatch.setenv("IAC_PLATFORM_PORT_OFFSET", str(free_port() - 80))
    return LocalConfig()


def test_missing_terraform_is_named_with_where_to_get_it(
    cfg: LocalConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(up.shutil, "which", lambda _name: None)
    with pytest.raises(CliError, match=r"missing prerequisites:\n  terraform \(1\.11\): https://"):
        up.check_prerequisites(cfg)


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """terraform, tflocal and the AWS CLI present (as empty stand-ins): only the ports are left to check."""
    for tool in (tmp_path / ".venv-emulator" / "bin" / "tflocal", tmp_path / ".venv" / "bin" / "aws"):
        tool.parent.mkdir(parents=True, exist_ok=True)
        tool.touch()
    monkeypatch.setattr(up.shutil, "which", lambda _name: "/usr/bin/terraform")
    monkeypatch.setattr(up, "ROOT", tmp_path)
    monkeypatch.setattr(LocalConfig, "venv_bin", property(lambda _self: tmp_path / ".venv" / "bin"))


@pytest.mark.usefixtures("installed")
def test_emulator_port_in_use_names_the_variable_to_move_it(cfg: LocalConfig, listening: int) -> None:
    cfg = cfg.model_copy(update={"emulator_port": listening})
    with pytest.raises(
        CliError, match=rf"port {listening} is in use.*make local-up EMULATOR_PORT=<free port>"
    ):
        up.check_prerequisites(cfg)


@pytest.mark.usefixtures("installed")
def test_listener_port_in_use_names_the_offset_setting(cfg: LocalConfig, listening: int) -> None:
    cfg = cfg.model_copy(update={"port_offset": listening - 80})
    with pytest.raises(
        CliError, match=rf"port {listening} \(the ALB's HTTP listener\).*IAC_PLATFORM_PORT_OFFSET"
    ):
        up.check_prerequisites(cfg)


@pytest.mark.usefixtures("installed")
def test_prerequisites_pass_on_free_ports(cfg: LocalConfig) -> None:
    up.check_prerequisites(cfg)


def test_a_second_local_up_is_refused_while_one_runs(tmp_path: Path) -> None:
    held = up.hold_lock(tmp_path / "local-up.lock", "another `make local-up`")
    try:
        with pytest.raises(CliError, match="another `make local-up` is already running"):
            up.hold_lock(tmp_path / "local-up.lock", "another `make local-up`")
    finally:
        held.close()
    up.hold_lock(tmp_path / "local-up.lock", "another `make local-up`").close()
