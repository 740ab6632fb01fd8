"""The Luhn check digit: agrees with python-stdnum and catches what Luhn promises to catch."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn as stdnum_luhn

from cardvalid import luhn

digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=40)
payloads = st.text(alphabet="0123456789", min_size=1, max_size=18)


@given(digit_strings)
def test_is_valid_agrees_with_stdnum(digits: str) -> None:
    assert luhn.is_valid(digits) is stdnum_luhn.is_valid(digits)


@given(digit_strings)
def test_checksum_agrees_with_stdnum(digits: str) -> None:
    assert luhn.checksum(digits) == stdnum_luhn.checksum(digits)


@given(payloads)
def test_check_digit_round_trip(payload: str) -> None:
    number = luhn.append_check_digit(payload)
    assert luhn.check_digit(payload) == stdnum_luhn.calc_check_digit(payload)
    assert luhn.is_valid(number)
    assert luhn.checksum(number) == 0


@given(payloads, st.data())
def test_every_single_digit_error_is_caught(payload: str, data: st.DataObject) -> None:
    number = luhn.append_check_digit(payload)
    position = data.draw(st.integers(0, len(number) - 1))
    wrong = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    typo = number[:position] + wrong + number[position + 1 :]
    assert not luhn.is_valid(typo)


@given(payloads, st.data())
def test_adjacent_swaps_are_caught_except_09_90(payload: str, data: st.DataObject) -> None:
    number = luhn.append_check_digit(payload)
    position = data.draw(st.integers(0, len(number) - 2))
    a, b = number[position], number[position + 1]
    swapped = number[:position] + b + a + number[position + 2 :]
    if a == b or {a, b} == {"0", "9"}:
        assert luhn.is_valid(swapped)  # the one blind spot Luhn has
    else:
        assert not luhn.is_valid(swapped)


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("4111111111111111", True),
        ("4111111111111112", False),
        ("79927398713", True),
        ("79927398710", False),
        ("0", True),
        ("", False),
        ("0" * 19, True),
        ("9" * 19, False),
        ("8171999900000000021", True),  # 19 digits: the widest fast case
        ("1234567890123456789012345678909", True),  # longer than a card: the slow path
        ("1234567890123456789012345678904", False),
    ],
)
def test_known_values(digits: str, valid: bool) -> None:
    assert luhn.is_valid(digits) is valid


def test_the_09_90_blind_spot() -> None:
    assert luhn.is_valid("109")
    assert luhn.is_valid("190")


@pytest.mark.parametrize(
    "text", ["p", "0000 0000", " 4992739716", "4992739716\n", "４９９２", "79927398713x",
             "\ud800", "4111111111111111\udc00"]  # a lone surrogate cannot be encoded
)
def test_non_digits_are_not_luhn_valid(text: str) -> None:
    """python-stdnum's luhn answers False / raises for non-digits; the masks must not read them."""
    assert luhn.is_valid(text) is False
    with pytest.raises(ValueError, match="ASCII digits"):
        luhn.checksum(text)
    with pytest.raises(ValueError, match="ASCII digits"):
        luhn.check_digit(text)


@pytest.mark.parametrize("value", [4111111111111111, b"4111111111111111", None, ["4"]])
def test_anything_but_text_is_a_type_error(value: object) -> None:
    for function in (luhn.is_valid, luhn.checksum, luhn.check_digit):
        with pytest.raises(TypeError, match="str of digits"):
            function(value)  # type: ignore[arg-type]


@given(st.text(alphabet="0123456789", min_size=1, max_size=19))
def test_the_core_for_known_digits_equals_the_plain_rule(digits: str) -> None:
    assert luhn.digits_pass(digits.encode()) is (luhn.checksum(digits) == 0)
