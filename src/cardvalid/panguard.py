"""Spotting a card number where it does not belong, and keeping it out of any output.

A card number typed into the name, an address line or any other text field
must never be echoed back (PCI DSS: at most the first 6 and last 4 digits).
Every check and every `repr` asks this one module, so they all agree on
what "looks like a card number" means: 12 or more digits in a row (decimal
digits of any script and every other digit form: superscripts, circled
digits ...) once everything that is not a letter is skipped: separators of
every kind `cardvalid.text` knows (spaces, blanks such as U+3164, invisible
and direction marks, dashes, dots, slashes), combining marks, modifier
letters, symbols. Letters end a run.

Values made of parts (a tuple or mapping expiry, line 1 and line 2 of an
address) are read as their parts joined, so a number split between them is
caught too (`looks_like_card_number_in`).

>>> looks_like_card_number("4111\\u20131111\\u20131111\\u20131111")
True
>>> looks_like_card_number("\\u3164".join(["4111"] * 4)), looks_like_card_number("⁴¹¹¹" * 4)
(True, True)
>>> looks_like_card_number("Drottninggatan 1, 111 51 Stockholm")
False
>>> redacted("4111_1111_1111_1111")
'<redacted: looks like a card number>'
>>> redacted(("4111\\t1111", "1111\\n1111"))
'<redacted: looks like a card number>'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from cardvalid.text import LETTER, kind

MIN_DIGITS = 12  # the shortest card number the checks accept
REDACTED = "<redacted: looks like a card number>"

_ASCII_DIGITS = b"0123456789"
_ASCII_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]+")
_LONG_RUN = re.compile(rf"[0-9]{{{MIN_DIGITS},}}")
_LOWEST = 10 ** (MIN_DIGITS - 1)  # the smallest int with 12 digits
_REPR_CAP = 1_000  # a repr is read this far
_DEPTH = 4  # how deep containers are read (expiry tuples and mappings are one level)


def _guard_rule(ch: str) -> str:
    """'0' for a digit of any form, 'a' for a letter that ends a run, '' for anything else."""
    found = kind(ch)
    if found in ("digit", "digit_form"):
        return "0"
    if found == LETTER and unicodedata.category(ch) != "Lm":
        return "a"
    return ""


class _GuardTable(dict[int, str]):
    """`str.translate` table of `_guard_rule`, filled on first sight of a code point."""

    __slots__ = ()

    def __missing__(self, code: int) -> str:
        found = _guard_rule(chr(code))
        if len(self) < 65_536:
            self[code] = found
        return found


_TABLE = _GuardTable()
_RUN = "0" * MIN_DIGITS


def _looks_general(text: str) -> bool:
    """The plain rule, for any text."""
    return _RUN in text.translate(_TABLE)


def looks_like_card_number(text: str) -> bool:
    """True when `text` holds 12 or more digits in a row, anything but letters aside."""
    if len(text) < MIN_DIGITS:
        return False
    if text.isascii():
        # The fast path for ASCII text, the same rule with bytes and one regex
        # (a property test holds it equal to `_looks_general`).
        if len(text) - len(text.encode().translate(None, _ASCII_DIGITS)) < MIN_DIGITS:
            return False
        return _LONG_RUN.search(_ASCII_NOT_ALNUM.sub("", text)) is not None
    return _looks_general(text)


def _texts(value: object, depth: int = 0) -> Iterable[str]:
    """The text of a value's leaves (str, int), in order; containers read one level deep at most."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, int) and not isinstance(value, bool):
        # Never str() a huge int (Python's digit limit raises): its size says it all.
        yield _RUN if abs(value) >= _LOWEST else str(value)
    elif depth < _DEPTH and isinstance(value, Mapping):
        for item in value.values():
            yield from _texts(item, depth + 1)
    elif depth < _DEPTH and isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item, depth + 1)
    elif value is not None:
        yield _repr_text(value)


def _repr_text(value: object) -> str:
    """What a repr would show of any other value (a float, a Decimal); a run when it cannot."""
    try:
        return repr(value)[:_REPR_CAP]
    except ValueError:  # an int-like too long to show
        return _RUN


def looks_like_card_number_in(*values: object) -> bool:
    """True when the values, read as one text (leaves joined by spaces), look like a card number.

    >>> looks_like_card_number_in("4111 1111", "1111 1111"), looks_like_card_number_in(10**5000)
    (True, True)
    >>> looks_like_card_number_in({"month": "12", "year": "2029"})
    False
    """
    return looks_like_card_number(" ".join(text for v in values for text in _texts(v)))


def redacted(value: object) -> object:
    """`value`, or a placeholder when it (or its text: an int, a tuple) looks like a card number.

    For reprs: `redacted((12, 2029))` is the tuple itself.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return REDACTED if looks_like_card_number(value) else value
    return REDACTED if looks_like_card_number_in(value) else value
