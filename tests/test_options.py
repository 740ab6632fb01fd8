"""The one options object: checked in one place, the same defaults everywhere, taken by all."""

from __future__ import annotations

import dataclasses
import inspect
import typing
from datetime import date

import pytest

import cardvalid as cv
from cardvalid.batch import jobs
from cardvalid.cli import _parser
from cardvalid.options import DEFAULT, MAX_YEARS_RANGE, Options

TODAY = date(2026, 11, 26)
PAN = "4111111111111111"
OPTION_NAMES = [f.name for f in dataclasses.fields(Options)]


@pytest.mark.parametrize(("name", "value", "accepted"), [
    ("today", "2026-11-26", "a date or None"),
    ("today", PAN, "a date or None"),
    ("locale", 5, "str"),
    ("partial", 1, "bool"),
    ("require_cvc", "yes", "bool"),
    ("require_address", None, "bool"),
    ("recurring", 0, "bool"),
    ("max_years", 20.0, "int"),
    ("max_years", True, "int"),
    ("max_years", PAN, "int"),
    ("merchant_country", 752, "str or None"),
    ("accepted_brands", "visa", "an iterable of Brand or str"),
])
def test_a_wrong_type_is_a_type_error_naming_the_option_not_the_value(
    name: str, value: object, accepted: str
) -> None:
    with pytest.raises(TypeError, match=rf"^{name} must be {accepted}, not \w+$") as caught:
        Options(**{name: value})  # type: ignore[arg-type]
    assert PAN not in str(caught.value)


@pytest.mark.parametrize("max_years", [-1, 100, 10**30])
def test_max_years_out_of_range_is_a_value_error(max_years: int) -> None:
    with pytest.raises(ValueError, match=r"^max_years must be from 0 to 99$"):
        Options(max_years=max_years)


def test_an_unknown_brand_is_a_value_error_without_the_value() -> None:
    with pytest.raises(ValueError, match="brand must be") as caught:
        Options(accepted_brands=[PAN])
    assert PAN not in str(caught.value)


def test_options_are_frozen_hashable_and_read_accepted_brands_once() -> None:
    options = Options(today=TODAY, accepted_brands=["visa", cv.Brand.MASTERCARD])
    assert options.accepted == frozenset({cv.Brand.VISA, cv.Brand.MASTERCARD})
    assert hash(options) == hash(Options(today=TODAY, accepted_brands=["mastercard", "visa"]))
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.partial = True  # type: ignore[misc]
    assert options.on(date(2030, 1, 1)).today == date(2030, 1, 1)
    assert Options(today=TODAY).day() == TODAY


@pytest.mark.parametrize("function", [cv.validate, cv.validate_many])
def test_the_keywords_have_the_options_defaults_written_once(function: object) -> None:
    parameters = inspect.signature(function).parameters  # type: ignore[arg-type]
    for name in OPTION_NAMES:
        assert parameters[name].default == getattr(DEFAULT, name), name
    assert set(OPTION_NAMES) <= set(parameters)


def test_the_command_and_the_job_chunks_have_the_same_defaults() -> None:
    args = _parser().parse_args(["check", "in.csv"])
    assert args.max_years == DEFAULT.max_years and args.locale == DEFAULT.locale
    assert typing.get_type_hints(jobs.Task)["options"] is Options  # the chunks take the one
    assert MAX_YEARS_RANGE[0] == 0 and DEFAULT.max_years in MAX_YEARS_RANGE


def test_validate_takes_one_options_object_or_its_keywords_not_both() -> None:
    card = {"number": "4111 1111 1111 1111", "expiry": "12/29", "name": "Anna Svensson"}
    options = Options(today=TODAY, require_cvc=True, accepted_brands=["mastercard"])
    by_object = cv.validate(card, options=options)
    by_keywords = cv.validate(card, today=TODAY, require_cvc=True, accepted_brands=["mastercard"])
    assert by_object == by_keywords
    assert by_object.codes == ("number.brand_not_accepted", "cvc.missing")
    with pytest.raises(TypeError, match="either as an Options object or as keywords"):
        cv.validate(card, options=options, partial=True)
    with pytest.raises(TypeError, match=r"^options must be Options or None, not dict$"):
        cv.validate(card, options={"partial": True})  # type: ignore[arg-type]


GOOD = {"number": "4111 1111 1111 1111", "expiry": "12/29", "name": "Anna Svensson"}


@pytest.mark.parametrize(("keywords", "record", "code"), [
    ({"require_cvc": True}, GOOD, "cvc.missing"),
    ({"require_address": True}, GOOD, "address.missing"),
    ({"partial": True}, {**GOOD, "number": "4111 11"}, "number.incomplete"),
    ({"accepted_brands": ["mastercard"]}, GOOD, "number.brand_not_accepted"),
])
def test_validate_many_honours_every_option_as_validate_does(
    keywords: dict[str, object], record: dict[str, str], code: str
) -> None:
    (from_batch,) = cv.validate_many([record], today=TODAY, **keywords)  # type: ignore[arg-type]
    single = cv.validate(record, today=TODAY, **keywords)  # type: ignore[arg-type]
    assert code in from_batch.codes
    assert from_batch == single
    options = Options(today=TODAY, **keywords)  # type: ignore[arg-type]
    (by_object,) = cv.validate_many([record], options=options)
    assert by_object == single


def test_validate_many_checks_its_options_before_any_row() -> None:
    with pytest.raises(ValueError, match="max_years"):
        cv.validate_many([GOOD], max_years=-1)
    with pytest.raises(TypeError, match=r"^partial must be bool, not str$"):
        cv.validate_many([GOOD], partial="yes")  # type: ignore[arg-type]


def test_the_columnar_path_takes_the_same_options_object() -> None:
    pa = pytest.importorskip("pyarrow")
    from cardvalid.batch.table import validate_table

    for name in OPTION_NAMES:
        default = inspect.signature(validate_table).parameters[name].default
        assert default == getattr(DEFAULT, name), name
    table = pa.table({"number": ["4111 1111 1111 1111", "5555 5555 5555 4444"],
                      "expiry": ["12/29", "11/26"], "name": ["Anna Svensson", "Bo Ek"]})
    options = Options(today=TODAY, require_cvc=True, accepted_brands=["mastercard"])
    by_object = validate_table(table, options=options)
    by_keywords = validate_table(table, today=TODAY, require_cvc=True,
                                 accepted_brands=["mastercard"])
    assert by_object.column("codes").to_pylist() == by_keywords.column("codes").to_pylist()
    rows = [dict(zip(table.column_names, values, strict=True))
            for values in zip(*table.to_pydict().values(), strict=True)]
    assert by_object.column("codes").to_pylist() == [
        list(cv.validate(row, options=options).codes) for row in rows]
    with pytest.raises(TypeError, match="not both"):
        validate_table(table, options=options, locale="sv")
    with pytest.raises(TypeError, match="options must be Options"):
        validate_table(table, options={"today": TODAY})  # type: ignore[arg-type]


def test_keywords_that_change_between_calls_are_never_answered_by_the_call_before() -> None:
    card = {"number": "4111 1111 1111 1111", "expiry": "11/26", "name": "Anna Svensson"}
    first = cv.validate(card, today=TODAY)
    assert "expiry.expires_this_month" in first.codes
    assert "expiry.expired" in cv.validate(card, today=date(2027, 1, 1)).codes
    assert cv.validate(card, today=TODAY, locale="sv").problems[0].message != (
        first.problems[0].message)
    assert "cvc.missing" in cv.validate(card, today=TODAY, require_cvc=True).codes
    assert cv.validate(card, today=TODAY).codes == first.codes


def test_a_wrong_today_or_a_numpy_bool_is_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match=r"^today must be a date or None, not list$"):
        cv.validate({}, today=[2026, 1, 1])  # type: ignore[arg-type]
    np = pytest.importorskip("numpy")
    with pytest.raises(TypeError, match=r"^partial must be bool, not numpy\.bool"):
        cv.validate({}, partial=np.bool_(True))
