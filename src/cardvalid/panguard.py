"""Spotting a card number where it does not belong, and keeping it out of any output.

A card number typed into the name, an address line or any other text field
must never be echoed back (PCI DSS: at most the first 6 and last 4 digits).
Every check and every `repr` asks this one module, so they all agree on
what "looks like a card number" means: 12 or more digits (any script's
decimal digits) once every separator — spaces, dashes, dots, slashes,
underscores, invisible and direction marks, any other character that is
not a letter or a digit — is taken out. Letters end a run.

>>> looks_like_card_number("4111\u20131111\u20131111\u20131111")
True
>>> looks_like_card_number("Drottninggatan 1, 111 51 Stockholm")
False
>>> redacted("4111_1111_1111_1111")
'<redacted: looks like a card number>'
"""

from __future__ import annotations

import re

MIN_DIGITS = 12  # the shortest card number the checks accept
REDACTED = "<redacted: looks like a card number>"

_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")
_LONG_DIGIT_RUN = re.compile(rf"\d{{{MIN_DIGITS},}}")
_ASCII_DIGITS = b"0123456789"


def looks_like_card_number(text: str) -> bool:
    """True when `text` holds 12 or more digits in a row, separators aside."""
    if text.isascii():
        if len(text) - len(text.encode().translate(None, _ASCII_DIGITS)) < MIN_DIGITS:
            return False
    elif sum(ch.isdecimal() for ch in text) < MIN_DIGITS:
        return False
    return _LONG_DIGIT_RUN.search(_NOT_LETTER_OR_DIGIT.sub("", text)) is not None


def redacted(value: object) -> object:
    """`value`, or a placeholder when it (or its text: an int, a tuple) looks like a card number.

    For reprs: `redacted((12, 2029))` is the tuple itself.
    """
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return REDACTED if looks_like_card_number(text) else value
