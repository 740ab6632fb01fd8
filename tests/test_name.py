"""Cardholder name: real names pass, every reason with its params, bad input, no PAN echoed."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cardvalid as cv
from cardvalid.codes import REASONS
from cardvalid.findings import Findings
from cardvalid.model import Result, Severity
from cardvalid.name import (
    EMBOSSED_LENGTH,
    INPUT_CAP,
    MAX_LENGTH,
    check_name,
    collect_name,
    invalid_characters,
    normalize_name,
)


def _slow(value: object) -> Result:
    out = Findings()
    collect_name(value, out)
    return out.result("en")


# -- real names --------------------------------------------------------------------

REAL_NAMES = [
    "Anna Svensson",
    "O'Connor Sean",
    "Seán O’Connor",
    "Siobhán Oʼ Brien",
    "Klaus Müller",
    "Ana Tomić",
    "María González",
    "Nguyễn Thị Minh Khai",
    "山田太郎",
    "山田 太郎",
    "Mette Ørsted-Hansen",
    "Charles d'Artagnan",
    "José María Aznar-López",
    "محمد بن سلمان",
    "مریم میرزاخانی",
    "Mohammad\u200cReza Karimi",  # Persian zero-width non-joiner inside a name
    "देवनागरी नाम",
    "सुनील गावस्कर",
    "김민준",
    "홍 길동",
    "J. R. R. Tolkien",
    "Martin Luther King Jr.",
    "Marcel·lí Puig",
    "ジョン・スミス",
    "Ζωή Παπαδοπούλου",
    "Иван Петров",
    "דוד בן־גוריון",
    "Kamehameha ʻIolani",
    "Zoë Saldaña",
    "Ｊｏｈｎ Ｓｍｉｔｈ",
    "ANNA SVENSSON",
    "Al Li",
]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_names_pass(name: str) -> None:
    result = check_name(name)
    assert result.codes == ()
    assert result.normalized["name"] == unicodedata.normalize("NFC", name)


SINGLE_WORDS = [
    "O'Connor",
    "Müller",
    "Tomić",
    "González",
    "Ørsted-Hansen",
    "d'Artagnan",
    "Madonna",
    "Al",
]


@pytest.mark.parametrize("name", SINGLE_WORDS)
def test_single_word_is_a_notice(name: str) -> None:
    result = check_name(name)
    assert result.codes == ("name.single_word",)
    assert result.ok
    assert result.problems[0].severity is Severity.NOTICE
    assert dict(result.problems[0].params) == {}


# -- normalisation -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("  Anna   Svensson ", "Anna Svensson"),
        ("Anna\tSvensson\n", "Anna Svensson"),
        ("Anna\u00a0Svensson", "Anna Svensson"),
        ("山田\u3000太郎", "山田 太郎"),
        ("Jose\u0301 Mari\u0301a", "José María"),
        ("Nguye\u0302\u0303n Thi\u0323", "Nguyễn Thị"),
        ("Ørsted-Hansen", "Ørsted-Hansen"),
    ],
)
def test_normalize_name(raw: str, normalized: str) -> None:
    assert normalize_name(raw) == normalized
    assert check_name(raw).normalized["name"] == normalized


def test_normalize_name_keeps_case_and_apostrophes() -> None:
    assert normalize_name("o’CONNOR") == "o’CONNOR"


def test_normalize_name_rejects_non_str() -> None:
    with pytest.raises(TypeError, match="name must be str"):
        normalize_name(12)  # type: ignore[arg-type]


@given(st.text(max_size=60))
def test_normalize_is_idempotent_and_never_raises(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert once == once.strip()
    assert "  " not in once


# -- reasons ---------------------------------------------------------------------

REASON_TABLE: list[tuple[object, str, dict[str, Any], Severity]] = [
    (None, "name.missing", {}, Severity.ERROR),
    ("", "name.missing", {}, Severity.ERROR),
    (" \t\n\u3000", "name.missing", {}, Severity.ERROR),
    ("A", "name.too_short", {"min_length": 2, "length": 1}, Severity.ERROR),
    ("山", "name.too_short", {"min_length": 2, "length": 1}, Severity.ERROR),
    (
        "Maria Anna Sofia Svensson-Lindqvist",
        "name.too_long",
        {"max_length": 26, "length": 35},
        Severity.WARNING,
    ),
    ("A" * 20 + " " + "B" * 25, "name.too_long", {"max_length": 45, "length": 46}, Severity.ERROR),
    ("x" * (INPUT_CAP + 1), "name.too_long", {"max_length": 45, "length": INPUT_CAP + 1},
     Severity.ERROR),
    ("Anna 2", "name.invalid_characters", {"kinds": ("digit",), "position": 6}, Severity.ERROR),
    (
        "Anna Svensson3",
        "name.invalid_characters",
        {"kinds": ("digit",), "position": 14},
        Severity.ERROR,
    ),
    (
        "Anna + Svensson!",
        "name.invalid_characters",
        {"kinds": ("symbol", "punctuation"), "position": 6},
        Severity.ERROR,
    ),
    (
        "Anna, Svensson",
        "name.invalid_characters",
        {"kinds": ("punctuation",), "position": 5},
        Severity.ERROR,
    ),
    (
        "Anna/Svensson",
        "name.invalid_characters",
        {"kinds": ("punctuation",), "position": 5},
        Severity.ERROR,
    ),
    ("😀 Anna", "name.invalid_characters", {"kinds": ("symbol",), "position": 1}, Severity.ERROR),
    (
        "Anna\x00Svensson",
        "name.invalid_characters",
        {"kinds": ("control",), "position": 5},
        Severity.ERROR,
    ),
    ("Anna\x7f", "name.invalid_characters", {"kinds": ("control",), "position": 5}, Severity.ERROR),
    # Direction marks are invisible and dropped (a right-to-left keyboard adds them).
    ("Anna\u200fSvensson", "name.single_word", {}, Severity.NOTICE),
    (
        "\u200bAnna Svensson",
        "name.invalid_characters",
        {"kinds": ("format",), "position": 1},
        Severity.ERROR,
    ),
    (
        "\u200cAnna Svensson",
        "name.invalid_characters",
        {"kinds": ("format",), "position": 1},
        Severity.ERROR,
    ),
    (
        "Anna \u200c Svensson",
        "name.invalid_characters",
        {"kinds": ("format",), "position": 6},
        Severity.ERROR,
    ),
    ("Anna\ue000", "name.invalid_characters", {"kinds": ("other",), "position": 5}, Severity.ERROR),
    ("Anna Ⅻ", "name.invalid_characters", {"kinds": ("digit",), "position": 6}, Severity.ERROR),
    (
        "Anna `Svensson",
        "name.invalid_characters",
        {"kinds": ("symbol",), "position": 6},
        Severity.ERROR,
    ),
    ("...", "name.invalid_characters", {"kinds": ("no_letter",), "position": 1}, Severity.ERROR),
    ("- '", "name.invalid_characters", {"kinds": ("no_letter",), "position": 1}, Severity.ERROR),
    (
        "\u0301\u0301",
        "name.invalid_characters",
        {"kinds": ("no_letter",), "position": 1},
        Severity.ERROR,
    ),
    ("4111 1111 1111 1111", "name.looks_like_card_number", {}, Severity.ERROR),
    ("4111-1111-1111-1111", "name.looks_like_card_number", {}, Severity.ERROR),
    ("4111111111111111", "name.looks_like_card_number", {}, Severity.ERROR),
    ("378282246310005", "name.looks_like_card_number", {}, Severity.ERROR),
    ("Anna 4111 1111 1111 1111", "name.looks_like_card_number", {}, Severity.ERROR),
    ("５５５５ ５５５５ ５５５５ ４４４４", "name.looks_like_card_number", {}, Severity.ERROR),
    ("٤١١١١١١١١١١١١١١١", "name.looks_like_card_number", {}, Severity.ERROR),
    ("123456789012", "name.looks_like_card_number", {}, Severity.ERROR),
    ("Madonna", "name.single_word", {}, Severity.NOTICE),
]


@pytest.mark.parametrize(("value", "code", "params", "severity"), REASON_TABLE)
def test_reasons(value: object, code: str, params: dict[str, Any], severity: Severity) -> None:
    result = check_name(value)
    assert result.codes == (code,)
    assert dict(result.problems[0].params) == params
    assert result.problems[0].severity is severity


@pytest.mark.parametrize("name", ["\u200fדוד לוי", "\u200fAnna Svensson\u200e", "Anna\ufeff Ek"])
def test_direction_marks_are_dropped(name: str) -> None:
    result = check_name(name)
    assert result.ok
    assert "\u200f" not in result.normalized["name"]


@pytest.mark.parametrize(
    "name",
    ["4111\u20131111\u20131111\u20131111", "4111\u200b1111\u200b1111\u200b1111",
     "4111 - 1111 - 1111 - 1111", "4111_1111_1111_1111", "Anna 4111/1111/1111/1111"],
)
def test_card_numbers_with_any_separator_are_caught(name: str) -> None:
    result = check_name(name)
    assert result.codes == ("name.looks_like_card_number",)
    assert "name" not in result.normalized


def test_eleven_digits_are_not_a_card_number() -> None:
    result = check_name("12345678901")
    assert result.codes == ("name.invalid_characters",)
    assert dict(result.problems[0].params) == {"kinds": ("digit",), "position": 1}


def test_long_single_word_gets_both_warning_and_notice() -> None:
    result = check_name("A" * 30)
    assert result.codes == ("name.too_long", "name.single_word")
    assert [p.severity for p in result.problems] == [Severity.WARNING, Severity.NOTICE]
    assert result.ok


@pytest.mark.parametrize(
    ("length", "codes"),
    [
        (EMBOSSED_LENGTH, ()),
        (EMBOSSED_LENGTH + 1, ("name.too_long",)),
        (MAX_LENGTH, ("name.too_long",)),
        (MAX_LENGTH + 1, ("name.too_long",)),
        (INPUT_CAP, ("name.too_long",)),
        (INPUT_CAP + 1, ("name.too_long",)),
    ],
)
def test_length_limits(length: int, codes: tuple[str, ...]) -> None:
    name = "Ab " + "c" * (length - 3)
    result = check_name(name)
    assert result.codes == codes
    if codes:
        limit = EMBOSSED_LENGTH if length <= MAX_LENGTH else MAX_LENGTH
        assert dict(result.problems[0].params) == {"max_length": limit, "length": length}
        expected = Severity.WARNING if length <= MAX_LENGTH else Severity.ERROR
        assert result.problems[0].severity is expected


def test_length_counts_after_normalisation() -> None:
    # 26 characters once the surrounding and doubled spaces are gone.
    assert check_name("   Ab  " + "c" * 23 + "   ").codes == ()


def test_over_the_cap_is_not_normalised() -> None:
    result = check_name(" " * (INPUT_CAP + 1))
    assert result.codes == ("name.too_long",)
    assert dict(result.normalized) == {}


def test_ten_megabytes_is_capped() -> None:
    result = check_name("A" * 10_000_000)
    assert result.codes == ("name.too_long",)
    assert dict(result.problems[0].params) == {"max_length": MAX_LENGTH, "length": 10_000_000}


def test_invalid_characters_helper() -> None:
    assert invalid_characters("Anna Svensson") is None
    assert invalid_characters("Anna 2 Svensson ☺") == (("digit", "symbol"), 6)
    assert invalid_characters("Mohammad\u200cReza") is None
    assert invalid_characters("\u200dAnna") == (("format",), 1)


# -- card numbers never echoed ------------------------------------------------------


@st.composite
def typed_card_numbers(draw: st.DrawFn) -> tuple[str, str]:
    digits = draw(st.text("0123456789", min_size=12, max_size=19))
    separator = draw(st.sampled_from(["", " ", "-", ".", "/"]))
    group = draw(st.integers(3, 6))
    spaced = separator.join(digits[i : i + group] for i in range(0, len(digits), group))
    prefix = draw(st.sampled_from(["", "Anna ", "  "]))
    return digits, prefix + spaced


@given(typed_card_numbers())
def test_card_number_in_name_is_reported_and_not_echoed(pair: tuple[str, str]) -> None:
    digits, typed = pair
    for locale in ("en", "sv"):
        result = check_name(typed, locale=locale)
        assert result.codes == ("name.looks_like_card_number",)
        assert not result.ok
        dumped = json.dumps(result.to_dict(), ensure_ascii=False) + repr(result)
        assert digits not in dumped
        assert digits[-8:] not in dumped
        assert "name" not in result.normalized
    out = Findings()
    assert collect_name(typed, out) is None
    assert out.normalized == {}


# -- fast path and general path agree ----------------------------------------------

ASCII_NAMES = st.text(st.sampled_from("AaBbZz '.-0\t"), min_size=0, max_size=30)


@given(st.one_of(ASCII_NAMES, st.text(max_size=30)))
def test_fast_path_matches_general_path(name: str) -> None:
    fast, slow = check_name(name), _slow(name)
    assert fast.codes == slow.codes
    assert dict(fast.normalized) == dict(slow.normalized)
    assert [dict(p.params) for p in fast.problems] == [dict(p.params) for p in slow.problems]


def test_problem_free_result_equals_a_constructed_one() -> None:
    result = check_name("Anna Svensson")
    assert result == Result(problems=(), normalized={"name": "Anna Svensson"})
    assert check_name("Nguyễn Thị Minh Khai") == Result(
        problems=(), normalized={"name": "Nguyễn Thị Minh Khai"}
    )


def test_collect_name_returns_the_normalized_name() -> None:
    out = Findings()
    assert collect_name(" Anna  Svensson ", out) == "Anna Svensson"
    assert out.normalized == {"name": "Anna Svensson"}
    out = Findings()
    assert collect_name("Anna 2", out) is None  # an invalid name is not kept as normalized
    assert out.normalized == {}
    assert list(out.result("en").codes) == ["name.invalid_characters"]
    out = Findings()
    assert collect_name(None, out) is None
    assert list(out.result("en").codes) == ["name.missing"]


# -- bad input and types ----------------------------------------------------------

JUNK = [
    "",
    " ",
    "😀",
    "\u202eAnna",
    "\u200f\u200e\u200b",
    "٤٢٤٢",
    "４２４２",
    "3²",
    "\x00",
    "\ud800",
    "a\u0301" * 400,
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
]


@given(st.text(max_size=80))
def test_any_text_gives_a_result(text: str) -> None:
    result = check_name(text, locale="sv")
    assert isinstance(result, Result)
    json.dumps(result.to_dict())


@pytest.mark.parametrize("value", JUNK)
def test_junk_gives_a_result(value: str) -> None:
    result = check_name(value)
    assert isinstance(result, Result)
    assert result.codes
    json.dumps(result.to_dict())


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(12, "int"), (["Anna"], "list"), (b"Anna", "bytes"), (True, "bool")],
)
def test_wrong_type_raises(value: object, type_name: str) -> None:
    with pytest.raises(TypeError, match=rf"^name must be str or None, not {type_name}$"):
        check_name(value)


def test_type_error_does_not_echo_the_value() -> None:
    with pytest.raises(TypeError) as caught:
        check_name(4111111111111111)
    assert "4111" not in str(caught.value)


# -- messages ----------------------------------------------------------------------

EMITTED = sorted({code for _, code, _, _ in REASON_TABLE})


def test_emitted_codes_are_catalogued() -> None:
    assert set(EMITTED) == {
        "name.missing",
        "name.too_short",
        "name.too_long",
        "name.invalid_characters",
        "name.looks_like_card_number",
        "name.single_word",
    }
    assert all(code in REASONS for code in EMITTED)


@pytest.mark.parametrize("locale", ["en", "sv"])
@pytest.mark.parametrize("value", [v for v, _, _, _ in REASON_TABLE])
def test_messages_render(locale: str, value: object) -> None:
    for problem in check_name(value, locale=locale).problems:
        assert problem.message != problem.code
        assert "{" not in problem.message + problem.hint


def test_swedish_uses_the_article_vocabulary() -> None:
    result = check_name(None, locale="sv")
    assert "namnet" in result.problems[0].message.lower()
    assert "kortet" in result.problems[0].hint


# -- edges mutation testing found untested (issue 9) ----------------------------------


def test_a_joiner_right_after_the_first_letter_is_allowed() -> None:
    assert check_name("M\u200cina Rahimi").ok


def test_a_joiner_needs_a_letter_or_mark_on_both_sides() -> None:
    for text, position in (("Mina\u200c Rahimi", 5), ("Anna \u200cMina", 6)):
        [problem] = check_name(text).problems
        assert problem.code == "name.invalid_characters"
        assert dict(problem.params) == {"kinds": ("format",), "position": position}


def test_a_joiner_after_a_combining_mark_is_allowed() -> None:
    assert check_name("\u0915\u094d\u200d\u0937 Rao").ok  # Devanagari conjunct (virama + ZWJ)


def test_a_hangul_filler_alone_is_missing_but_not_before_a_name() -> None:
    assert check_name("\u3164").codes == ("name.missing",)
    assert check_name("\u3164Anna Svensson").ok


def test_the_input_cap_is_inclusive() -> None:
    text = "Anna" + " " * 988 + "Svensson"  # 1,000 characters
    assert check_name(text).normalized["name"] == "Anna Svensson"
    assert check_name(text + " ").codes == ("name.too_long",)


def test_validate_keeps_a_plain_name_in_normalized() -> None:
    result = cv.validate(cv.CardDetails(name="Anna Svensson"))
    assert result.normalized["name"] == "Anna Svensson"
