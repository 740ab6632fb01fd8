"""Turning one batch record (a mapping or `CardDetails`) into `CardDetails`, by column.

The record's keys are matched to the contract's fields (`keys_for`, once per
batch); each value is read by `cardvalid.reading.field_value`, the rule
`validate()` reads a mapping by. A value of the wrong type is a
`record.bad_value` naming its field.

>>> details, on_file = to_details({"pan": "4111111111111111", "on_file_name": "A B"},
...                               {"number": "pan"})
>>> details.number is not None, on_file.name
(True, 'A B')
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from cardvalid.model import Address, CardDetails
from cardvalid.panguard import looks_like_card_number
from cardvalid.reading import (
    ADDRESS_FIELDS,
    FIELDS,
    FieldTypeError,
    details_from_fields,
    field_value,
    is_absent,
)

__all__ = ["FIELDS", "ON_FILE_PREFIX", "RecordError", "details_by_keys", "keys_for",
           "to_details"]

ON_FILE_PREFIX = "on_file_"


class RecordError(Exception):
    """A record that cannot be checked; `code` is a `record.*` reason."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def to_details(
    record: object, columns: Mapping[str, str] | None = None
) -> tuple[CardDetails, CardDetails | None]:
    """The entered details and, when the record has `on_file_*` values, the details on file."""
    return details_by_keys(record, keys_for(columns))


Keys = Mapping[object, tuple[str, bool]]


def details_by_keys(record: object, keys: Keys) -> tuple[CardDetails, CardDetails | None]:
    """`to_details` with the columns already resolved by `keys_for` (once per batch)."""
    if isinstance(record, CardDetails):
        return record, None
    if isinstance(record, RecordError):
        raise record
    if not isinstance(record, Mapping):
        raise RecordError("record.not_a_mapping")
    sides: tuple[dict[str, object], dict[str, object]] = ({}, {})
    for key, value in record.items():
        target = keys.get(key)
        if target is None:
            continue
        field, is_on_file = target
        if type(value) is str and value.isascii():  # every CSV value: `is_blank`'s ASCII case
            if value and not value.isspace():
                sides[is_on_file][field] = value
            continue
        try:
            if key in _NESTED_ADDRESS_KEYS and not isinstance(value, str) and (
                not is_absent(value)
            ):
                sides[is_on_file].update(_nested_address(value, is_on_file))
                continue
            found = field_value(field, value)
        except FieldTypeError as bad:
            raise RecordError("record.bad_value", field=_name(bad.field, is_on_file)) from None
        if found is not None:
            sides[is_on_file][field] = found
    entered, on_file = sides
    return details_from_fields(entered), (details_from_fields(on_file) if on_file else None)


# A JSON record may nest the address ({"address": {"city": ...}}), as validate() takes it.
_NESTED_ADDRESS_KEYS = frozenset({"address", ON_FILE_PREFIX + "address"})


def _name(field: str, is_on_file: bool) -> str:
    return ON_FILE_PREFIX + field if is_on_file else field


def _nested_address(value: object, is_on_file: bool) -> dict[str, object]:
    if not isinstance(value, Mapping | Address):
        raise RecordError("record.bad_value", field=_name("address", is_on_file))
    parts = {}
    for field in ADDRESS_FIELDS:
        part = value.get(field) if isinstance(value, Mapping) else getattr(value, field)
        found = field_value(field, part)
        if found is not None:
            parts[field] = found
    return parts


# Column names are the caller's strings: only short ones that cannot be a card
# number are worth a cache entry (a cache must never hold a card number).
_MAX_CACHED_NAME = 64


def keys_for(columns: Mapping[str, str] | None) -> dict[object, tuple[str, bool]]:
    """Record key -> (contract field, is it the on-file side), for one `columns` mapping."""
    pairs = tuple(columns.items()) if columns else ()
    cacheable = all(
        isinstance(name, str) and len(name) <= _MAX_CACHED_NAME and not looks_like_card_number(name)
        for pair in pairs
        for name in pair
    )
    return _keys(pairs) if cacheable else _keys.__wrapped__(pairs)


@functools.lru_cache(maxsize=64)
def _keys(columns: tuple[tuple[str, str], ...]) -> dict[object, tuple[str, bool]]:
    """Record key -> (contract field, is it the on-file side), for one `columns` mapping."""
    renamed = dict(columns)
    keys: dict[object, tuple[str, bool]] = {}
    for field in FIELDS:
        for name, is_on_file in ((field, False), (ON_FILE_PREFIX + field, True)):
            keys[renamed.get(name, name)] = (field, is_on_file)
    for key in _NESTED_ADDRESS_KEYS:
        keys.setdefault(key, ("line1", key.startswith(ON_FILE_PREFIX)))
    return keys
