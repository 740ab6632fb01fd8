"""Edges of the address check that mutation testing found untested (issue 9)."""

from __future__ import annotations

import pytest

import cardvalid as cv
from cardvalid.address import country_name
from cardvalid.address._text import CAPS

LAS_VEGAS = {"line1": "1 Main St", "city": "Las Vegas", "state": "NV", "country": "US"}


def test_a_code_being_typed_that_can_only_become_another_states_is_named() -> None:
    result = cv.check_address(cv.Address(postal_code="902", **LAS_VEGAS), partial=True)
    assert result.codes == ("postal_code.state_mismatch",)
    assert dict(result.problems[0].params) == {
        "state": "NV", "state_name": "Nevada", "example": "88900",
    }


def test_a_code_being_typed_that_may_still_fit_is_incomplete() -> None:
    result = cv.check_address(cv.Address(postal_code="89", **LAS_VEGAS), partial=True)
    assert result.codes == ("postal_code.incomplete",)


def test_the_postal_code_cap_is_inclusive() -> None:
    cap = CAPS["postal_code"]
    kept = cv.Address(line1="1 Main St", city="Stockholm", country="SE",
                      postal_code=" " * (cap - 5) + "11151")
    assert cv.check_address(kept).normalized["postal_code"] == "111 51"
    over = cv.Address(line1="1 Main St", city="Stockholm", country="SE",
                      postal_code=" " * (cap - 4) + "11151")
    result = cv.check_address(over)
    assert result.codes == ("postal_code.too_long",)
    assert dict(result.problems[0].params) == {"max_length": cap}


def test_a_country_without_a_postal_format_keeps_a_clean_code() -> None:
    # North Korea has a postal-code field and no format in the address data.
    result = cv.check_address(cv.Address(line1="1 Main St", city="Pyongyang",
                                         postal_code="ab 12", country="KP"))
    assert result.ok
    assert result.normalized["postal_code"] == "AB 12"


def test_a_number_split_across_the_street_lines_drops_both() -> None:
    result = cv.check_address(cv.Address(line1="Storgatan 1 4111 1111", line2="1111 1111",
                                         city="Stockholm", postal_code="11151", country="SE"))
    assert result.codes == ("address.looks_like_card_number",) * 2
    assert [dict(p.params) for p in result.problems] == [{"field": "line1"}, {"field": "line2"}]
    assert "line1" not in result.normalized
    assert "line2" not in result.normalized


def test_line2_is_kept_in_normalized() -> None:
    result = cv.check_address(cv.Address(line1="Storgatan 1", line2="Lgh 1102", city="Stockholm",
                                         postal_code="11151", country="SE"))
    assert result.normalized["line2"] == "Lgh 1102"


def test_a_field_not_typed_yet_is_a_notice_with_the_same_params() -> None:
    address = cv.Address(line1="Storgatan 1", city="Stockholm", country="SE")
    [typing] = cv.check_address(address, partial=True).problems
    [complete] = cv.check_address(address).problems
    assert (typing.code, typing.severity) == ("postal_code.missing", cv.Severity.NOTICE)
    assert (complete.code, complete.severity) == ("postal_code.missing", cv.Severity.ERROR)
    assert dict(typing.params) == dict(complete.params) == {"example": "114 55", "country": "SE"}


def test_country_name_takes_text_only() -> None:
    assert country_name("SE") == "Sweden" and country_name("ZZ") == "ZZ"
    for value in (None, 752, b"SE"):
        with pytest.raises(TypeError, match="code must be a str"):
            country_name(value)
