"""`validate_many()`: one `Result` per record, in order, lazily, in constant memory.

A record that is not a mapping, or holds a value of the wrong type, gives a
`Result` with a `record.*` reason: a batch never raises on bad data and
never drops a row. None, blank text, NaN and pandas' NA are blanks. Without
`columns`, the first mapping's keys are matched against the aliases the CLI
knows (`Card Number`, `exp`, `zip`, ...). A dataframe or an Arrow table is a
`TypeError` pointing to the columnar path, `cardvalid.batch.validate_table`.

>>> from datetime import date
>>> rows = [{"number": "4111111111111111", "expiry": "12/29", "name": "Anna Svensson"},
...         ["not", "a", "record"]]
>>> [r.ok for r in validate_many(rows, today=date(2026, 11, 26))]
[True, False]
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date

from cardvalid.batch.columns import detect_columns
from cardvalid.batch.records import (
    FIELDS,
    ON_FILE_PREFIX,
    RecordError,
    details_by_keys,
    keys_for,
    to_details,
)
from cardvalid.findings import Findings
from cardvalid.model import Brand, Result
from cardvalid.options import DEFAULT, Options, chosen
from cardvalid.reading import ADDRESS_FIELDS
from cardvalid.validation import checker

__all__ = ["RecordError", "check_rows", "to_details", "validate_many"]


def validate_many(
    records: Iterable[object],
    /,
    *,
    columns: Mapping[str, str] | None = None,
    options: Options | None = None,
    today: date | None = DEFAULT.today,
    locale: str = DEFAULT.locale,
    merchant_country: str | None = DEFAULT.merchant_country,
    recurring: bool = DEFAULT.recurring,
    max_years: int = DEFAULT.max_years,
    partial: bool = DEFAULT.partial,
    require_cvc: bool = DEFAULT.require_cvc,
    require_address: bool = DEFAULT.require_address,
    accepted_brands: Iterable[Brand | str] | None = DEFAULT.accepted_brands,
) -> Iterator[Result]:
    """Validate each record (a `CardDetails` or a mapping) lazily, in order.

    `columns` maps the contract's field names to the records' own keys
    (`{"number": "pan", "expiry": "exp"}`); keys not mapped are read under
    their contract names. Fields named `on_file_<field>` are compared with the
    entered ones. The options are those of `validate()` (one `Options`, or its
    keywords); `today` is fixed once for the whole run.
    """
    _check_records(records)
    if columns is not None and not isinstance(columns, Mapping):
        raise TypeError(f"columns must be a mapping or None, not {type(columns).__name__}")
    options = chosen(options, today, locale, partial, max_years, require_cvc, require_address,
                     merchant_country, recurring, accepted_brands)
    check = checker(options.on(options.day()))
    rows = enumerate(records, start=1)
    if columns is None:
        return _detected(rows, check, options.locale)
    return check_rows(rows, columns, check, options.locale)


# Types that iterate over their column names, not their rows.
_TABLE_TYPES = frozenset({"DataFrame", "LazyFrame", "Table", "RecordBatch", "Dataset"})


def _check_records(records: object) -> None:
    kind = type(records)
    if kind.__name__ in _TABLE_TYPES and kind.__module__.split(".")[0] in {
        "pandas", "polars", "pyarrow", "pyspark"
    }:
        raise TypeError(
            f"records must be an iterable of records, not a {kind.__name__}: check a table "
            "with cardvalid.batch.validate_table (the columnar path), or pass its rows "
            "(for pandas, df.to_dict('records'))"
        )
    if isinstance(records, str | bytes | Mapping):
        raise TypeError(f"records must be an iterable of records, not {kind.__name__}")


def _detected(
    rows: Iterator[tuple[int, object]], check: Callable[..., Result], locale: str
) -> Iterator[Result]:
    """Columns found in the first mapping's keys; the rows before it are no mapping."""
    columns: dict[str, str] = {}
    for row, record in rows:
        if isinstance(record, Mapping):
            columns = detect_columns(k for k in record if isinstance(k, str))
        yield from check_rows([(row, record)], columns, check, locale)
        if columns:
            break
    yield from check_rows(rows, columns, check, locale)


def check_rows(
    rows: Iterable[tuple[int, object]],
    columns: Mapping[str, str] | None,
    check: Callable[..., Result],
    locale: str,
) -> Iterator[Result]:
    """One `Result` per `(row number, record)`; a record that cannot be checked says why."""
    keys = keys_for(columns)
    for row, record in rows:
        try:
            details, on_file = details_by_keys(record, keys)
            result = check(details, on_file=on_file)
        except RecordError as error:
            result = _record_problem(row, error, locale)
        except TypeError as error:  # a value of a type the field cannot take
            result = _record_problem(
                row, RecordError("record.bad_value", field=_field_named_in(error)), locale
            )
        except Exception:  # a batch never loses a row: the row says what failed
            result = _record_problem(row, RecordError("record.check_failed"), locale)
        yield result


_NAMED_FIELDS = frozenset(
    {*FIELDS, *(f"{ON_FILE_PREFIX}{f}" for f in FIELDS), "address"}
    | {f"address.{f}" for f in ADDRESS_FIELDS}
)


def _field_named_in(error: TypeError) -> str:
    """The field a TypeError names (they all start "<field> must be ..."), never a value."""
    first = str(error).split(" ", 1)[0]
    return first if first in _NAMED_FIELDS else "record"


def _record_problem(row: int, error: RecordError, locale: str) -> Result:
    out = Findings()
    out.add(error.code, row=row, **error.params)
    return out.result(locale)


if typing.TYPE_CHECKING:
    from cardvalid.batch.table import validate_table as validate_table
else:

    def __getattr__(name: str) -> object:  # validate_table needs the `batch` extra: on use
        if name == "validate_table":
            from cardvalid.batch.table import validate_table  # noqa: PLC0415

            return validate_table
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
