"""Find the interpreters the emulator needs: a base Python >= 3.12 and the emulator's own venv.

Stdlib only, so `make emulator-venv` can call it before anything else is installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

MIN_VERSION = (3, 12)
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_VENV = REPO_ROOT / ".venv-emulator"

NO_PYTHON_HINT = (
    "no Python >= 3.12 found (localstack-core 2026.3.0 needs it). Install one (e.g. `pyenv install 3.13`) "
    "or point EMULATOR_PYTHON at its interpreter, then run `make emulator-venv`."
)


class PythonNotFoundError(RuntimeError):
    """No interpreter fit to run the emulator; the message names the fix."""


def version_of(python: str) -> tuple[int, int] | None:
    """Major/minor of an interpreter, or None when it does not run (pyenv shims of other versions fail)."""
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    return (int(out[0]), int(out[1])) if len(out) == 2 else None


def candidates() -> list[str]:
    """Interpreters to try, in the documented order."""
    found: list[str] = []
    if env := os.environ.get("EMULATOR_PYTHON"):
        found.append(env)
    for name in ("python3.13", "python3.12"):
        if path := shutil.which(name):
            found.append(path)
    home = Path.home()
    found += sorted(glob.glob(str(home / ".pyenv/versions/3.1[23]*/bin/python")), reverse=True)
    return found


def find_base_python() -> str:
    """First candidate that runs and is >= 3.12."""
    for python in candidates():
        version = version_of(python)
        if version is not None and version >= MIN_VERSION:
            return python
    raise PythonNotFoundError(NO_PYTHON_HINT)


def emulator_python(venv: Path | None = None) -> Path:
    """The interpreter of the emulator venv; raises with the fix when it is missing or too old."""
    venv = venv or Path(os.environ.get("EMULATOR_VENV", DEFAULT_VENV))
    python = venv / "bin" / "python"
    if not python.exists():
        raise PythonNotFoundError(f"{venv} does not exist: run `make emulator-venv` first")
    version = version_of(str(python))
    if version is None or version < MIN_VERSION:
        raise PythonNotFoundError(
            f"{python} is Python {version}, the emulator needs >= 3.12: "
            f"`rm -rf {venv} && make emulator-venv` (set EMULATOR_PYTHON if needed)"
        )
    return python


if __name__ == "__main__":
    # `python3 -m dev.emulator.pythons`: print the base interpreter for `make emulator-venv`.
    import sys

    try:
        print(find_base_python())
    except PythonNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
