"""WTForms validators for card forms (install the `wtforms` extra).

One validator per field, each running the field's cardvalid check and
raising its error messages; the whole `Result` (codes, params, warnings and
notices) is kept on the field as `field.cardvalid_result`. `SecurityCode`
reads the brand from the form's number field; `BillingAddress` checks the
address fields together (the postal code against the state and country) and
reports each problem on its own field. Messages are in the form's first
`meta.locales` entry when set (`sv_SE` -> Swedish), else in English, unless
a validator is given `locale=`. `SecretInput` renders an input without its
value, for the number and the code; any other field in error that holds what
looks like a card number (one typed into the name) is blanked, so the page
shown again never carries it.

>>> from wtforms import Form, StringField
>>> class Payment(Form):
...     number = StringField(validators=[CardNumber()], widget=SecretInput())
...     cvc = StringField(validators=[SecurityCode()], widget=SecretInput())
>>> form = Payment(data={"number": "3782 822463 10005", "cvc": "123"})
>>> form.validate(), form.cvc.cardvalid_result.codes
(False, ('cvc.length_for_brand',))
>>> dict(form.cvc.cardvalid_result.problems[0].params)
{'brand': 'American Express', 'code_name': 'CID', 'size': 4, 'length': 3}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, ClassVar

from wtforms.validators import ValidationError
from wtforms.widgets import TextInput

from cardvalid.address import check_address
from cardvalid.expiry import MAX_YEARS, check_expiry
from cardvalid.messages import normalize_locale
from cardvalid.model import Problem, Result, Severity
from cardvalid.name import check_name
from cardvalid.number import check_cvc, check_number
from cardvalid.panguard import looks_like_card_number
from cardvalid.reading import ADDRESS_FIELDS

__all__ = [
    "BillingAddress",
    "CardNumber",
    "CardholderName",
    "Expiry",
    "PostalCode",
    "SecretInput",
    "SecurityCode",
    "form_locale",
]


def form_locale(form: Any) -> str:
    """cardvalid's locale for a form: the first entry of `meta.locales`, else English."""
    locales = getattr(getattr(form, "meta", None), "locales", None)
    first = locales[0] if isinstance(locales, Sequence) and locales else None
    return normalize_locale(first)


def _report(
    field: Any, result: Result, problems: Sequence[Problem], *, holds_number: bool = False
) -> None:
    """Keep `result` on the field; raise the errors' messages (all of them) when there are any.

    A field in error that is not the number field but holds what looks like a
    card number (or half of one split across line1 and line2) is blanked, so the
    page shown again never carries the number.
    """
    field.cardvalid_result = result
    messages = [p.message for p in problems if p.severity is Severity.ERROR]
    if messages:
        found = any(p.code.endswith(".looks_like_card_number") for p in problems)
        if not holds_number and isinstance(field.data, str) and (
            found or looks_like_card_number(field.data)
        ):
            blanked: list[str] = []
            # What the other address fields still read, while the field stays blanked.
            field.cardvalid_submitted = (field.data, blanked)
            field.data, field.raw_data = None, blanked
        field.errors.extend(messages[:-1])
        raise ValidationError(messages[-1])


def _other_field(form: Any, name: str, validator: str, option: str) -> Any:
    """The form's field `name`, which the `option` of a `validator` names."""
    try:
        return form[name]
    except KeyError:
        raise KeyError(f"{validator}({option}={name!r}): the form has no such field") from None


class _Localized:
    """A validator's locale: `locale=None` follows the form's meta."""

    def __init__(self, *, locale: str | None = None) -> None:
        self.locale = locale

    def locale_of(self, form: Any) -> str:
        """The locale for the messages."""
        return form_locale(form) if self.locale is None else normalize_locale(self.locale)


class _Validator(_Localized):
    """A field's cardvalid check as a WTForms validator."""

    holds_number: ClassVar[bool] = False  # the field is the card number's own

    def __call__(self, form: Any, field: Any) -> None:
        result = self.check(form, field)
        _report(field, result, result.problems, holds_number=self.holds_number)

    def check(self, form: Any, field: Any) -> Result:
        """The field's check."""
        raise NotImplementedError


class CardNumber(_Validator):
    """The card number (`partial=True` while it is being typed: unfinished is a notice)."""

    holds_number = True

    def __init__(self, *, partial: bool = False, locale: str | None = None) -> None:
        super().__init__(locale=locale)
        self.partial = partial

    def check(self, form: Any, field: Any) -> Result:
        return check_number(field.data, partial=self.partial, locale=self.locale_of(form))


class SecurityCode(_Validator):
    """The security code, against the brand of the number in the field `number_field`.

    `number_field=None` checks the code alone (3 or 4 digits).
    """

    def __init__(self, *, number_field: str | None = "number", locale: str | None = None) -> None:
        super().__init__(locale=locale)
        self.number_field = number_field

    def check(self, form: Any, field: Any) -> Result:
        number = None
        if self.number_field is not None:
            number = _other_field(form, self.number_field, "SecurityCode", "number_field").data
        return check_cvc(field.data, number=number or None, locale=self.locale_of(form))


class Expiry(_Validator):
    """The expiry date; with `year_field`, this field is the month and that one the year.

    `today` is the date to judge against (UTC today when None).
    """

    def __init__(
        self,
        *,
        today: date | None = None,
        max_years: int = MAX_YEARS,
        year_field: str | None = None,
        partial: bool = False,
        locale: str | None = None,
    ) -> None:
        super().__init__(locale=locale)
        self.today = today
        self.max_years = max_years
        self.year_field = year_field
        self.partial = partial

    def check(self, form: Any, field: Any) -> Result:
        value: object = field.data
        if self.year_field is not None:
            year = _other_field(form, self.year_field, "Expiry", "year_field").data
            value = {"month": field.data, "year": year}
        return check_expiry(value, today=self.today, max_years=self.max_years,
                            partial=self.partial, locale=self.locale_of(form))


class CardholderName(_Validator):
    """The name as printed on the card."""

    def check(self, form: Any, field: Any) -> Result:
        return check_name(field.data, locale=self.locale_of(form))


class BillingAddress(_Localized):
    """One part of the billing address, checked with the rest of the address.

    Put it on each address field. `part` is the address field this form field
    is (`line1`, `line2`, `city`, `state`, `postal_code`, `country`, `phone`;
    by default the form field's name). The address is read from the form's
    fields that carry this validator, and from fields named like the parts.
    Each field's `cardvalid_result` holds its own problems (and the whole
    address's `normalized`). A problem no validating field can show (of no
    part on the form, such as `address.missing`, or of a blank field an
    `Optional()` stops) goes to the first address field that validates, so
    none is lost. The country's rules decide which parts are required.
    """

    def __init__(self, *, part: str | None = None, locale: str | None = None) -> None:
        super().__init__(locale=locale)
        if part is not None and part not in ADDRESS_FIELDS:
            raise ValueError(f"part must be one of {', '.join(ADDRESS_FIELDS)}")
        self.part = part

    def __call__(self, form: Any, field: Any) -> None:
        parts = {part: name for part, name, _ in _address_parts(form)}
        result = check_address(
            {part: _text(_submitted(form[name])) for part, name in parts.items()},
            locale=self.locale_of(form),
        )
        reporting = [name for _, name, reports in _address_parts(form) if reports]
        first = reporting[0] if reporting else field.name
        mine = tuple(
            p for p in result.problems if _reported_on(p, parts, reporting, first) == field.name
        )
        _report(field, replace(result, problems=mine), mine)


class PostalCode(BillingAddress):
    """The postal code, against the country's format and the state (a `BillingAddress` part)."""

    def __init__(self, *, locale: str | None = None) -> None:
        super().__init__(part="postal_code", locale=locale)


def _address_parts(form: Any) -> Iterator[tuple[str, str, bool]]:
    """(part, form field name, whether its `BillingAddress` runs) for each address part.

    A part is read from the field carrying a `BillingAddress` for it, else from
    a field of the part's name (which reports nothing itself).
    """
    seen: set[str] = set()
    for field in form:
        for validator in field.validators or ():
            if isinstance(validator, BillingAddress):
                part = validator.part or field.name
                if part in ADDRESS_FIELDS and part not in seen:
                    seen.add(part)
                    yield part, field.name, not _stopped_early(field)
    for part in ADDRESS_FIELDS:
        if part not in seen and part in form:
            yield part, part, False


def _stopped_early(field: Any) -> bool:
    """True when an `Optional()` in front will stop the field's validators (it is blank)."""
    return bool(getattr(field.flags, "optional", False)) and _text(field.data) is None


def _reported_on(
    problem: Problem, parts: Mapping[str, str], reporting: Sequence[str], first: str
) -> str:
    """The form field that shows a problem: its own when that field reports, else the first."""
    for name in (problem.field.value, problem.params.get("field")):
        if isinstance(name, str) and parts.get(name) in reporting:
            return parts[name]
    return first


def _submitted(field: Any) -> object:
    """The field's text as sent, also after `_report` blanked it so the page will not show it
    (until the form reads new data: `process()` gives `raw_data` a new list)."""
    stash = getattr(field, "cardvalid_submitted", None)
    if stash is not None and field.data is None and field.raw_data is stash[1]:
        return stash[0]
    return field.data


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


class SecretInput(TextInput):  # type: ignore[misc]  # WTForms ships no type hints
    """A text input that never renders the field's value (for the number and the code).

    >>> from wtforms import Form, StringField
    >>> class F(Form):
    ...     number = StringField(widget=SecretInput())
    >>> str(F(data={"number": "4242 4242 4242 4242"}).number())
    '<input id="number" inputmode="numeric" name="number" type="text" value="">'
    """

    def __call__(self, field: Any, **kwargs: Any) -> Any:
        kwargs["value"] = ""
        kwargs.setdefault("inputmode", "numeric")
        return super().__call__(field, **kwargs)
