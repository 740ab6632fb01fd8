"""Expiry date and cardholder name: cardvalid against the usual ways of doing the same work.

Targets (issue 3): `check_expiry("12/29")` <= 1 µs median, `check_name("Anna Svensson")`
<= 1 µs median.

No PyPI library validates a card expiry (pydantic-extra-types has none), so the
expiry references are what checkouts write by hand: `datetime.strptime("%m/%y")`
plus the end-of-month comparison, and a regex read in the style of
jquery.payment's `cardExpiryVal`. For names: a payment-form regex, braintree/
card-validator's rule (not only digits, spaces and hyphens; <= 255 characters)
ported to Python, and a pydantic `StringConstraints` field (2-45 characters).

Run: `python benchmarks/bench_holder.py` (about 30 s).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated

from _harness import Case, fmt_ns, header, run_cases, table
from cardvalid import check_expiry, check_name

TODAY = date(2026, 11, 26)


# -- expiry references ------------------------------------------------------------


def strptime_expiry(text: str, today: date = TODAY) -> bool:
    """The hand-written check: strptime, then valid through the month's last day."""
    try:
        parsed = datetime.strptime(text, "%m/%y")
    except ValueError:
        return False
    last = calendar.monthrange(parsed.year, parsed.month)[1]
    return date(parsed.year, parsed.month, last) >= today


_FORM_EXPIRY = re.compile(r"\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*")


def regex_expiry(text: str, today: date = TODAY) -> bool:
    """A payment-form style read (as jquery.payment's cardExpiryVal + validateCardExpiry)."""
    found = _FORM_EXPIRY.fullmatch(text)
    if found is None:
        return False
    month, year = int(found[1]), int(found[2])
    if year < 100:
        year += 2000
    if not 1 <= month <= 12:
        return False
    return (year, month) >= (today.year, today.month)


# -- name references --------------------------------------------------------------

_FORM_NAME = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:[ '.\-][A-Za-zÀ-ÖØ-öø-ÿ]+)*\.?")
_ONLY_DIGITS = re.compile(r"[\d\s-]+")


def regex_name(text: str) -> bool:
    """A payment-form name pattern (Latin-1 letters, space, apostrophe, period, hyphen)."""
    return 2 <= len(text) <= 45 and _FORM_NAME.fullmatch(text) is not None


def card_validator_name(text: str) -> bool:
    """braintree/card-validator's cardholderName rule, ported."""
    return 0 < len(text) <= 255 and _ONLY_DIGITS.fullmatch(text) is None


def _pydantic_name() -> Callable[[str], bool]:
    from pydantic import StringConstraints, TypeAdapter, ValidationError

    adapter = TypeAdapter(
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=45)]
    )

    def validate(text: str) -> bool:
        try:
            adapter.validate_python(text)
        except ValidationError:
            return False
        return True

    return validate


def cases() -> tuple[list[Case], dict[str, str]]:
    """Our calls and the references, with which reference each is compared against."""
    pydantic_name = _pydantic_name()
    found: list[Case] = [
        Case("expiry", "strptime('%m/%y') + month end", lambda: strptime_expiry("12/29")),
        Case("expiry", "form regex", lambda: regex_expiry("12/29")),
        Case(
            "expiry",
            'check_expiry("12/29", today=...)',
            lambda: check_expiry("12/29", today=TODAY),
        ),
        Case("expiry", 'check_expiry("12/29")', lambda: check_expiry("12/29")),
        Case(
            "expiry",
            'check_expiry("12 / 2029", today=...)',
            lambda: check_expiry("12 / 2029", today=TODAY),
        ),
        Case(
            "expiry",
            'check_expiry("10/26") (expired)',
            lambda: check_expiry("10/26", today=TODAY),
        ),
        Case("name", "form regex", lambda: regex_name("Anna Svensson")),
        Case("name", "card-validator rule", lambda: card_validator_name("Anna Svensson")),
        Case("name", "pydantic StringConstraints", lambda: pydantic_name("Anna Svensson")),
        Case("name", 'check_name("Anna Svensson")', lambda: check_name("Anna Svensson")),
        Case(
            "name",
            'check_name("Nguyễn Thị Minh Khai")',
            lambda: check_name("Nguyễn Thị Minh Khai"),
        ),
        Case("name", 'check_name("Müller") (notice)', lambda: check_name("Müller")),
    ]
    baselines = {
        'check_expiry("12/29", today=...)': "strptime('%m/%y') + month end",
        'check_expiry("12/29")': "strptime('%m/%y') + month end",
        'check_expiry("12 / 2029", today=...)': "strptime('%m/%y') + month end",
        'check_name("Anna Svensson")': "pydantic StringConstraints",
        'check_name("Nguyễn Thị Minh Khai")': "pydantic StringConstraints",
    }
    return found, baselines


def main() -> None:
    """Time, then print the Markdown table and the targets."""
    found, baselines = cases()
    medians = run_cases(found)
    print(header("Expiry date and cardholder name"))
    print(table(medians, found, baselines))
    print()
    for name in ('check_expiry("12/29")', 'check_name("Anna Svensson")'):
        verdict = "met" if medians[name] <= 1_000 else "NOT met"
        print(f"- target {name} <= 1 µs: {fmt_ns(medians[name])}, {verdict}")


if __name__ == "__main__":
    main()
