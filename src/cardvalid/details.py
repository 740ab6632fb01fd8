"""Reading card details given as a mapping with the contract's field names.

>>> as_details({"number": "4111", "city": "Malmö"}, "details").address.city
'Malmö'
"""

from __future__ import annotations

from collections.abc import Mapping

from cardvalid.model import Address, CardDetails
from cardvalid.text import is_blank

ADDRESS_FIELDS = ("line1", "line2", "city", "state", "postal_code", "country", "phone")
DETAIL_FIELDS = ("number", "expiry", "name", "cvc", "expiry_month", "expiry_year")


def details_from_mapping(record: Mapping[str, object]) -> CardDetails:
    """A `CardDetails` from a mapping with the contract's field names.

    Address fields may be top level (`city`, `postal_code`, ...) or under
    `address` (a mapping or an `Address`). Blank strings (spaces, blanks such
    as U+3164, invisible marks) count as absent.
    Wrong types raise `TypeError` naming the field.

    >>> details_from_mapping({"number": "4111", "city": "Malmö"}).address.city
    'Malmö'
    """
    values = {k: _blank_to_none(record.get(k)) for k in DETAIL_FIELDS}
    address = record.get("address")
    if isinstance(address, Mapping):
        address = _address_from_mapping(address)
    elif address is None:
        address = _address_from_mapping(record)
    return CardDetails(address=address, **values)  # type: ignore[arg-type]


def _address_from_mapping(record: Mapping[str, object]) -> Address | None:
    parts = {k: _blank_to_none(record.get(k)) for k in ADDRESS_FIELDS}
    if all(v is None for v in parts.values()):
        return None
    return Address(**parts)  # type: ignore[arg-type]


def _blank_to_none(value: object) -> object:
    """None for a blank (`text.is_blank`); a pydantic-checked number or code: its digits."""
    if value is None or (isinstance(value, str) and len(value) <= _BLANK_CAP and is_blank(value)):
        return None
    if isinstance(value, str):
        return value
    digits = getattr(value, "__cardvalid_digits__", None)  # pydantic's checked number or code
    return value if digits is None else digits()


_BLANK_CAP = 1_000  # longer text is not read as blank here: its field's cap reports it


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
