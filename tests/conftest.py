"""Shared test helpers."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import settings

# No test asserts a time: hypothesis' per-example deadline (200 ms) would, and
# a shared 2-core machine under load passes it now and then (a flaky failure).
settings.register_profile("cardvalid", deadline=None)
settings.load_profile("cardvalid")


def require_system(cmd: str) -> str:
    """The path of the system command `cmd`; skip the test when it is missing.

    With `CARDVALID_REQUIRE_SYSTEM=1` (CI) a missing command fails the test instead.
    """
    path = shutil.which(cmd)
    if path is None:
        if os.environ.get("CARDVALID_REQUIRE_SYSTEM") == "1":
            pytest.fail(f"{cmd} is required (CARDVALID_REQUIRE_SYSTEM=1) but not installed")
        pytest.skip(f"{cmd} is not installed")
    return path
