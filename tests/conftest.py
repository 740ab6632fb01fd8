"""Shared test helpers."""

from __future__ import annotations

import os
import shutil

import pytest


def require_system(cmd: str) -> str:
    """The path of the system command `cmd`, else skip (fail when CARDVALID_REQUIRE_SYSTEM=1)."""
    path = shutil.which(cmd)
    if path is None:
        message = f"{cmd} is not installed"
        if os.environ.get("CARDVALID_REQUIRE_SYSTEM") == "1":
            pytest.fail(f"{message} and CARDVALID_REQUIRE_SYSTEM=1")
        pytest.skip(message)
    return path
