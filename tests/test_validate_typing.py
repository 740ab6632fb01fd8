"""`validate()` as a whole while a form is typed, and for merchants taking some networks."""

from __future__ import annotations

from datetime import date

import pytest

import cardvalid as cv
from cardvalid.model import Brand, Severity

TODAY = date(2026, 11, 26)
ADDRESS = cv.Address(line1="Drottninggatan 1", city="Stockholm", postal_code="111 51",
                     country="SE")


def test_a_form_half_typed_is_ok_with_a_notice_per_unfinished_field() -> None:
    details = cv.CardDetails(
        number="4111 1111", expiry="12/2", name="Anna Svensson", cvc="12",
        address=cv.Address(line1="Drottninggatan 1", city="", postal_code="111 5",
                           country="SE"),
    )
    r = cv.validate(details, today=TODAY, partial=True)
    assert r.ok, r.codes
    assert r.codes == ("number.incomplete", "expiry.incomplete", "city.missing",
                       "postal_code.incomplete", "cvc.incomplete")
    assert {p.severity for p in r.problems} == {Severity.NOTICE}
    # the same form submitted: every unfinished field is an error
    done = cv.validate(details, today=TODAY)
    assert not done.ok
    assert {p.code for p in done.problems if p.severity is Severity.ERROR} == {
        "number.too_short", "expiry.format", "city.missing", "postal_code.format",
        "cvc.length_for_brand",
    }


@pytest.mark.parametrize(
    ("details", "code"),
    [
        (cv.CardDetails(number="4111 1111 1111 1111 112"), "number.checksum"),
        (cv.CardDetails(number="4111 1111 1111 1111 1111"), "number.too_long"),
        (cv.CardDetails(number="4111", expiry="01/1"), "expiry.format"),
        (cv.CardDetails(number="4111", cvc="12 3"), "cvc.invalid_characters"),
        (cv.CardDetails(number="4111", address=cv.Address(line1="x", city="y",
                                                          postal_code="1115x",
                                                          country="SE")),
         "postal_code.format"),
    ],
)
def test_text_no_typing_can_rescue_is_an_error_while_typing(
    details: cv.CardDetails, code: str
) -> None:
    r = cv.validate(details, today=TODAY, partial=True)
    assert not r.ok
    assert code in [p.code for p in r.problems if p.severity is Severity.ERROR]


def test_a_merchant_taking_some_networks() -> None:
    taken = ("mastercard", Brand.VISA)
    visa = cv.CardDetails(number="4111 1111 1111 1111", expiry="12/29", name="Anna Svensson")
    amex = cv.CardDetails(number="3782 822463 10005", expiry="12/29", name="Anna Svensson")
    assert cv.validate(visa, today=TODAY, accepted_brands=taken).ok
    r = cv.validate(amex, today=TODAY, accepted_brands=taken)
    assert [(p.code, dict(p.params)) for p in r.problems] == [
        ("number.brand_not_accepted",
         {"brands": ("American Express",), "accepted": ("Mastercard", "Visa")}),
    ]
    # while typing: every network "3" can still become (Amex, JCB, Diners...) is refused
    # here, so it is an error at once
    early = cv.validate(cv.CardDetails(number="3"), today=TODAY, partial=True,
                        accepted_brands=taken)
    assert [p.code for p in early.problems if p.severity is Severity.ERROR] == [
        "number.brand_not_accepted"
    ]
    # a co-badged card is taken when one of its networks is (Dankort/Visa)
    dankort_visa = cv.check_number("4571 0000 0000 0001", accepted_brands=["visa"])
    assert dankort_visa.ok


def test_accepted_brands_must_be_brands() -> None:
    with pytest.raises(TypeError, match="accepted_brands"):
        cv.check_number("4111111111111111", accepted_brands="visa")
    with pytest.raises(ValueError, match="brand must be a Brand"):
        cv.check_number("4111111111111111", accepted_brands=["visa electron"])


def test_the_security_code_while_typing() -> None:
    assert cv.check_cvc("12", brand="visa", partial=True).codes == ("cvc.incomplete",)
    assert cv.check_cvc("123", brand="visa", partial=True).codes == ()
    assert cv.check_cvc("1234", brand="visa", partial=True).codes == ("cvc.length_for_brand",)
    assert cv.check_cvc("12 ", brand="visa", partial=True).codes == ("cvc.length_for_brand",)
    assert cv.check_cvc("", partial=True).codes == ("cvc.incomplete",)
