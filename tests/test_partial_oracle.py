"""As-you-type answers against brute-force oracles.

With `partial=True`, `ok` must be True exactly when some continuation of the
typed text is a valid complete value. Each test below builds that answer
without the partial code: it enumerates typed strings and looks for a
continuation the *complete* check accepts, then compares.

- Card numbers: the brand is settled by the first 8 digits, and the check
  digit can always be chosen last. So a continuation exists exactly when one
  of the numbers "8-digit class point + zeros + Luhn digit" is valid for some
  length 12-19, where the points are the interval start and every range
  boundary of the table inside the typed prefix's interval. Those witnesses
  are checked with the complete `check_number`.
- Expiry: every string of up to 5 characters over digits and `/` is judged by
  the complete check (the accepted ones, found by brute force); longer accepted
  strings come from the module's documented spellings and are themselves
  cross-checked by random sampling. A typed string is completable exactly when
  it is a prefix of an accepted string.
- Security code and postal code: their values are short, so every
  continuation up to the longest valid value is enumerated outright.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import random
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import regex  # type: ignore[import-untyped]

import cardvalid as cv
from cardvalid import check_cvc, check_expiry, check_number, luhn
from cardvalid.address.data import google_countries
from cardvalid.address.postal import LISTED, can_begin, may_exist
from cardvalid.address.rules import rules_for
from cardvalid.brands import BRANDS, PREFIX_DIGITS, entries

TODAY = date(2026, 11, 26)
MAX_YEARS = 20

# ------------------------------------------------------------------ card numbers

_BOUNDS = sorted({b for e in entries() for b in (e.start, e.stop)})


def _points(digits: str) -> list[str]:
    """8-digit representatives of every brand class under a typed prefix."""
    if len(digits) >= PREFIX_DIGITS:
        return [digits[:PREFIX_DIGITS]]
    scale = 10 ** (PREFIX_DIGITS - len(digits))
    low = int(digits or "0") * scale
    high = low + scale
    inside = [b for b in _BOUNDS if low < b < high]
    return [str(p).zfill(PREFIX_DIGITS) for p in (low, *inside)]


def _number_witness(typed: str, accepted: tuple[str, ...] | None = None) -> bool:
    """True when some continuation of `typed` passes the complete check (see module doc)."""
    digits = typed.replace(" ", "").replace("-", "")
    if len(digits) > 19:
        return False
    if len(digits) >= 12 and check_number(typed, accepted_brands=accepted).ok:
        return True
    for point in _points(digits):
        head = point if len(digits) < PREFIX_DIGITS else digits
        for length in range(max(12, len(head) + 1), 20):
            body = head + "0" * (length - len(head) - 1)
            number = luhn.append_check_digit(body)
            if check_number(typed + number[len(digits) :], accepted_brands=accepted).ok:
                return True
    return False


def _typed_numbers() -> Iterator[str]:
    """Short strings of digits and separators, then longer ones around every range edge."""
    for size in range(5):
        for chars in itertools.product("0123456789 -", repeat=size):
            yield "".join(chars)
    for bound in _BOUNDS[1:-1]:
        for point in (bound - 1, bound):
            text = str(point).zfill(PREFIX_DIGITS)
            for size in range(5, PREFIX_DIGITS + 1):
                yield text[:size]
    rng = random.Random(12)
    for row in BRANDS:
        for example in row.examples:
            for size in range(9, len(example) + 2):
                yield example[:size]
                yield example[: size - 1] + str(rng.randrange(10))
            yield example + "0"


def test_number_partial_is_exact() -> None:
    cases = 0
    wrong = []
    for typed in dict.fromkeys(_typed_numbers()):
        cases += 1
        if check_number(typed, partial=True).ok != _number_witness(typed):
            wrong.append(typed)
    assert wrong == []
    assert cases > 24_000


def test_number_partial_is_exact_for_a_merchant_taking_some_networks() -> None:
    accepted = ("mastercard", "maestro", "dankort")
    typed = [t for t in dict.fromkeys(_typed_numbers()) if len(t) != 4 or t.isdigit()]
    wrong = [
        text
        for text in typed
        if check_number(text, partial=True, accepted_brands=accepted).ok
        != _number_witness(text, accepted)
    ]
    assert wrong == []
    assert len(typed) > 10_000


# ------------------------------------------------------------------ expiry

_EXPIRY_ALPHABET = "0123456789/"


def _documented_spellings(year: int, month: int) -> Iterator[str]:
    """The spellings the expiry module's docstring lists, with `/` or `-`."""
    mm, yy, yyyy = f"{month:02d}", f"{year % 100:02d}", f"{year:04d}"
    for front in {mm, str(month)}:
        for back in (yy, yyyy):
            yield front + back
            yield f"{front}/{back}"
            yield f"{front}-{back}"
        yield f"{yyyy}-{front}"
        yield f"{yyyy}/{front}"


def _accepted(text: str) -> bool:
    return check_expiry(text, today=TODAY, max_years=MAX_YEARS).ok


@functools.cache
def _accepted_expiries() -> frozenset[str]:
    short = {
        text
        for size in range(1, 6)
        for chars in itertools.product(_EXPIRY_ALPHABET, repeat=size)
        if _accepted(text := "".join(chars))
    }
    spelled = {
        text
        for year in range(TODAY.year - 60, TODAY.year + 60)
        for month in range(1, 13)
        for text in _documented_spellings(year, month)
        if _accepted(text)
    }
    return frozenset(short | spelled)


def test_expiry_spellings_cover_every_accepted_string() -> None:
    accepted = _accepted_expiries()
    rng = random.Random(7)
    missing = []
    for _ in range(30_000):
        size = rng.choice((6, 7))
        chars = [rng.choice("0123456789") for _ in range(size)]
        if rng.random() < 0.6:
            chars[rng.randrange(1, size - 1)] = rng.choice("/-")
        text = "".join(chars)
        if text not in accepted and _accepted(text):
            missing.append(text)
    assert missing == []


def test_expiry_partial_is_exact() -> None:
    accepted = _accepted_expiries()
    completable = {text[:k] for text in accepted for k in range(len(text) + 1)}
    typed = {
        "".join(chars)
        for size in range(1, 5)
        for chars in itertools.product("0123456789/-", repeat=size)
    } | completable
    wrong = [
        text
        for text in sorted(typed)
        if check_expiry(text, today=TODAY, partial=True, max_years=MAX_YEARS).ok
        != (text.replace("-", "/") in completable or text in completable)
    ]
    assert wrong == []
    assert len(typed) > 20_000


# ------------------------------------------------------------------ security code

_CVC_ALPHABET = "07 -\u200b"  # digits, a blank, a separator, an invisible mark


def _strings(alphabet: str, longest: int) -> list[str]:
    return [
        "".join(chars)
        for size in range(longest + 1)
        for chars in itertools.product(alphabet, repeat=size)
    ]


@pytest.mark.parametrize("brand", [None, "visa", "amex"])
def test_cvc_partial_is_exact(brand: str | None) -> None:
    # No code has more than 4 digits, and a separator or an invisible mark never
    # helps a continuation: when one exists, one of up to 4 digits and blanks does.
    continuations = _strings("07 ", 4)
    typed = _strings(_CVC_ALPHABET, 4)
    wrong = [
        text
        for text in typed
        if check_cvc(text, brand=brand, partial=True).ok
        != any(check_cvc(text + more, brand=brand).ok for more in continuations)
    ]
    assert wrong == []
    assert len(typed) == 781


# ------------------------------------------------------------------ postal codes


def _postal_formats() -> list[tuple[str, Any]]:
    return [
        (country, rules_for(country).postal)
        for country in sorted(google_countries())
        if rules_for(country).postal is not None
    ]


def _compact(text: str) -> str:
    return "".join(text.upper().replace("-", "").split())


def test_postal_prefix_matching_agrees_with_regex_partial_matching() -> None:
    # `regex` (PyPI) matches partially on its own engine: an independent oracle
    cases = 0
    wrong = []
    for country, postal in _postal_formats():
        pattern = postal.loose.pattern
        examples = [_compact(e) for e in postal.examples]
        alphabet = sorted(set("".join(examples)) | set("09AZ"))
        typed = {"".join(chars) for size in range(3) for chars in itertools.product(alphabet,
                                                                                     repeat=size)}
        for example in examples:
            for size in range(len(example) + 2):
                head = example[:size]
                typed.add(head)
                typed.update(head[:-1] + ch for ch in alphabet if head)
        for text in typed:
            cases += 1
            oracle = regex.fullmatch(pattern, text, partial=True) is not None
            if can_begin(pattern, text) != oracle:
                wrong.append((country, text))
    assert wrong == []
    assert cases > 25_000


def test_postal_partial_is_exact() -> None:
    """Typed codes (with the separators people type) against their continuations."""
    cases = 0
    wrong = []
    for country, postal in _postal_formats():
        pattern = postal.loose.pattern
        for example in postal.examples:
            beyond = [example + extra for extra in ("9", "Z", "Z9", "!")]
            heads = [example[:size] for size in range(len(example) + 1)]
            for typed in [*heads, *(h.lower() for h in heads), *(h + "-" for h in heads), *beyond]:
                cases += 1
                compact = _compact(typed)
                oracle = (
                    regex.fullmatch(pattern, compact, partial=True) is not None
                    or any(p.startswith(compact) for p in postal.prefixes)
                    or any(
                        compact.startswith(p)
                        and regex.fullmatch(pattern, compact[len(p) :], partial=True)
                        for p in postal.prefixes
                    )
                    or (
                        bool(postal.implied)
                        and regex.fullmatch(pattern, postal.implied + compact, partial=True)
                        is not None
                    )
                )
                if postal.completable(typed) != bool(oracle):
                    wrong.append((country, typed))
            for size in range(len(example) + 1):  # a witness: the rest of the example
                assert postal.parse(example[:size] + example[size:]) is not None
    assert wrong == []
    assert cases > 9_000


@pytest.mark.parametrize(("country", "module", "size"), [
    ("AT", "stdnum.at.postleitzahl", 4), ("ES", "stdnum.es.postal_code", 5),
    ("SE", "stdnum.se.postnummer", 5),
])
def test_postal_existence_as_you_type_is_exact(country: str, module: str, size: int) -> None:
    """A typed beginning may exist exactly when some code python-stdnum accepts begins with it."""
    is_valid = importlib.import_module(module).is_valid
    existing = [code for n in range(10**size) if is_valid(code := f"{n:0{size}d}")]
    beginnings = {code[:cut] for code in existing for cut in range(size + 1)}
    typed = [f"{n:0{cut}d}" if cut else "" for cut in range(size + 1) for n in range(10**cut)]
    wrong = [head for head in typed if may_exist(country, head) != (head in beginnings)]
    assert wrong == [] and len(typed) > 11_000


@pytest.mark.parametrize(("country", "typed", "code"), [
    ("SE", "0", "postal_code.unknown"), ("SE", "SE-0", "postal_code.unknown"),
    ("SE", "1", "postal_code.incomplete"), ("ES", "53", "postal_code.unknown"),
    ("ES", "2", "postal_code.incomplete"), ("AT", "0", "postal_code.unknown"),
    ("AT", "423", "postal_code.incomplete"), ("AT", "4231", "postal_code.unknown"),
    ("NL", "0", "postal_code.format"), ("DE", "0", "postal_code.incomplete"),
    ("SE", "S", "postal_code.incomplete"), ("AT", "AT-0", "postal_code.unknown"),
    ("ES", "ES6", "postal_code.unknown"), ("DE", "D", "postal_code.incomplete"),
    ("AD", "1", "postal_code.incomplete"), ("BB", "2", "postal_code.incomplete"),
    ("SG", "SING", "postal_code.incomplete"),
])
def test_a_code_no_typing_can_make_real_is_unknown_at_once(country: str, typed: str,
                                                            code: str) -> None:
    address = cv.Address(line1="Storgatan 1", city="X", state="M" if country == "ES" else None,
                         postal_code=typed, country=country)
    found = cv.check_address(address, partial=True)
    assert [c for c in found.codes if c.startswith("postal_code")] == [code]


def test_only_the_listed_countries_say_unknown_while_a_code_is_typed() -> None:
    """Elsewhere existence is the format's: every beginning of an example (and of its
    printed prefix) stays `postal_code.incomplete` or better as you type."""
    said = []
    for country, postal in _postal_formats():
        if country in LISTED:
            continue
        for example in postal.examples[:2]:
            typed = [example[:size] for size in range(1, len(example) + 1)]
            typed += [prefix[:size] for prefix in postal.prefixes for size in range(1, 4)]
            for value in typed:
                found = cv.check_address(cv.Address(postal_code=value, country=country),
                                         partial=True)
                if "postal_code.unknown" in found.codes:
                    said.append((country, value))
    assert said == []
