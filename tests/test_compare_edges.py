"""Edges of compare() that mutation testing found untested (issue 9)."""

from __future__ import annotations

import cardvalid as cv
from cardvalid.comparison import TEXT_CAP
from cardvalid.luhn import append_check_digit


def _numbers(length: int) -> tuple[str, str]:
    payload = "4" + "1" * (length - 2), "4" + "2" * (length - 2)
    return append_check_digit(payload[0]), append_check_digit(payload[1])


def test_numbers_of_19_and_12_digits_are_compared_and_show_their_last_four() -> None:
    for length in (19, 12):
        a, b = _numbers(length)
        result = cv.compare(cv.CardDetails(number=a), cv.CardDetails(number=b))
        assert result.codes == ("number.mismatch",)
        assert dict(result.problems[0].params) == {"last4": a[-4:], "on_file_last4": b[-4:]}


def test_a_twelve_character_mask_tells_the_length() -> None:
    number = append_check_digit("4" + "1" * 11)  # 13 digits
    mask = "*" * 8 + number[-4:]  # 12 characters: a 12-digit number's mask
    result = cv.compare(cv.CardDetails(number=number), cv.CardDetails(number=mask))
    assert result.codes == ("number.mismatch",)
    assert cv.compare(cv.CardDetails(number=number),
                      cv.CardDetails(number="*" * 9 + number[-4:])).codes == ()


def test_a_text_over_the_cap_is_reported_with_its_length() -> None:
    result = cv.compare(cv.CardDetails(name="A" * (TEXT_CAP + 1)), cv.CardDetails(name="Anna"))
    assert result.codes == ("name.too_long",)
    assert dict(result.problems[0].params) == {"max_length": TEXT_CAP, "length": TEXT_CAP + 1}


def test_a_country_at_the_cap_is_read_and_over_it_is_too_long() -> None:
    on_file = cv.CardDetails(address=cv.Address(country="SE"))
    at_cap = cv.CardDetails(address=cv.Address(country="S" * TEXT_CAP))
    over = cv.CardDetails(address=cv.Address(country="S" * (TEXT_CAP + 1)))
    assert cv.compare(at_cap, on_file).codes == ("country.mismatch",)
    assert cv.compare(over, on_file).codes == ("country.too_long",)


def test_the_newer_expiry_is_named() -> None:
    later = cv.compare(cv.CardDetails(expiry="01/30"), cv.CardDetails(expiry="12/29"))
    assert later.codes == ("expiry.mismatch", "card.may_need_activation")
    assert dict(later.problems[1].params) == {"newer": "entered"}
