"""Recognising a file's column names: contract names, common aliases, `--columns` maps.

>>> detect_columns(["Card Number", "EXP", "Cardholder", "ZIP", "on_file_zip"])
{'number': 'Card Number', 'expiry': 'EXP', 'name': 'Cardholder', 'postal_code': 'ZIP', \
'on_file_postal_code': 'on_file_zip'}
>>> parse_columns("number=pan, cvc=cvv2")
{'number': 'pan', 'cvc': 'cvv2'}
>>> looks_like_data("12/29"), looks_like_data("4111 1111 1111 1111"), looks_like_data("zip")
(True, True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cardvalid.batch.records import FIELDS, ON_FILE_PREFIX
from cardvalid.panguard import looks_like_card_number

# Header spellings seen in checkout exports and processors' batch files.
ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("card_number", "cardnumber", "pan", "cc_number", "ccnumber", "card", "card_no",
               "account_number"),
    "expiry": ("exp", "expiry_date", "expiration", "expiration_date", "exp_date", "expires",
               "valid_thru", "card_expiry"),
    "expiry_month": ("exp_month", "expiration_month", "month"),
    "expiry_year": ("exp_year", "expiration_year", "year"),
    "name": ("cardholder", "cardholder_name", "card_holder", "name_on_card", "holder",
             "card_name"),
    "cvc": ("cvv", "cvv2", "cvc2", "cid", "csc", "security_code", "card_code"),
    "line1": ("address", "address1", "address_1", "address_line1", "address_line_1", "street",
              "street_address", "billing_address"),
    "line2": ("address2", "address_2", "address_line2", "address_line_2"),
    "city": ("town", "locality", "post_town"),
    "state": ("province", "region", "state_code", "county", "prefecture"),
    "postal_code": ("zip", "zip_code", "zipcode", "postcode", "post_code", "postal",
                    "postnummer"),
    "country": ("country_code", "country_name"),
    "phone": ("phone_number", "telephone", "tel", "mobile"),
}

_LOOKUP = {field: field for field in FIELDS} | {
    alias: field for field, aliases in ALIASES.items() for alias in aliases
}


def _key(header: str) -> str:
    return "_".join(header.strip().lower().replace("-", " ").replace(".", " ").split())


def _field_of(header: str) -> str | None:
    key = _key(header)
    prefix = ""
    if key.startswith(ON_FILE_PREFIX):
        prefix, key = ON_FILE_PREFIX, key[len(ON_FILE_PREFIX) :]
    field = _LOOKUP.get(key)
    return None if field is None else prefix + field


def field_of(header: str) -> str | None:
    """The contract field a header names (`on_file_` kept), or None.

    >>> field_of("CVV2"), field_of("On File PAN"), field_of("record id")
    ('cvc', 'on_file_number', None)
    """
    return _field_of(header)


# Fields whose values a report may never carry through (PCI DSS).
SECRET_FIELDS = frozenset({"number", "cvc", ON_FILE_PREFIX + "number", ON_FILE_PREFIX + "cvc"})

_DIGITS = re.compile(r"\d")


def looks_like_data(cell: str) -> bool:
    """True for a header cell that is a value, not a name: a card number, a date, a number."""
    text = cell.strip()
    if looks_like_card_number(text):
        return True
    return len(_DIGITS.findall(text)) >= 2 and not any(ch.isalpha() for ch in text)


def detect_columns(headers: Iterable[str]) -> dict[str, str]:
    """`{contract field: header}` for every header recognised; the first header wins."""
    found: dict[str, str] = {}
    for header in headers:
        field = _field_of(header)
        if field is not None and field not in found:
            found[field] = header
    return found


def parse_columns(spec: str) -> dict[str, str]:
    """`"number=pan,expiry=exp"` -> `{"number": "pan", "expiry": "exp"}`.

    Raises `ValueError` for an unknown contract field or a malformed pair.
    """
    mapping: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in spec.split(","))):
        field, sep, column = (part.strip() for part in pair.partition("="))
        base = field.removeprefix(ON_FILE_PREFIX)
        if not sep or not column or base not in FIELDS:
            raise ValueError(f"--columns: expected FIELD=COLUMN with FIELD one of {FIELDS}")
        mapping[field] = column
    return mapping
