"""The one text cleaner (`cardvalid.text`) and the guard's fast path against its plain rule."""

from __future__ import annotations

import itertools
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardvalid import panguard, text
from cardvalid.text import Cleaner, is_blank, kind


def test_kinds_come_from_unicode_properties() -> None:
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        found = kind(ch)
        category = unicodedata.category(ch)
        if ch.isspace():
            assert found == text.SPACE
        elif category == "Cf":
            assert found in (text.INVISIBLE, text.REORDER)
        elif category == "Nd":
            assert found == text.DIGIT
        elif unicodedata.digit(ch, None) is not None:
            assert found == text.DIGIT_FORM
        elif category == "Pd":
            assert found == text.DASH
        elif found == text.SPACE:  # the blanks: letters or symbols that show nothing
            assert category in ("Lo", "So"), hex(code)


@pytest.mark.parametrize(
    ("ch", "expected"),
    [("\u3164", "space"), ("\u115f", "space"), ("\u1160", "space"), ("\uffa0", "space"),
     ("\u2800", "space"), ("\u3000", "space"), ("\u00a0", "space"), ("\u2060", "invisible"),
     ("\u200b", "invisible"), ("\u00ad", "invisible"), ("\u202e", "reorder"),
     ("\u2066", "reorder"), ("\u00b7", "dot"), ("\u30fb", "dot"), ("\uff0e", "dot"),
     ("\u2212", "dash"), ("\u2013", "dash"), ("\uff0d", "dash"), ("\u30fc", "dash"),
     ("/", "slash"), ("\uff0f", "slash"), ("\u2044", "slash"), ("\\", "other"),
     ("\u00b2", "digit_form"), ("\u2463", "digit_form"), ("\u0664", "digit"),
     ("\uff14", "digit"), ("a", "letter"), ("\u0301", "mark"), ("+", "other")],
)
def test_kind_examples(ch: str, expected: str) -> None:
    assert kind(ch) == expected


def test_a_field_rule_is_a_parameter_of_the_one_cleaner() -> None:
    expiry = Cleaner(space=" ", invisible="", reorder="", dash="-", dot=".", slash="/",
                     digits=True)
    number = Cleaner(space="", invisible="", dash="", dot="")
    assert expiry("12\u22152029") == "12/2029"
    assert number("4111\u22151111") == "4111\u22151111"  # a slash never separates a number
    with pytest.raises(ValueError, match="unknown kinds"):
        Cleaner(comma="")


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u200b", "\u3164\u3000", "\u2800\u200f"])
def test_blank_rule(blank: str) -> None:
    assert is_blank(blank)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_the_guards_ascii_fast_path_agrees_with_the_plain_rule(value: str) -> None:
    assert panguard.looks_like_card_number(value) is panguard._looks_general(value)


digit_heavy = st.text(alphabet=st.sampled_from("0123456789 -._/x\t"), min_size=10, max_size=40)


@settings(max_examples=400, deadline=None)
@given(digit_heavy)
def test_the_fast_path_agrees_on_digit_heavy_text(value: str) -> None:
    assert panguard.looks_like_card_number(value) is panguard._looks_general(value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_the_guard_equals_a_digit_run_count(value: str) -> None:
    # The rule written out: digits (any form) in a row, letters (not modifiers) end a run.
    run = best = 0
    for ch in value:
        if unicodedata.digit(ch, None) is not None:
            run += 1
            best = max(best, run)
        elif kind(ch) == text.LETTER and unicodedata.category(ch) != "Lm":
            run = 0
    assert panguard.looks_like_card_number(value) is (best >= panguard.MIN_DIGITS)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_cleaners_agree_with_kinds(value: str) -> None:
    dropped = Cleaner(space="", invisible="", dash="", dot="")(value)
    assert dropped == "".join(
        ch for ch in value if kind(ch) not in (text.SPACE, text.INVISIBLE, text.DASH, text.DOT)
    )


EXPIRY = Cleaner(space=" ", invisible="", reorder="", dash="-", dot=".", slash="/", digits=True)
NUMBER = Cleaner(space="", invisible="", dash="", dot="")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_the_cleaners_ascii_fast_path_agrees_with_the_plain_rule(value: str) -> None:
    for cleaner in (EXPIRY, NUMBER):
        assert cleaner(value) == cleaner.plain(value)


def test_the_kind_ranges_reproduce_kind_for_every_code_point() -> None:
    runs = text.kind_ranges()
    assert 300 < len(runs) < 1000
    ranged: dict[int, tuple[int, str]] = {}
    last = -1
    for first, end, found in runs:
        assert last < first <= end and found not in (text.LETTER, text.OTHER)
        ranged.update((code, (first, found)) for code in range(first, end + 1))
        last = end
    for before, after in itertools.pairwise(runs):  # maximal runs: no two to merge
        assert before[1] + 1 < after[0] or before[2] != after[2]
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if code not in ranged:
            assert kind(ch) in (text.LETTER, text.OTHER), hex(code)
            continue
        first, found = ranged[code]
        assert kind(ch) == found, hex(code)
        if found == text.DIGIT:  # the page reads a digit's value off its run
            assert (code - first) % 10 == unicodedata.decimal(ch), hex(code)
