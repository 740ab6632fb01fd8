"""Turning one batch record (a mapping or `CardDetails`) into `CardDetails`.

>>> details, on_file = to_details({"pan": "4111111111111111", "on_file_name": "A B"},
...                               {"number": "pan"})
>>> details.number is not None, on_file.name
(True, 'A B')
"""

from __future__ import annotations

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
    entered = _pick(record, columns, "")
    on_file = _pick(record, columns, ON_FILE_PREFIX)
    return _build(entered), (_build(on_file) if on_file else None)


def _pick(
    record: Mapping[Any, Any], columns: Mapping[str, str] | None, prefix: str
) -> dict[str, object]:
    values: dict[str, object] = {}
    for field in FIELDS:
        name = prefix + field
        key = columns.get(name, name) if columns else name
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not (isinstance(value, str) or (_is_int(value) and field in _INT_OK)):
            raise RecordError("record.bad_value", field=name)
        values[field] = value
    return values


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _build(values: dict[str, object]) -> CardDetails:
    address_parts = {k: str(values.pop(k)) for k in ADDRESS_FIELDS if k in values}
    address = Address(**address_parts) if address_parts else None
    return CardDetails(address=address, **values)  # type: ignore[arg-type]
