"""Module READMEs match their variables and outputs; every checkov suppression says why."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from tests.unit.infra.conftest import INFRA, MODULES

SKIP = re.compile(r"#\s*checkov:skip=([A-Z0-9_]+)(?::(.*))?")


def _module_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("module_docs", INFRA / "scripts" / "module_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_readme_tables_are_up_to_date(module: Path) -> None:
    expected = _module_docs().rendered(module)
    assert (module / "README.md").read_text() == expected, (
        f"{module.name}/README.md is out of date: run .venv/bin/python infra/scripts/module_docs.py"
    )


def test_every_checkov_skip_has_a_reason() -> None:
    skips = []
    for path in INFRA.rglob("*.tf"):
        for line in path.read_text().splitlines():
            if match := SKIP.search(line):
                check, reason = match.groups()
                assert len((reason or "").strip()) >= 20, f"{path}: {check} is suppressed without a reason"
                skips.append(check)
    assert skips, "no suppressions found: the pattern no longer matches the files"


def test_no_blanket_checkov_suppression() -> None:
    for path in [*INFRA.rglob("*.tf"), *INFRA.rglob(".checkov*")]:
        text = path.read_text()
        assert "skip-check" not in text, f"{path}: suppress inline, with a reason, not for a whole run"
        assert not re.search(r"checkov:skip=\s*$", text, re.MULTILINE), path
