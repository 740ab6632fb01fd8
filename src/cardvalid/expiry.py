"""The card's expiry date ("good thru"): read every common spelling, then judge it.

A card printed `MM/YY` is valid through the last day of month MM of its year
and expired from the first day of the month after (Sogexia support, LegalClarity
and the Visa merchant guide quoted in Stack Overflow 54037). No card scheme
rule on time zones was found,
so the check never reports a card expired while its month has not yet ended
somewhere on Earth: on the 1st of the next month it is `expiry.just_expired`
(a warning), from the 2nd `expiry.expired` (see `is_expired`).

Spellings read: `MM/YY`, `MM / YY`, `M/YY`, `MM-YY`, `MM.YY`, `MM YY`, `MMYY`,
`MM/YYYY`, `MMYYYY`, `YYYY-MM` (HTML `<input type="month">`), `YYYY/MM`,
`(month, year)` tuples and lists, `{"month": ..., "year": ...}` mappings (str or
int values), `date`/`datetime`, and ints that are the `MMYY`/`MMYYYY` digits
(a leading zero lost by a spreadsheet is restored). Unicode digits (fullwidth,
Arabic-Indic, ...) are folded, dash and slash look-alikes read as separators,
and invisible format characters (zero-width, direction marks) are dropped.

Two-digit years: the year ending in YY that is nearest to `today`'s year (a
tie, 50 years either way, goes to the future); `parse_expiry` without `today`
reads YY as 20YY.

Digits without a separator: 4 are `MMYY`, 6 are `MMYYYY`. Three digits are
`M YY` when the first is 2-9 (`929` is 09/29); `1x` followed by a digit
(`100`-`129`) may be 1/YY or MM/Y with a digit missing, so it is
`expiry.ambiguous` rather than a guess. Five digits likewise: `M YYYY` when the
first is 2-9, `expiry.ambiguous` for `10`-`12` (`12029`: 1/2029 or 12/029?).
In partial mode typed text is `expiry.incomplete` exactly when some continuation
of it is a date the check accepts (`completable`); otherwise it gets the error
the complete check gives.

>>> from datetime import date
>>> r = check_expiry("12/29", today=date(2026, 11, 26))
>>> r.ok, r.normalized["expiry"]
(True, '2029-12')
>>> check_expiry("10/26", today=date(2026, 11, 26)).codes
('expiry.expired',)
>>> check_expiry("12/2", today=date(2026, 11, 26), partial=True).codes
('expiry.incomplete',)
>>> parse_expiry("2029-12"), parse_expiry({"month": "1", "year": 2030})
((2029, 12), (2030, 1))
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

from cardvalid.codes import REASONS
from cardvalid.findings import Findings
from cardvalid.model import Result, Severity, new_result
from cardvalid.text import Cleaner

MAX_LENGTH = 40
"""Longest expiry text read (`"12 / 2029"` is 9); longer input is `expiry.too_long`."""

MAX_YEARS = 20
"""Default for how many years ahead an expiry may lie: ActiveMerchant accepts the
current year + 20, braintree/card-validator + 19."""

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_DAY_SECONDS = 86_400

DIGITS = re.compile(r"(\d+)(?:\s*([/.\- ])\s*(\d*))?", re.ASCII)
"""A folded, stripped expiry text: digits, then maybe a separator and more digits."""

FOLD = Cleaner(space=" ", invisible="", reorder="", dash="-", dot=".", slash="/", digits=True)
"""Unicode digits as ASCII, separators of every kind as the ASCII one they stand for
(a slash separates an expiry's month and year), invisible characters dropped."""

_ACCEPTED = "str, int, date, a (month, year) tuple or a mapping with 'month' and 'year'"


class _Read(NamedTuple):
    """A month and a full year read from the input.

    `grow` holds a typed two-digit year that, while typing, may still become
    the first half of a four-digit year ("12/20" -> "12/2029").
    """

    year: int
    month: int
    grow: str = ""


class _Fail(NamedTuple):
    """The reason the input could not be read."""

    code: str
    params: Mapping[str, Any] = MappingProxyType({})


_MISSING = _Fail("expiry.missing")
_FORMAT = _Fail("expiry.format")
_AMBIGUOUS = _Fail("expiry.ambiguous")
_INCOMPLETE = _Fail("expiry.incomplete")


def _month_range(month: int) -> _Fail:
    return _Fail("expiry.month_range", {"month": month})


def _unfinished(partial: bool, otherwise: _Fail = _FORMAT) -> _Fail:
    """Input that typing may still complete: a notice while typing, else `otherwise`."""
    return _INCOMPLETE if partial else otherwise


def expand_year(yy: int, reference_year: int | None = None) -> int:
    """The full year for a two-digit year: the one nearest `reference_year`.

    Without a reference year, YY is 20YY. A tie (50 years either way) goes to
    the future, so the window is reference - 49 .. reference + 50.

    >>> expand_year(29, 2026), expand_year(77, 2026), expand_year(0, 2099), expand_year(5)
    (2029, 1977, 2100, 2005)
    """
    if reference_year is None:
        return 2000 + yy
    year = reference_year - reference_year % 100 + yy
    if year - reference_year > 50:
        return year - 100
    if reference_year - year >= 50:
        return year + 100
    return year


# -- reading -------------------------------------------------------------------


def _fold(text: str) -> str:
    """Unicode digits to ASCII, separator look-alikes to ASCII, format characters dropped."""
    return FOLD(text)


def _year(digits: str, reference_year: int | None) -> int:
    return expand_year(int(digits), reference_year) if len(digits) == 2 else int(digits)


def _with_month(month: int, year: int, grow: str = "") -> _Read | _Fail:
    if not 1 <= month <= 12:
        return _month_range(month)
    return _Read(year, month, grow)


def _read_digits(a: str, partial: bool, ref: int | None) -> _Read | _Fail:
    """Digits without a separator: MMYY, MMYYYY, and the 3- and 5-digit readings."""
    n = len(a)
    if n <= 2:
        return _month_range(0) if a == "00" else _unfinished(partial)
    if n == 4:
        return _with_month(int(a[:2]), _year(a[2:], ref), a[2:])
    if n == 6:
        return _with_month(int(a[:2]), int(a[2:]))
    if n not in (3, 5):
        return _FORMAT
    # 3 digits: M YY or MM Y(Y); 5 digits: M YYYY or MM YYY(Y).
    if a[0] == "0":
        month = int(a[:2])
        return _month_range(0) if month == 0 else _unfinished(partial)
    if a[0] == "1" and a[1] in "012":
        return _unfinished(partial, _AMBIGUOUS)
    return _Read(int(a[1:]) if n == 5 else _year(a[1:], ref), int(a[0]))


def _read_separated(a: str, b: str, partial: bool, ref: int | None) -> _Read | _Fail:
    """`month sep year` or `YYYY sep month`."""
    if len(a) <= 2:
        month = int(a)
        if not 1 <= month <= 12:
            return _month_range(month)
        if len(b) == 2:
            return _Read(_year(b, ref), month, b)
        if len(b) == 4:
            return _Read(int(b), month)
        return _unfinished(partial) if len(b) in (0, 1, 3) else _FORMAT
    if len(a) == 4 and len(b) <= 2:
        if not b:
            return _unfinished(partial)
        if b == "0":
            return _unfinished(partial, _month_range(0))
        return _with_month(int(b), int(a))
    return _FORMAT


def _read_text(text: str, partial: bool, ref: int | None) -> _Read | _Fail:
    n = len(text)
    if n > MAX_LENGTH:
        return _Fail("expiry.too_long", {"max_length": MAX_LENGTH, "length": n})
    if not text.isascii():
        text = _fold(text)
    text = text.strip()
    if not text:
        return _MISSING
    found = DIGITS.fullmatch(text)
    if found is None:
        return _FORMAT
    a, sep, b = found.groups()
    if sep is None:
        return _read_digits(a, partial, ref)
    return _read_separated(a, b, partial, ref)


# The commonest spelling, "MM/YY", read by a table of `_read_text`'s own
# readings (as `year * 12 + month - 1`, the year, `(year, month)` and
# "YYYY-MM"): equal to it by construction. Built for the reference year in use
# (once a year, about 4 ms).
_Common = tuple[int, int, tuple[int, int], str]
_COMMON: tuple[int, Mapping[str, _Common]] = (0, MappingProxyType({}))


def _common_readings(reference_year: int) -> Mapping[str, _Common]:
    """Every "MM/YY" with a month in range -> its reading by `_read_text` (see `_Common`)."""
    global _COMMON  # noqa: PLW0603  (a per-year table, replaced whole)
    year, table = _COMMON
    if year != reference_year:
        texts = (f"{m:02d}/{y:02d}" for m in range(1, 13) for y in range(100))
        readings = ((text, _read_text(text, False, reference_year)) for text in texts)
        table = {
            text: (read.year * 12 + read.month - 1, read.year, (read.year, read.month),
                   _iso(read.year, read.month))
            for text, read in readings
            if isinstance(read, _Read)
        }
        _COMMON = (reference_year, table)
    return table


def _read_int(value: int, ref: int | None) -> _Read | _Fail:
    """An int is the MMYY or MMYYYY digits; 3 and 5 digits lost a leading zero."""
    if not 100 <= value < 1_000_000:
        return _FORMAT
    digits = str(value)
    if len(digits) in (3, 5):
        digits = "0" + digits
    return _read_digits(digits, False, ref)


def _part(value: object, name: str) -> str | _Fail | None:
    """One of a separate month and year: its ASCII digits, None when blank."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"expiry {name} must be str, int or None, not {type(value).__name__}")
    if isinstance(value, int):
        if not 0 <= value <= 9999:
            return _FORMAT
        return f"{value:02d}"
    if len(value) > MAX_LENGTH:
        return _Fail("expiry.too_long", {"max_length": MAX_LENGTH, "length": len(value)})
    text = (value if value.isascii() else _fold(value)).strip()
    if not text:
        return None
    return text if text.isascii() and text.isdecimal() else _FORMAT


def _read_parts(month: object, year: object, partial: bool, ref: int | None) -> _Read | _Fail:
    """A separate month and year, as a form with two fields gives them."""
    mm, yy = _part(month, "month"), _part(year, "year")
    for got in (mm, yy):
        if isinstance(got, _Fail):
            return got
    if mm is None and yy is None:
        return _MISSING
    if not isinstance(mm, str) or not isinstance(yy, str):
        missing = "month" if mm is None else "year"
        return _unfinished(partial, _Fail("expiry.missing", {"part": missing}))
    if len(mm) > 2:
        return _FORMAT
    if mm == "0":
        return _unfinished(partial, _month_range(0))
    if len(yy) in (2, 4):
        grow = yy if len(yy) == 2 and isinstance(year, str) else ""
        return _with_month(int(mm), _year(yy, ref), grow)
    return _unfinished(partial) if len(yy) in (1, 3) else _FORMAT


def _read(value: object, partial: bool, ref: int | None) -> _Read | _Fail:
    if value is None:
        return _MISSING
    if isinstance(value, str):
        return _read_text(value, partial, ref)
    if isinstance(value, date):
        return _Read(value.year, value.month)
    if isinstance(value, int) and not isinstance(value, bool):
        return _read_int(value, ref)
    if isinstance(value, Mapping):
        return _read_parts(value.get("month"), value.get("year"), partial, ref)
    if isinstance(value, tuple | list):
        if len(value) != 2:
            return _FORMAT
        return _read_parts(value[0], value[1], partial, ref)
    raise TypeError(f"expiry must be {_ACCEPTED}, not {type(value).__name__}")


def parse_expiry(expiry: object, *, today: date | None = None) -> tuple[int, int] | None:
    """`(year, month)` for any accepted spelling; None when it cannot be read.

    Pure: no clock. Two-digit years are 20YY, or the year nearest `today`'s
    when `today` is given. Whether the card has expired is not judged here.
    Raises `TypeError` for a value of a type no spelling has.

    >>> parse_expiry("1/29"), parse_expiry("01/00", today=date(2099, 6, 1))
    ((2029, 1), (2100, 1))
    >>> parse_expiry("129"), parse_expiry(129), parse_expiry("13/29")
    (None, (2029, 1), None)
    """
    read = _read(expiry, False, None if today is None else today.year)
    return (read.year, read.month) if isinstance(read, _Read) else None


# -- judging -------------------------------------------------------------------


def is_expired(year: int, month: int, today: date) -> bool:
    """True once month `month` of `year` has ended everywhere on Earth.

    `today` is taken as the UTC date. The last time zone, UTC-12 ("Anywhere on
    Earth", Wikipedia), ends a day at 12:00 UTC of the next, so the expiry
    month is still running somewhere during the whole (UTC) first day of the
    next month: the card is expired from the 2nd. The same holds for a local
    date in any zone up to UTC+13 against every inhabited zone (UTC-11 is the
    westernmost); only UTC+14 (Kiribati's Line Islands) may see the 2nd while
    American Samoa is still on the last day, for one hour.

    >>> is_expired(2026, 12, date(2027, 1, 1)), is_expired(2026, 12, date(2027, 1, 2))
    (False, True)
    """
    ended = (today.year * 12 + today.month) - (year * 12 + month)
    return ended > 1 or (ended == 1 and today.day > 1)


def _begins_year(digits: str, today: date, max_years: int) -> bool:
    """True when 1-4 typed digits can still begin an acceptable four-digit year."""
    scale = (1, 10, 100, 1000)[4 - len(digits)]
    first = int(digits) * scale
    return first <= today.year + max_years and first + scale - 1 >= today.year


def _typing_a_year(value: object, today: date, max_years: int) -> bool:
    """True for digits typed so far that may still become the year of `YYYY-MM`."""
    if not isinstance(value, str) or len(value) > MAX_LENGTH:
        return False
    text = (value if value.isascii() else _fold(value)).strip()
    return (
        0 < len(text) <= 4
        and text.isascii()
        and text.isdigit()
        and _begins_year(text, today, max_years)
    )


def _judge(
    read: _Read, value: object, out: Findings, *, today: date, partial: bool, max_years: int
) -> bool:
    """Add the date's problems; False when the input is still being typed."""
    year, month = read.year, read.month
    ended = (today.year * 12 + today.month) - (year * 12 + month)
    too_far = year - today.year > max_years
    if (
        (ended > 0 or too_far)
        and partial
        and (
            (read.grow and _begins_year(read.grow, today, max_years))
            or _typing_a_year(value, today, max_years)
        )
    ):
        out.add("expiry.incomplete")
        return False
    if is_expired(year, month, today):
        out.add("expiry.expired", month=month, year=year)
    elif ended == 1:
        out.add("expiry.just_expired", month=month, year=year)
    elif ended == 0:
        out.add("expiry.expires_this_month", month=month, year=year)
    elif too_far:
        out.add("expiry.too_far_ahead", year=year, max_years=max_years)
    return True


def _read_common(value: object, today: object, max_years: object) -> _Common | None:
    """The reading of a "MM/YY" that `_judge` passes without a word (see `_Common`); else None.

    The fast twin of `_read_text` then `_judge` for the commonest spelling: a
    month after today's, not too far ahead (the tests prove the two equal).
    """
    if type(value) is not str or type(today) is not date or type(max_years) is not int:
        return None
    reference, table = _COMMON
    now = today.year
    found = (table if reference == now else _common_readings(now)).get(value)
    if found is None or found[0] < now * 12 + today.month or found[1] - now > max_years:
        return None
    return found


def _fail(
    read: _Fail, value: object, out: Findings, *, today: date, partial: bool, max_years: int
) -> None:
    """Add why a value could not be read; while typing, what may still become valid is a notice."""
    if partial and read.code == "expiry.missing":
        out.add(read.code, severity=Severity.NOTICE, **read.params)
    elif partial and read.code != "expiry.too_long" and _typing_a_year(value, today, max_years):
        out.add("expiry.incomplete")
    else:
        out.add(read.code, **read.params)


def _check_options(today: object, max_years: object) -> None:
    if not isinstance(today, date):
        raise TypeError(f"today must be a date, not {type(today).__name__}")
    if isinstance(max_years, bool) or not isinstance(max_years, int):
        raise TypeError(f"max_years must be int, not {type(max_years).__name__}")
    if max_years < 0:
        raise ValueError("max_years must be 0 or more")


def collect_expiry(
    value: object, out: Findings, *, today: date, partial: bool = False, max_years: int = MAX_YEARS
) -> tuple[int, int] | None:
    """Check an expiry into `out`; `(year, month)` when a date was read, else None.

    Sets `out.normalized["expiry"]` to `"YYYY-MM"` for every date read, expired
    or not. `partial=True` is for a field still being typed: what may still
    become a valid date is an `expiry.incomplete` notice and a blank field an
    `expiry.missing` notice. For text the answer is exact: `expiry.incomplete`
    exactly when some continuation of the text is a date the check accepts.
    """
    if partial:
        if isinstance(value, str):
            return _collect_typed(value, out, today=today, max_years=max_years)
        if isinstance(value, Mapping | tuple | list):
            return _collect_parts(value, out, today=today, max_years=max_years)
    return _collect(value, out, today=today, partial=partial, max_years=max_years)


def _collect_parts(
    value: Mapping[Any, Any] | tuple[Any, ...] | list[Any],
    out: Findings,
    *,
    today: date,
    max_years: int,
) -> tuple[int, int] | None:
    """Separate month and year while typed: incomplete only if some continuation is accepted."""
    done = Findings()
    read = _collect(value, done, today=today, partial=True, max_years=max_years)
    failed = any(_is_error(code, severity) for code, _, severity in done.found)
    if done.has("expiry.incomplete") and not _parts_can_grow(value, today, max_years):
        done = Findings()
        read = _collect(value, done, today=today, partial=False, max_years=max_years)
    elif failed and _parts_can_grow(value, today, max_years):  # ("1", "2026"): on to 12/2026
        out.add("expiry.incomplete")
        return None
    out.found.extend(done.found)
    out.normalized.update(done.normalized)
    return read


def _parts_can_grow(
    value: Mapping[Any, Any] | tuple[Any, ...] | list[Any], today: date, max_years: int
) -> bool:
    """True when typing on in the month and year fields can reach an accepted date."""
    month, year = (value.get("month"), value.get("year")) if isinstance(value, Mapping) else value
    mm, yy = _part(month, "month"), _part(year, "year")
    if isinstance(mm, _Fail) or isinstance(yy, _Fail):
        return False

    def fits(typed: str | None, raw: object, spellings: tuple[str, ...]) -> bool:
        if typed is None:
            return True
        if isinstance(raw, str):
            return any(s.startswith(typed) for s in spellings)
        return typed in spellings or str(int(typed)) in spellings

    for y in range(today.year, today.year + max_years + 1):
        if not fits(yy, year, (f"{y % 100:02d}", str(y))):
            continue
        for m in range(1, 13):
            if not is_expired(y, m, today) and fits(mm, month, (f"{m:02d}", str(m))):
                return True
    return False


def _collect(
    value: object, out: Findings, *, today: date, partial: bool, max_years: int
) -> tuple[int, int] | None:
    common = _read_common(value, today, max_years)
    if common is not None:
        out.normalized["expiry"] = common[3]
        return common[2]
    _check_options(today, max_years)
    read = _read(value, partial, today.year)
    if isinstance(read, _Fail):
        _fail(read, value, out, today=today, partial=partial, max_years=max_years)
        return None
    if not _judge(read, value, out, today=today, partial=partial, max_years=max_years):
        return None
    out.normalized["expiry"] = _iso(read.year, read.month)
    return read.year, read.month


# -- as you type: exact answers for text ------------------------------------------
#
# While a field is typed, "incomplete" must mean that some continuation of the
# text is accepted. The accepted dates are few (today's month to `max_years`
# ahead), so their spellings are listed once per day (about 16 ms), each read
# back and judged by the complete check's own stages, and typed text is
# compared with them after the reading's own rules: leading blanks dropped, any
# separator (`/ . -`, or blanks between two numbers) written `/`.

TYPED = re.compile(r"(\d*)(\s*)([/.\-]?)(\s*)(\d*)(\s*)", re.ASCII)
"""Text being typed, split into digits, blanks, a separator, blanks, digits, blanks."""


def _is_error(code: str, severity: Severity | None) -> bool:
    return (REASONS[code].severity if severity is None else severity) is Severity.ERROR


def spellings(year: int, month: int) -> tuple[str, ...]:
    """Every spelling the reader knows for a date, with `/` for the separator."""
    mm, m, yy, yyyy = f"{month:02d}", str(month), f"{year % 100:02d}", str(year)
    fronts = (mm, m) if month < 10 else (mm,)
    return (
        *(a + b for a in fronts for b in (yy, yyyy)),
        *(f"{a}/{b}" for a in fronts for b in (yy, yyyy)),
        *(f"{yyyy}/{a}" for a in fronts),
    )


def _date_accepted(year: int, month: int, today: date, max_years: int) -> bool:
    """True when the check accepts the date itself (its judging stage)."""
    out = Findings()
    _judge(_Read(year, month), None, out, today=today, partial=False, max_years=max_years)
    return not any(_is_error(code, severity) for code, _, severity in out.found)


def _reads_as(text: str, year: int, month: int, reference_year: int) -> bool:
    read = _read_text(text, False, reference_year)
    return isinstance(read, _Read) and (read.year, read.month) == (year, month)


@functools.lru_cache(maxsize=8)
def _accepted(
    this_year: int, this_month: int, past_the_first: bool, max_years: int
) -> tuple[frozenset[str], frozenset[str]]:
    """The accepted spellings (separator `/`) and every prefix of them, today in that month.

    What is accepted changes only with the month and on its 2nd (`is_expired`),
    so there is one entry per month however `today` is given (a datetime, any
    day). A spelling is accepted when the reader reads it as an accepted date:
    the complete check's two stages, the date judged once for all its spellings.
    """
    today = date(this_year, this_month, 2 if past_the_first else 1)
    whole = frozenset(
        text
        for year in range(today.year - 1, today.year + max_years + 1)
        for month in range(1, 13)
        if _date_accepted(year, month, today, max_years)
        for text in spellings(year, month)
        if _reads_as(text, year, month, today.year)
    )
    return whole, frozenset(text[:k] for text in whole for k in range(len(text) + 1))


def completable(text: str, today: date, max_years: int = MAX_YEARS) -> bool:
    """True when some continuation of typed `text` is an expiry the check accepts.

    >>> today = date(2026, 11, 26)
    >>> completable("12/2", today), completable("01/1", today), completable("2", today)
    (True, False, True)
    """
    return _typing(text, today, max_years)[0]


def _typing(text: str, today: date, max_years: int) -> tuple[bool, bool]:
    """(some continuation is accepted, the text itself may be accepted).

    The second is False only for text that is a beginning of an accepted
    spelling and none itself; blank text "may be" (it is `expiry.missing`).
    """
    if len(text) > MAX_LENGTH:
        return False, True
    typed = (text if text.isascii() else _fold(text)).lstrip()
    found = TYPED.fullmatch(typed)
    if found is None:
        return False, True
    a, blank, sep, blank2, b, tail = found.groups()
    whole, prefixes = _accepted(today.year, today.month, today.day > 1, max_years)
    if not a:
        return not typed, True  # nothing typed yet, or text that cannot start a date
    if not (blank or sep or blank2 or b or tail):
        return a in prefixes, a in whole
    if not b:
        # "12/" waits for the year; "12 " may still get one, or be "1229 " complete
        complete = not sep and a in whole
        return a + "/" in prefixes or complete, complete
    if not (blank or sep or blank2):
        return False, True  # pragma: no cover - the digits would have been one group
    key = a + "/" + b
    return key in (whole if tail else prefixes), key in whole


def _collect_typed(
    value: str, out: Findings, *, today: date, max_years: int
) -> tuple[int, int] | None:
    """The partial answer for text: the complete one, or `expiry.incomplete`, or its error."""
    _check_options(today, max_years)
    can_grow, may_be_whole = _typing(value, today, max_years)
    if can_grow and not may_be_whole:  # the fast path: only a beginning of accepted spellings
        out.add("expiry.incomplete")
        return None
    done = Findings()
    read = _collect(value, done, today=today, partial=False, max_years=max_years)
    if not any(_is_error(code, severity) for code, _, severity in done.found):
        out.found.extend(done.found)
        out.normalized.update(done.normalized)
        return read
    if done.has("expiry.missing"):
        out.add("expiry.missing", severity=Severity.NOTICE)
    elif can_grow:
        out.add("expiry.incomplete")
    else:
        out.found.extend(done.found)
        out.normalized.update(done.normalized)
    return None


# -- the public check, with its fast path ---------------------------------------

_today_cache: tuple[float, float, date] = (0.0, 0.0, date.min)


def utc_today() -> date:
    """The current UTC date (the default `today`); the clock is read, the date memoized.

    >>> utc_today() >= date(2024, 1, 1)
    True
    """
    global _today_cache  # noqa: PLW0603  (a per-day memo of the clock, replaced whole)
    now = time.time()
    start, end, today = _today_cache
    if start <= now < end:
        return today
    day = int(now // _DAY_SECONDS)
    today = date.fromordinal(_EPOCH_ORDINAL + day)
    _today_cache = (day * _DAY_SECONDS, (day + 1) * _DAY_SECONDS, today)
    return today


def _iso(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


_OK: dict[int, Result] = {}
"""Problem-free results by `year * 12 + month - 1`: immutable, so shared between calls."""


def _ok(key: int) -> Result:
    found = _OK.get(key)
    if found is None:
        year, month = divmod(key, 12)
        found = new_result((), None, MappingProxyType({"expiry": _iso(year, month + 1)}))
        if len(_OK) < 4096:
            _OK[key] = found
    return found


def check_expiry(
    expiry: object,
    /,
    *,
    today: date | None = None,
    partial: bool = False,
    locale: str = "en",
    max_years: int = MAX_YEARS,
) -> Result:
    """Check a card's expiry date; `today` defaults to the current UTC date.

    >>> check_expiry("2026-11", today=date(2026, 11, 26)).codes
    ('expiry.expires_this_month',)
    >>> check_expiry("13/29", today=date(2026, 11, 26)).problems[0].params["month"]
    13
    """
    if today is None:
        today = utc_today()
    common = _read_common(expiry, today, max_years)
    if common is not None:
        return _ok(common[0])
    out = Findings()
    read = collect_expiry(expiry, out, today=today, partial=partial, max_years=max_years)
    if read is not None and not out.found:
        return _ok(read[0] * 12 + read[1] - 1)
    return out.result(locale)
