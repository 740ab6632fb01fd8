"""The reading layer: one reading of the same data, whatever form it came in; one blank rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cardvalid as cv
from cardvalid.address.data import google_countries
from cardvalid.address.reading import _form_changed, _reformatted
from cardvalid.address.rules import rules_for
from cardvalid.batch.records import to_details
from cardvalid.reading import ADDRESS_FIELDS, DETAIL_FIELDS, Reading, read

TODAY = date(2026, 11, 26)

# Values as people and files give them: text (blank kinds included), whole numbers, absent.
_BLANKS = st.sampled_from(["", " ", "\t", "\u3164", "\u200b", " \u2800 "])
_TEXT = st.sampled_from([
    "4111 1111 1111 1111", "4111111111111112", "12/29", "2029-12", "13/29", "Anna Svensson",
    "Åsa Öberg", "123", "12", "29", "SE", "Sverige", "US", "CA", "Illinois", "111 51",
    "SE-111 51", "62704", "Drottninggatan 1", "Stockholm", "x" * 300, "+46 8 123 456 78",
])
_VALUE = st.one_of(st.none(), _BLANKS, _TEXT, st.integers(0, 10**6))
_NAME = st.one_of(st.none(), _BLANKS, _TEXT)


def _records() -> st.SearchStrategy[dict[str, object]]:
    fields = {f: _NAME if f == "name" else _VALUE for f in (*DETAIL_FIELDS, *ADDRESS_FIELDS)}
    return st.fixed_dictionaries({}, optional=fields)


def _as_card_details(record: dict[str, object]) -> cv.CardDetails:
    """The same data typed into the model (an address field holds text, so ints as text)."""
    parts = {k: v for k, v in record.items() if k in ADDRESS_FIELDS}
    address = {k: None if v is None else str(v) for k, v in parts.items()}
    return cv.CardDetails(
        address=cv.Address(**address) if any(v is not None for v in address.values()) else None,
        **{k: v for k, v in record.items() if k in DETAIL_FIELDS},  # type: ignore[arg-type]
    )


def _read_values(reading: Reading) -> tuple[Any, ...]:
    """What was read (not the objects it was read from)."""
    address = reading.address
    shown = None if address is None or address.blank else (
        address.country, address.country_found, address.line1, address.line2, address.city,
        address.state, address.state_code, address.postal, address.split_number)
    return reading.number, reading.expiry, reading.name, reading.cvc, shown


@settings(max_examples=300, deadline=None)
@given(_records())
def test_a_mapping_a_card_details_and_a_batch_row_read_the_same(record: dict[str, object]) -> None:
    nested = {k: v for k, v in record.items() if k in DETAIL_FIELDS}
    nested["address"] = {k: v for k, v in record.items() if k in ADDRESS_FIELDS}
    row, on_file = to_details(record)
    readings = [read(record), read(nested), read(_as_card_details(record)), read(row)]
    assert on_file is None
    first = _read_values(readings[0])
    assert all(_read_values(r) == first for r in readings[1:])
    codes = {cv.validate(form, today=TODAY).codes
             for form in (record, nested, _as_card_details(record), row)}
    assert len(codes) == 1


def test_a_blank_of_any_kind_is_absent_in_a_batch_row_as_in_validate() -> None:
    record = {"number": "4242 4242 4242 4242", "expiry": "12/29", "name": "\u200b"}
    (from_batch,) = cv.validate_many([record], today=TODAY)
    assert from_batch.codes == cv.validate(record, today=TODAY).codes == ("name.missing",)


def test_a_whole_number_postal_code_is_read_as_text_in_validate_as_in_a_batch() -> None:
    record = {"number": "4242 4242 4242 4242", "expiry": "12/29", "name": "Anna Svensson",
              "line1": "Drottninggatan 1", "city": "Stockholm", "postal_code": 11151,
              "country": "SE"}
    result = cv.validate(record, today=TODAY)
    (from_batch,) = cv.validate_many([record], today=TODAY)
    assert result.ok and result.normalized["postal_code"] == "111 51"
    assert from_batch.normalized == result.normalized


@pytest.mark.parametrize(("record", "field"), [
    ({"name": 5}, "name"), ({"number": 1.5}, "number"), ({"city": ["x"]}, "address.city"),
    ({"address": 5}, "address"), ({"cvc": b"123"}, "cvc"),
])
def test_a_value_of_the_wrong_type_is_a_type_error_naming_the_field(
    record: dict[str, object], field: str
) -> None:
    with pytest.raises(TypeError, match=rf"^{field} must be ") as caught:
        read(record)
    assert repr(next(iter(record.values()))) not in str(caught.value)


def test_what_reading_found_is_kept_beside_each_value() -> None:
    reading = read({"number": "4111 1111 1111 1111", "expiry": "12/29", "cvc": " ",
                    "line1": "x" * 300, "line2": "\x07", "city": "Malmö",
                    "postal_code": "SE-111 51", "country": "Sweden", "state": "Skåne"})
    address = reading.address
    assert address is not None
    assert reading.digits == "4111111111111111" and reading.expiry == (2029, 12)
    assert reading.cvc is None
    assert address.country == "SE" and address.city == ("Malmö", None)
    assert address.line1 == (None, "too_long") and address.line2 == (None, "invalid_characters")
    assert address.postal == ("111 51", "11151")
    bad_postal, unknown = read({"postal_code": "123", "country": "SE"}), read(
        {"country": "Atlantis"})
    assert bad_postal.address is not None and unknown.address is not None
    assert bad_postal.address.postal == "postal_code.format"
    assert unknown.address.country_found == "unknown"


def test_a_reading_never_shows_the_number_nor_the_code() -> None:
    reading = read({"number": "4111 1111 1111 1111", "cvc": "987", "name": "Anna Svensson"})
    shown = repr(reading) + str(reading)
    assert "4111111111111111" not in shown and "1111 1111 1111" not in shown
    assert "987" not in shown and "Anna" not in shown
    assert "411111******1111" in shown


def test_a_card_number_split_across_the_lines_is_found_once_and_judged_by_the_check() -> None:
    reading = read({"line1": "4111 1111", "line2": "1111 1111", "country": "SE"})
    assert reading.address is not None and reading.address.split_number
    result = cv.validate({"line1": "4111 1111", "line2": "1111 1111", "country": "SE"},
                         today=TODAY)
    assert result.codes.count("address.looks_like_card_number") == 2
    assert "line1" not in result.normalized and "line2" not in result.normalized


_POSTAL_COUNTRIES = sorted(
    code for code in google_countries() if rules_for(code).postal is not None)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_POSTAL_COUNTRIES), st.data())
def test_reformatted_equals_its_plain_rule(country: str, data: st.DataObject) -> None:
    """`_reformatted`'s shortcut (typed as canonical) agrees with `_form_changed` everywhere."""
    postal = rules_for(country).postal
    assert postal is not None
    example = data.draw(st.sampled_from(postal.examples))
    typed = data.draw(st.one_of(
        st.just(example), st.just(example.lower()), st.just(f" {example.replace(' ', '')}"),
        st.just(f"{country}-{example}"), st.text(alphabet="0123456789 -ABCXYZabc", max_size=12)))
    parsed = postal.parse(typed)
    if parsed is None:
        return
    canonical = parsed[0]
    assert not _form_changed(canonical, canonical)  # the shortcut's premise
    assert _reformatted(typed, canonical) == _form_changed(typed, canonical)
