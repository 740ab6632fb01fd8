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

# <target>/<class> -> why it still fails on this branch (the fixing lane is named, so the
# lead removes the marker after merging it). Every class found before main took the
# safety, pydantic and batchcli lanes is fixed; this one was found after.
OPEN: dict[str, str] = {}  # crash classes not fixed yet: key -> what is wrong


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
