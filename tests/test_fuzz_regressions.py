"""Every crash the fuzzer (fuzz/) found, kept as a test.

`fuzz/crashes/<target>/<class>` holds one input per crash class (and in
`<class>.pin` the planted number's brand, prefix and length, so the input
reads the same however the brand table grows); each is replayed through its
target with the same checks as under atheris (no exception but the
documented TypeError, no planted number in any output), without the time
bound. Classes whose fix belongs to another lane's files
are strict xfails naming that fix: remove the marker once it is merged.

The crash classes outside the fuzz inputs' own files are also spelled out
below as plain calls, with numbers built from a prefix at test time.
"""

from __future__ import annotations

import importlib
import io
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

import cardvalid as cv
from cardvalid.cli import main

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
CRASHES = FUZZ / "crashes"

_GUARD = "fixed by the safety lane: the one cleaner and guard ({})"
_PYDANTIC = "fixed by the pydantic lane: {}"
_CLI = "fixed by the batchcli lane: argparse errors and file names redacted"
# <target>/<class> -> why it still fails on this branch
OPEN: dict[str, str] = {
    "validate/repr-expiry-tuple-tab-newline": _GUARD.format("CardDetails repr, tuple expiry"),
    "validate/repr-expiry-dict": _GUARD.format("CardDetails repr, dict expiry"),
    "validate/repr-expiry-list": _GUARD.format("CardDetails repr, list expiry"),
    "validate/repr-expiry-month-year-split": _GUARD.format("repr, split month/year fields"),
    "validate/repr-expiry-month-digit-forms": _GUARD.format("repr, digit forms"),
    "validate/repr-expiry-digit-forms": _GUARD.format("repr, digit forms"),
    "validate/repr-name-line1-split": _GUARD.format("repr, split across name and line1"),
    "validate/line1-line2-split": _GUARD.format("split across line1 and line2"),
    "validate/line1-digit-forms": _GUARD.format("address lines, digit forms"),
    "validate/line2-unicode-separators": _GUARD.format("address lines, Unicode separators"),
    "validate/city-digit-forms-unicode-separators": _GUARD.format("city, digit forms"),
    "validate/name-digit-forms": _GUARD.format("name, digit forms"),
    "validate/phone-unicode-separators": _GUARD.format("phone, Unicode separators"),
    "validate/country-digit-forms": _GUARD.format("country, digit forms"),
    "validate/postal-code-digit-forms": _GUARD.format("postal code, digit forms"),
    "validate/state-unicode-separators": _GUARD.format("state, Unicode separators"),
    "check_address/line1-line2-split": _GUARD.format("split across line1 and line2"),
    "check_address/city-unicode-separators": _GUARD.format("city, Unicode separators"),
    "check_address/phone-prefix": _GUARD.format("phone with a 0/00/+ prefix (E.164)"),
    "validate_many/line2-digit-forms": _GUARD.format("line2, digit forms"),
    "cli_check/city-digit-forms": _GUARD.format("the command's JSON lines"),
    "cli_check/line1-line2-split": _GUARD.format("the command's JSON lines, line1 + line2"),
    "cli_args/argument-ascii": _CLI,
    "pydantic/errors-input-name-digit-forms": _GUARD.format("errors() input, digit forms"),
    "pydantic/errors-input-phone-unicode-separators": _GUARD.format("errors() input, phone"),
    "pydantic/errors-input-expiry-digit-forms": _GUARD.format("errors() input, expiry"),
    "pydantic/cvc-tag-characters-type-error": _GUARD.format(
        "check_cvc drops Cf tag characters that normalize_number does not read, so "
        "CardSecurityCode's _digits_of raises a bare TypeError"
    ),
}


def _crash_files() -> Iterator[Any]:
    for path in sorted(CRASHES.glob("*/*")):
        if path.suffix == ".pin":
            continue
        key = f"{path.parent.name}/{path.name}"
        marks = [pytest.mark.xfail(strict=True, reason=OPEN[key])] if key in OPEN else []
        yield pytest.param(path, id=key, marks=marks)


@pytest.fixture(scope="module")
def fuzz_modules() -> tuple[Any, Any]:
    sys.path.insert(0, str(FUZZ))
    try:
        return importlib.import_module("harness"), importlib.import_module("targets")
    finally:
        sys.path.remove(str(FUZZ))


def test_every_open_class_has_its_crash_file() -> None:
    for key in OPEN:
        assert (CRASHES / key).is_file(), key


@pytest.mark.parametrize("path", list(_crash_files()))
def test_crash_input_no_longer_crashes(path: Path, fuzz_modules: tuple[Any, Any]) -> None:
    harness, targets = fuzz_modules
    brand, prefix, length = path.with_name(path.name + ".pin").read_text().split()
    harness.check(targets.TARGETS[path.parent.name], path.read_bytes(), time_bound=None,
                  pin=(brand, prefix, int(length)))


# --- the crashes fixed on this branch, as plain calls ---------------------------------


def _luhn(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str(-total % 10)


NUMBER = _luhn("4" + "01234560123456")  # a Visa number built here, never a literal


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isascii() and ch.isdigit())


@pytest.mark.parametrize("code", [10**5000, -(10**5000), int(NUMBER) * 10**4400],
                         ids=["10**5000", "-10**5000", "number*10**4400"])
def test_explain_decline_of_a_huge_int_is_an_unknown_code(code: int) -> None:
    decline = cv.explain_decline(code)
    assert not decline.known
    assert decline.action is cv.Action.CONTACT_BANK
    assert decline.code == ""


@pytest.mark.parametrize("country", [[], {}, ("US",), b"US", 1])
def test_predict_avs_names_the_country_in_its_type_error(country: object) -> None:
    with pytest.raises(TypeError, match=r"^country must be str or None, not \w+$"):
        cv.predict_avs("match", "match", country=country)  # type: ignore[arg-type]


@pytest.mark.xfail(strict=True, reason=_GUARD.format("str() of a huge int in a repr"))
def test_repr_of_details_with_a_huge_int_expiry() -> None:
    assert "expiry=" in repr(cv.CardDetails(expiry=10**5000))


SPELLINGS = [
    NUMBER,
    " ".join(NUMBER[i : i + 4] for i in range(0, 16, 4)),
    "-".join(NUMBER),
    "\u2013".join(NUMBER[i : i + 4] for i in range(0, 16, 4)),
    " - ".join(NUMBER[i : i + 4] for i in range(0, 16, 4)),
]


def _argv(spelled: str, missing: Path) -> list[list[str]]:
    return [
        ["check", str(missing), "--today", spelled],
        ["check", str(missing), "--max-years", spelled],
        ["check", str(missing), "--format", spelled],
        [spelled],
        ["check", str(missing.parent / spelled.replace("/", "_"))],
    ]


@pytest.mark.xfail(strict=True, reason=_CLI)
@pytest.mark.parametrize("spelled", SPELLINGS)
def test_command_errors_never_echo_a_card_number(spelled: str, tmp_path: Path) -> None:
    for argv in _argv(spelled, tmp_path / "missing.csv"):
        err = io.StringIO()
        with redirect_stderr(err), redirect_stdout(err):
            try:
                status = main(argv)
            except SystemExit as exit_:
                status = exit_.code  # type: ignore[assignment]
        assert status == 2
        assert NUMBER not in _digits(err.getvalue()), argv[1:]


def test_command_errors_still_show_a_value_that_is_no_card_number(tmp_path: Path) -> None:
    err = io.StringIO()
    with redirect_stderr(err), pytest.raises(SystemExit):
        main(["check", str(tmp_path / "x.csv"), "--today", "2026-13-01"])
    assert "'2026-13-01'" in err.getvalue()
