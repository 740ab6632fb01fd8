"""The record's path through validate() and compare(): cardvalid functions called, counted.

Run: `python benchmarks/record_path.py` (add `PYTHONPATH=<other checkout>/src` to
measure another version in the same way). One full record (number, expiry,
name, CVC, a Swedish billing address) is validated against the details on file
(a US address), and the same pair is compared. `sys.setprofile` counts every
Python-level call into a `cardvalid` module: the distinct functions, the
total calls, and the calls the issue names (country lookups, digit reads,
postal-code parses, card-number guard calls). Each path is counted twice:
cold (after `clear_caches()`, as for a record never seen) and warm (the same
record again).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from types import FrameType
from typing import Any

import cardvalid as cv
from cardvalid.caches import clear_caches

TODAY = date(2026, 11, 26)
ENTERED = {
    "number": "4111 1111 1111 1111", "expiry": "12/29", "name": "Anna Svensson", "cvc": "123",
    "address": {"line1": "Drottninggatan 1", "city": "Stockholm", "postal_code": "111 51",
                "country": "Sverige", "phone": "+46 8 123 456 78"},
}
ON_FILE = {
    "number": "4111111111111111", "expiry": "12/2029", "name": "SVENSSON/ANNA",
    "address": {"line1": "1600 Amphitheatre Pkwy", "city": "Mountain View", "state": "CA",
                "postal_code": "94043", "country": "US"},
}

# (label, module suffix, function name): the reads the issue counts.
NAMED = (
    ("country_code calls", "address.countries", "country_code"),
    ("digit reads (digits.read_digits)", "digits", "read_digits"),
    ("postal parses (PostalFormat.parse)", "address.postal", "parse"),
    ("card-number guard (looks_like_card_number)", "panguard", "looks_like_card_number"),
    ("card-number guard (looks_like_card_number_in)", "panguard", "looks_like_card_number_in"),
    ("expiry reads (expiry._read)", "expiry", "_read"),
)


def count_calls(func: Callable[[], object]) -> Counter[tuple[str, str]]:
    """(module, qualified name) -> calls, for every call into a cardvalid module."""
    calls: Counter[tuple[str, str]] = Counter()

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event != "call":
            return
        module = frame.f_globals.get("__name__", "")
        if module.startswith("cardvalid") and frame.f_code.co_name != "<genexpr>":
            calls[module, frame.f_code.co_qualname] += 1

    sys.setprofile(profile)
    try:
        func()
    finally:
        sys.setprofile(None)
    return calls


def _named(calls: Counter[tuple[str, str]], module: str, name: str) -> int:
    return sum(n for (m, q), n in calls.items()
               if m == f"cardvalid.{module}" and q.rsplit(".", 1)[-1] == name)


def measure(func: Callable[[], object]) -> dict[str, dict[str, int]]:
    """The counts for one path, cold and warm."""
    for _ in range(3):
        func()  # load data tables: their one-time loading is not the record's path
    found = {}
    clear_caches()
    for state in ("cold", "warm"):
        calls = count_calls(func)
        row = {"distinct cardvalid functions": len(calls), "cardvalid calls": sum(calls.values())}
        row.update({label: _named(calls, module, name) for label, module, name in NAMED})
        found[state] = row
    return found


def main() -> None:
    paths = {
        "validate(record, on_file=...)":
            lambda: cv.validate(ENTERED, today=TODAY, on_file=ON_FILE, merchant_country="SE"),
        "compare(record, on_file)": lambda: cv.compare(ENTERED, ON_FILE),
    }
    for title, func in paths.items():
        found = measure(func)
        print(f"\n### {title}\n")
        print("| count | cold | warm |\n|---|---:|---:|")
        for label in found["cold"]:
            print(f"| {label} | {found['cold'][label]} | {found['warm'][label]} |")


if __name__ == "__main__":
    main()
