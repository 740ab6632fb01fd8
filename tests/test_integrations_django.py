"""The Django adapter, on real bound Django forms: codes and params on the right fields,
the active language, and no card digits in any rendering of the form."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

django = pytest.importorskip("django")

from django.conf import settings  # noqa: E402

if not settings.configured:
    settings.configure(USE_I18N=True, LANGUAGE_CODE="en", USE_TZ=True)
    django.setup()

from django import forms  # noqa: E402
from django.test import SimpleTestCase  # noqa: E402
from django.utils import translation  # noqa: E402

from cardvalid.integrations.django import (  # noqa: E402
    CardDetailsForm,
    CardholderNameField,
    CardNumberField,
    ExpiryField,
    SecurityCodeField,
    TypedCardNumber,
    TypedSecurityCode,
    active_locale,
)

TODAY = date(2026, 11, 26)
BAD_PAN = "4242 4242 4242 4241"  # fails the Luhn check
AMEX = "3782 822463 10005"
GOOD = {
    "number": "4242 4242 4242 4242",
    "expiry": "12/29",
    "name": "Anna Svensson",
    "cvc": "123",
    "line1": "Drottninggatan 1",
    "city": "Stockholm",
    "postal_code": "11151",
    "country": "Sverige",
}


def bound(**changes: str) -> CardDetailsForm:
    return CardDetailsForm({**GOOD, **changes}, today=TODAY)


def codes(form: forms.Form) -> dict[str, list[str]]:
    return {name: [e.code for e in errors] for name, errors in form.errors.as_data().items()}


def everything_shown(form: forms.Form) -> str:
    """Every place a bound form's contents show up: the page, the errors, the reprs."""
    return "\n".join([
        form.render(),
        str(form.errors),
        form.errors.as_json(),
        json.dumps(form.errors.get_json_data()),
        repr(form),
        repr(getattr(form, "cleaned_data", None)),
        repr(form.errors.as_data()),
        repr([(e.message, e.params) for es in form.errors.as_data().values() for e in es]),
    ])


def digits_of(text: str) -> str:
    """`text` with the separators between digits taken out."""
    return re.sub(r"(?<=\d)[\s\-._/]+(?=\d)", "", text)


class CardDetailsFormTests(SimpleTestCase):  # type: ignore[misc]  # Django ships no type hints
    def test_the_form_has_the_card_and_address_fields(self) -> None:
        assert list(CardDetailsForm().fields) == [
            "number", "expiry", "name", "cvc", "line1", "line2", "city", "state",
            "postal_code", "country", "phone",
        ]

    def test_a_valid_card_cleans_to_normalized_values_and_hidden_secrets(self) -> None:
        form = bound(phone="08 123 456 78")
        assert form.is_valid(), form.errors.as_json()
        data = form.cleaned_data
        assert isinstance(data["number"], TypedCardNumber)
        assert data["number"].digits == "4242424242424242"
        assert isinstance(data["cvc"], TypedSecurityCode) and data["cvc"].digits == "123"
        assert (data["expiry"], data["country"], data["postal_code"], data["phone"]) == (
            "2029-12", "SE", "111 51", "+46812345678")
        assert repr(data["number"]) == "TypedCardNumber('424242******4242')"
        assert "4242424242424242" not in digits_of(repr(data))
        assert form.cardvalid_result is not None and form.cardvalid_result.ok

    def test_each_problem_lands_on_its_field_with_code_and_params(self) -> None:
        form = bound(number=BAD_PAN, expiry="13/29", cvc="1234", postal_code="1115")
        assert not form.is_valid()
        assert codes(form) == {
            "number": ["number.checksum"],
            "expiry": ["expiry.month_range"],
            "postal_code": ["postal_code.format"],
            "cvc": ["cvc.length_for_brand"],
        }
        data = form.errors.as_data()
        assert data["expiry"][0].params == {"month": 13}
        assert data["postal_code"][0].params == {"example": "114 55", "country": "SE"}
        assert data["cvc"][0].params == {
            "brand": "Visa", "code_name": "CVV", "size": 3, "length": 4}
        assert set(form.cleaned_data) == {
            "name", "line1", "line2", "city", "state", "country", "phone"}

    def test_the_security_code_is_checked_against_the_numbers_brand(self) -> None:
        assert codes(bound(number=AMEX, cvc="123"))["cvc"] == ["cvc.length_for_brand"]
        assert bound(number=AMEX, cvc="1234").is_valid()

    def test_missing_values_get_cardvalid_codes_not_djangos_required(self) -> None:
        form = CardDetailsForm({}, today=TODAY)
        assert codes(form) == {
            "number": ["number.missing"], "expiry": ["expiry.missing"],
            "name": ["name.missing"], "cvc": ["cvc.missing"], "__all__": ["address.missing"],
        }
        assert not form.has_error("number", "required")

    def test_options_reach_validate(self) -> None:
        form = CardDetailsForm({k: v for k, v in GOOD.items() if k != "cvc"}, today=TODAY,
                               require_cvc=False, merchant_country="US")
        assert form.is_valid(), form.errors.as_json()
        assert form.cardvalid_result is not None
        assert "transaction.international" in form.cardvalid_result.codes  # a notice only

    def test_problems_of_no_field_are_non_field_errors(self) -> None:
        form = bound(line1="", line2="", city="", postal_code="", country="")
        assert codes(form) == {"__all__": ["address.missing"]}
        assert form.non_field_errors().as_data()[0].code == "address.missing"

    def test_a_card_number_in_another_field_is_caught_and_not_rendered(self) -> None:
        form = bound(city="4111-1111-1111-1111", name="4000 0000 0000 0002")
        assert codes(form) == {"name": ["name.looks_like_card_number"],
                               "city": ["address.looks_like_card_number"]}
        assert form.errors.as_data()["city"][0].params == {"field": "city"}
        shown = digits_of(everything_shown(form))
        assert "4111111111111111" not in shown and "4000000000000002" not in shown

    def test_a_number_split_across_the_two_lines_renders_neither_half(self) -> None:
        first, last = AMEX.replace(" ", "")[:9], AMEX.replace(" ", "")[9:]
        form = bound(line1=f"Storgatan {first}", line2=last)
        assert codes(form) == {"line1": ["address.looks_like_card_number"],
                               "line2": ["address.looks_like_card_number"]}
        shown = everything_shown(form)
        assert first not in shown and last not in shown

    def test_a_field_djangos_own_validator_refused_is_not_also_called_missing(self) -> None:
        class Strict(CardDetailsForm):
            name = CardholderNameField(check=False, required=False, max_length=10)

        form = Strict({**GOOD, "name": "Anna Svensson-Lindqvist", "city": "Stock\x00holm"},
                      today=TODAY)
        assert codes(form) == {"name": ["max_length"], "city": ["null_characters_not_allowed"]}
        assert form.cardvalid_result is not None
        assert {"name.missing", "city.missing"} <= set(form.cardvalid_result.codes)

    def test_messages_follow_djangos_active_language(self) -> None:
        with translation.override("sv-se"):
            assert active_locale() == "sv"
            form = bound(postal_code="1115")
            message = form.errors["postal_code"][0]
        english = bound(postal_code="1115").errors["postal_code"][0]
        assert message != english
        assert "postnumret" in message.lower()
        with translation.override("de"):
            assert active_locale() == "en"
        with translation.override(None):
            assert active_locale() == "en"

    def test_a_bound_invalid_form_shows_no_card_digits_anywhere(self) -> None:
        form = bound(number=BAD_PAN, cvc="9876", expiry="13/29")
        assert not form.is_valid()
        shown = everything_shown(form)
        assert "4242424242424241" not in digits_of(shown)
        assert BAD_PAN not in shown and "9876" not in shown
        assert 'name="number"' in shown and 'autocomplete="cc-number"' in shown
        assert 'value="Anna Svensson"' in shown  # other fields do come back for editing

    def test_a_bound_valid_form_shows_no_card_digits_either(self) -> None:
        form = bound(cvc="987")
        assert form.is_valid()
        shown = everything_shown(form)
        assert "4242424242424242" not in digits_of(shown) and "987" not in shown

    def test_a_percent_sign_in_a_message_survives_djangos_interpolation(self) -> None:
        from cardvalid.integrations.django import validation_error
        from cardvalid.model import Checklist, Field, Problem, Severity

        problem = Problem("name.too_long", Field.NAME, Checklist.CARDHOLDER_NAME,
                          Severity.ERROR, "100% too long", "", {"max_length": 26})
        assert list(validation_error(problem)) == ["100% too long"]


class Standalone(forms.Form):  # type: ignore[misc]  # Django ships no type hints
    number = CardNumberField()
    expiry = ExpiryField(today=TODAY)
    name = CardholderNameField(required=False)
    cvc = SecurityCodeField()


class FieldTests(SimpleTestCase):  # type: ignore[misc]  # Django ships no type hints
    def test_each_field_checks_itself(self) -> None:
        form = Standalone({"number": BAD_PAN, "expiry": "11/25", "name": "", "cvc": "12a"})
        assert codes(form) == {"number": ["number.checksum"], "expiry": ["expiry.expired"],
                               "cvc": ["cvc.invalid_characters"]}
        assert form.fields["number"].cardvalid_result.codes == ("number.checksum",)
        shown = everything_shown(form)
        assert "4242424242424241" not in digits_of(shown) and "12a" not in shown

    def test_cleaned_values(self) -> None:
        form = Standalone({"number": AMEX, "expiry": "2029-12", "name": " Anna  Svensson ",
                           "cvc": "1234"})
        assert form.is_valid(), form.errors.as_json()
        data: dict[str, Any] = form.cleaned_data
        assert (data["expiry"], data["name"]) == ("2029-12", "Anna Svensson")
        assert data["number"].digits == "378282246310005"
        assert str(data["number"]) == "378282*****0005"
        assert "378282246310005" not in repr(data)

    def test_required_and_optional(self) -> None:
        form = Standalone({})
        assert codes(form) == {"number": ["number.missing"], "expiry": ["expiry.missing"],
                               "cvc": ["cvc.missing"]}
        assert "name" in form.cleaned_data and form.cleaned_data["name"] is None

    def test_widgets_never_render_a_value_passed_to_them(self) -> None:
        html = Standalone().fields["number"].widget.render("number", "4242424242424242")
        assert "4242" not in html and 'inputmode="numeric"' in html
        html = Standalone().fields["cvc"].widget.render("cvc", "123")
        assert "123" not in html and 'autocomplete="cc-csc"' in html
        html = Standalone().fields["name"].widget.render("name", "Anna Svensson")
        assert 'value="Anna Svensson"' in html


class DocumentedRenderingTests(SimpleTestCase):  # type: ignore[misc]  # Django ships no type hints
    def test_the_rendering_shown_in_the_docs_is_what_django_renders(self) -> None:
        page = (Path(__file__).resolve().parent.parent / "docs" / "getting-started" / "forms.md")
        text = page.read_text(encoding="utf-8")
        shown = text.split("```html\n", 1)[1].split("```", 1)[0].splitlines()
        form = CardDetailsForm({**GOOD, "number": BAD_PAN, "cvc": "9876", "postal_code": "1115",
                                "country": "SE"}, today=TODAY)
        assert not form.is_valid()
        rendered = {line.strip() for line in form.as_div().splitlines()}
        assert len(shown) >= 10
        assert [line for line in shown if line not in rendered] == []
