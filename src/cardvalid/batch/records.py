"""Turning one batch record (a mapping or `CardDetails`) into `CardDetails`.

>>> details, on_file = to_details({"pan": "4111111111111111", "on_file_name": "A B"},
...                               {"number": "pan"})
>>> details.number is not None, on_file.name
(True, 'A B')
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Mapping
from typing import Any

from cardvalid.details import ADDRESS_FIELDS, DETAIL_FIELDS
from cardvalid.model import Address, CardDetails
from cardvalid.panguard import looks_like_card_number

FIELDS = DETAIL_FIELDS + ADDRESS_FIELDS
ON_FILE_PREFIX = "on_file_"
# Fields where a JSON number is as good as text (a postal code or CVC read as int).
_INT_OK = frozenset(FIELDS) - {"name"}


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
        if type(value) is str:  # the common case (every CSV value), kept short
            if value and not value.isspace():
                sides[target[1]][target[0]] = value
            continue
        if is_blank(value):
            continue
        field, is_on_file = target
        if key in _NESTED_ADDRESS_KEYS and not isinstance(value, str):
            if not isinstance(value, Mapping | Address):
                raise RecordError("record.bad_value", field=_name("address", is_on_file))
            sides[is_on_file].update(_nested_address(value, is_on_file))
        elif isinstance(value, str) or (_is_int(value) and field in _INT_OK) or (
            field == "expiry" and isinstance(value, Mapping | list)
        ):
            sides[is_on_file][field] = value
        else:
            raise RecordError("record.bad_value", field=_name(field, is_on_file))
    entered, on_file = sides
    return _build(entered), (_build(on_file) if on_file else None)


# A JSON record may nest the address ({"address": {"city": ...}}), as validate() takes it.
_NESTED_ADDRESS_KEYS = frozenset({"address", ON_FILE_PREFIX + "address"})


def _name(field: str, is_on_file: bool) -> str:
    return ON_FILE_PREFIX + field if is_on_file else field


def _nested_address(value: Mapping[str, object] | Address, is_on_file: bool) -> dict[str, object]:
    parts: dict[str, object] = {}
    for field in ADDRESS_FIELDS:
        part = value.get(field) if isinstance(value, Mapping) else getattr(value, field)
        if is_blank(part):
            continue
        if not (isinstance(part, str) or _is_int(part)):
            raise RecordError("record.bad_value", field=_name(field, is_on_file))
        parts[field] = part
    return parts


def is_blank(value: object) -> bool:
    """None, blank text, NaN, and pandas' `NA`/`NaT` are all "no value".

    >>> [is_blank(v) for v in (None, "  ", float("nan"), "x", 0)]
    [True, True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in _MISSING_TYPES and type(value).__module__.startswith("pandas")


_MISSING_TYPES = frozenset({"NAType", "NaTType"})

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


def _is_int(value: object) -> bool:
    """A whole number, also numpy's (a dataframe's integer column)."""
    if type(value) is int:
        return True
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and (
        type(value).__name__ != "bool_"
    )


def _build(values: dict[str, object]) -> CardDetails:
    for key, value in values.items():
        if type(value) is not str and not isinstance(value, int | Mapping | list) and (
            _is_int(value)
        ):
            values[key] = int(value)  # type: ignore[call-overload]  # numpy's int64
    address_parts = {k: str(values.pop(k)) for k in ADDRESS_FIELDS if k in values}
    address = Address(**address_parts) if address_parts else None
    return CardDetails(address=address, **values)  # type: ignore[arg-type]
