"""Shared test helpers."""

from __future__ import annotations

import os
import shutil

import pytest


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
