"""The one text cleaner: what is a separator, what is invisible, what is a digit, what is blank.

Every field that takes text asks this module, so they all agree. Each
character gets one kind, decided from Unicode properties (category,
bidirectional class, digit value, name), never from a hand-kept list:

- `SPACE`: whitespace (`str.isspace`: categories Zs, Zl, Zp and the
  whitespace controls) and the blank characters that render as nothing
  though they are letters or symbols (Lo/So named ``... FILLER`` or
  ``... BLANK``: U+3164 HANGUL FILLER, U+115F, U+1160, U+FFA0, U+2800
  BRAILLE PATTERN BLANK);
- `INVISIBLE`: format characters (Cf: zero-width spaces and joiners, word
  joiner, soft hyphen, direction marks, byte order mark, tags);
- `REORDER`: the format characters that can show text in another order
  than it is stored (bidirectional embeddings, overrides and isolates);
- `DASH`: dash punctuation (Pd) and minus signs (names ending ``MINUS SIGN``
  or ``MINUS``), and the prolonged sound mark typed as a dash in Japanese;
- `DOT`: full stops, middle dots, dot leaders, dot operators, hyphenation point;
- `SLASH`: solidus, fraction slash, division slash;
- `DIGIT`: decimal digits of any script (Nd); `DIGIT_FORM`: other characters
  with a digit value (superscripts, subscripts, circled digits, ...);
- `LETTER`: other letters (L*); `MARK`: combining marks (M*); `OTHER`: the rest.

A field keeps its own rules as parameters of the one `Cleaner` (a slash may
separate an expiry's month and year, never a card number's digits). The card
number guard (`cardvalid.panguard`) reads the same kinds: every kind but a
letter is skipped between digits.

>>> kind("\\u3164"), kind("\\u2060"), kind("\\u202e"), kind("\\u00b7"), kind("\\u00b2"), kind("٤")
('space', 'invisible', 'reorder', 'dot', 'digit_form', 'digit')
>>> Cleaner(space="", dash="", dot="")("4111\\u3164-1111\\u00b71111")
'411111111111'
>>> is_blank(" \\u200b\\u3164\\t"), is_blank(" a ")
(True, False)
"""

from __future__ import annotations

import functools
import sys
import unicodedata
from collections.abc import Callable, Mapping
from types import MappingProxyType

SPACE = "space"
INVISIBLE = "invisible"
REORDER = "reorder"
DASH = "dash"
DOT = "dot"
SLASH = "slash"
DIGIT = "digit"
DIGIT_FORM = "digit_form"
LETTER = "letter"
MARK = "mark"
OTHER = "other"

KINDS = (SPACE, INVISIBLE, REORDER, DASH, DOT, SLASH, DIGIT, DIGIT_FORM, LETTER, MARK, OTHER)
SEPARATORS = frozenset({SPACE, INVISIBLE, DASH, DOT})
"""What may stand between a number's digit groups (a card number, a phone number)."""

# Bidirectional classes of the controls that reorder what is shown (UAX #9):
# embeddings, overrides, their pop, isolates and their pop.
_REORDER_CLASSES = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})
_BLANK_NAMES = (" FILLER", " BLANK")
_DASH_NAMES = ("MINUS SIGN", " MINUS", "PROLONGED SOUND MARK")
_DOT_NAMES = ("FULL STOP", "MIDDLE DOT", "DOT LEADER", "DOT OPERATOR", "HYPHENATION POINT")
_SLASH_NAMES = ("SOLIDUS", "FRACTION SLASH", "DIVISION SLASH")


def _kind_of(ch: str) -> str:
    """The plain rule: one character's kind from its Unicode properties."""
    if ch.isspace():
        return SPACE
    category = unicodedata.category(ch)
    if category == "Cf":
        return REORDER if unicodedata.bidirectional(ch) in _REORDER_CLASSES else INVISIBLE
    if category == "Nd":
        return DIGIT
    if unicodedata.digit(ch, None) is not None:
        return DIGIT_FORM
    return _named_kind(ch, category)


def _named_kind(ch: str, category: str) -> str:
    """Blanks, dashes, dots and slashes by their Unicode names; else by category."""
    name = unicodedata.name(ch, "")
    major = category[0]
    if category in ("Lo", "So") and name.endswith(_BLANK_NAMES):
        return SPACE
    if category == "Pd" or (major in "PSL" and name.endswith(_DASH_NAMES)):
        return DASH
    if major in "PS" and "REVERSE" not in name:
        if name.endswith(_DOT_NAMES):
            return DOT
        if name.endswith(_SLASH_NAMES):
            return SLASH
    if major == "L":
        return LETTER
    return MARK if major == "M" else OTHER


class _Memo(dict[int, str]):
    """Kinds by code point, filled on first sight (code points only: never caller text)."""

    __slots__ = ()

    def __missing__(self, code: int) -> str:
        found = _kind_of(chr(code))
        if len(self) < _MEMO_SIZE:
            self[code] = found
        return found


_MEMO_SIZE = 65_536
_KIND = _Memo()


def kind(ch: str) -> str:
    """The kind of one character (see the module docs)."""
    return _KIND[ord(ch)]


@functools.cache
def kind_ranges() -> tuple[tuple[int, int, str], ...]:
    """Every code point's kind as sorted runs `(first, last, kind)`, for a front end.

    Letters and `OTHER` are left out (no field changes them): a code point in
    no run is one of those. Runs of `DIGIT` are whole sets of ten that start
    at a zero, so a digit's value is `(code - first) % 10`. About 500 runs for
    `unicodedata.unidata_version`; computed once, in about a second.

    >>> [run for run in kind_ranges() if run[0] <= ord("-") <= run[1]]
    [(45, 45, 'dash')]
    """
    runs: list[tuple[int, int, str]] = []
    for code in range(sys.maxunicode + 1):
        found = _kind_of(chr(code))
        if found in (LETTER, OTHER):
            continue
        if runs and runs[-1][1] == code - 1 and runs[-1][2] == found:
            runs[-1] = (runs[-1][0], code, found)
        else:
            runs.append((code, code, found))
    return tuple(runs)


def digit_value(ch: str) -> int | None:
    """The digit a character stands for (any script, superscripts, circled ...), else None.

    >>> digit_value("٧"), digit_value("⁷"), digit_value("⑦"), digit_value("x")
    (7, 7, 7, None)
    """
    value: int | None = unicodedata.digit(ch, None)
    return value


def ascii_digits(text: str) -> str:
    """Decimal digits of any script as ASCII (the rest unchanged).

    >>> ascii_digits("４２-٤٢")
    '42-42'
    """
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


KEEP: None = None
"""A `Cleaner` rule: the character stays as it is."""


class _Table(dict[int, "str | int | None"]):
    """A `str.translate` table filled on first sight of each code point."""

    __slots__ = ("rule",)

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> str | int | None:
        replaced = self.rule(chr(code))
        value: str | int | None = code if replaced is None else replaced or None
        if len(self) < _MEMO_SIZE:
            self[code] = value
        return value


class Cleaner:
    """One field's reading of the kinds: each kind kept, replaced (``"-"``) or dropped (``""``).

    `digits=True` also turns decimal digits of any script into ASCII.

    >>> expiry = Cleaner(space=" ", invisible="", reorder="", dash="-", dot=".", slash="/",
    ...                  digits=True)
    >>> expiry("１２\\u2215２９\\u200b")
    '12/29'
    """

    __slots__ = ("_ascii", "_digits", "_rules", "_table")

    def __init__(self, *, digits: bool = False, **rules: str | None) -> None:
        unknown = set(rules) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown kinds: {sorted(unknown)}")
        self._rules = MappingProxyType({name: rules.get(name, KEEP) for name in KINDS})
        self._digits = digits

        def rule(ch: str) -> str | None:
            found = kind(ch)
            if found == DIGIT and digits:
                return str(unicodedata.decimal(ch))
            return rules.get(found, KEEP)

        self._table = _Table(rule)
        # The fast path: ASCII text through a plain table of the ASCII characters
        # the rule changes (the same rule; a property test holds the two equal).
        self._ascii = {
            code: replaced or None  # None deletes: translate's quickest way
            for code in range(128)
            if (replaced := rule(chr(code))) is not None and replaced != chr(code)
        }

    @property
    def rules(self) -> Mapping[str, str | None]:
        """Every kind's rule (read-only): its replacement, ``""`` to drop it, None to keep it.

        >>> Cleaner(dash="-").rules["dash"], Cleaner(dash="-").rules["space"]
        ('-', None)
        """
        return self._rules

    @property
    def digits(self) -> bool:
        """True when decimal digits of any script become ASCII ones."""
        return self._digits

    def __call__(self, text: str) -> str:
        """`text` with this field's rules applied."""
        if text.isascii():
            return text.translate(self._ascii)
        return text.translate(self._table)

    def plain(self, text: str) -> str:
        """The plain rule for any text (what `__call__` computes, without its fast path)."""
        return text.translate(self._table)


def _stray_mark(ch: str) -> str | None:
    if kind(ch) == INVISIBLE and (
        unicodedata.bidirectional(ch) in ("L", "R", "AL") or ch == "\ufeff"
    ):
        return ""
    return KEEP


_STRAY_MARKS = _Table(_stray_mark)


def strip_marks(text: str) -> str:
    """`text` without direction marks (LRM, RLM, ALM) or byte order marks.

    Keyboards and pastes add them around text; they show nothing and change nothing.

    >>> strip_marks("\u200fAnna\ufeff\u200b")
    'Anna\u200b'
    """
    return text.translate(_STRAY_MARKS)


_BLANK_KINDS = frozenset({SPACE, INVISIBLE, REORDER})


def is_blank(text: str) -> bool:
    """The one blank rule: nothing but spaces, blank and invisible characters (or empty).

    A blank field is an absent field, wherever it is read. Stops at the first
    character that is not blank; callers cap long input first.
    """
    if text.isascii():
        return not text or text.isspace()
    return all(_KIND[ord(ch)] in _BLANK_KINDS for ch in text)


BLANK_CAP = 1_000
"""Longer text is never read as blank: its field's cap reports it (bounded work)."""


def absent(value: str | None) -> bool:
    """None, or blank text (`is_blank`) of at most `BLANK_CAP` characters: an absent field.

    >>> absent(None), absent(" \u3164"), absent("x"), absent(" " * 2_000)
    (True, True, False, False)
    """
    return value is None or (len(value) <= BLANK_CAP and is_blank(value))


def kinds_of(text: str) -> frozenset[str]:
    """Every kind present in `text` (for tests and for the fast paths' guards)."""
    return frozenset(kind(ch) for ch in text)
