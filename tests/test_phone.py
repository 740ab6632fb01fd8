"""The billing phone: phonenumbers for the address's country, E.164, reasons in params."""

from __future__ import annotations

import random

import phonenumbers
import pytest

import cardvalid as cv
from cardvalid.address import check_address
from cardvalid.address.phone import check_phone, collect_phone, normalize_phone
from cardvalid.findings import Findings
from cardvalid.messages import text
from cardvalid.number import check_number


@pytest.mark.parametrize(
    ("value", "country", "e164"),
    [
        ("08-123 456 78", "SE", "+46812345678"),
        ("070-123 45 67", "SE", "+46701234567"),
        ("+46 70 123 45 67", None, "+46701234567"),
        ("0046 70 123 45 67", "SE", "+46701234567"),
        ("(650) 253-0000", "US", "+16502530000"),
        ("+1 650 253 0000", "SE", "+16502530000"),
        ("020 7946 0000", "GB", "+442079460000"),
        ("03-1234-5678", "JP", "+81312345678"),
        ("０３－１２３４－５６７８", "JP", "+81312345678"),
        ("030 1234567", "DE", "+49301234567"),
        ("+49 1512 3456789", "US", "+4915123456789"),
    ],
)
def test_valid_numbers_come_back_in_e164(value: str, country: str | None, e164: str) -> None:
    assert normalize_phone(value, country) == e164
    r = check_phone(value, country=country)
    assert r.codes == ()
    assert r.normalized["phone"] == e164


@pytest.mark.parametrize(
    ("value", "country", "reason"),
    [
        ("12", "SE", "too_short"),
        ("0123 456 789 012 345 678", "SE", "too_long"),
        ("08-123", "SE", "too_short"),
        ("555-0100", None, "invalid_country_code"),
        ("hello", "SE", "not_a_number"),
        ("+999 123 456", None, "invalid_country_code"),
        ("(650) 253-000", "US", "too_short"),
        ("(123) 456-7890", "US", "invalid"),
        ("070 123 45 67 \x00", "SE", "invalid_characters"),
    ],
)
def test_invalid_numbers_say_why(value: str, country: str | None, reason: str) -> None:
    r = check_phone(value, country=country)
    assert r.codes == ("phone.invalid",)
    assert dict(r.problems[0].params) == {"country": country, "reason": reason}
    assert "phone" not in r.normalized


def test_country_may_be_given_by_name() -> None:
    assert check_phone("08-123 456 78", country="Sverige").normalized["phone"] == "+46812345678"


def test_blank_is_absent_and_too_long_is_capped() -> None:
    assert check_phone(None).codes == ()
    assert check_phone("   ").codes == ()
    r = check_phone("1" * 65)
    assert r.codes == ("phone.too_long",)
    assert dict(r.problems[0].params) == {"max_length": 64}


@pytest.mark.parametrize("typed", ["4111111111111111", "4111 1111 1111 1111", "411111111111"])
def test_a_card_number_is_not_taken_for_a_phone_number(typed: str) -> None:
    r = check_phone(typed, country="DE")
    assert r.codes == ("address.looks_like_card_number",)
    assert dict(r.problems[0].params) == {"field": "phone"}
    assert "1111" not in repr(r)


def test_wrong_type_raises_without_the_value() -> None:
    with pytest.raises(TypeError, match="phone must be str or None, not int") as error:
        collect_phone(46701234567, "SE", Findings())  # type: ignore[arg-type]
    assert "4670" not in str(error.value)


def test_address_phone_uses_the_address_country() -> None:
    address = cv.Address(line1="Drottninggatan 1", city="Stockholm", postal_code="111 51",
                         country="SE", phone="08-123 456 78")
    r = check_address(address)
    assert r.codes == ()
    assert r.normalized["phone"] == "+46812345678"
    r = check_address(cv.Address(line1="Drottninggatan 1", city="Stockholm",
                                 postal_code="111 51", country="SE", phone="12"), locale="sv")
    assert r.codes == ("phone.invalid",)
    problem = r.problems[0]
    assert dict(problem.params) == {"country": "SE", "reason": "too_short"}
    assert problem.message == text("phone.invalid", "message", problem.params, "sv")  # Swedish


@pytest.mark.parametrize(("typed", "country", "e164"), [
    # Valid phone numbers whose digits from the country code on read as a card
    # number (13-digit Visa, 12-digit Maestro): refused as card numbers before.
    ("+49 1512 0000018", "DE", "+4915120000018"),
    ("0049 176 00000005", "DE", "+4917600000005"),
    ("+57 321 0000002", "CO", "+573210000002"),
    ("+58 412 0000008", None, "+584120000008"),
])
def test_a_phone_number_whose_country_code_starts_a_card_number_is_kept_as_typed(
    typed: str, country: str | None, e164: str
) -> None:
    assert check_number(e164[1:]).ok  # the digits do read as a card number
    result = check_phone(typed, country=country)
    assert result.ok and result.codes == ("phone.not_normalized",)
    assert result.problems[0].severity is cv.Severity.NOTICE
    assert "phone" not in result.normalized and e164[1:] not in repr(result)
    assert normalize_phone(typed, country) is None


@pytest.mark.parametrize("typed", ["+49 4222 2222 22222", "0049 4222222222222", "+4222222222222",
                                   "+378282246310005", "+4111 1111 1111 1111"])
def test_a_card_number_behind_a_country_code_is_still_refused(typed: str) -> None:
    assert check_phone(typed, country="DE").codes == ("address.looks_like_card_number",)


_REGIONS = ("DE", "AT", "US", "GB", "SE", "FR", "IT", "ES", "NL", "CN", "IN", "BR", "JP", "AU",
            "CH", "BE", "PL", "MX", "ID", "RU", "CO", "VE", "CL", "FI", "HU", "UA", "HR", "PT",
            "IE", "DK", "NO", "AR", "NG", "KE", "ZA", "EG", "TR", "SA", "AE", "KR")


def test_valid_phone_numbers_of_forty_countries_are_not_taken_for_card_numbers() -> None:
    rng = random.Random(7)
    kinds = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
    spellings = (phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                 phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.E164)
    refused, checked, kept_as_typed = [], 0, 0
    for region in _REGIONS:
        for kind in kinds:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            national = phonenumbers.national_significant_number(example)
            for _ in range(40):
                digits = national[:3] + "".join(rng.choices("0123456789", k=len(national) - 3))
                number = phonenumbers.parse(f"+{example.country_code}{digits}")
                if not phonenumbers.is_valid_number(number):
                    continue
                for spelling in spellings:
                    typed = phonenumbers.format_number(number, spelling)
                    checked += 1
                    found = check_phone(typed, country=region)
                    if not found.ok:
                        refused.append(typed)
                    kept_as_typed += found.codes == ("phone.not_normalized",)
    assert checked > 5_000 and refused == []
    assert kept_as_typed < checked / 100  # the numbers that could be card numbers (DE, CO, VE)


@pytest.mark.parametrize(("typed", "country"), [
    ("+39 383123954906", None), ("0039383123954906", "DE"), ("0039383123954906", "IT"),
    ("\uff0b39 383123954906", None), ("+ 39383123954906", None), ("+4934324283445", "SE"),
])
def test_a_card_number_that_is_also_a_valid_phone_number_never_comes_back(
    typed: str, country: str | None
) -> None:
    # 39383123954906 is a 14-digit Diners Club number and a valid Italian mobile number;
    # 4934324283445 a 13-digit Visa number and a valid German one.
    digits = "".join(ch for ch in typed if ch.isdigit()).lstrip("0")
    assert check_number(digits).ok
    result = check_phone(typed, country=country)
    assert result.codes == ("phone.not_normalized",) and "phone" not in result.normalized
    shown = repr(result) + "".join(f"{p.message}{p.hint}{dict(p.params)}" for p in result.problems)
    assert digits not in "".join(ch for ch in shown if ch.isdigit())
