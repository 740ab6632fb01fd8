"""Expiry date: spellings, boundary dates, two-digit years, partial mode, bad input."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardvalid.codes import REASONS
from cardvalid.expiry import (
    MAX_LENGTH,
    check_expiry,
    collect_expiry,
    expand_year,
    is_expired,
    parse_expiry,
    utc_today,
)
from cardvalid.findings import Findings
from cardvalid.model import Result, Severity

TODAY = date(2026, 11, 26)


def _codes(value: object, **options: Any) -> tuple[str, ...]:
    options.setdefault("today", TODAY)
    return check_expiry(value, **options).codes


def _slow(value: object, **options: Any) -> Result:
    """The general path, bypassing check_expiry's fast path."""
    out = Findings()
    collect_expiry(value, out, **options)
    return out.result("en")


# -- spellings -------------------------------------------------------------------

SPELLINGS: list[tuple[object, str]] = [
    ("12/29", "2029-12"),
    ("12 / 29", "2029-12"),
    (" 12/29 ", "2029-12"),
    ("1/29", "2029-01"),
    ("12-29", "2029-12"),
    ("12.29", "2029-12"),
    ("12 29", "2029-12"),
    ("1229", "2029-12"),
    ("0129", "2029-01"),
    ("12/2029", "2029-12"),
    ("12 / 2029", "2029-12"),
    ("1/2029", "2029-01"),
    ("122029", "2029-12"),
    ("2029-12", "2029-12"),
    ("2029/12", "2029-12"),
    ("2029-1", "2029-01"),
    ("929", "2029-09"),  # 3 digits, first 2-9: only M/YY reads
    ("92029", "2029-09"),  # 5 digits, first 2-9: only M/YYYY reads
    ((12, 2029), "2029-12"),
    ((12, 29), "2029-12"),
    (["12", "29"], "2029-12"),
    (("1", "2029"), "2029-01"),
    ({"month": 12, "year": 2029}, "2029-12"),
    ({"month": "1", "year": "29"}, "2029-01"),
    ({"month": " 01 ", "year": " 2029 "}, "2029-01"),
    (date(2029, 12, 31), "2029-12"),
    (datetime(2029, 12, 1, 23, 59, tzinfo=UTC), "2029-12"),
    (1229, "2029-12"),
    (129, "2029-01"),  # a spreadsheet dropped the leading zero of 0129
    (122029, "2029-12"),
    (12029, "2029-01"),  # ... and of 012029
    # Unicode: fullwidth, Arabic-Indic and Devanagari digits, look-alike separators,
    # invisible marks.
    ("１２／２９", "2029-12"),
    ("١٢/٢٩", "2029-12"),
    ("१२/२९", "2029-12"),
    ("12–29", "2029-12"),
    ("12\u221529", "2029-12"),
    ("\u200f12/29\u200e", "2029-12"),
    ("12\u200b/\u200b29", "2029-12"),
    ("12\u00a0/\u00a029", "2029-12"),
]


@pytest.mark.parametrize(("value", "expected"), SPELLINGS)
def test_spellings(value: object, expected: str) -> None:
    result = check_expiry(value, today=TODAY)
    assert result.codes == ()
    assert dict(result.normalized) == {"expiry": expected}


@pytest.mark.parametrize(("value", "expected"), SPELLINGS)
def test_parse_expiry_agrees(value: object, expected: str) -> None:
    year, month = expected.split("-")
    assert parse_expiry(value) == (int(year), int(month))


# -- reasons ---------------------------------------------------------------------

REASON_TABLE: list[tuple[object, str, dict[str, Any]]] = [
    (None, "expiry.missing", {}),
    ("", "expiry.missing", {}),
    ("   ", "expiry.missing", {}),
    ("\u200b\u200f", "expiry.missing", {}),
    ({"month": None, "year": None}, "expiry.missing", {}),
    ({"month": "", "year": " "}, "expiry.missing", {}),
    ({"month": 12}, "expiry.missing", {"part": "year"}),
    ({"year": 2029}, "expiry.missing", {"part": "month"}),
    ("12/", "expiry.format", {}),
    ("12/2", "expiry.format", {}),
    ("12/202", "expiry.format", {}),
    ("12/20299", "expiry.format", {}),
    ("1", "expiry.format", {}),
    ("12", "expiry.format", {}),
    ("1234567", "expiry.format", {}),
    ("12//29", "expiry.format", {}),
    ("12/29/31", "expiry.format", {}),
    ("Dec 2029", "expiry.format", {}),
    ("12/29😀", "expiry.format", {}),
    ("3²/29", "expiry.format", {}),
    ("202/12", "expiry.format", {}),
    ("2029-", "expiry.format", {}),
    ("01202", "expiry.format", {}),
    ((12, 2029, 1), "expiry.format", {}),
    ((12,), "expiry.format", {}),
    ({"month": "123", "year": "29"}, "expiry.format", {}),
    ({"month": "12", "year": "2"}, "expiry.format", {}),
    ({"month": "x", "year": "29"}, "expiry.format", {}),
    ({"month": -1, "year": 2029}, "expiry.format", {}),
    (12, "expiry.format", {}),
    (-1229, "expiry.format", {}),
    (12345678, "expiry.format", {}),
    ("129", "expiry.ambiguous", {}),  # 1/29, or 12/9 with a digit missing
    ("109", "expiry.ambiguous", {}),
    ("12029", "expiry.ambiguous", {}),  # 1/2029, or 12/029
    ("11999", "expiry.ambiguous", {}),
    ("00/29", "expiry.month_range", {"month": 0}),
    ("0/29", "expiry.month_range", {"month": 0}),
    ("13/29", "expiry.month_range", {"month": 13}),
    ("99/2029", "expiry.month_range", {"month": 99}),
    ("0029", "expiry.month_range", {"month": 0}),
    ("1329", "expiry.month_range", {"month": 13}),
    ("132029", "expiry.month_range", {"month": 13}),
    ("00", "expiry.month_range", {"month": 0}),
    ("2029-13", "expiry.month_range", {"month": 13}),
    ("2029-0", "expiry.month_range", {"month": 0}),
    ((0, 2029), "expiry.month_range", {"month": 0}),
    ({"month": "13", "year": "29"}, "expiry.month_range", {"month": 13}),
    ("10/26", "expiry.expired", {"month": 10, "year": 2026}),
    ("12/25", "expiry.expired", {"month": 12, "year": 2025}),
    ("12/2019", "expiry.expired", {"month": 12, "year": 2019}),
    ("12/77", "expiry.expired", {"month": 12, "year": 1977}),
    ("11/26", "expiry.expires_this_month", {"month": 11, "year": 2026}),
    ("12/47", "expiry.too_far_ahead", {"year": 2047, "max_years": 20}),
    ("12/2076", "expiry.too_far_ahead", {"year": 2076, "max_years": 20}),
    ("01/3000", "expiry.too_far_ahead", {"year": 3000, "max_years": 20}),
    ("x" * (MAX_LENGTH + 1), "expiry.too_long",
     {"max_length": MAX_LENGTH, "length": MAX_LENGTH + 1}),
    ({"month": "1" * 41, "year": "29"}, "expiry.too_long",
     {"max_length": MAX_LENGTH, "length": 41}),
]


@pytest.mark.parametrize(("value", "code", "params"), REASON_TABLE)
def test_reasons(value: object, code: str, params: dict[str, Any]) -> None:
    result = check_expiry(value, today=TODAY)
    assert result.codes == (code,)
    assert dict(result.problems[0].params) == params
    assert result.problems[0].severity is REASONS[code].severity


def test_normalized_only_for_a_date_read() -> None:
    assert dict(check_expiry("10/26", today=TODAY).normalized) == {"expiry": "2026-10"}
    assert dict(check_expiry("12/47", today=TODAY).normalized) == {"expiry": "2047-12"}
    assert dict(check_expiry("13/29", today=TODAY).normalized) == {}
    assert dict(check_expiry("129", today=TODAY).normalized) == {}


def test_max_years_is_configurable() -> None:
    assert _codes("12/2046") == ()
    assert _codes("01/2047") == ("expiry.too_far_ahead",)
    assert _codes("01/2047", max_years=21) == ()
    assert _codes("12/27", max_years=0) == ("expiry.too_far_ahead",)
    assert check_expiry("12/30", today=TODAY, max_years=3).problems[0].params == {
        "year": 2030,
        "max_years": 3,
    }


# -- boundary dates ----------------------------------------------------------------

BOUNDARIES: list[tuple[str, date, tuple[str, ...]]] = [
    # Valid through the last day of the month.
    ("12/26", date(2026, 12, 1), ("expiry.expires_this_month",)),
    ("12/26", date(2026, 12, 31), ("expiry.expires_this_month",)),
    ("12/26", date(2026, 11, 30), ()),
    # 31 December -> 1 January: the 1st is still the old month at UTC-12.
    ("12/26", date(2027, 1, 1), ("expiry.just_expired",)),
    ("12/26", date(2027, 1, 2), ("expiry.expired",)),
    ("12/2026", date(2027, 1, 1), ("expiry.just_expired",)),
    ("01/27", date(2026, 12, 31), ()),
    ("01/27", date(2027, 1, 1), ("expiry.expires_this_month",)),
    # February, leap and common years.
    ("02/28", date(2028, 2, 29), ("expiry.expires_this_month",)),
    ("02/28", date(2028, 3, 1), ("expiry.just_expired",)),
    ("02/28", date(2028, 3, 2), ("expiry.expired",)),
    ("02/27", date(2027, 2, 28), ("expiry.expires_this_month",)),
    ("02/27", date(2027, 3, 1), ("expiry.just_expired",)),
    ("02/27", date(2027, 3, 2), ("expiry.expired",)),
    ("02/2100", date(2100, 2, 28), ("expiry.expires_this_month",)),  # 2100: not a leap year
    ("02/2100", date(2100, 3, 1), ("expiry.just_expired",)),
    # Last day of a month vs. first and second of the next.
    ("04/27", date(2027, 4, 30), ("expiry.expires_this_month",)),
    ("04/27", date(2027, 5, 1), ("expiry.just_expired",)),
    ("04/27", date(2027, 5, 2), ("expiry.expired",)),
    ("04/27", date(2027, 6, 1), ("expiry.expired",)),
    # The turn of a century for two-digit years.
    ("01/00", date(2099, 6, 1), ()),
    ("12/99", date(2099, 6, 1), ()),
    ("04/99", date(2099, 6, 1), ("expiry.expired",)),
    ("05/99", date(2099, 6, 1), ("expiry.just_expired",)),
    ("06/99", date(2099, 6, 1), ("expiry.expires_this_month",)),
    ("01/00", date(2100, 1, 1), ("expiry.expires_this_month",)),
    ("12/99", date(2100, 1, 1), ("expiry.just_expired",)),
    ("12/99", date(2100, 1, 2), ("expiry.expired",)),
    ("12/19", date(2099, 6, 1), ()),  # 2119: 20 years ahead
    ("01/20", date(2099, 6, 1), ("expiry.too_far_ahead",)),  # 2120
    ("12/49", date(2099, 6, 1), ("expiry.too_far_ahead",)),  # 2149 (tie goes forward)
    ("12/48", date(2099, 6, 1), ("expiry.too_far_ahead",)),  # 2148, nearer than 2048
    ("12/50", date(2099, 6, 1), ("expiry.expired",)),  # 2050
]


@pytest.mark.parametrize(("value", "today", "codes"), BOUNDARIES)
def test_boundary_dates(value: str, today: date, codes: tuple[str, ...]) -> None:
    assert check_expiry(value, today=today).codes == codes
    assert _slow(value, today=today).codes == codes


def test_century_turn_normalizes_to_next_century() -> None:
    result = check_expiry("01/00", today=date(2099, 6, 1))
    assert dict(result.normalized) == {"expiry": "2100-01"}


def test_just_expired_is_a_warning_and_ok() -> None:
    result = check_expiry("12/26", today=date(2027, 1, 1))
    assert result.ok
    assert result.problems[0].severity is Severity.WARNING
    assert dict(result.problems[0].params) == {"month": 12, "year": 2026}


def test_expires_this_month_is_a_warning_and_ok() -> None:
    result = check_expiry("11/26", today=TODAY)
    assert result.ok
    assert result.problems[0].severity is Severity.WARNING


@pytest.mark.parametrize(
    ("year", "month", "today", "expected"),
    [
        (2026, 12, date(2026, 12, 31), False),
        (2026, 12, date(2027, 1, 1), False),
        (2026, 12, date(2027, 1, 2), True),
        (2026, 12, date(2027, 2, 1), True),
        (2026, 11, date(2027, 1, 1), True),
        (2027, 1, date(2026, 12, 31), False),
    ],
)
def test_is_expired(year: int, month: int, today: date, expected: bool) -> None:
    assert is_expired(year, month, today) is expected


@pytest.mark.parametrize(
    ("yy", "reference", "expected"),
    [
        (29, 2026, 2029),
        (0, 2026, 2000),
        (76, 2026, 2076),  # 50 ahead: a tie goes to the future
        (77, 2026, 1977),
        (0, 2099, 2100),
        (99, 2100, 2099),
        (49, 2099, 2149),
        (50, 2099, 2050),
        (5, None, 2005),
        (99, None, 2099),
    ],
)
def test_expand_year(yy: int, reference: int | None, expected: int) -> None:
    assert expand_year(yy, reference) == expected


@given(st.integers(0, 99), st.integers(1000, 9000))
def test_two_digit_year_is_the_nearest(yy: int, reference: int) -> None:
    year = expand_year(yy, reference)
    assert year % 100 == yy
    assert -49 <= year - reference <= 50


def test_parse_expiry_two_digit_years() -> None:
    assert parse_expiry("01/00") == (2000, 1)
    assert parse_expiry("01/00", today=date(2099, 6, 1)) == (2100, 1)
    assert parse_expiry("12/77", today=TODAY) == (1977, 12)
    assert parse_expiry("12/77") == (2077, 12)


@pytest.mark.parametrize("value", ["129", "13/29", "12/", "", None, "x" * 100, (1, 2, 3)])
def test_parse_expiry_none(value: object) -> None:
    assert parse_expiry(value) is None


# -- partial mode ----------------------------------------------------------------

PARTIAL: list[tuple[object, tuple[str, ...]]] = [
    ("", ("expiry.missing",)),
    (None, ("expiry.missing",)),
    ("1", ("expiry.incomplete",)),
    ("0", ("expiry.incomplete",)),
    ("12", ("expiry.incomplete",)),
    ("12/", ("expiry.incomplete",)),
    ("12 /", ("expiry.incomplete",)),
    ("12/2", ("expiry.incomplete",)),
    ("12/20", ("expiry.incomplete",)),  # may become 12/2029
    ("12/202", ("expiry.incomplete",)),
    ("1220", ("expiry.incomplete",)),  # may become 122029
    ("12202", ("expiry.incomplete",)),
    ("129", ("expiry.ambiguous",)),  # 1290 is 1990, 1299 too far, 129x... not a date
    ("2202", ("expiry.incomplete",)),  # 22029 is 2/2029
    ("12 ", ("expiry.incomplete",)),
    ("012", ("expiry.incomplete",)),
    ("2029-", ("expiry.incomplete",)),
    ("2029-0", ("expiry.incomplete",)),
    ({"month": "12", "year": ""}, ("expiry.incomplete",)),
    ({"month": "12", "year": "2"}, ("expiry.incomplete",)),
    ({"month": "12", "year": "20"}, ("expiry.incomplete",)),
    ({"month": "0", "year": ""}, ("expiry.incomplete",)),
    ("12/29", ()),
    ("1/29", ()),
    ("929", ()),
    ("12/2029", ()),
    # Cannot become valid any more: still errors.
    ("13", ("expiry.incomplete",)),  # may become 135 = 1/35
    ("13/", ("expiry.month_range",)),
    ("00", ("expiry.month_range",)),
    ("12/21", ("expiry.expired",)),
    ("12/2021", ("expiry.expired",)),
    ("1221", ("expiry.expired",)),
    ("12/99", ("expiry.expired",)),  # 1999; no 99xx year is acceptable either
    ("12/50", ("expiry.too_far_ahead",)),
    ("12/x", ("expiry.format",)),
    ("01/1", ("expiry.format",)),  # 2010-2019 and 1xxx are all past
    ("12/0", ("expiry.format",)),
    ("1202", ("expiry.expired",)),  # 12029 is ambiguous, 1202xx is a year 02xx
    ("/", ("expiry.format",)),  # no accepted spelling starts with a separator
    ({"month": 12, "year": 20}, ("expiry.expired",)),  # an int is not being typed
]


@pytest.mark.parametrize(("value", "codes"), PARTIAL)
def test_partial(value: object, codes: tuple[str, ...]) -> None:
    assert _codes(value, partial=True) == codes


def test_partial_missing_is_a_notice() -> None:
    result = check_expiry("", today=TODAY, partial=True)
    assert result.ok
    assert result.problems[0].severity is Severity.NOTICE
    assert check_expiry("", today=TODAY).problems[0].severity is Severity.ERROR


def test_partial_incomplete_is_a_notice_without_normalized() -> None:
    result = check_expiry("12/20", today=TODAY, partial=True)
    assert result.ok
    assert result.problems[0].severity is Severity.NOTICE
    assert dict(result.normalized) == {}


VALID_TYPED = st.builds(
    lambda month, year, spelling: spelling.format(month=month, year=year, yy=year % 100),
    st.integers(1, 12),
    st.integers(2027, 2046),
    st.sampled_from(
        [
            "{month:02d}/{yy:02d}",
            "{month}/{yy:02d}",
            "{month:02d}/{year}",
            "{month:02d} / {year}",
            "{month:02d}{yy:02d}",
            "{month:02d}{year}",
            "{year}-{month:02d}",
            "{month:02d}-{yy:02d}",
            "{month}/{year}",
            "{month:02d} {yy:02d}",
            "{year}/{month}",
            "{month:02d}.{year}",
        ]
    ),
)


@given(VALID_TYPED)
def test_no_prefix_of_a_valid_expiry_is_an_error(typed: str) -> None:
    today = date(2026, 11, 1)
    final = check_expiry(typed, today=today, partial=True)
    assert final.ok
    for end in range(len(typed) + 1):
        assert check_expiry(typed[:end], today=today, partial=True).ok, typed[:end]


# -- fast path and general path agree ----------------------------------------------


@given(
    st.integers(0, 99),
    st.integers(0, 99),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)),
    st.integers(0, 60),
)
def test_fast_path_matches_general_path(mm: int, yy: int, today: date, max_years: int) -> None:
    text = f"{mm:02d}/{yy:02d}"
    fast = check_expiry(text, today=today, max_years=max_years)
    slow = _slow(text, today=today, max_years=max_years)
    assert fast.codes == slow.codes
    assert dict(fast.normalized) == dict(slow.normalized)
    assert [dict(p.params) for p in fast.problems] == [dict(p.params) for p in slow.problems]


def test_problem_free_result_equals_a_constructed_one() -> None:
    result = check_expiry("12/29", today=TODAY)
    assert result == Result(problems=(), normalized={"expiry": "2029-12"})
    assert result.card is None
    assert result.avs is None
    assert result.to_dict()["normalized"] == {"expiry": "2029-12"}


def test_collect_expiry_returns_year_and_month() -> None:
    out = Findings()
    assert collect_expiry("12/29", out, today=TODAY) == (2029, 12)
    assert out.normalized == {"expiry": "2029-12"}
    assert out.result("en").codes == ()
    out = Findings()
    assert collect_expiry("1/2029", out, today=TODAY) == (2029, 1)
    out = Findings()
    assert collect_expiry("12/20", out, today=TODAY, partial=True) is None
    assert out.normalized == {}
    out = Findings()
    assert collect_expiry("13/29", out, today=TODAY) is None
    assert collect_expiry("10/26", Findings(), today=TODAY) == (2026, 10)


def test_default_today_is_the_utc_date() -> None:
    before = datetime.now(UTC).date()
    got = utc_today()
    after = datetime.now(UTC).date()
    assert before <= got <= after
    year, month = got.year + 1, got.month
    assert check_expiry(f"{month:02d}/{year % 100:02d}").codes == ()
    assert check_expiry(f"{month:02d}/{year}").codes == ()


# -- bad input and types ----------------------------------------------------------

JUNK = [
    "",
    " ",
    "\t\n",
    "😀",
    "12/29\u202e",
    "\u200f\u200e\u200b",
    "٤٢/٤٢",
    "４２４２",
    "3²",
    "\x00\x01",
    "\ud800",
    "NaN",
    "-1/-1",
    "1e3",
    "12/29" * 20,
]


@pytest.mark.parametrize("value", JUNK)
@pytest.mark.parametrize("partial", [False, True])
def test_junk_gives_a_result(value: str, partial: bool) -> None:
    result = check_expiry(value, today=TODAY, partial=partial, locale="sv")
    assert isinstance(result, Result)
    json.dumps(result.to_dict())


def test_ten_megabytes_is_capped() -> None:
    huge = "1" * 10_000_000
    result = check_expiry(huge, today=TODAY)
    assert result.codes == ("expiry.too_long",)
    assert dict(result.problems[0].params) == {"max_length": MAX_LENGTH, "length": 10_000_000}


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (12.5, "float"),
        (True, "bool"),
        (b"12/29", "bytes"),
        ({12, 29}, "set"),
        (object(), "object"),
    ],
)
def test_wrong_type_raises(value: object, name: str) -> None:
    with pytest.raises(TypeError, match=rf"^expiry must be .* not {name}$"):
        check_expiry(value, today=TODAY)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ((12.0, 2029), r"^expiry month must be str, int or None, not float$"),
        ({"month": 12, "year": [2029]}, r"^expiry year must be str, int or None, not list$"),
        ({"month": True, "year": 2029}, r"^expiry month must be .* not bool$"),
    ],
)
def test_wrong_part_type_raises(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        check_expiry(value, today=TODAY)


def test_wrong_options_raise() -> None:
    with pytest.raises(TypeError, match="today must be a date"):
        check_expiry("12/29", today="2026-11-26")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="max_years must be int"):
        check_expiry("12/29", today=TODAY, max_years="20")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_years"):
        check_expiry("12/29", today=TODAY, max_years=-1)


def test_type_error_does_not_echo_the_value() -> None:
    secret = "4111111111111111"
    with pytest.raises(TypeError) as caught:
        check_expiry({"month": [secret], "year": 29}, today=TODAY)
    assert secret not in str(caught.value)


# -- messages ----------------------------------------------------------------------

EMITTED = sorted(
    {code for _, code, _ in REASON_TABLE}
    | {"expiry.just_expired", "expiry.incomplete", "expiry.expires_this_month"}
)


@pytest.mark.parametrize("locale", ["en", "sv"])
@pytest.mark.parametrize(
    ("value", "options"),
    [(v, {}) for v, _, _ in REASON_TABLE]
    + [(v, {"today": t}) for v, t, _ in BOUNDARIES]
    + [(v, {"partial": True}) for v, _ in PARTIAL],
)
def test_messages_render(locale: str, value: object, options: Mapping[str, Any]) -> None:
    result = check_expiry(
        value,
        today=options.get("today", TODAY),
        locale=locale,
        partial=options.get("partial", False),
    )
    for problem in result.problems:
        assert problem.message != problem.code
        assert "{" not in problem.message
        assert "{" not in problem.hint


def test_swedish_uses_the_article_vocabulary() -> None:
    result = check_expiry("10/26", today=TODAY, locale="sv")
    assert "10/2026" in result.problems[0].message
    assert "utgångsdatum" in result.problems[0].hint.lower()


# ------------------------------------------------------------------ issue 12, class 5


@pytest.mark.parametrize(
    ("month", "year", "codes"),
    [
        # Blanks around a separate month or year are padding (autofill, spreadsheet
        # cells): read, unlike the peers that refuse them (docs/expiry.md).
        (" 1", "2029", ()),
        ("1 ", "29", ()),
        (" 12 ", " 2029", ()),
        ("\t1", "29", ()),
        ("\xa01", "29", ()),
        # Blanks inside a number are not padding.
        ("1 2", "2029", ("expiry.format",)),
        ("01", "2 9", ("expiry.format",)),
        ("01", "20 29", ("expiry.format",)),
    ],
)
def test_padding_around_a_month_or_year_field(
    month: str, year: str, codes: tuple[str, ...]
) -> None:
    today = date(2026, 11, 26)
    assert check_expiry((month, year), today=today).codes == codes
    assert check_expiry({"month": month, "year": year}, today=today).codes == codes


@pytest.mark.parametrize(
    ("parts", "partial_ok"),
    [
        (("0", "1999"), False),  # card-validator: not potentially valid
        ({"month": "1", "year": "123"}, False),
        (("01", "211"), False),
        (("0", "199"), False),
        (("11", "1"), False),  # only 2010-2019 can follow
        (("0", "2027"), True),
        (("1", "202"), True),
        (("02", "20"), True),  # 2/2027 and on
        (("1", None), True),
        (("1", "2026"), True),  # on to 12/2026
        (("1", "26"), True),
    ],
)
def test_partial_parts_are_exact(parts: object, partial_ok: bool) -> None:
    today = date(2026, 12, 6)
    assert check_expiry(parts, today=today, partial=True).ok is partial_ok
    # Brute force: some continuation of each typed part is a date the check accepts.
    seq = parts if isinstance(parts, tuple) else (parts["month"], parts["year"])  # type: ignore[index]
    month, year = (p or "" for p in seq)
    tails = [""] + [str(i) for i in range(10)] + [f"{i:02d}" for i in range(100)]
    found = any(
        check_expiry((month + a, year + b), today=today).ok
        for a in tails[:11]
        for b in tails
        if len(month + a) <= 2 and len(year + b) <= 4
    )
    assert found is partial_ok


# -- edges mutation testing found untested (issue 9) ----------------------------------

_TODAY = date(2026, 11, 26)


def test_a_year_first_date_takes_a_month_of_two_digits_at_most() -> None:
    assert check_expiry("2029/123", today=_TODAY).codes == ("expiry.format",)


def test_five_digits_with_month_00_are_out_of_range() -> None:
    [problem] = check_expiry("00123", today=_TODAY).problems
    assert (problem.code, dict(problem.params)) == ("expiry.month_range", {"month": 0})


@pytest.mark.parametrize("value", [("01", "77"), ["01", "77"], {"month": "01", "year": "77"}])
def test_separate_fields_expand_two_digit_years_around_today(value: object) -> None:
    [problem] = check_expiry(value, today=_TODAY).problems
    assert (problem.code, dict(problem.params)) == ("expiry.expired", {"month": 1, "year": 1977})
