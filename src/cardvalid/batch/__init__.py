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

import functools
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
from cardvalid.expiry import utc_today
from cardvalid.findings import Findings
from cardvalid.model import Result
from cardvalid.reading import ADDRESS_FIELDS
from cardvalid.validation import validate

__all__ = ["RecordError", "check_rows", "to_details", "validate_many"]


def validate_many(
    records: Iterable[object],
    /,
    *,
    columns: Mapping[str, str] | None = None,
    today: date | None = None,
    locale: str = "en",
    merchant_country: str | None = None,
    recurring: bool = False,
    max_years: int = 20,
) -> Iterator[Result]:
    """Validate each record (a `CardDetails` or a mapping) lazily, in order.

    `columns` maps the contract's field names to the records' own keys
    (`{"number": "pan", "expiry": "exp"}`); keys not mapped are read under
    their contract names. Fields named `on_file_<field>` are compared with the
    entered ones. `today` is fixed once for the whole run.
    """
    _check_records(records)
    _check_options(columns, today, locale, merchant_country, max_years)
    check = functools.partial(
        validate,
        today=utc_today() if today is None else today,
        locale=locale,
        merchant_country=merchant_country,
        recurring=recurring,
        max_years=max_years,
    )
    rows = enumerate(records, start=1)
    if columns is None:
        return _detected(rows, check, locale)
    return check_rows(rows, columns, check, locale)


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


def _check_options(
    columns: object, today: object, locale: object, merchant_country: object, max_years: object
) -> None:
    """A caller's mistake is a TypeError now, not a `record.*` reason on every row."""
    wrong = (
        ("columns", columns, Mapping, "a mapping or None"),
        ("today", today, date, "a date or None"),
        ("locale", locale, str, "str"),
        ("merchant_country", merchant_country, str, "str or None"),
    )
    for name, value, kind, accepted in wrong:
        if value is not None and not isinstance(value, kind):
            raise TypeError(f"{name} must be {accepted}, not {type(value).__name__}")
    if isinstance(max_years, bool) or not isinstance(max_years, int):
        raise TypeError(f"max_years must be int, not {type(max_years).__name__}")


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
