"""One rule for missing test prerequisites: fail in CI, skip with the reason elsewhere."""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Stop the current test when ``condition`` is false.

    In CI (``CI=true``) a missing prerequisite is a failure, never a silent skip; outside CI the test is
    skipped and pytest's ``-rs`` summary prints ``reason``.
    """
    if condition:
        return
    if in_ci():
        pytest.fail(f"prerequisite missing in CI: {reason}", pytrace=False)
    pytest.skip(reason)
