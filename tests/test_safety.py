"""Card data safety: the full number and the security code never come out of any public function.

Numbers are generated for every network from prefixes written here, independent
of the library's own brand table, and fed to every public function in every
field; whatever comes back (repr, str, to_dict, messages, exceptions, log
records, the command's JSON lines) must not hold the number, its hidden
middle digits, or the security code.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

import cardvalid as cv
from cardvalid.cli import row_json

TODAY = date(2026, 11, 26)
# Distinctive codes, and number bodies drawn without their digits, so that a
# hit in the output can only be a leak.
CVC3, CVC4 = "978", "9786"
BODY_DIGITS = "0123456"

# (network, prefix, length) — prefixes from the schemes' published ranges.
SAMPLES: tuple[tuple[str, str, int], ...] = (
    ("visa", "4", 16), ("visa", "4", 13), ("visa", "4", 19),
    ("mastercard", "51", 16), ("mastercard", "55", 16), ("mastercard", "2221", 16),
    ("mastercard", "2720", 16), ("amex", "34", 15), ("amex", "37", 15),
    ("discover", "6011", 16), ("discover", "65", 16), ("discover", "644", 19),
    ("jcb", "3528", 16), ("jcb", "3589", 19), ("diners_club", "36", 14),
    ("diners_club", "300", 16), ("unionpay", "62", 16), ("unionpay", "62", 19),
    ("maestro", "6759", 16), ("mir", "2200", 16), ("elo", "506699", 16),
    ("hipercard", "606282", 16), ("verve", "506099", 16), ("rupay", "6521", 16),
    ("troy", "9792", 16), ("dankort", "5019", 16), ("uatp", "1", 15),
)


def _luhn_complete(partial: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return partial + str((10 - total % 10) % 10)


def _numbers() -> Iterator[tuple[str, str]]:
    rng = random.Random(20261126)
    for network, prefix, length in SAMPLES:
        for _ in range(3):
            body = "".join(rng.choice(BODY_DIGITS) for _ in range(length - len(prefix) - 1))
            yield network, _luhn_complete(prefix + body)


NUMBERS = list(_numbers())


def _spellings(number: str) -> list[object]:
    groups = [number[i : i + 4] for i in range(0, len(number), 4)]
    return [number, " ".join(groups), number.replace("", "-")[1:-1], int(number), number + "x",
            "\u200b".join(number), number[:-1], number + "0", "\u2013".join(groups),
            " - ".join(groups), "_".join(groups), "/".join(groups),
            number.translate(_FULLWIDTH)]


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_TO_ASCII = str.maketrans("０１２３４５６７８９", "0123456789")


def _digits_only(text: str) -> str:
    return "".join(ch for ch in text.translate(_TO_ASCII) if ch in "0123456789")


def _secrets(number: str) -> list[str]:
    hidden = number[6:-4]
    out = [number, number[:-1], number[1:]]
    if len(hidden) >= 6:
        out.append(hidden)
    return out


def _texts(value: object) -> Iterator[str]:
    yield repr(value)
    yield str(value)
    if hasattr(value, "to_dict"):
        yield json.dumps(value.to_dict(), ensure_ascii=False)
    if isinstance(value, cv.Result):
        yield json.dumps(row_json(1, value), ensure_ascii=False)
        for problem in value.problems:
            yield problem.message
            yield problem.hint
            yield repr(dict(problem.params))


def _assert_clean(text: str, number: str, cvc: str | None) -> None:
    for secret in _secrets(number):
        assert secret not in text, "card number leaked"
    digits = _digits_only(text)
    for secret in (number, number[:-1], number[1:]):
        assert secret not in digits, "card number leaked with separators"
    if cvc is not None:
        assert cvc not in text, "security code leaked"


def _call(func: Callable[[], object]) -> list[str]:
    """The texts a call produces: its value, or its exception's message."""
    try:
        value = func()
    except (TypeError, ValueError) as error:
        return [str(error), repr(error)]
    if isinstance(value, Iterator):
        value = list(value)
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return list(_texts(value))


def _address(text: str) -> cv.Address:
    return cv.Address(line1=text, line2=text, city=text, state=text, postal_code=text,
                      country=text, phone=text)


def _calls(spelling: Any, number: str, cvc: str) -> list[Callable[[], object]]:
    details = cv.CardDetails(number=spelling, expiry="12/29", name="Anna Svensson", cvc=cvc)
    other = cv.CardDetails(number=_luhn_complete("4" + "5" * 14), expiry="12/29",
                           name="Anna Svensson", cvc="111")
    text = str(spelling)
    return [
        lambda: cv.check_number(spelling),
        lambda: cv.check_number(spelling, partial=True, locale="sv"),
        lambda: cv.identify(spelling),
        lambda: cv.mask(spelling),
        lambda: cv.check_cvc(cvc, number=spelling),
        lambda: cv.check_cvc(cvc, number=spelling, locale="sv"),
        lambda: cv.check_name(text),
        lambda: cv.check_expiry(text, today=TODAY),
        lambda: cv.check_address(_address(text)),
        lambda: details,
        lambda: cv.validate(details, today=TODAY),
        lambda: cv.validate({"number": spelling, "name": text, "cvc": cvc, "expiry": text,
                             "city": text, "postal_code": text}, today=TODAY, locale="sv"),
        lambda: cv.validate(details, today=TODAY, on_file=other),
        lambda: cv.compare(details, other),
        lambda: cv.compare(other, details, locale="sv"),
        lambda: cv.validate_many([{"number": spelling, "cvc": cvc}, [spelling, cvc]],
                                 today=TODAY),
        lambda: cv.compare({"name": text, "line1": text, "city": text, "postal_code": text,
                            "state": text, "country": text, "expiry": text}, details),
        lambda: cv.compare(details, {"name": text, "line1": text, "city": text, "number": text}),
        lambda: cv.check_phone(text),
        lambda: cv.check_phone(text, country="SE"),
        lambda: cv.country_rules(text),
        lambda: cv.explain_decline(text),
        lambda: cv.explain_decline(text, scheme="stripe"),
        lambda: cv.check_number([spelling]),
        lambda: cv.check_cvc([cvc]),
        lambda: cv.CardDetails(number=[spelling]),  # type: ignore[arg-type]
        lambda: cv.CardDetails(number=spelling, cvc=cvc).__repr__(),
    ]


@pytest.mark.parametrize(("network", "number"), NUMBERS, ids=[f"{n}-{x[:6]}" for n, x in NUMBERS])
def test_no_public_function_reveals_the_number_or_cvc(
    network: str, number: str, caplog: pytest.LogCaptureFixture
) -> None:
    cvc = CVC4 if network == "amex" else CVC3
    caplog.set_level(logging.DEBUG)
    for spelling in _spellings(number):
        for call in _calls(spelling, number, cvc):
            for text in _call(call):
                _assert_clean(text, number, cvc)
    for record in caplog.records:
        _assert_clean(record.getMessage(), number, cvc)


@pytest.mark.parametrize(("network", "number"), NUMBERS[::3])
def test_valid_numbers_identify_as_their_network(network: str, number: str) -> None:
    info = cv.identify(number)
    assert network in {b.value for b in info.brands}
    assert cv.check_number(number).ok
    assert info.masked == number[:6] + "*" * (len(number) - 10) + number[-4:]


def test_mask_never_shows_more_than_6_and_4() -> None:
    for _, number in NUMBERS:
        shown = cv.mask(number)
        assert len(shown) == len(number)
        assert sum(ch.isdigit() for ch in shown) <= 10


def test_format_number_only_returns_what_it_was_given() -> None:
    # The one function whose job is to return the number (for the input field).
    for _, number in NUMBERS:
        assert cv.format_number(number).replace(" ", "") == number


# -- every spelling, by Unicode property (issue 8) ------------------------------------
#
# The separators and digit forms below are found by walking every code point and
# reading its Unicode properties, not from a list: a character Unicode adds, or a
# field the library adds, cannot reopen the hole without one of these failing.

import sys  # noqa: E402
import unicodedata  # noqa: E402

VISA = _luhn_complete("4" + "0123456012345"[:14])
TEXT_FIELDS = ("line1", "line2", "city", "state", "postal_code", "phone")
_ALL = [chr(code) for code in range(sys.maxunicode + 1)]


def _is_blank_letter(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return unicodedata.category(ch) in ("Lo", "So") and name.endswith((" FILLER", " BLANK"))


SEPARATOR_CHARS = [
    ch for ch in _ALL
    if unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cf", "Mn", "Me", "Pd", "Po")
    or _is_blank_letter(ch)
]


def _digit_families() -> dict[str, dict[int, str]]:
    """Every set of digit forms: decimal digits by script, superscripts, circled ..."""
    families: dict[str, dict[int, str]] = {}
    for ch in _ALL:
        value = unicodedata.digit(ch, None)
        if value is None:
            continue
        name = unicodedata.name(ch, "")
        family = name.rsplit(" ", 1)[0] if " " in name else name
        families.setdefault(family, {}).setdefault(value, ch)
    return families


DIGIT_FAMILIES = _digit_families()


def _output_digits(texts: list[str]) -> str:
    """The digits a reader sees in the output, in any form, every non-digit dropped."""
    return "".join(
        str(value) for text in texts for ch in text
        if (value := unicodedata.digit(ch, None)) is not None
    )


def _field_texts(value: str) -> list[str]:
    """Everything the library gives back for `value` typed into each free-text field."""
    texts: list[str] = []
    details = cv.CardDetails(name=value, expiry=value, address=_address(value))
    texts.append(repr(details))
    for result in (
        cv.check_name(value),
        cv.check_address(_address(value)),
        cv.check_address(cv.Address(line1=value, country="SE")),
        cv.check_phone(value, country="SE"),
        cv.validate(details, today=TODAY),
    ):
        texts.extend(_texts(result))
    return texts


def _spelled(sep: str, number: str = VISA) -> str:
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


def test_every_unicode_separator_is_caught_by_the_guard() -> None:
    from cardvalid.panguard import looks_like_card_number

    missed = [f"U+{ord(ch):04X}" for ch in SEPARATOR_CHARS
              if not looks_like_card_number(_spelled(ch)) and not ch.isdigit()]
    assert missed == []
    assert len(SEPARATOR_CHARS) > 2000  # the walk found the classes (Mn alone is ~2000)


@pytest.mark.parametrize("chunk", range(8))
def test_no_field_echoes_a_number_with_any_separator(chunk: int) -> None:
    chars = SEPARATOR_CHARS[chunk::8]
    for ch in chars[:: max(1, len(chars) // 40)]:  # a spread of every class
        assert VISA not in _output_digits(_field_texts(_spelled(ch))), f"U+{ord(ch):04X}"


@pytest.mark.parametrize("ch", ["\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\u00b7",
                                "\u30fb", "\u3000", "\u2060", "\u200b", "\u202e", "\u0301"])
def test_the_reported_separators_are_never_echoed(ch: str) -> None:
    assert VISA not in _output_digits(_field_texts(_spelled(ch)))


def test_every_digit_form_is_a_digit_to_the_guard() -> None:
    from cardvalid.panguard import looks_like_card_number

    missed = []
    for family, digits in DIGIT_FAMILIES.items():
        spelled = "".join(digits.get(int(d), d) for d in VISA)
        if not looks_like_card_number(spelled) or not looks_like_card_number(_spelled(" ")):
            missed.append(family)
    assert missed == []
    assert {"SUPERSCRIPT", "CIRCLED DIGIT", "FULLWIDTH DIGIT", "ARABIC-INDIC DIGIT"} <= set(
        DIGIT_FAMILIES)


@pytest.mark.parametrize("family", sorted(DIGIT_FAMILIES)[::4])
def test_no_field_echoes_a_number_in_any_digit_form(family: str) -> None:
    digits = DIGIT_FAMILIES[family]
    spelled = "".join(digits.get(int(d), d) for d in VISA)
    for value in (spelled, _spelled(" ", spelled)):
        assert VISA not in _output_digits(_field_texts(value))


@pytest.mark.parametrize("cut", range(4, 13))
def test_a_number_split_between_line1_and_line2_is_caught(cut: int) -> None:
    spaced = _spelled(" ")
    line1, line2 = spaced[:cut].strip(), spaced[cut:].strip()
    address = cv.Address(line1=f"{line1}", line2=line2, country="US")
    result = cv.check_address(address)
    texts = [*_texts(result), repr(address), repr(cv.CardDetails(address=address))]
    assert VISA not in _output_digits(texts)
    assert {"line1", "line2"}.isdisjoint(result.normalized)
    assert "address.looks_like_card_number" in result.codes


@pytest.mark.parametrize("cut", [4, 6, 8, 10])
def test_a_number_split_between_expiry_month_and_year_is_hidden(cut: int) -> None:
    details = cv.CardDetails(expiry_month=VISA[:cut], expiry_year=VISA[cut:])
    assert VISA not in _output_digits([repr(details)])


@pytest.mark.parametrize("sep", ["\t", "\n", "\r\n", "\u3164", "\u2060", " \t "])
@pytest.mark.parametrize("shape", ["tuple", "list", "dict", "nested"])
def test_container_expiries_with_any_separator_are_hidden(sep: str, shape: str) -> None:
    halves = (_spelled(sep)[:9], _spelled(sep)[9:])
    expiry: object = {
        "tuple": halves, "list": list(halves), "dict": {"month": halves[0], "year": halves[1]},
        "nested": ({"m": halves[0]}, [halves[1]]),
    }[shape]
    details = cv.CardDetails(expiry=expiry)
    assert VISA not in _output_digits([repr(details), str(details)])


@pytest.mark.parametrize("prefix", ["0", "00", "+", "+ ", "00 ", "0 ", "+49 ", "0049 ", "＋"])
def test_a_number_behind_a_phone_prefix_never_comes_back(prefix: str) -> None:
    # 16-digit numbers behind "+" read as valid German numbers (+49 ...), 13-digit ones too.
    for network, number in NUMBERS[::3]:
        for country in ("SE", "DE", "US"):
            result = cv.check_phone(prefix + number, country=country)
            assert number not in _output_digits(list(_texts(result))), (network, country)
            full = cv.validate(cv.CardDetails(address=cv.Address(
                phone=prefix + number, country=country)), today=TODAY)
            assert number not in _output_digits(list(_texts(full)))


def test_huge_ints_are_not_turned_into_text() -> None:
    # Python refuses str() of ints over 4300 digits: a repr or a decline must not raise.
    assert "redacted" in repr(cv.CardDetails(expiry=10**5000))
    assert "redacted" in repr(cv.CardDetails(expiry_month=10**5000, expiry_year=2029))
    assert cv.explain_decline(10**5000).known is False
    assert cv.explain_decline(-(10**5000), scheme="visa").known is False
    assert cv.check_expiry(10**5000, today=TODAY).codes == ("expiry.format",)


@pytest.mark.parametrize("joint", ["/", ", ", " / ", ".", "\t", "\u3164"])
def test_a_number_split_in_a_names_parts_is_caught(joint: str) -> None:
    # SURNAME/GIVEN (ISO/IEC 7813 track 1) and "Surname, Given": the parts are one field.
    name = joint.join([_spelled(" ")[:9], _spelled(" ")[9:]])
    details = cv.CardDetails(name=name)
    texts = [repr(details), *_texts(cv.check_name(name)),
             *_texts(cv.compare(details, cv.CardDetails(name="Anna Svensson"))),
             *_texts(cv.compare(cv.CardDetails(name="Anna Svensson"), details))]
    assert VISA not in _output_digits(texts)
    assert cv.check_name(name).codes == ("name.looks_like_card_number",)
