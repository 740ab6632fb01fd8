"""`prefix_pattern`: checked against brute force over small alphabets."""

from __future__ import annotations

import itertools
import re

import pytest

from cardvalid.address.data import google_countries
from cardvalid.address.rules import rules_for
from cardvalid.prefix_pattern import prefix_pattern


def _strings(alphabet: str, longest: int) -> list[str]:
    return [
        "".join(chars)
        for n in range(longest + 1)
        for chars in itertools.product(alphabet, repeat=n)
    ]


# (pattern, alphabet, length of the strings tried, how many characters at most
# complete a beginning of that length: 0 where no match is longer)
CASES = [
    ("ab|c", "abc", 3, 0),
    ("a?b", "ab", 3, 0),
    ("(?:ab){1,3}", "ab", 7, 0),
    ("[ab]{2}|c", "abc", 3, 0),
    ("(a|bc)+d", "abcd", 6, 2),
    ("a*b", "ab", 7, 1),
    ("x(?P<s0>)y{2,3}", "xy", 5, 0),
    ("\\d{3}(?P<s0>)\\d{2}", "09a", 6, 0),
    ("\\d{5}(?:(?P<s0>)\\d{4})?", "09", 10, 0),
    ("[1-9]\\d{3}(?P<s0>)(?:[A-RT-Z][A-Z]|S[BCE-RT-Z])", "01SAB", 7, 0),
    ("GIR(?P<s0>)0AA|(?:AB|B)(?:\\d[\\dA-Z]?(?P<s1>)\\d[ABD-HJLN-UW-Z]{2})", "0ABGIR", 7, 0),
    ("[^a]b", "ab", 3, 0),
    ("a{0}b", "ab", 2, 0),
    ("\\-?\\d", "-1", 3, 0),
]


@pytest.mark.parametrize(("pattern", "alphabet", "length", "extra"), CASES)
def test_it_matches_exactly_the_beginnings_of_matches(
    pattern: str, alphabet: str, length: int, extra: int
) -> None:
    full = re.compile(pattern)
    beginnings = {
        s[:k]
        for s in _strings(alphabet, length + extra)
        if full.fullmatch(s)
        for k in range(len(s) + 1)
    }
    assert beginnings
    partial = re.compile(prefix_pattern(pattern))
    for s in _strings(alphabet, length):
        assert bool(partial.fullmatch(s)) == (s in beginnings), (pattern, s)


def test_assertions_are_dropped_and_every_postal_pattern_is_read() -> None:
    bahrain = re.compile(prefix_pattern("(?:^|\\b)(?:1[0-2]|[1-9])\\d{2}(?:$|\\b)"))
    assert [bool(bahrain.fullmatch(s)) for s in ("", "1", "12", "123", "12345", "13")] == [
        True, True, True, True, False, True,
    ]
    read = 0
    for country in google_countries():
        postal = rules_for(country).postal
        if postal is None:
            continue
        partial = re.compile(prefix_pattern(postal.loose.pattern), re.ASCII)
        for example in postal.examples:
            compact = example.upper().replace(" ", "").replace("-", "")
            if postal.loose.fullmatch(compact):
                assert all(partial.fullmatch(compact[:k]) for k in range(len(compact) + 1))
                read += 1
    assert read > 200


@pytest.mark.parametrize("pattern", ["(?i)a", "a+?", "\\1", "(a", "a)", "[ab", "*a", "\\bx*\\b+"])
def test_unsupported_syntax_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="pattern"):
        prefix_pattern(pattern)
