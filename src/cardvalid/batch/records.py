"""Turning one batch record (a mapping or `CardDetails`) into `CardDetails`.

>>> details, on_file = to_details({"pan": "4111111111111111", "on_file_name": "A B"},
...                               {"number": "pan"})
>>> details.number is not None, on_file.name
(True, 'A B')
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from cardvalid.details import ADDRESS_FIELDS, DETAIL_FIELDS
from cardvalid.model import Address, CardDetails

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
    if isinstance(record, CardDetails):
        return record, None
    if isinstance(record, RecordError):
        raise record
    if not isinstance(record, Mapping):
        raise RecordError("record.not_a_mapping")
    keys = _keys(tuple(columns.items()) if columns else ())
    sides: tuple[dict[str, object], dict[str, object]] = ({}, {})
    for key, value in record.items():
        target = keys.get(key)
        if target is None or value is None or (isinstance(value, str) and not value.strip()):
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
        if part is None or (isinstance(part, str) and not part.strip()):
            continue
        if not (isinstance(part, str) or _is_int(part)):
            raise RecordError("record.bad_value", field=_name(field, is_on_file))
        parts[field] = part
    return parts


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
    return isinstance(value, int) and not isinstance(value, bool)


def _build(values: dict[str, object]) -> CardDetails:
    address_parts = {k: str(values.pop(k)) for k in ADDRESS_FIELDS if k in values}
    address = Address(**address_parts) if address_parts else None
    return CardDetails(address=address, **values)  # type: ignore[arg-type]
