"""The cardholder name, as it should appear on the card.

A name is letters of any script with their combining marks, spaces, hyphens,
apostrophes (straight `'` and typographic `’`, `‘`, `ʼ`) and periods, plus a few
marks that names in some scripts need (middle dots, the Hebrew geresh and
maqaf, and zero-width joiners between letters). It is NFC-normalised and its
whitespace collapsed (`normalize_name`) before any check.

Limits, with their sources:

- 2 characters at least: ISO/IEC 7813 track 1 and EMV tag 5F20 ("ans 2-26")
  and EMV 3-D Secure `cardholderName` (2-45, Peach Payments/OPPWA, Mangopay).
- over 45 characters is an ERROR: the 3-D Secure `cardholderName` maximum, the
  26 + extended (EMV 9F0B, 27-45) ceiling of what reaches the networks.
- over 26 characters is a WARNING: track 1 and the embossed line hold 26, so
  the card likely shows a shortened name (Adyen issuing also caps at 26).

A card number typed into the name field is reported as such and never echoed
(braintree/card-validator rejects names made only of digits, spaces and
hyphens for the same reason).

>>> check_name("Anna Svensson").normalized["name"]
'Anna Svensson'
>>> check_name("  Nguye\\u0302\\u0303n   Thị Minh Khai ").normalized["name"]
'Nguyễn Thị Minh Khai'
>>> check_name("4111 1111 1111 1111").codes
('name.looks_like_card_number',)
>>> check_name("Madonna").codes
('name.single_word',)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from types import MappingProxyType

from cardvalid.findings import Findings
from cardvalid.model import Result, Severity, new_result
from cardvalid.panguard import looks_like_card_number
from cardvalid.text import SPACE, Cleaner, is_blank, kind, strip_marks

MIN_LENGTH = 2
"""Shortest name: ISO/IEC 7813 track 1, EMV 5F20 and 3-D Secure all start at 2."""

EMBOSSED_LENGTH = 26
"""What fits on the card: ISO/IEC 7813 track 1 name and EMV tag 5F20 (2-26)."""

MAX_LENGTH = 45
"""EMV 3-D Secure `cardholderName` maximum (OPPWA 3-D Secure parameters, Mangopay)."""

INPUT_CAP = 1_000
"""Longest input looked at; longer is `name.too_long` before any other work."""

# Punctuation that belongs in names. Hyphens and apostrophes: the list.
# Middle dots (Catalan l·l, Chinese and Japanese transliterated names) and the
# Hebrew geresh/gershayim/maqaf: the contexts RFC 5892 (IDNA) allows them in,
# Appendix A.3-A.7.
NAME_PUNCTUATION = frozenset(
    "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen
    "'\u2019\u2018\u02bc"  # apostrophe, right and left single quotation marks, modifier letter
    "."
    "\u00b7\u30fb"  # middle dot, katakana middle dot
    "\u05be\u05f3\u05f4"  # Hebrew maqaf, geresh, gershayim
)

# Zero-width non-joiner and joiner: Persian and Indic names need them between
# letters (RFC 5892 Appendix A.1-A.2, Wikipedia "Zero-width non-joiner").
_JOINERS = frozenset("\u200c\u200d")

_SPACES = Cleaner(space=" ")
_DROP_ALLOWED = str.maketrans(dict.fromkeys(NAME_PUNCTUATION | {" "}))

# The commonest name: ASCII words of letters, hyphens, apostrophes and periods,
# one space between words (2-26 characters: `_is_plain`).
_PLAIN = re.compile(r"[A-Za-z][A-Za-z'.\-]*(?: [A-Za-z'.\-]+)+", re.ASCII)


@functools.cache
def _no_space_scripts() -> re.Pattern[str]:
    """Han, Kana and Hangul: names in them have no space between family and given name.

    Compiled on first use (a few ms), to keep `import cardvalid` cheap.
    """
    return re.compile(
        "[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
        "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
    )


# Kinds of characters reported by name.invalid_characters, by Unicode category.
_KINDS = {
    "N": "digit",
    "S": "symbol",
    "P": "punctuation",
    "Cc": "control",
    "Cf": "format",
    "Zl": "control",
    "Zp": "control",
}


def normalize_name(name: str) -> str:
    """NFC, whitespace runs (any Unicode space, tab or line break) as one space, trimmed.

    >>> normalize_name(" Jose\\u0301\\u3000María\\tAznar-López ")
    'José María Aznar-López'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be str, not {type(name).__name__}")
    if not name.isascii():
        if not name.isprintable():  # what follows changes only unprintable characters
            # Direction marks a right-to-left keyboard or a paste adds are dropped;
            # spaces of every kind are spaces.
            name = _SPACES(strip_marks(name))
        if not unicodedata.is_normalized("NFC", name):
            name = unicodedata.normalize("NFC", name)
    return " ".join(name.split())


def _is_joined(name: str, i: int) -> bool:
    """True for a zero-width (non-)joiner between two letters or marks."""
    if not 0 < i < len(name) - 1:
        return False
    before, after = name[i - 1], name[i + 1]
    return (before.isalpha() or unicodedata.category(before)[0] == "M") and after.isalpha()


def _kind(name: str, i: int) -> str | None:
    """The kind of a character that is not allowed at `name[i]`; None when it is."""
    ch = name[i]
    if ch.isalpha() or ch == " " or ch in NAME_PUNCTUATION:
        return None
    category = unicodedata.category(ch)
    if category[0] == "M" or (ch in _JOINERS and _is_joined(name, i)):
        return None
    return _KINDS.get(category, _KINDS.get(category[0], "other"))


def invalid_characters(name: str) -> tuple[tuple[str, ...], int] | None:
    """`(kinds, position)` of the characters a name cannot hold; None when all are fine.

    `kinds` lists each kind once, in order of appearance ("digit", "symbol",
    "punctuation", "control", "format", "other"; "no_letter" for a name without
    any letter), `position` is the 1-based position of the first. The
    characters themselves are never returned: a digit may be a card number's.

    >>> invalid_characters("Anna 2 Svensson ☺"), invalid_characters("O’Connor")
    ((('digit', 'symbol'), 6), None)
    """
    rest = name.replace(" ", "").replace("-", "").replace("'", "").replace(".", "")
    if rest.isalpha():
        return None
    rest = rest.translate(_DROP_ALLOWED)
    if not rest:
        return ("no_letter",), 1
    kinds: list[str] = []
    first = 0
    for i in range(len(name)):
        kind = _kind(name, i)
        if kind is not None and kind not in kinds:
            kinds.append(kind)
            first = first or i + 1
    if not kinds:
        return None if any(ch.isalpha() for ch in name) else (("no_letter",), 1)
    return tuple(kinds), first


def _is_single_word(name: str) -> bool:
    return " " not in name and _no_space_scripts().search(name) is None


def _collect_length(name: str, out: Findings) -> None:
    length = len(name)
    if length < MIN_LENGTH:
        out.add("name.too_short", min_length=MIN_LENGTH, length=length)
        return
    if length > MAX_LENGTH:
        out.add("name.too_long", max_length=MAX_LENGTH, length=length)
        return
    if length > EMBOSSED_LENGTH:
        out.add("name.too_long", severity=Severity.WARNING, max_length=EMBOSSED_LENGTH,
                length=length)
    if _is_single_word(name):
        out.add("name.single_word")


# `_is_plain(name)`: a match when the checks below pass `name` unchanged and
# without a problem (`_PLAIN`, 2-26 characters); the fast twin of
# `normalize_name`, `invalid_characters` and `_collect_length` for the
# commonest names (the tests prove them equal). One regex, so one C call.
_is_plain = re.compile(
    rf"(?=.{{{MIN_LENGTH},{EMBOSSED_LENGTH}}}\Z){_PLAIN.pattern}", re.ASCII | re.DOTALL
).fullmatch


def collect_name(value: object, out: Findings) -> str | None:
    """Check a cardholder name into `out`; the normalised name, or None.

    None when the name is missing, over the input cap, or a card number (which
    must go no further); otherwise `out.normalized["name"]` is set, even when
    the name has problems.
    """
    if value is None:
        out.add("name.missing")
        return None
    if not isinstance(value, str):
        raise TypeError(f"name must be str or None, not {type(value).__name__}")
    if _is_plain(value):
        out.normalized["name"] = value
        return value
    return _collect_other(value, out)


def _collect_other(value: str, out: Findings) -> str | None:
    """`collect_name` for a name `_is_plain` does not match."""
    if len(value) > INPUT_CAP:
        out.add("name.too_long", max_length=MAX_LENGTH, length=len(value))
        return None
    name = normalize_name(value)
    if not name or (kind(name[0]) == SPACE and is_blank(name)):  # U+3164 HANGUL FILLER ...
        out.add("name.missing")
        return None
    bad = invalid_characters(name)
    if bad is not None:
        if "digit" in bad[0] and looks_like_card_number(name):
            out.add("name.looks_like_card_number")
        else:
            out.add("name.invalid_characters", kinds=bad[0], position=bad[1])
        return None
    out.normalized["name"] = name
    _collect_length(name, out)
    return name


def check_name(name: object, /, *, locale: str = "en") -> Result:
    """Check a cardholder name as typed at a checkout.

    >>> check_name("d'Artagnan").codes, check_name("A").codes
    (('name.single_word',), ('name.too_short',))
    >>> check_name("Anna 2").problems[0].params["kinds"]
    ('digit',)
    """
    if type(name) is str and _is_plain(name):
        return new_result((), None, MappingProxyType({"name": name}))
    out = Findings()
    if type(name) is str:
        _collect_other(name, out)
    else:
        collect_name(name, out)
    return out.result(locale)
