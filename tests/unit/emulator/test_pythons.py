"""Finding the interpreters the emulator needs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dev.emulator import pythons


def test_version_of_a_running_interpreter() -> None:
    assert pythons.version_of(sys.executable) == sys.version_info[:2]


def test_version_of_something_that_does_not_run_is_none(tmp_path: Path) -> None:
    assert pythons.version_of(str(tmp_path / "missing-python")) is None


def test_emulator_python_env_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMULATOR_PYTHON", "/opt/custom/python3.13")
    assert pythons.candidates()[0] == "/opt/custom/python3.13"


def test_no_fitting_python_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pythons, "candidates", lambda: [sys.executable] if sys.version_info < (3, 12) else [])
    with pytest.raises(pythons.PythonNotFoundError, match="EMULATOR_PYTHON"):
        pythons.find_base_python()


def test_missing_emulator_venv_names_make_target(tmp_path: Path) -> None:
    with pytest.raises(pythons.PythonNotFoundError, match="make emulator-venv"):
        pythons.emulator_python(tmp_path / ".venv-emulator")


def test_too_old_emulator_venv_names_the_fix(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    fake = venv / "bin" / "python"
    fake.write_text("#!/bin/sh\necho 3 11\n")  # answers like a Python 3.11
    fake.chmod(0o755)
    with pytest.raises(pythons.PythonNotFoundError, match=r">= 3\.12"):
        pythons.emulator_python(venv)
