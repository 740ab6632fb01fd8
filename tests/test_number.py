"""The card number: reading, stages, tri-state, identify, format, mask, normalize, bad input."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardvalid.brands import BRANDS
from cardvalid.findings import Findings
from cardvalid.model import Brand, CardInfo, Result, Severity
from cardvalid.number import (
    _check_number,
    check_number,
    collect_number,
    format_number,
    identify,
    mask,
    normalize_number,
)
from test_brands import valid_number

VISA = "4111111111111111"
BAD = "number.invalid_characters"


def bad_at(position: int, kind: str) -> list[tuple[str, dict[str, Any]]]:
    return [(BAD, {"position": position, "kind": kind})]


def length_for(brand: str, lengths: tuple[int, ...], length: int) -> list[tuple[str, Any]]:
    return [("number.length_for_brand", {"brand": brand, "lengths": lengths, "length": length})]


def codes_and_params(result: Result) -> list[tuple[str, dict[str, Any]]]:
    return [(p.code, dict(p.params)) for p in result.problems]


# ------------------------------------------------------------------ complete numbers


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        # valid, as typed in many ways
        ("4111 1111 1111 1111", []),
        ("4111-1111-1111-1111", []),
        ("4111.1111.1111.1111", []),
        ("  4111111111111111\n", []),
        ("4111\u00a01111\u202f1111\u20091111", []),  # no-break, narrow no-break, thin spaces
        ("4111\u200b1111\u200c1111\u2060\ufeff1111", []),  # zero-width characters
        ("\u200f4111 1111 1111 1111\u200e", []),  # RTL/LTR marks around a pasted number
        ("4111\u20131111\u20141111\u22121111", []),  # en dash, em dash, minus sign
        ("3782 822463 10005", []),
        ("6011 1111 1111 1117", []),
        ("4007000000027", []),  # 13-digit Visa
        ("6205500000000000004", []),  # 19-digit UnionPay
        ("6200000000000000", []),  # UnionPay: no Luhn check
        (4111111111111111, []),
        # characters
        ("4111 1111 1111 111O", bad_at(19, "letter")),
        ("4111/1111/1111/1111", bad_at(5, "punctuation")),
        ("3²", bad_at(2, "digit_like")),
        ("💳4111", bad_at(1, "symbol")),
        ("4111\u202e1111", bad_at(5, "direction_control")),
        ("4️⃣111", bad_at(2, "mark")),
        ("4111\x001111", bad_at(5, "control")),
        (-4111111111111111, bad_at(1, "punctuation")),
        # missing
        (None, [("number.missing", {})]),
        ("", [("number.missing", {})]),
        ("   ", [("number.missing", {})]),
        ("\u200b", [("number.missing", {})]),
        # length
        ("4111 1111 111", [("number.too_short", {"min_length": 12})]),
        ("4" * 20, [("number.too_long", {"max_length": 19})]),
        ("4" * 65, [("number.too_long", {"max_length": 19})]),
        (10**70, [("number.too_long", {"max_length": 19})]),
        # brand
        ("0000 0000 0000 0000", [("number.unknown_brand", {})]),
        ("7000 0000 0000 0000", [("number.unknown_brand", {})]),
        # length for the brand
        ("3782 822463 1000", length_for("American Express", (15,), 14)),
        ("4111 1111 1111 11", length_for("Visa", (13, 16, 19), 14)),
        ("5555 5555 5555 44444", length_for("Mastercard", (16,), 17)),
        ("5555 5555 5555 444", length_for("Mastercard", (16,), 15)),
        # checksum
        ("4111 1111 1111 1112", [("number.checksum", {})]),
        ("4111 1111 1111 1121", [("number.checksum", {})]),  # swapped digits
        ("3782 822463 10006", [("number.checksum", {})]),
    ],
)
def test_complete_numbers(number: object, expected: list[tuple[str, dict[str, Any]]]) -> None:
    result = check_number(number)
    assert codes_and_params(result) == expected
    assert result.ok is (not expected)


@pytest.mark.parametrize(
    "number",
    [
        "٤١١١١١١١١١١١١١١١",
        "４１１１ １１１１ １１１１ １１１１",
        "४१११११११११११११११",
        "4111١١١١1111١١١١",
    ],
)
def test_unicode_digits_are_folded_with_a_notice(number: str) -> None:
    result = check_number(number)
    assert result.ok
    assert codes_and_params(result) == [("number.unicode_digits", {})]
    assert result.problems[0].severity is Severity.NOTICE
    assert result.card is not None and result.card.brand is Brand.VISA
    assert normalize_number(number) == VISA


def test_unicode_digits_notice_comes_with_other_problems() -> None:
    assert check_number("٤١١١١١١١١١١١١١١٢").codes == ("number.unicode_digits", "number.checksum")


def test_stages_stop_at_the_first_failure() -> None:
    # letters: no length, brand or checksum reasons after the character one
    assert check_number("abcd efgh ijkl mnop").codes == ("number.invalid_characters",)
    # too short and unknown: only the length
    assert check_number("0000").codes == ("number.too_short",)
    # wrong length for the brand and a bad check digit: only the length
    assert check_number("4111 1111 1111 112").codes == ("number.length_for_brand",)


def test_card_info_on_the_result() -> None:
    card = check_number("3782 822463 10005").card
    assert card is not None
    assert (card.brand, card.bin, card.last4, card.length) == (Brand.AMEX, "378282", "0005", 15)
    assert card.masked == "378282*****0005"
    assert card.gaps == (4, 10) and card.security_code is not None
    assert check_number("4111 1111 1111 1112").card is not None  # known brand, bad check digit
    assert check_number("abc").card is None and check_number("4" * 20).card is None


def test_short_numbers_show_no_last_four() -> None:
    card = check_number("4111 1111 111").card
    assert card is not None and card.bin == "411111" and card.last4 == "" and card.length == 11


def test_messages_are_localized() -> None:
    en = check_number("4111 1111 1111 1112").problems[0]
    sv = check_number("4111 1111 1111 1112", locale="sv-SE").problems[0]
    assert en.code == sv.code and en.message != sv.message and "Kortnumret" in sv.message


# ------------------------------------------------------------------ the fast path


@pytest.mark.parametrize("row", BRANDS, ids=lambda r: r.brand.value)
def test_fast_path_equals_the_findings_path(row: Any) -> None:
    rng = random.Random(row.brand.value)
    for length in row.lengths:
        number = valid_number(row, rng, length)
        fast, slow = check_number(number), _check_number(number, False, "en")
        assert type(fast) is Result and type(fast.card) is CardInfo
        assert fast == slow and repr(fast) == repr(slow)
        assert fast.to_dict() == slow.to_dict()
        assert hash(fast.card) == hash(slow.card)
        with pytest.raises(AttributeError):
            fast.card.bin = "0"  # type: ignore[misc]  # still frozen


# ------------------------------------------------------------------ partial input


@pytest.mark.parametrize(
    ("number", "codes"),
    [
        (None, ("number.incomplete",)),
        ("", ("number.incomplete",)),
        ("4", ("number.incomplete",)),
        ("4111 1111", ("number.incomplete",)),
        ("3782 822463 1000", ("number.incomplete",)),
        ("4111 1111 1111 1111", ()),  # complete and valid
        ("4007000000027", ()),  # a complete 13-digit Visa
        ("4007000000028", ("number.incomplete",)),  # could still become a 16-digit Visa
        ("3782 822463 10006", ("number.checksum",)),  # Amex is 15 digits: cannot grow
        ("3782 822463 100055", ("number.length_for_brand",)),
        ("0", ("number.unknown_brand",)),
        ("7", ("number.unknown_brand",)),
        ("4111 1111 1111 1111 1111", ("number.too_long",)),
        ("4111 x", ("number.invalid_characters",)),
    ],
)
def test_partial_tri_state(number: object, codes: tuple[str, ...]) -> None:
    result = check_number(number, partial=True)
    assert result.codes == codes
    if codes == ("number.incomplete",):
        assert result.ok and result.problems[0].severity is Severity.NOTICE


@settings(max_examples=150)
@given(st.sampled_from(BRANDS), st.randoms(use_true_random=False), st.data())
def test_no_prefix_of_a_valid_number_is_an_error(row: Any, rng: random.Random, data: Any) -> None:
    number = valid_number(row, rng)
    cut = data.draw(st.integers(0, len(number)))
    assert check_number(number[:cut], partial=True).ok


@settings(max_examples=150)
@given(st.sampled_from(BRANDS), st.randoms(use_true_random=False))
def test_valid_numbers_of_every_brand_pass(row: Any, rng: random.Random) -> None:
    number = valid_number(row, rng)
    result = check_number(number)
    assert result.ok and result.problems == ()
    assert result.card is not None and result.card.brand is row.brand


def test_collect_number_writes_no_normalized_value() -> None:
    out = Findings()
    info = collect_number("4111 1111 1111 1111", out)
    assert info is not None and out.normalized == {} and out.result("en").codes == ()


# ------------------------------------------------------------------ identify


def test_identify() -> None:
    info = identify("4571 0000 0000 0001")
    assert info.brand is Brand.DANKORT and info.brands == (Brand.DANKORT, Brand.VISA)
    assert identify("4").brand is None and identify("4").brands[0] is Brand.VISA
    assert identify("").brands == () and identify("").length == 0
    assert identify("abc") == identify(None) == identify("x" * 10_000)
    assert identify(4111111111111111).brand is Brand.VISA
    assert identify("٤١١١").brand is Brand.VISA
    assert identify("3782 8224").masked == "378282**"


def test_identify_answers_the_same_from_its_memo() -> None:
    first, again = identify("4111"), identify("4111")
    assert first == again and first.bin == "4111" and first.length == 4
    assert identify("41 11") == CardInfo(Brand.VISA, (Brand.VISA,), "4111", "", 4)


# ------------------------------------------------------------------ format, mask, normalize


@pytest.mark.parametrize(
    ("number", "formatted"),
    [
        ("4111111111111111", "4111 1111 1111 1111"),
        ("378282246310005", "3782 822463 10005"),
        ("36227206271667", "3622 720627 1667"),
        ("6205500000000000004", "6205 5000 0000 0000004"),
        ("4111 11", "4111 11"),
        ("4", "4"),
        ("4111-1111-1111-1111", "4111 1111 1111 1111"),
        (4111111111111111, "4111 1111 1111 1111"),
    ],
)
def test_format_number(number: object, formatted: str) -> None:
    assert format_number(number) == formatted


@pytest.mark.parametrize("bad", ["", "abc", "4" * 20, None])
def test_format_number_refuses_what_is_not_a_number(bad: object) -> None:
    with pytest.raises(ValueError, match="not up to 19 digits") as raised:
        format_number(bad)
    assert "4444" not in str(raised.value)


@given(st.text(alphabet="0123456789", min_size=1, max_size=19))
def test_normalize_undoes_format(digits: str) -> None:
    assert normalize_number(format_number(digits)) == digits


@pytest.mark.parametrize(
    ("number", "first", "masked"),
    [
        ("4111 1111 1111 1111", 6, "411111******1111"),
        ("4111 1111 1111 1111", 8, "41111111****1111"),
        ("4111 1111 1111 1111", 0, "************1111"),
        ("378282246310005", 8, "378282*****0005"),  # 15 digits: never more than 6
        ("4007000000027", 6, "400700***0027"),
        ("4111 1111 111", 6, "411111*****"),  # under 13 digits: no last four
        ("4111", 6, "4111"),
        ("not a number", 6, "*" * 19),
        ("", 6, "*" * 19),
        ("4" * 30, 6, "*" * 19),
    ],
)
def test_mask(number: object, first: int, masked: str) -> None:
    assert mask(number, first=first) == masked


@pytest.mark.parametrize("first", [-1, 9, 6.0, True])
def test_mask_refuses_more_than_8_first_digits(first: Any) -> None:
    with pytest.raises(ValueError, match="first must be"):
        mask(VISA, first=first)


def test_normalize_number() -> None:
    assert normalize_number(" 4111-1111.1111 1111 ") == VISA
    assert normalize_number("4111 abc") is None
    assert normalize_number("4" * 20) is None
    assert normalize_number("") is None and normalize_number(None) is None
    assert normalize_number(4111111111111111) == VISA


# ------------------------------------------------------------------ bad input

JUNK: list[str] = [
    "",
    " ",
    "\t\n",
    "💳💳💳",
    "\u200f\u202e4111 1111 1111 1111",
    "\u200b",
    "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢",
    "４２４２４２４２４２４２４２４２",
    "3²",
    "\ud800",
    "Ⅻ",
    "\x00" * 10,
    "4" * 10_000_000,
    "4 " * 5_000_000,
]


@pytest.mark.parametrize("junk", JUNK, ids=range(len(JUNK)))
@pytest.mark.parametrize("partial", [False, True])
def test_any_text_gives_a_result(junk: str, partial: bool) -> None:
    result = check_number(junk, partial=partial)
    assert isinstance(result, Result)
    problems = result.to_dict()["problems"]
    assert [p["code"] for p in problems] == list(result.codes)
    assert result.ok == (not any(p["severity"] == "error" for p in problems))
    assert isinstance(identify(junk), CardInfo)
    assert isinstance(mask(junk), str)
    assert normalize_number(junk) in (None, "4242424242424242")


def test_a_10_mb_string_is_capped() -> None:
    assert check_number("4" * 10_000_000).codes == ("number.too_long",)
    assert check_number(" " * 10_000_000).codes == ("number.too_long",)


@pytest.mark.parametrize("wrong", [[4111], 4111.0, True, b"4111", {"number": 1}, object()])
def test_wrong_types_raise_type_error_naming_the_field(wrong: object) -> None:
    for function in (check_number, identify, normalize_number, format_number, mask):
        with pytest.raises(TypeError, match=r"^number must be str, int or None, not ") as raised:
            function(wrong)
        assert "4111" not in str(raised.value)
