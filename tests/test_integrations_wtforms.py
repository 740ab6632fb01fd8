"""The WTForms validators, on real WTForms forms fed a multidict of form data."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import pytest

wtforms = pytest.importorskip("wtforms")

from wtforms import Form, StringField  # noqa: E402
from wtforms.validators import Optional  # noqa: E402

from cardvalid.integrations.wtforms import (  # noqa: E402
    BillingAddress,
    CardholderName,
    CardNumber,
    Expiry,
    PostalCode,
    SecretInput,
    SecurityCode,
    form_locale,
)

TODAY = date(2026, 11, 26)


class MultiDict:
    """The least a WTForms form needs of a request's form data: several values per key."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._values: dict[str, list[str]] = {}
        for key, value in pairs:
            self._values.setdefault(key, []).append(value)

    def __iter__(self) -> Any:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def getlist(self, key: str) -> list[str]:
        return list(self._values.get(key, []))


class CheckoutForm(Form):  # type: ignore[misc]  # WTForms ships no type hints
    number = StringField(validators=[CardNumber()], widget=SecretInput())
    expiry = StringField(validators=[Expiry(today=TODAY)])
    name = StringField(validators=[CardholderName()])
    cvc = StringField(validators=[SecurityCode()], widget=SecretInput())
    line1 = StringField(validators=[BillingAddress()])
    line2 = StringField(validators=[BillingAddress()])
    city = StringField(validators=[BillingAddress()])
    state = StringField(validators=[BillingAddress()])
    zip = StringField(validators=[PostalCode()])
    country = StringField(validators=[BillingAddress()])


GOOD = {
    "number": "4242 4242 4242 4242", "expiry": "12/29", "name": "Anna Svensson", "cvc": "123",
    "line1": "Drottninggatan 1", "city": "Stockholm", "zip": "11151", "country": "SE",
}


def submit(form_class: type[Form] = CheckoutForm, **changes: str) -> Any:
    data = {**GOOD, **changes}
    form = form_class(MultiDict(data.items()))
    form.validate()
    return form


def codes(form: Any) -> dict[str, tuple[str, ...]]:
    """Every field's cardvalid codes (errors, warnings and notices)."""
    found = {}
    for field in form:
        result = getattr(field, "cardvalid_result", None)
        if result is not None and result.problems:
            found[field.name] = result.codes
    return found


def test_a_valid_card_passes_and_keeps_its_results() -> None:
    form = submit()
    assert form.validate(), form.errors
    assert form.number.cardvalid_result.card.brand.value == "visa"
    assert form.zip.cardvalid_result.normalized["postal_code"] == "111 51"


def test_each_field_gets_its_own_codes_and_messages() -> None:
    form = submit(number="4242 4242 4242 4241", expiry="13/29", name="", zip="1115")
    assert not form.validate()
    assert codes(form) == {
        "number": ("number.checksum",), "expiry": ("expiry.month_range",),
        "name": ("name.missing",), "zip": ("postal_code.format",),
    }
    assert set(form.errors) == {"number", "expiry", "name", "zip"}
    assert all(len(messages) == 1 for messages in form.errors.values())
    assert dict(form.zip.cardvalid_result.problems[0].params) == {
        "example": "114 55", "country": "SE"}


def test_the_security_code_validator_reads_the_numbers_brand() -> None:
    form = submit(number="3782 822463 10005", cvc="123")
    assert codes(form) == {"cvc": ("cvc.length_for_brand",)}
    assert dict(form.cvc.cardvalid_result.problems[0].params)["code_name"] == "CID"
    assert submit(number="3782 822463 10005", cvc="1234").validate()
    assert codes(submit(cvc="1234")) == {"cvc": ("cvc.length_for_brand",)}  # Visa: 3 digits


def test_the_number_field_can_have_another_name() -> None:
    class Renamed(Form):  # type: ignore[misc]
        pan = StringField(validators=[CardNumber()])
        code = StringField(validators=[SecurityCode(number_field="pan")])

    form = Renamed(MultiDict([("pan", "3782 822463 10005"), ("code", "123")]))
    assert not form.validate()
    assert form.code.cardvalid_result.codes == ("cvc.length_for_brand",)

    class Unwired(Form):  # type: ignore[misc]
        code = StringField(validators=[SecurityCode()])

    with pytest.raises(KeyError, match="number_field='number'"):
        Unwired(MultiDict([("code", "123")])).validate()

    class NoYear(Form):  # type: ignore[misc]
        month = StringField(validators=[Expiry(year_field="year")])

    with pytest.raises(KeyError, match=r"Expiry\(year_field='year'\): the form has no such"):
        NoYear(MultiDict([("month", "12")])).validate()


def test_the_postal_code_is_checked_against_the_state_and_country() -> None:
    form = submit(line1="3600 S Las Vegas Blvd", city="Las Vegas", state="NV", zip="90210",
                  country="US")
    assert codes(form) == {"zip": ("postal_code.state_mismatch",)}
    assert form.zip.cardvalid_result.problems[0].params["state"] == "NV"
    assert set(form.errors) == {"zip"}


def test_the_countrys_rules_decide_which_address_fields_are_required() -> None:
    form = submit(line1="1 Main St", city="Toronto", zip="", country="CA")
    assert codes(form) == {"state": ("state.missing",), "zip": ("postal_code.missing",)}
    assert set(form.errors) == {"state", "zip"}
    assert submit(line2="", state="").validate()  # Sweden: neither is needed


def test_an_optional_validator_in_front_loses_no_problem() -> None:
    class Stopped(Form):  # type: ignore[misc]
        line1 = StringField(validators=[BillingAddress()])
        city = StringField(validators=[BillingAddress()])
        state = StringField(validators=[Optional(), BillingAddress()])
        zip = StringField(validators=[PostalCode()])
        country = StringField(validators=[BillingAddress()])

    form = Stopped(MultiDict([("line1", "1 Main St"), ("city", "Toronto"), ("zip", ""),
                              ("country", "CA")]))
    assert not form.validate()
    assert codes(form) == {"line1": ("state.missing",), "zip": ("postal_code.missing",)}
    assert set(form.errors) == {"line1", "zip"}


def test_a_part_read_by_name_only_reports_on_the_first_address_field() -> None:
    class NameOnly(Form):  # type: ignore[misc]
        line1 = StringField(validators=[BillingAddress()])
        city = StringField(validators=[BillingAddress()])
        zip = StringField(validators=[PostalCode()])
        country = StringField()  # read by its name, no validator of its own

    form = NameOnly(MultiDict([("line1", "1 Main St"), ("city", "X"), ("zip", "12345"),
                               ("country", "Atlantis")]))
    assert not form.validate()
    assert codes(form) == {"line1": ("country.unknown",)}


def test_address_problems_of_no_form_field_go_to_the_first_address_field() -> None:
    form = submit(line1="", city="", zip="", country="")
    assert not form.validate()
    assert form.errors["line1"] and set(form.errors) == {"line1"}
    assert form.line1.cardvalid_result.codes == ("address.missing",)


def test_a_card_number_in_an_address_field_lands_on_that_field() -> None:
    form = submit(city="4111 1111 1111 1111")
    assert set(form.errors) == {"city"}
    problem = next(p for p in form.city.cardvalid_result.problems
                   if p.code == "address.looks_like_card_number")
    assert dict(problem.params) == {"field": "city"}


def test_a_number_split_across_the_two_lines_is_shown_again_in_neither() -> None:
    amex = "378282246310005"
    form = submit(line1=f"Storgatan {amex[:9]}", line2=amex[9:])
    assert not form.validate()
    assert set(form.errors) == {"line1", "line2"}
    page = str(form.line1()) + str(form.line2()) + repr(form.data)
    assert amex[:9] not in page and amex[9:] not in page


def test_warnings_and_notices_are_kept_but_do_not_fail() -> None:
    form = submit(expiry="11/26", name="Madonna")
    assert form.validate(), form.errors
    assert codes(form) == {"expiry": ("expiry.expires_this_month",),
                           "name": ("name.single_word",)}


def test_two_field_expiry() -> None:
    class TwoFields(Form):  # type: ignore[misc]
        month = StringField(validators=[Expiry(today=TODAY, year_field="year")])
        year = StringField()

    form = TwoFields(MultiDict([("month", "12"), ("year", "2029")]))
    assert form.validate()
    assert form.month.cardvalid_result.normalized["expiry"] == "2029-12"
    form = TwoFields(MultiDict([("month", "10"), ("year", "2026")]))
    assert not form.validate()
    assert form.month.cardvalid_result.codes == ("expiry.expired",)


def test_partial_number_is_a_notice() -> None:
    class AsYouType(Form):  # type: ignore[misc]
        number = StringField(validators=[CardNumber(partial=True)])

    form = AsYouType(MultiDict([("number", "4242 42")]))
    assert form.validate()
    assert form.number.cardvalid_result.codes == ("number.incomplete",)


class SwedishForm(CheckoutForm):
    class Meta:
        locales = ("sv_SE", "en")


def test_the_locale_comes_from_the_forms_meta() -> None:
    english = submit(zip="1115").errors["zip"][0]
    swedish_form = submit(SwedishForm, zip="1115")
    swedish = swedish_form.errors["zip"][0]
    assert form_locale(swedish_form) == "sv" and form_locale(submit()) == "en"
    assert swedish != english and "postnumret" in swedish.lower()
    assert swedish_form.zip.cardvalid_result.codes == ("postal_code.format",)


def test_an_explicit_locale_wins() -> None:
    class Forced(Form):  # type: ignore[misc]
        name = StringField(validators=[CardholderName(locale="sv")])

    form = Forced(MultiDict([("name", "")]))
    form.validate()
    assert form.errors["name"][0] == form.name.cardvalid_result.problems[0].message
    assert form.name.cardvalid_result.problems[0].message != (
        submit(name="").errors["name"][0])


def test_each_address_field_keeps_its_own_problems() -> None:
    class Several(Form):  # type: ignore[misc]
        line1 = StringField(validators=[BillingAddress()])
        country = StringField(validators=[BillingAddress()])
        city = StringField(validators=[BillingAddress()])
        phone = StringField(validators=[BillingAddress()])

    form = Several(MultiDict([("line1", "Gata 1"), ("city", "Stockholm"), ("country", "SE"),
                              ("phone", "12")]))
    assert not form.validate()
    assert form.line1.cardvalid_result.codes == ("postal_code.missing",)  # no such form field
    assert form.phone.cardvalid_result.codes == ("phone.invalid",)
    assert form.errors == {
        "line1": [form.line1.cardvalid_result.problems[0].message],
        "phone": [form.phone.cardvalid_result.problems[0].message],
    }
    assert form.city.cardvalid_result.normalized["country"] == "SE"


def test_a_bad_part_name_is_refused() -> None:
    with pytest.raises(ValueError, match="part must be one of"):
        BillingAddress(part="zip")


def test_secret_inputs_never_render_the_typed_digits() -> None:
    form = submit(number="4242 4242 4242 4241", cvc="9876")
    page = "".join(str(field()) for field in form) + repr(form.errors)
    digits = re.sub(r"(?<=\d)[\s\-]+(?=\d)", "", page)
    assert "4242424242424241" not in digits and "9876" not in page
    assert 'value="Anna Svensson"' in page


def test_a_card_number_typed_into_another_field_is_not_shown_again() -> None:
    typed = "4111 1111 1111 1111"
    form = submit(number="4242 4242 4242 4242", name=typed, city=typed, expiry=typed,
                  cvc="4111111111111111")
    assert set(form.errors) == {"name", "city", "expiry", "cvc"}
    page = re.sub(r"(?<=\d)[\s\-]+(?=\d)", "", "".join(str(field()) for field in form))
    assert "4111111111111111" not in page and "41111111" not in page
    assert form.name.data is None and form.city.raw_data == []
    assert form.number.data == "4242 4242 4242 4242"  # the number field keeps its number
    assert 'value="Drottninggatan 1"' in page  # other values are shown again as typed


def test_every_error_of_a_field_is_reported() -> None:
    class Sparse(Form):  # type: ignore[misc]
        line1 = StringField(validators=[BillingAddress()])
        country = StringField(validators=[BillingAddress()])

    form = Sparse(MultiDict([("line1", "Gata 1"), ("country", "SE")]))
    assert not form.validate()
    result = form.line1.cardvalid_result
    assert result.codes == ("city.missing", "postal_code.missing")
    assert form.errors == {"line1": [p.message for p in result.problems]}


def test_a_blanked_line_is_read_as_sent_only_until_the_form_reads_new_data() -> None:
    amex = "378282246310005"
    form = submit(line1=f"Storgatan {amex[:9]}", line2=amex[9:])
    assert not form.validate()
    form.process(MultiDict({**GOOD, "line1": "Drottninggatan 1"}.items()))
    assert form.validate(), form.errors  # the old half is not read again
