"""Reading the digits typed into a card-number field, and masking them.

The rules the model (`CardDetails.__repr__`) and the checks (`cardvalid.number`)
share, with no check in it: the model imports this, never a check.

>>> normalize_number("4111-1111 1111 1111"), mask(4111111111111111)
('4111111111111111', '411111******1111')
"""

from __future__ import annotations

import unicodedata
from typing import Any

from cardvalid.text import DIGIT, REORDER, SEPARATORS, Cleaner, ascii_digits, kind

__all__ = [
    "DELETE_SEPARATORS",
    "KINDS",
    "LAST4_FROM",
    "MAX_INPUT",
    "MAX_LENGTH",
    "NUMBER_TYPES",
    "Unreadable",
    "first_bad",
    "mask",
    "normalize_number",
    "read_digits",
    "text_of",
]

MAX_LENGTH = 19  # ISO/IEC 7812-1
MAX_INPUT = 64  # characters read at most: 19 digits with generous separators
LAST4_FROM = 13  # numbers shorter than this show no last four (6 + 4 would be too many)

# Typed or pasted between digits and deleted before reading them: spaces and
# blanks, invisible characters, dashes and dots (`cardvalid.text`; never a slash).
DELETE_SEPARATORS = Cleaner(space="", invisible="", dash="", dot="")
KINDS = {
    "L": "letter",
    "N": "digit_like",  # '²', '½', 'Ⅻ': numbers that are not decimal digits
    "P": "punctuation",
    "S": "symbol",
    "M": "mark",
    "Z": "space",
    "C": "control",
}
NUMBER_TYPES = "str, int or None"


class Unreadable(Exception):  # noqa: N818  (internal signal, never escapes)
    """The value is not digits: carries the reason code's suffix and its params."""

    def __init__(self, what: str, **params: Any) -> None:
        super().__init__(what)
        self.what = what
        self.params = params

    def __eq__(self, other: object) -> bool:  # two readings of one value are equal
        if not isinstance(other, Unreadable):
            return NotImplemented
        return (self.what, self.params) == (other.what, other.params)

    def __hash__(self) -> int:
        return hash(self.what)


def text_of(value: object, field_name: str, cap: int) -> str:
    """The value as text, or `Unreadable` for None/over the cap; TypeError for other types."""
    if isinstance(value, str):
        if len(value) > cap:
            raise Unreadable("too_long")
        return value
    if value is None:
        raise Unreadable("missing")
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise Unreadable("invalid_characters", position=1, kind="punctuation")
        if value.bit_length() > cap * 10 // 3:  # more than `cap` decimal digits
            raise Unreadable("too_long")
        return str(value)
    raise TypeError(f"{field_name} must be {NUMBER_TYPES}, not {type(value).__name__}")


def read_digits(value: object, field_name: str, cap: int) -> tuple[str, bool]:
    """ASCII digits of `value` and whether Unicode digits were folded.

    Raises `Unreadable` (missing, too_long, invalid_characters) or TypeError.
    The cap is checked first, so the work never grows with the input.
    """
    text = text_of(value, field_name, cap)
    digits = text.replace(" ", "")
    if digits.isascii() and digits.isdecimal():
        return digits, False
    digits = DELETE_SEPARATORS(text)
    if not digits:
        raise Unreadable("missing")
    if digits.isdecimal():
        if digits.isascii():
            return digits, False
        return ascii_digits(digits), True
    position, kind = first_bad(text)
    raise Unreadable("invalid_characters", position=position, kind=kind)


def first_bad(text: str) -> tuple[int, str]:
    """1-based position and kind of the first character that is neither digit nor separator."""
    for index, ch in enumerate(text, start=1):
        found = kind(ch)
        if found == DIGIT or found in SEPARATORS:
            continue
        if found == REORDER:
            # Embeddings, overrides and isolates can show digits in another order
            # than they are stored in, so the number on screen may not be the one checked.
            return index, "direction_control"
        return index, KINDS.get(unicodedata.category(ch)[0], "control")
    return 0, "control"  # pragma: no cover - only called when there is one


def normalize_number(number: object) -> str | None:
    """ASCII digits of a card number (separators removed, Unicode digits folded), else None.

    None for text that is not digits and separators, and for more than 19
    digits. Raises TypeError for types other than str, int or None.

    >>> normalize_number("４２４２-4242 4242\\u200b4242"), normalize_number("4242 abc")
    ('4242424242424242', None)
    """
    try:
        digits, _ = read_digits(number, "number", MAX_INPUT)
    except Unreadable:
        return None
    return digits if len(digits) <= MAX_LENGTH else None



def mask(number: object, /, *, first: int = 6) -> str:
    """The number with every digit hidden but the first `first` (at most 6) and the last 4.

    `first` may be up to 8 for numbers of 16 digits or more, as PCI DSS
    allows for them; shorter numbers never show more than 6. Numbers under
    13 digits show no last four. Unreadable input is all `*`.

    >>> mask("4111 1111 1111 1111"), mask(378282246310005, first=8), mask("not a number")
    ('411111******1111', '378282*****0005', '*******************')
    """
    if type(first) is not int or not 0 <= first <= 8:
        raise ValueError("first must be an int from 0 to 8")
    digits = normalize_number(number)
    if digits is None:
        return "*" * MAX_LENGTH
    length = len(digits)
    shown = min(first, 8 if length >= 16 else 6)
    last = 4 if length >= LAST4_FROM else 0
    return digits[:shown] + "*" * (length - shown - last) + digits[length - last :]
