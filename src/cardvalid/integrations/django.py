"""Django form fields and a whole-card form (install the `django` extra).

`CardDetailsForm` holds a card and its billing address; its `clean()` runs
`cardvalid.validate()` once over everything and puts each problem on its
field as `ValidationError(message, code=<reason code>, params=<params>)`
(problems of no form field, such as `transaction.*`, become non-field
errors). Only errors block the form; the whole `Result`, warnings and notices
included, is kept as `form.cardvalid_result`. Messages follow Django's active
language (`sv`, `sv-se` -> Swedish; anything unknown -> English).

The card-number and security-code inputs never write a submitted value back
into the page, the other inputs drop a value that looks like a card number,
and the cleaned values (`TypedCardNumber`, `TypedSecurityCode`) show
themselves masked: `repr(form.cleaned_data)` holds no card digits.

>>> from datetime import date
>>> from django.conf import settings
>>> if not settings.configured:  # a project has done this already
...     settings.configure()
>>> import django
>>> django.setup()
>>> form = CardDetailsForm({"number": "4242 4242 4242 4241", "expiry": "12/29",
...                         "name": "Anna Svensson", "cvc": "123", "line1": "Drottninggatan 1",
...                         "city": "Stockholm", "postal_code": "1115", "country": "SE"},
...                        today=date(2026, 11, 26))
>>> form.is_valid()
False
>>> {name: [e.code for e in errors] for name, errors in form.errors.as_data().items()}
{'number': ['number.checksum'], 'postal_code': ['postal_code.format']}
>>> form.errors.as_data()["postal_code"][0].params
{'example': '114 55', 'country': 'SE'}
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from cardvalid.expiry import MAX_YEARS, check_expiry
from cardvalid.integrations._values import TypedCardNumber, TypedSecurityCode
from cardvalid.messages import normalize_locale
from cardvalid.model import Problem, Result
from cardvalid.name import check_name
from cardvalid.number import check_cvc, check_number
from cardvalid.panguard import looks_like_card_number
from cardvalid.validation import validate

__all__ = [
    "CardDetailsForm",
    "CardNumberField",
    "CardNumberInput",
    "CardholderNameField",
    "ExpiryField",
    "GuardedTextInput",
    "SecurityCodeField",
    "SecurityCodeInput",
    "TypedCardNumber",
    "TypedSecurityCode",
    "active_locale",
    "validation_error",
]


def active_locale() -> str:
    """cardvalid's locale for Django's active language (English when none is active)."""
    return normalize_locale(translation.get_language() or "en")


def validation_error(problem: Problem) -> ValidationError:
    """A Django `ValidationError` for one problem: its message, its code, its params.

    Django fills a message from its params with `%`; the message is already
    filled, so a `%` in it is doubled to come out as itself.
    """
    params = dict(problem.params)
    message = problem.message.replace("%", "%%") if params else problem.message
    return ValidationError(message, code=problem.code, params=params)


def _raise_for(result: Result) -> None:
    errors = [validation_error(p) for p in result.errors]
    if errors:
        raise ValidationError(errors)


class GuardedTextInput(forms.TextInput):  # type: ignore[misc]  # Django ships no type hints
    """A text input that renders its value back unless the value looks like a card number."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        if isinstance(value, str) and looks_like_card_number(value):
            value = None
        context: dict[str, Any] = super().get_context(name, value, attrs)
        return context


class _UnrenderedInput(forms.TextInput):  # type: ignore[misc]  # Django ships no type hints
    """A text input that never writes a submitted value back into the page."""

    default_attrs: ClassVar[dict[str, str]] = {}

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**self.default_attrs, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, None, attrs)
        return context


class CardNumberInput(_UnrenderedInput):
    """The card-number input: numeric keyboard, `cc-number` autofill, never re-rendered."""

    default_attrs: ClassVar[dict[str, str]] = {
        "autocomplete": "cc-number", "inputmode": "numeric", "spellcheck": "false",
    }


class SecurityCodeInput(_UnrenderedInput):
    """The security-code input: numeric keyboard, `cc-csc` autofill, never re-rendered."""

    default_attrs: ClassVar[dict[str, str]] = {
        "autocomplete": "cc-csc", "inputmode": "numeric", "spellcheck": "false",
    }


class _CheckedField(forms.CharField):  # type: ignore[misc]  # Django ships no type hints
    """A text field checked by one cardvalid check; `check=False` leaves that to the form.

    An empty required field gets the check's own `*.missing` reason, not
    Django's `required`. The last check's `Result` is kept as `cardvalid_result`.
    """

    widget = GuardedTextInput
    autocomplete: ClassVar[str] = "off"

    def __init__(self, *, check: bool = True, **kwargs: Any) -> None:
        if "widget" not in kwargs and self.widget is GuardedTextInput:
            kwargs["widget"] = GuardedTextInput(attrs={"autocomplete": self.autocomplete})
        super().__init__(**kwargs)
        self.check = check
        self.cardvalid_result: Result | None = None

    def clean(self, value: Any) -> Any:
        text = self.to_python(value)
        if not text and not (self.required and self.check):
            return None
        if self.check:
            result = self.run_check(text or None)
            self.cardvalid_result = result
            _raise_for(result)
            cleaned = self.cleaned(text, result)
        else:
            cleaned = self.cleaned(text, None)
        self.run_validators(cleaned)
        return cleaned

    def run_check(self, text: str | None) -> Result:
        """The field's cardvalid check."""
        raise NotImplementedError

    def cleaned(self, text: str, result: Result | None) -> Any:
        """The cleaned value: the check's normalized form where there is one."""
        return text


class CardNumberField(_CheckedField):
    """A card number; cleans to a `TypedCardNumber` (masked in `repr`, `.digits` to send on)."""

    widget = CardNumberInput

    def run_check(self, text: str | None) -> Result:
        return check_number(text, locale=active_locale())

    def cleaned(self, text: str, result: Result | None) -> TypedCardNumber:
        return TypedCardNumber(text)


class SecurityCodeField(_CheckedField):
    """A security code (3 or 4 digits; `CardDetailsForm` checks it against the brand)."""

    widget = SecurityCodeInput

    def run_check(self, text: str | None) -> Result:
        return check_cvc(text, locale=active_locale())

    def cleaned(self, text: str, result: Result | None) -> TypedSecurityCode:
        return TypedSecurityCode(text)


class ExpiryField(_CheckedField):
    """An expiry date in any common spelling; cleans to `"YYYY-MM"`.

    `today` is the date to judge against (UTC today when None), `max_years`
    how far ahead an expiry may lie.
    """

    autocomplete = "cc-exp"

    def __init__(
        self, *, today: date | None = None, max_years: int = MAX_YEARS, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.today = today
        self.max_years = max_years

    def run_check(self, text: str | None) -> Result:
        return check_expiry(text, today=self.today, max_years=self.max_years,
                            locale=active_locale())

    def cleaned(self, text: str, result: Result | None) -> str:
        return _normalized(result, "expiry", text)


class CardholderNameField(_CheckedField):
    """The name as printed on the card; cleans to the normalized name."""

    autocomplete = "cc-name"

    def run_check(self, text: str | None) -> Result:
        return check_name(text, locale=active_locale())

    def cleaned(self, text: str, result: Result | None) -> str:
        return _normalized(result, "name", text)


def _normalized(result: Result | None, key: str, text: str) -> str:
    value = None if result is None else result.normalized.get(key)
    return value if isinstance(value, str) else text


def _address_field(autocomplete: str, label: str) -> forms.CharField:
    return forms.CharField(
        required=False, label=label, widget=GuardedTextInput(attrs={"autocomplete": autocomplete})
    )


class CardDetailsForm(forms.Form):  # type: ignore[misc]  # Django ships no type hints
    """A card and its billing address, checked as a whole by `cardvalid.validate()`.

    Keyword options (besides Django's own): `today` (UTC today when None),
    `merchant_country`, `recurring`, `require_cvc` (True), `require_address`
    (True), `max_years` (20) — as for `validate()`.
    """

    number = CardNumberField(check=False, required=False, label="Card number")
    expiry = ExpiryField(check=False, required=False, label="Expiry date")
    name = CardholderNameField(check=False, required=False, label="Name on the card")
    cvc = SecurityCodeField(check=False, required=False, label="Security code")
    line1 = _address_field("address-line1", "Address")
    line2 = _address_field("address-line2", "Address line 2")
    city = _address_field("address-level2", "City")
    state = _address_field("address-level1", "State, province or region")
    postal_code = _address_field("postal-code", "Postal code")
    country = _address_field("country", "Country")
    phone = _address_field("tel", "Phone")

    def __init__(
        self,
        *args: Any,
        today: date | None = None,
        merchant_country: str | None = None,
        recurring: bool = False,
        require_cvc: bool = True,
        require_address: bool = True,
        max_years: int = MAX_YEARS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cardvalid_options: Mapping[str, Any] = {
            "today": today,
            "merchant_country": merchant_country,
            "recurring": recurring,
            "require_cvc": require_cvc,
            "require_address": require_address,
            "max_years": max_years,
        }
        self.cardvalid_result: Result | None = None

    def clean(self) -> dict[str, Any]:
        """Run `validate()` over the whole card; each error goes to its field."""
        cleaned: dict[str, Any] = super().clean() or {}
        record = {name: _raw(value) for name, value in cleaned.items()}
        result = validate(record, locale=active_locale(), **self.cardvalid_options)
        self.cardvalid_result = result
        for problem in result.errors:
            field = self._field_of(problem)
            if field is not None and problem.code.endswith(".looks_like_card_number"):
                self._render_no_value(field)  # line1 and line2 may each hold half of one
            if field not in self.errors:  # else Django's own validator has said why
                self.add_error(field, validation_error(problem))
        for key, value in result.normalized.items():
            if key in cleaned and key not in _SECRET and isinstance(value, str):
                cleaned[key] = value
        return cleaned

    def _render_no_value(self, name: str) -> None:
        """Never write `name`'s submitted value back into the page (it holds a card)."""
        field = self.fields[name]
        field.widget = _UnrenderedInput(attrs=field.widget.attrs)

    def _field_of(self, problem: Problem) -> str | None:
        """The form field a problem belongs to (`address.*` names it in `params`), else None."""
        for name in (problem.field.value, problem.params.get("field")):
            if isinstance(name, str) and name in self.fields:
                return name
        return None


_SECRET = frozenset({"number", "cvc"})


def _raw(value: object) -> object:
    if isinstance(value, TypedCardNumber | TypedSecurityCode):
        return value.text
    return value
