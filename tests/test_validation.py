"""`validate()` itself: each option changes the answer it documents, and only that."""

from __future__ import annotations

from datetime import date

import pytest

import cardvalid as cv
from cardvalid.expiry import utc_today
from cardvalid.messages import text

TODAY = date(2026, 11, 26)
CARD = {"number": "4111 1111 1111 1111", "expiry": "12/29", "name": "Anna Svensson",
        "cvc": "123"}
ADDRESS = cv.Address(line1="Drottninggatan 1", city="Stockholm", postal_code="111 51",
                     country="SE")


def _card(address: cv.Address | None = None) -> cv.CardDetails:
    return cv.CardDetails(number=CARD["number"], expiry=CARD["expiry"], name=CARD["name"],
                          cvc=CARD["cvc"], address=address)


def _codes(**options: object) -> tuple[str, ...]:
    details = options.pop("details", CARD)
    return cv.validate(details, today=TODAY, **options).codes  # type: ignore[arg-type]


def test_a_good_card_has_no_problem() -> None:
    r = cv.validate(CARD, today=TODAY)
    assert r.ok and r.codes == ()
    assert r.card is not None and r.card.brand is cv.Brand.VISA
    assert r.normalized["expiry"] == "2029-12"


def test_details_may_be_a_mapping_or_card_details() -> None:
    assert cv.validate(_card(), today=TODAY) == cv.validate(CARD, today=TODAY)


def test_details_of_the_wrong_type_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="details"):
        cv.validate(["4111 1111 1111 1111"], today=TODAY)  # type: ignore[arg-type]


def test_today_defaults_to_utc_today() -> None:
    expired = {**CARD, "expiry": f"{utc_today().month:02d}/{utc_today().year % 100 - 1:02d}"}
    assert cv.validate(expired).codes == cv.validate(expired, today=utc_today()).codes
    assert "expiry.expired" in cv.validate(expired).codes


def test_locale_changes_the_words_not_the_codes() -> None:
    details = {**CARD, "number": "4111 1111 1111 1112"}
    en, sv = (cv.validate(details, today=TODAY, locale=loc) for loc in ("en", "sv"))
    assert en.codes == sv.codes == ("number.checksum",)
    assert sv.problems[0].message == text("number.checksum", "message", {}, "sv")
    assert en.problems[0].message != sv.problems[0].message


def test_require_address_reports_a_missing_address() -> None:
    assert _codes() == ()
    assert _codes(require_address=True) == ("address.missing",)
    assert _codes(details=_card(ADDRESS), require_address=True) == ()


def test_a_given_address_is_checked_without_being_required() -> None:
    bad = cv.Address(line1="Drottninggatan 1", city="Stockholm", postal_code="1", country="SE")
    assert "postal_code.format" in _codes(details=_card(bad))


def test_require_cvc_reports_a_missing_or_blank_code() -> None:
    no_cvc = {k: v for k, v in CARD.items() if k != "cvc"}
    assert _codes(details=no_cvc) == ()
    assert _codes(details={**CARD, "cvc": "  "}) == ()  # a blank optional field is absent
    assert _codes(details=no_cvc, require_cvc=True) == ("cvc.missing",)
    assert _codes(details={**CARD, "cvc": "  "}, require_cvc=True) == ("cvc.missing",)


def test_partial_turns_what_can_still_be_typed_into_notices() -> None:
    typing = {"number": "4111 1111", "expiry": "1", "cvc": "1"}
    r = cv.validate(typing, today=TODAY, partial=True)
    assert r.ok
    assert {p.code for p in r.problems} >= {"number.incomplete", "name.missing"}
    assert {p.severity for p in r.problems} == {cv.Severity.NOTICE}
    assert not cv.validate(typing, today=TODAY).ok


def test_max_years_bounds_the_expiry() -> None:
    far = {**CARD, "expiry": "12/2049"}
    assert _codes(details=far) == ("expiry.too_far_ahead",)
    assert _codes(details=far, max_years=25) == ()
    assert _codes(details=CARD, max_years=2) == ("expiry.too_far_ahead",)


def test_accepted_brands_refuse_other_networks() -> None:
    assert _codes(accepted_brands=["visa"]) == ()
    assert _codes(accepted_brands=[cv.Brand.MASTERCARD]) == ("number.brand_not_accepted",)
    assert _codes(accepted_brands=None) == ()


def test_merchant_country_advises_an_international_transaction() -> None:
    details = _card(ADDRESS)
    r = cv.validate(details, today=TODAY, merchant_country="Germany")
    assert r.ok and r.codes == ("transaction.international",)
    assert dict(r.problems[0].params) == {"merchant_country": "DE", "card_country": "SE"}
    assert _codes(details=details, merchant_country="SE") == ()
    assert _codes(details=details, merchant_country="Atlantis") == ()  # unknown: no advice
    assert _codes(merchant_country="DE") == ()  # no billing country: nothing to compare


def test_recurring_adds_its_notice() -> None:
    r = cv.validate(CARD, today=TODAY, recurring=True)
    assert r.ok and r.codes == ("transaction.recurring",)


def test_on_file_compares_the_card_with_the_stored_one() -> None:
    assert _codes(on_file=CARD) == ()
    r = cv.validate(CARD, today=TODAY, on_file={**CARD, "number": "4012 8888 8888 1881"})
    assert r.codes == ("number.mismatch",)
    assert dict(r.problems[0].params) == {"last4": "1111", "on_file_last4": "1881"}
