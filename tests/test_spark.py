"""validate_dataframe() on a real local Spark (local[2], the machine's Java) equals validate()."""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from conftest import require_system

pytest.importorskip("pyarrow")
pytest.importorskip("pyspark")

from cardvalid import validate, validate_many
from cardvalid.batch.columns import detect_columns
from cardvalid.luhn import append_check_digit

TODAY = date(2026, 11, 26)
COLUMNS = ("card_number", "exp", "cardholder", "cvv", "address", "city", "state", "zip",
           "country")


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    require_system("java")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("cardvalid-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .config("spark.driver.memory", "512m")
        .getOrCreate()
    )
    yield session
    session.stop()


def _rows(count: int, seed: int) -> list[tuple[Any, ...]]:
    """Distinct generated records: good and broken numbers, spellings, countries."""
    rng = random.Random(seed)
    digits = "0123456789"
    places = [("SE", "Stockholm", None, "114 55"), ("US", "Austin", "TX", "73301"),
              ("US", "Las Vegas", "NV", "90210"), ("GB", "London", None, "sw1a1aa"),
              ("CA", "Montréal", "QC", "H3Z 2Y7"), ("DE", "Berlin", None, "1011"),
              ("JP", "Tokyo", "13", "154-0023"), ("Sverige", "Malmö", None, "SE-211 20")]
    rows = []
    for i in range(count):
        prefix = rng.choice(["4", "51", "2221", "34", "37", "6011", "62", "3528", "9", "1"])
        length = rng.choice([12, 13, 15, 16, 16, 16, 19, 20])
        body = prefix + "".join(rng.choice(digits) for _ in range(length))
        good = append_check_digit(body[: length - 1]) if rng.random() < 0.8 else body[:length]
        number = rng.choice([good, " ".join(good[k : k + 4] for k in range(0, 20, 4)),
                             good.replace("1", "１"), good[:-1] + "x", "", None])
        expiry = rng.choice([f"{rng.randint(0, 13):02d}/{rng.randint(20, 40)}",
                             f"{rng.randint(1, 12)}/{rng.randint(2020, 2050)}",
                             f"{rng.randint(1, 12):02d}{rng.randint(20, 40)}", "2029-12",
                             "12/2", "", None])
        name = rng.choice(["Anna Svensson", "Bo Ek", "Madonna", "李小龍", "A", "Anna 2",
                           "Nguyễn Thị Minh Khai", None])
        cvc = rng.choice(["123", "1234", "12", "abc", None])
        country, city, state, postal = rng.choice(places)
        line1 = rng.choice([f"{i} Main St", f"Drottninggatan {i}", "4111 1111 1111 1111", None])
        rows.append((i, number, expiry, name, cvc, line1, city, state, postal, country))
    return rows


def test_spark_result_equals_validate(spark: Any) -> None:
    from cardvalid.spark import validate_dataframe

    rows = _rows(400, seed=11)
    schema = "row_id long, " + ", ".join(f"{c} string" for c in COLUMNS)
    df = spark.createDataFrame(rows, schema=schema).repartition(3)
    checked = validate_dataframe(df, today=TODAY)
    got = sorted(checked.collect(), key=lambda r: r["row_id"])
    assert [r["row_id"] for r in got] == list(range(len(rows)))
    records = [dict(zip(COLUMNS, row[1:], strict=True)) for row in rows]
    expected = validate_many(records, columns=detect_columns(COLUMNS), today=TODAY)
    for row, result in zip(got, expected, strict=True):
        card = result.card
        assert row["codes"] == list(result.codes), row["row_id"]
        assert row["ok"] == result.ok
        assert row["fields"] == [p.field.value for p in result.problems]
        assert row["problem_count"] == len(result.problems)
        assert row["brand"] == (None if card is None or card.brand is None else card.brand.value)
        assert row["masked"] == (None if card is None else card.masked)
        assert row["card_number"] == rows[row["row_id"]][1]  # the input columns are kept


def test_spark_options_and_explicit_columns(spark: Any) -> None:
    from cardvalid.spark import validate_dataframe

    df = spark.createDataFrame(
        [("4111111111111111", "12/29", "Anna Svensson", "US")],
        schema="pan_text string, exp string, name string, country string",
    )
    row = validate_dataframe(
        df, columns={"number": "pan_text"}, today=TODAY, merchant_country="SE",
        recurring=True, require_cvc=True, accepted_brands=["mastercard"],
    ).collect()[0]
    expected = validate(
        {"number": "4111111111111111", "expiry": "12/29", "name": "Anna Svensson",
         "country": "US"},
        today=TODAY, merchant_country="SE", recurring=True, require_cvc=True,
        accepted_brands=["mastercard"],
    )
    assert row["codes"] == list(expected.codes)
    assert {"transaction.international", "transaction.recurring", "cvc.missing",
            "number.brand_not_accepted"} <= set(row["codes"])
    assert row["brand"] == "visa"
    slim = validate_dataframe(df, columns={"number": "pan_text"}, today=TODAY,
                              result_columns=["codes", "ok"])
    assert slim.columns == [*df.columns, "codes", "ok"]
    assert slim.collect()[0]["codes"] == list(validate(
        {"number": "4111111111111111", "expiry": "12/29", "name": "Anna Svensson",
         "country": "US"}, today=TODAY).codes)


def test_spark_refuses_result_column_names_and_bad_options(spark: Any) -> None:
    from cardvalid.spark import validate_dataframe

    df = spark.createDataFrame([("4111111111111111", True)], schema="number string, ok boolean")
    with pytest.raises(ValueError, match="ok"):
        validate_dataframe(df)
    with pytest.raises(TypeError, match="max_years"):
        validate_dataframe(df.drop("ok"), max_years="20")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="accepted_brands"):
        validate_dataframe(df.drop("ok"), accepted_brands="visa")
    with pytest.raises(ValueError, match="result_columns"):
        validate_dataframe(df.drop("ok"), result_columns=["ok", "pan"])
    validate_dataframe(df, result_columns=["codes"])  # only the columns asked for may clash
