"""The security code (CVV / CVC / CID ...): length per brand, bad input."""

from __future__ import annotations

from typing import Any

import pytest

from cardvalid.findings import Findings
from cardvalid.model import Brand, Result, Severity
from cardvalid.number import check_cvc, collect_cvc

AMEX = "3782 822463 10005"
VISA = "4111 1111 1111 1111"


def codes_and_params(result: Result) -> list[tuple[str, dict[str, Any]]]:
    return [(p.code, dict(p.params)) for p in result.problems]


def wrong_length(brand: str | None, name: str, size: Any, length: int) -> list[tuple[str, Any]]:
    params = {"brand": brand, "code_name": name, "size": size, "length": length}
    return [("cvc.length_for_brand", params)]


@pytest.mark.parametrize(
    ("cvc", "options", "expected"),
    [
        ("123", {"number": VISA}, []),
        ("1234", {"number": AMEX}, []),
        (" 123 ", {"brand": Brand.VISA}, []),
        ("123", {"brand": "mastercard"}, []),
        ("123", {"brand": " JCB "}, []),
        # an int loses leading zeros (012 -> 12): never taken silently (issue 12)
        (123, {"brand": "visa"}, [("cvc.not_text", {})]),
        (12, {}, [("cvc.not_text", {})]),
        # separators inside are not part of a 3- or 4-digit code
        ("12 34", {}, [("cvc.invalid_characters", {"position": 3, "kind": "space"})]),
        ("-123", {}, [("cvc.invalid_characters", {"position": 1, "kind": "punctuation"})]),
        ("12-3", {}, [("cvc.invalid_characters", {"position": 3, "kind": "punctuation"})]),
        ("12\u200b3", {"brand": "visa"}, []),  # an invisible mark from a paste
        ("123", {}, []),
        ("1234", {}, []),
        ("123", {"number": "0000 0000"}, []),  # unknown brand: 3 or 4
        ("123", {"number": AMEX}, wrong_length("American Express", "CID", 4, 3)),
        ("1234", {"number": VISA}, wrong_length("Visa", "CVV", 3, 4)),
        ("12", {"brand": "mastercard"}, wrong_length("Mastercard", "CVC", 3, 2)),
        ("12", {"brand": "unionpay"}, wrong_length("UnionPay", "CVN", 3, 2)),
        ("12", {"brand": "elo"}, wrong_length("Elo", "CVE", 3, 2)),
        ("12", {"brand": "mir"}, wrong_length("Mir", "CVP2", 3, 2)),
        ("12345", {}, wrong_length(None, "CVC", (3, 4), 5)),
        ("1", {}, wrong_length(None, "CVC", (3, 4), 1)),
        # the brand argument wins over the number
        ("1234", {"number": VISA, "brand": "amex"}, []),
        (None, {}, [("cvc.missing", {})]),
        ("", {"number": VISA}, [("cvc.missing", {})]),
        ("  ", {}, [("cvc.missing", {})]),
        ("12a", {}, [("cvc.invalid_characters", {"position": 3, "kind": "letter"})]),
        ("1²3", {}, [("cvc.invalid_characters", {"position": 2, "kind": "digit_like"})]),
        ("🔒", {}, [("cvc.invalid_characters", {"position": 1, "kind": "symbol"})]),
        (-123, {}, [("cvc.not_text", {})]),
        ("1" * 33, {}, [("cvc.too_long", {"max_length": 4})]),
        ("1" * 10_000_000, {}, [("cvc.too_long", {"max_length": 4})]),
    ],
)
def test_check_cvc(cvc: object, options: dict[str, Any], expected: list[Any]) -> None:
    result = check_cvc(cvc, **options)
    assert codes_and_params(result) == expected
    assert result.ok is (not expected)


def test_unicode_digits_are_folded_with_a_notice() -> None:
    result = check_cvc("١٢٣", brand="visa")
    assert result.codes == ("cvc.unicode_digits",) and result.ok
    assert result.problems[0].severity is Severity.NOTICE
    assert check_cvc("１２", brand="visa").codes == ("cvc.unicode_digits", "cvc.length_for_brand")


def test_the_card_comes_with_the_result_when_a_number_is_given() -> None:
    card = check_cvc("1234", number=AMEX).card
    assert card is not None and card.brand is Brand.AMEX
    assert check_cvc("123").card is None and check_cvc("123", number="abc").card is None


def test_messages_name_the_code_and_are_localized() -> None:
    en = check_cvc("12", number=AMEX).problems[0]
    sv = check_cvc("12", number=AMEX, locale="sv").problems[0]
    assert "CID" in en.message and "CID" in sv.message and en.message != sv.message
    assert "3 or 4" in check_cvc("12").problems[0].message
    assert "3 eller 4" in check_cvc("12", locale="sv").problems[0].message


def test_collect_cvc_uses_the_spec_or_the_brand() -> None:
    out = Findings()
    collect_cvc("123", out, brand=Brand.AMEX)
    collect_cvc("123", out, brand=None)
    assert [code for code, _, _ in out.found] == ["cvc.length_for_brand"]


def test_a_bad_brand_argument() -> None:
    with pytest.raises(ValueError, match="brand must be a Brand") as raised:
        check_cvc("123", brand="visa electron")
    assert "electron" not in str(raised.value)
    with pytest.raises(TypeError, match="brand must be Brand, str or None, not int"):
        check_cvc("123", brand=4)  # type: ignore[arg-type]


@pytest.mark.parametrize("wrong", [[123], 12.3, True, b"123"])
def test_wrong_types_raise_type_error_naming_the_field(wrong: object) -> None:
    with pytest.raises(TypeError, match=r"^cvc must be str, int or None, not ") as raised:
        check_cvc(wrong)
    assert "123" not in str(raised.value)


@pytest.mark.parametrize(
    "junk", ["", " ", "💳", "\u200f\u202e", "\u200b", "٤٢٤", "４２４", "3²", "\ud800", "x" * 10**7]
)
def test_any_text_gives_a_result(junk: str) -> None:
    assert isinstance(check_cvc(junk, number=VISA), Result)
