"""Review of issue 12 / issue 10 items 3-4 / issue 8 finding 2: regressions found in review."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
import regex  # type: ignore[import-untyped]

from cardvalid import check_address, check_expiry, check_number, expiry, identify
from cardvalid.address.data import google_countries
from cardvalid.address.rules import rules_for
from cardvalid.address.states import resolve_state
from cardvalid.brands import PREFIX_DIGITS, entries, lookup
from cardvalid.model import Brand


def _compact(text: str) -> str:
    return "".join(text.upper().replace("-", "").split())


def _states_with_postal_prefixes() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for country in sorted(google_countries()):
        rules = rules_for(country)
        if rules.postal is None:
            continue
        found.extend((country, sub) for sub in rules.subs if sub.postal_match is not None)
    return found


def test_partial_postal_code_is_exact_against_the_state_given() -> None:
    """A code that can only grow into another state's code is not "incomplete".

    Oracle: the `regex` package's partial matching, of the country's format and
    of the state's prefix pattern; every typed head of every state's example,
    typed with every state of its country.
    """
    subs = _states_with_postal_prefixes()
    examples: dict[str, set[str]] = {}
    for country, sub in subs:
        examples.setdefault(country, set()).add(sub.postal_example)
    cases = 0
    wrong = []
    for country, sub in subs:
        postal = rules_for(country).postal
        assert postal is not None
        others = sorted(examples[country])[:: max(1, len(examples[country]) // 8)]
        for example in {sub.postal_example, *others}:
            for size in range(1, len(example)):
                typed = example[:size]
                compact = _compact(typed)
                oracle = (
                    regex.fullmatch(postal.loose.pattern, compact, partial=True) is not None
                    and regex.match(sub.postal_match.pattern, compact, partial=True) is not None
                )
                address = {"line1": "1 Main St", "city": "X", "state": sub.code,
                           "country": country, "postal_code": typed}
                result = check_address(address, partial=True)
                postal_codes = [c for c in result.codes if c.startswith("postal_code.")]
                cases += 1
                notices = {"postal_code.incomplete", "postal_code.reformatted"}
                if (set(postal_codes) <= notices) != oracle:
                    wrong.append((country, sub.code, typed, postal_codes))
    assert wrong == []
    assert cases > 10_000


def test_partial_postal_code_of_another_state_says_which_state() -> None:
    address = {"line1": "1 Main St", "city": "New York", "state": "NY", "country": "US"}
    result = check_address({**address, "postal_code": "90"}, partial=True)
    assert result.codes == ("postal_code.state_mismatch",)
    assert dict(result.problems[0].params) == {
        "state": "NY", "state_name": "New York", "example": "10000"}
    assert check_address({**address, "postal_code": "1"}, partial=True).ok
    assert check_address({**address, "postal_code": "063"}, partial=True).ok


# ------------------------------------------------------------------ brands

_INTERNATIONAL = (Brand.VISA, Brand.MASTERCARD, Brand.AMEX, Brand.DISCOVER, Brand.JCB,
                  Brand.DINERS_CLUB, Brand.UNIONPAY)
# Rows whose own prefixes sit inside an international network's range and
# deliberately do not name it (each decided in docs/brands.md): Elo's BINs
# (braintree names Elo alone), Verve's Discover-range block, Maestro's 493698
# (braintree), Interac's and eftpos' one-card test BINs (their processor names
# the domestic network alone).
_OWN_NETWORK_ONLY = {Brand.ELO, Brand.VERVE, Brand.MAESTRO, Brand.INTERAC, Brand.EFTPOS}


def test_a_domestic_row_never_hides_the_international_network_around_it() -> None:
    hidden = []
    for entry in entries():
        if entry.row.brand in _INTERNATIONAL or entry.row.brand in _OWN_NETWORK_ONLY:
            continue
        around = {
            other.row.brand
            for other in entries()
            if other.row.brand in _INTERNATIONAL and other.width < entry.width
            and other.start <= entry.start and entry.stop <= other.stop
        }
        digits = str(entry.start).zfill(PREFIX_DIGITS)
        missing = around - set(lookup(digits).brands)
        if missing:
            hidden.append((entry.row.brand, digits, missing))
    assert hidden == []


def test_stripes_bc_card_test_number_names_discover() -> None:
    info = identify("6555900000604105")
    assert info.brands == (Brand.BC_CARD, Brand.DINACARD, Brand.DISCOVER)
    assert check_number("6555900000604105").ok


def test_adyens_19_digit_maestro_test_card_is_maestro() -> None:
    info = identify("6000070736169237003")
    assert info.brand is Brand.MAESTRO
    assert check_number("6000070736169237003").ok
    assert identify("6070000000000000").brand is Brand.RUPAY  # the rest of 60 stays RuPay


# ------------------------------------------------------------ subdivision names


def test_a_state_typed_without_its_spaces_resolves() -> None:
    cases = [("IN", "Tamilnadu", "TN"), ("IN", "तमिलनाडु", "TN"), ("IN", "पश्चिमबंगाल", "WB"),
             ("US", "NewYork", "NY"), ("CA", "BritishColumbia", "BC")]
    for country, typed, code in cases:
        address = {"line1": "1 Main", "city": "X", "state": typed, "country": country}
        result = check_address(address)
        assert "state.unknown" not in result.codes, typed
        assert result.normalized["state"] == code, typed
    assert "state.unknown" in check_address(
        {"line1": "1 Main", "city": "X", "state": "NewYorkk", "country": "US"}).codes


def test_every_spaced_state_name_resolves_without_its_spaces() -> None:
    missed: list[tuple[str, str]] = []
    for country in ("IN", "US", "CA", "BR", "MX", "AU", "JP", "CN"):
        for key, code in rules_for(country).folded.items():
            if " " in key and resolve_state(country, key.replace(" ", "")) != code:
                missed.append((country, key))
    assert missed == []


# ------------------------------------------------------------ expiry as you type


def _spelled(year: int, month: int) -> list[str]:
    mm, yy = f"{month:02d}", f"{year % 100:02d}"
    return [f"{mm}/{yy}", f"{mm}{yy}", f"{mm}/{year}", f"{month}/{yy}", f"{year}-{mm}"]


@pytest.mark.parametrize(
    "today",
    [date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 31), datetime(2026, 12, 15, 23, 59)],
    ids=str,
)
def test_expiry_partial_is_exact_on_any_day_and_for_a_datetime(today: date) -> None:
    accepted = [
        text
        for year in range(today.year - 2, today.year + 22)
        for month in range(1, 13)
        for text in _spelled(year, month)
        if check_expiry(text, today=today).ok
    ]
    typed = {text[:k] for text in accepted for k in range(1, len(text) + 1)}
    typed |= {f"{m:02d}/{y}" for m in range(1, 13) for y in range(20, 30)}
    wrong = [
        text for text in sorted(typed)
        if check_expiry(text, today=today, partial=True).ok
        != any(a.startswith(text) for a in accepted)
    ]
    assert wrong == []


def test_expiry_partial_lists_the_accepted_dates_once_a_month() -> None:
    expiry._accepted.cache_clear()
    for day in range(2, 29):
        check_expiry("12/2", today=date(2026, 11, day), partial=True)
    for second in range(20):
        check_expiry("12/2", today=datetime(2026, 11, 26, 12, 0, second), partial=True)
    assert expiry._accepted.cache_info().misses == 1
