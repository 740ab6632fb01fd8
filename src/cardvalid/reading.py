"""Reading card details once, from any accepted input, into one immutable `Reading`.

The data flows one way: **read -> judge -> report**. `read()` takes a
`CardDetails`, a mapping with the contract's field names (the address flat or
nested, as a mapping or an `Address`) or a batch row's fields
(`details_from_fields`), and reads each value once: the number's digits,
the expiry's `(year, month)`, the name, the security code, and the address
(`cardvalid.address.reading`: country code, cleaned lines, state code,
canonical postal code, each with what reading found). `validate()` judges a
reading under its `Options`; `compare()` compares two readings.

One rule for every input: a blank value (None, text of spaces, blanks such as
U+3164 or invisible marks — `text.is_blank` —, NaN, pandas' NA/NaT) is an
absent one; a whole number is read as text wherever digits make sense (any
field but the name); other types raise `FieldTypeError`, a `TypeError` naming the
field, never the value.

>>> r = read({"number": "4111 1111 1111 1111", "expiry": "12/29", "city": "Malmö",
...           "country": "SE", "cvc": " "})
>>> r.digits[-4:], r.expiry, r.address.country, r.address.city, r.cvc
('1111', (2029, 12), 'SE', ('Malmö', None), None)
>>> r
Reading(number='411111******1111', expiry=(2029, 12), name=None, address=True)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import NamedTuple

from cardvalid.address.reading import AddressReading, read_address
from cardvalid.caches import BoundedCache
from cardvalid.digits import MAX_INPUT, Unreadable, mask, read_digits
from cardvalid.expiry import parse_expiry
from cardvalid.model import Address, CardDetails
from cardvalid.text import BLANK_CAP, absent, is_blank

ADDRESS_FIELDS = ("line1", "line2", "city", "state", "postal_code", "country", "phone")
DETAIL_FIELDS = ("number", "expiry", "name", "cvc", "expiry_month", "expiry_year")
FIELDS = DETAIL_FIELDS + ADDRESS_FIELDS

_MISSING_TYPES = frozenset({"NAType", "NaTType"})
_NO_NUMBER = Unreadable("missing")  # what `read_digits` says of None, read once
_NO_PARTS = {"month": None, "year": None}
_SHORT_EXPIRY = 32  # expiry spellings up to this length are read once and remembered
_EXPIRY: BoundedCache[str, tuple[tuple[int, int] | None]] = BoundedCache(1024)


class FieldTypeError(TypeError):
    """A value of a type its field cannot take: names the field (`field`), never the value."""

    def __init__(self, field: str, accepted: str, value: object) -> None:
        shown = f"address.{field}" if field in ADDRESS_FIELDS else field
        super().__init__(f"{shown} must be {accepted}, not {type(value).__name__}")
        self.field = field


def is_absent(value: object) -> bool:
    """The one blank rule: None, blank text, NaN and pandas' NA/NaT are "no value".

    >>> [is_absent(v) for v in (None, "  ", "\u3164", float("nan"), "x", 0)]
    [True, True, True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return absent(value)
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in _MISSING_TYPES and type(value).__module__.startswith("pandas")


def is_whole_number(value: object) -> bool:
    """An int (not a bool), also numpy's (a dataframe's integer column)."""
    if type(value) is int:
        return True
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and (
        type(value).__name__ != "bool_"
    )


def field_value(field: str, value: object) -> object:
    """`value` as `field` takes it: None when absent, text or a whole number; else a TypeError.

    A pydantic-checked number or code gives its digits; a whole number in an
    address field is its decimal text (a JSON postal code); the expiry takes
    whatever its reader takes (it names its own type errors).
    """
    if type(value) is str:
        return None if len(value) <= BLANK_CAP and is_blank(value) else value
    if value is None or is_absent(value):
        return None
    if field == "expiry" or isinstance(value, str):
        return value
    digits = getattr(value, "__cardvalid_digits__", None)  # pydantic's checked number or code
    if digits is not None:
        return digits()
    if field != "name" and is_whole_number(value):
        return str(int(value)) if field in ADDRESS_FIELDS else int(value)  # type: ignore[call-overload]
    if field == "name" or field in ADDRESS_FIELDS:
        raise FieldTypeError(field, "str or None", value)
    raise FieldTypeError(field, "str, int or None", value)


def details_from_fields(values: Mapping[str, object]) -> CardDetails:
    """`CardDetails` from values already read by `field_value`, keyed by field name."""
    address = {k: values[k] for k in ADDRESS_FIELDS if values.get(k) is not None}
    return CardDetails(
        address=Address(**address) if address else None,  # type: ignore[arg-type]
        **{k: values[k] for k in DETAIL_FIELDS if k in values},  # type: ignore[arg-type]
    )


def details_from_mapping(record: Mapping[str, object]) -> CardDetails:
    """A `CardDetails` from a mapping with the contract's field names.

    Address fields may be top level (`city`, `postal_code`, ...) or under
    `address` (a mapping or an `Address`). Wrong types raise `FieldTypeError`.

    >>> details_from_mapping({"number": 4111, "address": {"postal_code": 11151}}).address
    ... # doctest: +ELLIPSIS
    Address(line1=None, city=None, postal_code='11151', ...)
    """
    values = {k: field_value(k, record.get(k)) for k in DETAIL_FIELDS}
    nested = record.get("address")
    if isinstance(nested, Address):
        nested = {k: getattr(nested, k) for k in ADDRESS_FIELDS}
    elif nested is None:
        nested = record
    elif not isinstance(nested, Mapping):
        raise FieldTypeError("address", "Address, a mapping or None", nested)
    values.update((k, field_value(k, nested.get(k))) for k in ADDRESS_FIELDS)
    return details_from_fields(values)


def as_details(details: object, argument: str) -> CardDetails:
    """`details` as `CardDetails` (a mapping is read as the contract's field names).

    Anything else raises `TypeError` naming `argument`, never echoing the value.
    """
    if isinstance(details, CardDetails):
        return details
    if isinstance(details, Mapping):
        return details_from_mapping(details)
    raise TypeError(f"{argument} must be CardDetails or a mapping, not {type(details).__name__}")


def expiry_value(details: CardDetails) -> object:
    """The expiry as given: `expiry`, or `{"month", "year"}` from two separate fields."""
    if details.expiry is None and (
        details.expiry_month is not None or details.expiry_year is not None
    ):
        return {"month": details.expiry_month, "year": details.expiry_year}
    return details.expiry


class Reading(NamedTuple):
    """One set of card details, read once. `repr()` shows the number masked, never the code.

    `number` is `digits.read_digits`'s answer (`(ascii digits, folded)`) or
    why it could not read them (`Unreadable`); `expiry_value` is the expiry as
    given (one value, or `{"month", "year"}` from two fields; None when blank),
    `expiry` its `(year, month)`, or None when no date could be read; `name`
    and `cvc` are the values given, None when blank; `address` is the
    address read (None without one).
    """

    details: CardDetails
    number: tuple[str, bool] | Unreadable
    expiry_value: object
    expiry: tuple[int, int] | None
    name: str | None
    cvc: str | int | None
    address: AddressReading | None

    @property
    def digits(self) -> str | None:
        """The number's ASCII digits, or None when it could not be read."""
        return None if isinstance(self.number, Unreadable) else self.number[0]

    def __repr__(self) -> str:
        number = self.details.number
        shown = None if number is None else mask(number)
        return (f"Reading(number={shown!r}, expiry={self.expiry!r}, "
                f"name={'None' if self.name is None else '...'}, "
                f"address={self.address is not None})")


def read(details: object, argument: str = "details") -> Reading:
    """Read `details` (a `CardDetails` or a mapping) once; `TypeError` names `argument`."""
    card = details if type(details) is CardDetails else as_details(details, argument)
    number: tuple[str, bool] | Unreadable = _NO_NUMBER
    if card.number is not None:  # (raising and catching costs more than the rest of a reading)
        try:
            number = read_digits(card.number, "number", MAX_INPUT)
        except Unreadable as unreadable:
            number = unreadable.with_traceback(None)  # kept: no frames kept with it
    expiry = card.expiry
    known = _EXPIRY_GET(expiry) if type(expiry) is str else None  # a spelling seen before
    if known is None:
        if type(expiry) is str and _blank_text(expiry):
            expiry = None
        if expiry is None and (card.expiry_month is not None or card.expiry_year is not None):
            month, year = card.expiry_month, card.expiry_year
            expiry = {"month": None if _blank_text(month) else month,
                      "year": None if _blank_text(year) else year}
            if expiry == _NO_PARTS:
                expiry = None
        known = (None,) if expiry is None else (_expiry(expiry),)
    name, cvc, address = card.name, card.cvc, card.address
    # Blank text is absent (`is_blank`; its ASCII case inline: this runs on every record).
    if name is not None and (not name.strip() if name.isascii() else _blank_text(name)):
        name = None
    if type(cvc) is str and (not cvc.strip() if cvc.isascii() else _blank_text(cvc)):
        cvc = None
    # tuple.__new__: the NamedTuple without its Python-level __new__ (a third of the cost)
    return _NEW(Reading, (card, number, expiry, known[0], name, cvc,
                          None if address is None else read_address(address)))


_EXPIRY_GET = _EXPIRY.get
_NEW = tuple.__new__


def _blank_text(value: object) -> bool:
    """`is_absent` for a value a `CardDetails` holds (text or an int)."""
    if type(value) is not str:
        return False
    if value.isascii():  # `is_blank`'s ASCII case, without the call
        return not value or value.isspace()
    return len(value) <= BLANK_CAP and is_blank(value)


def _expiry(value: object) -> tuple[int, int] | None:
    """`(year, month)`; short spellings are read once and remembered (never a card number)."""
    if type(value) is str and len(value) <= _SHORT_EXPIRY:
        found = _EXPIRY.get(value)
        if found is None:
            found = _EXPIRY.keep(value, value, (parse_expiry(value),))
        return found[0]
    return parse_expiry(value)
