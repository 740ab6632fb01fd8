"""Every fast path equals the plain rule it mirrors, on generated input (issue 9, item 3).

Each fast path sits beside its plain twin in the same module:
`luhn.is_valid` and `luhn.checksum`; `model.new_card_info`/`new_result` and the
dataclass constructors; `check_number`'s fast path and `number._check_number`;
`expiry._read_common` (a table of "MM/YY" readings) and `_read_text` then
`_judge`; `name._is_plain` and the name checks; the address reading's memo
guard and `compare()`'s postal keys. Inputs mix ASCII and Unicode
digits, separators of every kind, blanks and letters.
"""

from __future__ import annotations

import dataclasses
import pickle
import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardvalid import comparison, expiry, luhn, name, number
from cardvalid.address import reading as address_reading
from cardvalid.address.data import google_countries
from cardvalid.address.rules import rules_for
from cardvalid.brands import BRANDS
from cardvalid.caches import KEY_CAP
from cardvalid.findings import Findings
from cardvalid.model import Brand, CardInfo, Result, new_card_info, new_result
from cardvalid.panguard import looks_like_card_number
from cardvalid.similarity import tokens
from cardvalid.text import absent
from test_brands import valid_number

# ASCII and Unicode digits (fullwidth, Arabic-Indic, Devanagari), separators
# (space, no-break and ideographic spaces, tab, dashes, dot, slash), invisible
# marks and a few letters.
MIXED = (
    "0123456789０１２３٤٥६७"
    " \u00a0\u3000\t-\u2010\u2013./\u2044"
    "\u200b\u200e\u00adaZé"
)
mixed_text = st.text(alphabet=MIXED, max_size=30)
ascii_digits = st.text(alphabet="0123456789", max_size=25)


# -- Luhn ---------------------------------------------------------------------------


@given(st.one_of(mixed_text, ascii_digits))
def test_luhn_is_valid_equals_the_plain_checksum(text: str) -> None:
    plain = text.isascii() and text.isdigit() and luhn.checksum(text) == 0
    assert luhn.is_valid(text) is plain


# -- model constructors ---------------------------------------------------------------


brands = st.lists(st.sampled_from(list(Brand)), max_size=3, unique=True).map(tuple)
specs = st.sampled_from([None, *(row.spec for row in BRANDS)])


@given(st.one_of(st.none(), st.sampled_from(list(Brand))), brands,
       st.text("0123456789", max_size=6), st.text("0123456789", max_size=4),
       st.integers(0, 19), specs)
def test_new_card_info_equals_the_constructor(  # noqa: PLR0917
    brand: Brand | None, brands: tuple[Brand, ...], bin_: str, last4: str, length: int,
    spec: object,
) -> None:
    fast = new_card_info(brand, brands, bin_, last4, length, spec)  # type: ignore[arg-type]
    plain = CardInfo(brand, brands, bin_, last4, length, spec)  # type: ignore[arg-type]
    assert type(fast) is CardInfo
    assert fast == plain
    assert hash(fast) == hash(plain)
    assert repr(fast) == repr(plain)
    assert fast.spec is plain.spec
    assert pickle.loads(pickle.dumps(fast)) == plain
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.bin = "4"  # type: ignore[misc]


def test_new_result_equals_the_constructor() -> None:
    card = CardInfo(Brand.VISA, (Brand.VISA,), "411111", "1111", 16)
    for args in [((),), ((), card), ((), None, {"expiry": "2029-12"}, "Y")]:
        fast, plain = new_result(*args), Result(*args)  # type: ignore[arg-type]
        assert type(fast) is Result
        assert fast == plain
        assert repr(fast) == repr(plain)
        assert fast.to_dict() == plain.to_dict()
        assert pickle.loads(pickle.dumps(fast)) == plain
        with pytest.raises(dataclasses.FrozenInstanceError):
            fast.avs = "N"  # type: ignore[misc]


# -- check_number -----------------------------------------------------------------------


def _plain_check_number(text: object) -> Result:
    out = Findings()
    out.card = number.collect_number(text, out)
    return out.result("en")


@st.composite
def typed_numbers(draw: st.DrawFn) -> str:
    """Luhn-valid numbers of every brand and length, spaced anyhow, some with one thing changed."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    length = draw(st.one_of(st.none(), st.integers(12, 19)))  # None: one of the brand's
    digits = valid_number(draw(st.sampled_from(BRANDS)), rng, length)
    cut = draw(st.lists(st.integers(0, len(digits)), max_size=5))
    for i in sorted(cut, reverse=True):
        digits = digits[:i] + draw(st.sampled_from([" ", "  ", "-", "\u00a0", "７"])) + digits[i:]
    if draw(st.booleans()):
        i = draw(st.integers(0, len(digits) - 1))
        digits = digits[:i] + draw(st.sampled_from(MIXED)) + digits[i + 1:]
    return digits


def _same_answer(fast: Result, plain: Result) -> None:
    assert fast == plain
    assert (fast.card is None) == (plain.card is None)
    if fast.card is not None and plain.card is not None:
        assert fast.card.spec is plain.card.spec


@settings(max_examples=300)
@given(st.one_of(typed_numbers(), mixed_text, ascii_digits))
def test_check_number_equals_its_plain_path(text: str) -> None:
    _same_answer(number.check_number(text), _plain_check_number(text))
    _same_answer(number.check_number(text, partial=True), _check_partial(text))


@pytest.mark.parametrize("row", BRANDS, ids=lambda row: row.brand.value)
def test_check_number_equals_its_plain_path_at_every_length(row: object) -> None:
    rng = random.Random(9)
    for length in range(number.MIN_LENGTH, number.MAX_LENGTH + 1):
        digits = valid_number(row, rng, length)  # type: ignore[arg-type]
        for text in (digits, " ".join(digits[i:i + 4] for i in range(0, length, 4))):
            _same_answer(number.check_number(text), _plain_check_number(text))


def _check_partial(text: str) -> Result:
    out = Findings()
    out.card = number.collect_number(text, out, partial=True)
    return out.result("en")


def test_spaces_past_the_input_cap_are_too_long_on_the_fast_path_too() -> None:
    assert number.check_number(" " * number.MAX_INPUT + "4111111111111111").codes == (
        "number.too_long",
    )


# -- expiry -------------------------------------------------------------------------------

todays = st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31))


@settings(deadline=None)  # each new year builds its table (1,200 readings)
@given(st.integers(1, 12), st.integers(0, 99), todays)
def test_the_table_of_common_spellings_reads_as_the_plain_reader(
    month: int, yy: int, today: date
) -> None:
    text = f"{month:02d}/{yy:02d}"
    read = expiry._read_text(text, False, today.year)
    assert isinstance(read, expiry._Read)
    key = read.year * 12 + read.month - 1
    assert expiry._common_readings(today.year)[text] == (
        key, read.year, (read.year, read.month), f"{read.year:04d}-{read.month:02d}")


@st.composite
def month_texts(draw: st.DrawFn) -> tuple[str, date, int]:
    """A "MM/YY" near today (this month, the next, the last, up to max_years and past it)."""
    today = draw(todays)
    max_years = draw(st.integers(0, 30))
    months = today.year * 12 + today.month - 1 + draw(
        st.one_of(st.integers(-2, 2), st.integers(-24, 12 * max_years + 24))
    )
    year, month = divmod(months, 12)
    month = draw(st.one_of(st.just(month + 1), st.integers(0, 13)))
    return f"{month:02d}/{year % 100:02d}", today, max_years


@settings(deadline=None, max_examples=300)  # each new year builds its table
@given(month_texts())
def test_read_common_equals_read_text_then_judge(case: tuple[str, date, int]) -> None:
    text, today, max_years = case
    read = expiry._read_text(text, False, today.year)
    out = Findings()
    if isinstance(read, expiry._Read):
        expiry._judge(read, None, out, today=today, partial=False, max_years=max_years)
    plain = read.year * 12 + read.month - 1 if isinstance(read, expiry._Read) else None
    fast = expiry._read_common(text, today, max_years)
    assert (None if fast is None else fast[0]) == (
        plain if plain is not None and not out.found else None)


expiry_text = st.one_of(
    st.builds("{:02d}/{:02d}".format, st.integers(0, 13), st.integers(0, 99)),
    st.text(alphabet="0123456789/ .-０１\u2044\u00a0", max_size=9),
)


@settings(deadline=None)  # each new year builds its table (1,200 readings)
@given(expiry_text, todays, st.integers(0, 30))
def test_check_expiry_equals_its_plain_path(text: str, today: date, max_years: int) -> None:
    fast = expiry.check_expiry(text, today=today, max_years=max_years)
    out = Findings()
    read = expiry._read_text(text, False, today.year)
    if isinstance(read, expiry._Read):
        if expiry._judge(read, text, out, today=today, partial=False, max_years=max_years):
            out.normalized["expiry"] = f"{read.year:04d}-{read.month:02d}"
    else:
        out.add(read.code, **read.params)
    assert fast == out.result("en")


# -- name -----------------------------------------------------------------------------------

words = st.text(alphabet="AaZzé'.-", min_size=1, max_size=9)
name_text = st.one_of(
    st.lists(words, min_size=1, max_size=6).map(" ".join),  # plain names of 1 to 59 characters
    st.text(alphabet="AaZz '.-", min_size=1, max_size=30),
    st.text(alphabet="Aa é’\u00a0\t\u3000-'.0", max_size=30),
)


@settings(max_examples=300)
@given(name_text)
def test_a_plain_name_is_what_the_full_checks_accept_unchanged(text: str) -> None:
    if not name._is_plain(text):
        return
    assert name.normalize_name(text) == text
    assert name.invalid_characters(text) is None
    out = Findings()
    name._collect_length(text, out)
    assert not out.found
    assert name.check_name(text) == Result((), None, {"name": text})


@given(name_text)
def test_check_name_equals_collect_name(text: str) -> None:
    out = Findings()
    name.collect_name(text, out)
    assert name.check_name(text) == out.result("en")



# -- judge_number (validate()'s number, already read) --------------------------------------


@settings(max_examples=300)
@given(st.one_of(typed_numbers(), mixed_text, ascii_digits), st.booleans())
def test_judge_number_equals_its_plain_path(text: str, partial: bool) -> None:
    from cardvalid.digits import Unreadable, read_digits

    try:
        read: tuple[str, bool] | Unreadable = read_digits(text, "number", number.MAX_INPUT)
    except Unreadable as unreadable:
        read = unreadable
    fast_out, plain_out = Findings(), Findings()
    fast = number.judge_number(read, fast_out, partial=partial)
    plain = number._judge_number(read, plain_out, partial=partial, accepted=None)
    assert fast == plain
    assert (fast is None) or fast.spec is plain.spec  # type: ignore[union-attr]
    assert fast_out.result("en") == plain_out.result("en")


# -- the address reading's memo guard and compare()'s postal keys -------------------------

_POSTAL_COUNTRIES = sorted(c for c in google_countries() if rules_for(c).postal is not None)
field_text = st.one_of(st.none(), mixed_text, st.text(max_size=12),
                       st.sampled_from(["US", "Illinois", "IL", "111 51", "4111 1111", "x" * 300]))


@settings(max_examples=500, deadline=None)
@given(field_text, field_text, field_text)
def test_safe_to_keep_equals_the_guard_on_the_joined_fields(
    country: str | None, state: str | None, postal: str | None
) -> None:
    present = [text for text in (country, state, postal) if text is not None]
    plain = sum(map(len, present)) <= KEY_CAP and not looks_like_card_number(" ".join(present))
    assert address_reading._safe_to_keep((country, state, postal)) is plain


@settings(deadline=None)
@given(st.one_of(mixed_text, st.text(max_size=20), st.text("0123456789ABCXYZabcxyz", max_size=12)))
def test_letters_and_digits_equals_tokens_joined(text: str) -> None:
    assert comparison._letters_and_digits(text) == "".join(tokens(text))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_POSTAL_COUNTRIES), st.data())
def test_a_read_postal_codes_compact_form_has_the_canonical_forms_letters_and_digits(
    country: str, data: st.DataObject
) -> None:
    """compare() keys a code read by its compact form: the canonical one's `tokens`, joined."""
    postal = rules_for(country).postal
    assert postal is not None
    example = data.draw(st.sampled_from(postal.examples))
    typed = data.draw(st.one_of(
        st.just(example), st.just(example.lower()), st.just(f"{country}-{example}"),
        st.just(example.replace(" ", "").replace("-", "")),
        st.text(alphabet="0123456789 -ABCXYZabc", max_size=12)))
    parsed = postal.parse(typed)
    if parsed is None:
        return
    canonical, compact = parsed
    assert comparison._letters_and_digits(compact) == "".join(tokens(canonical))


def test_no_exact_state_spelling_is_blank_or_longer_than_the_cap() -> None:
    """`read_address` looks a state up by its exact spelling before the blank and cap checks."""
    for country in sorted(google_countries()):
        for spelling in rules_for(country).exact:
            assert not absent(spelling) and len(spelling) <= address_reading.TEXT_CAP, country


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_POSTAL_COUNTRIES),
       st.text(alphabet=" \t\n\u00a0\u3000\u3164\u200b\u200e\u2800\u180e\ufeff", max_size=8))
def test_no_postal_format_parses_a_blank_code(country: str, blank: str) -> None:
    """`read_address` parses a postal code before asking whether it is blank."""
    postal = rules_for(country).postal
    assert postal is not None and absent(blank)
    assert postal.parse(blank) is None
