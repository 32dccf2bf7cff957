"""Repository-wide pytest configuration.

Area-specific fixtures live in the conftest.py of tests/<tier>/<area>/; session-scoped fixtures that
start slow things (emulator, app servers) live in tests/integration/conftest.py.
"""

from __future__ import annotations

import pytest

from tests.support.prereq import in_ci


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Everything under tests/integration is an integration test; `-m "not integration"` runs the fast tier.
    for item in items:
        if "tests/integration/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.integration)


def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    # A skip raised anywhere (a library's importorskip included) becomes a failure in CI.
    if in_ci() and call.excinfo is not None and call.excinfo.errisinstance(pytest.skip.Exception):
        call.excinfo = None
        pytest.fail("skipped in CI; CI must provide every prerequisite", pytrace=False)
