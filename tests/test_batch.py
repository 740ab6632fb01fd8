"""validate_many(): one Result per record, in order, lazily; bad records never raise or vanish."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import cardvalid as cv
from cardvalid.batch.columns import detect_columns, parse_columns
from cardvalid.batch.inputs import read_input
from cardvalid.batch.readers import read_csv, read_jsonl

TODAY = date(2026, 11, 26)


def _b(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


GOOD = {"number": "4242 4242 4242 4242", "expiry": "12/29", "name": "Anna Svensson"}


def test_one_result_per_record_in_order() -> None:
    records: list[object] = [
        GOOD,
        {**GOOD, "number": "4242 4242 4242 4241"},
        ["a", "list"],
        None,
        42,
        {**GOOD, "name": ["not", "text"]},
        cv.CardDetails(number="5555 5555 5555 4444", expiry="01/30", name="Bo Ek"),
        {},
    ]
    results = list(cv.validate_many(records, today=TODAY))
    assert len(results) == len(records)
    assert results[0].ok
    assert "number.checksum" in results[1].codes
    assert results[2].codes == ("record.not_a_mapping",)
    assert results[3].codes == ("record.not_a_mapping",)
    assert results[4].codes == ("record.not_a_mapping",)
    assert results[5].codes == ("record.bad_value",)
    assert dict(results[5].problems[0].params) == {"row": 6, "field": "name"}
    assert results[6].ok
    assert "number.missing" in results[7].codes


def test_is_lazy() -> None:
    def endless() -> Iterator[dict[str, str]]:
        while True:
            yield GOOD

    first = list(itertools.islice(cv.validate_many(endless(), today=TODAY), 3))
    assert [r.ok for r in first] == [True, True, True]


def test_columns_map_other_names() -> None:
    record = {"pan": GOOD["number"], "exp": "12/29", "holder": "Anna Svensson"}
    columns = {"number": "pan", "expiry": "exp", "name": "holder"}
    (result,) = cv.validate_many([record], columns=columns, today=TODAY)
    assert result.ok


def test_json_numbers_are_accepted_where_they_make_sense() -> None:
    record = {"number": 4242424242424242, "expiry": "12/29", "name": "Anna Svensson",
              "cvc": 123}
    (result,) = cv.validate_many([record], today=TODAY)
    # a numeric security code may have lost a leading zero (issue 12): not silently taken
    assert result.codes == ("cvc.not_text",)


def test_a_string_is_not_an_iterable_of_records() -> None:
    with pytest.raises(TypeError, match="records"):
        list(cv.validate_many("4242424242424242"))


def test_on_file_columns_are_compared() -> None:
    record = {**GOOD, "on_file_name": "Anna Svensson", "on_file_expiry": "12/29"}
    (result,) = cv.validate_many([record], today=TODAY)
    assert result.ok


def test_detect_columns_aliases_and_case() -> None:
    found = detect_columns(["Card-Number", "Exp Month", "exp_year", "CVV2", "Zip", "Country"])
    assert found == {"number": "Card-Number", "expiry_month": "Exp Month",
                     "expiry_year": "exp_year", "cvc": "CVV2", "postal_code": "Zip",
                     "country": "Country"}


def test_parse_columns_rejects_unknown_fields() -> None:
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        parse_columns("colour=blue")
    assert parse_columns("on_file_name=holder") == {"on_file_name": "holder"}


def test_csv_reader_keeps_every_row() -> None:
    text = 'number,name\n4242,"A"\n4242,B,extra\n\n"unterminated,C\n'
    rows = list(read_csv(_b(text)))
    assert [n for n, _ in rows] == [1, 2, 3, 4]
    assert rows[0][1] == {"number": "4242", "name": "A"}
    assert isinstance(rows[1][1], cv.batch.RecordError)
    assert rows[2][1].code == "record.blank"  # type: ignore[attr-defined]


def test_csv_reader_undecodable_bytes() -> None:
    raw = b"number,name\n4242,\xff\xfe\n"
    ((_, record),) = list(read_csv(io.BytesIO(raw)))
    assert isinstance(record, cv.batch.RecordError)
    assert record.params == {"reason": "not_utf8", "offset": 17}


def test_jsonl_reader_keeps_every_row() -> None:
    text = '{"a": 1}\n  \nnot json\n[1, 2]\n' + "[" * 100_000 + "\n"
    rows = list(read_jsonl(_b(text)))
    assert [n for n, _ in rows] == [1, 2, 3, 4, 5]
    assert [getattr(r, "code", None) for _, r in rows] == [
        None, "record.blank", "record.unreadable", None, "record.unreadable"]
    assert rows[3][1] == [1, 2]


@pytest.mark.parametrize(
    ("name", "first", "kind"),
    [("a.csv", "number\n", "csv"), ("a.JSONL", "{}\n", "jsonl"), ("a.tsv", "a\tb\n", "csv"),
     ("-", '{"a":1}\n', "jsonl"), ("-", "number\tb\n", "csv"), ("-", "number,b\n", "csv")],
)
def test_input_kind(tmp_path: Path, name: str, first: str, kind: str) -> None:
    path = "-" if name == "-" else str(tmp_path / name)
    if name != "-":
        Path(path).write_text(first, encoding="utf-8")
    source = read_input(path, stream=_b(first))
    assert source.kind == kind
    source.close()


def test_nested_address_is_checked_as_validate_checks_it() -> None:
    record = {**GOOD, "address": {"line1": "1 Main St", "city": "Las Vegas", "state": "NV",
                                  "postal_code": "90210", "country": "US"}}
    (result,) = cv.validate_many([record], today=TODAY)
    assert result.codes == cv.validate(record, today=TODAY).codes == (
        "postal_code.state_mismatch",
    )


def test_expiry_as_json_object_or_list() -> None:
    records = [{**GOOD, "expiry": {"month": 12, "year": 2029}}, {**GOOD, "expiry": [12, 2029]}]
    assert [r.ok for r in cv.validate_many(records, today=TODAY)] == [True, True]


def test_a_value_no_check_can_take_is_a_row_not_an_exception() -> None:
    records: list[object] = [
        cv.CardDetails(number=GOOD["number"], expiry=1.5, name="Bo Ek"),
        {"expiry_month": "1²", "expiry_year": "29"},
        GOOD,
    ]
    results = list(cv.validate_many(records, today=TODAY))
    assert results[0].codes == ("record.bad_value",)
    assert dict(results[0].problems[0].params)["field"] == "expiry"
    assert "expiry.format" in results[1].codes
    assert results[2].ok


def test_a_stray_quote_spans_at_most_a_few_lines() -> None:
    text = "a,b\n" + '1,"x\n' + "".join(f"{i},y\n" for i in range(2, 100))
    rows = list(read_csv(_b(text)))
    assert len(rows) == 99
    assert isinstance(rows[0][1], cv.batch.RecordError)
    assert all(isinstance(r, dict) for _, r in rows[1:])


def test_quoted_fields_may_span_lines() -> None:
    text = 'a,b\n1,"line one\nline two"\n2,"say ""hi"""\n3,O"Brien\n'
    rows = [r for _, r in read_csv(_b(text))]
    assert rows == [{"a": "1", "b": "line one\nline two"}, {"a": "2", "b": 'say "hi"'},
                    {"a": "3", "b": 'O"Brien'}]


def test_two_stray_quotes_lose_only_their_own_rows() -> None:
    text = 'n,e,name\n1,2,"Anna Svensson\n3,4,"Bo Ek\n5,6,Cy Lund\n'
    rows = list(read_csv(_b(text)))
    assert [n for n, _ in rows] == [1, 2, 3]
    assert [isinstance(r, cv.batch.RecordError) for _, r in rows] == [True, True, False]


def test_a_long_quoted_field_is_one_record() -> None:
    body = "\n".join(f"line {i}" for i in range(40))
    rows = [r for _, r in read_csv(_b(f'a,b\n1,"{body}"\n2,y\n'))]
    assert rows == [{"a": "1", "b": body}, {"a": "2", "b": "y"}]


def test_csv_errors_never_escape_the_reader() -> None:
    rows = list(read_csv(_b('a,b\n1\r2,"x"\n3,4\n')))
    assert [n for n, _ in rows] == [1, 2]
    assert isinstance(rows[0][1], cv.batch.RecordError)


def test_a_row_of_empty_fields_is_a_row() -> None:
    rows = list(read_csv(_b("a\tb\tc\n\t\t\n1\t2\t3\n"), delimiter="\t"))
    assert [r for _, r in rows] == [{"a": "", "b": "", "c": ""}, {"a": "1", "b": "2", "c": "3"}]


@pytest.mark.parametrize(
    "options",
    [{"today": "2026-11-26"}, {"merchant_country": 123}, {"max_years": None},
     {"columns": ["number"]}, {"locale": 5}],
)
def test_wrong_options_raise_at_once(options: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        cv.validate_many([GOOD], **options)  # type: ignore[arg-type]
