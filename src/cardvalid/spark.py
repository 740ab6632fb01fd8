"""`validate_dataframe()`: the card checks on an Apache Spark DataFrame, on any cluster.

Each partition's Arrow batches go through `cardvalid.batch.validate_table`
inside `DataFrame.mapInArrow`, so executors run the same vectorised checks
as one machine does, and every row gets exactly `validate()`'s codes. The
result columns are appended to the input's; rows keep their partitions.
Executors need cardvalid with its `spark` extra installed (docs/spark.md).

`today` is fixed on the driver when not given, so a job that runs across
midnight judges every row on the same date.

>>> RESULT_SCHEMA
'ok boolean, codes array<string>, fields array<string>, problem_count int, brand string, \
masked string'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from cardvalid.batch.columns import detect_columns
from cardvalid.model import Brand
from cardvalid.options import DEFAULT, Options, chosen

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame

__all__ = ["RESULT_SCHEMA", "validate_dataframe"]

RESULT_SCHEMA = (
    "ok boolean, codes array<string>, fields array<string>, problem_count int, brand string, "
    "masked string"
)
"""The columns `validate_dataframe` appends (Spark DDL), as `validate_table` returns them."""


def validate_dataframe(
    df: DataFrame,
    /,
    *,
    columns: Mapping[str, str] | None = None,
    options: Options | None = None,
    today: date | None = DEFAULT.today,
    locale: str = DEFAULT.locale,
    merchant_country: str | None = DEFAULT.merchant_country,
    recurring: bool = DEFAULT.recurring,
    partial: bool = DEFAULT.partial,
    require_cvc: bool = DEFAULT.require_cvc,
    require_address: bool = DEFAULT.require_address,
    max_years: int = DEFAULT.max_years,
    accepted_brands: Iterable[Brand | str] | None = DEFAULT.accepted_brands,
    result_columns: Iterable[str] | None = None,
) -> DataFrame:
    """`df` with the result columns appended: `ok`, `codes`, `fields`, `problem_count`, ...

    Columns are found by the CLI's alias rules; `columns` maps contract
    fields to column names and wins over them. The options are `validate()`'s
    (keywords, or one `cardvalid.Options`); `result_columns` names the
    result columns wanted, as `validate_table` takes it (default: all).
    Raises ValueError when `df` already has a column named like one asked for.
    """
    from pyspark.sql.types import StructType  # noqa: PLC0415  (the `spark` extra)

    wanted = _wanted(result_columns)
    clash = sorted(set(df.columns) & set(wanted))
    if clash:
        raise ValueError(f"the DataFrame already has result columns: {', '.join(clash)}")
    if columns is not None and not isinstance(columns, Mapping):
        raise TypeError(f"columns must be a mapping or None, not {type(columns).__name__}")
    found = detect_columns(df.columns) | dict(columns or {})
    chosen_options = chosen(options, today, locale, partial, max_years, require_cvc,
                            require_address, merchant_country, recurring, accepted_brands)
    # Read on the driver, on one day: every executor judges the same way.
    run: dict[str, Any] = {"columns": found, "options": chosen_options.on(chosen_options.day()),
                           "result_columns": wanted}
    _check_on_driver(run)
    added = StructType.fromDDL(RESULT_SCHEMA)
    assert isinstance(added, StructType)
    by_name = {f.name: f for f in added.fields}
    schema = StructType(df.schema.fields + [by_name[name] for name in wanted])
    return df.mapInArrow(_appender(run), schema)


def _wanted(result_columns: Iterable[str] | None) -> tuple[str, ...]:
    """The result columns asked for, read on the driver as `validate_table` reads them."""
    from cardvalid.batch.table import read_result_columns  # noqa: PLC0415  (`batch` extra)

    return read_result_columns(result_columns)


def _check_on_driver(options: dict[str, Any]) -> None:
    """A caller's mistake is an error now, on the driver, not a failed task on every executor."""
    import pyarrow as pa  # noqa: PLC0415

    from cardvalid.batch.table import validate_table  # noqa: PLC0415

    validate_table(pa.table({}), **options)


def _appender(
    options: dict[str, Any],
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    def append(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa  # noqa: PLC0415  (on the executor)

        from cardvalid.batch.table import validate_table  # noqa: PLC0415

        for batch in batches:
            result = validate_table(batch, **options)
            arrays = [*batch.columns, *(c.combine_chunks() for c in result.columns)]
            yield pa.RecordBatch.from_arrays(
                arrays, names=[*batch.schema.names, *result.column_names]
            )

    return append
