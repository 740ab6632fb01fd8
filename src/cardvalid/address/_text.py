"""Text handling shared by the address checks: input caps, cleaning, folding.

Every function here runs in time linear in its (already capped) input: the
caps are checked by the callers before any of this work.

>>> clean("  Drottninggatan   1 ")
('Drottninggatan 1', False)
>>> fold("Que\u0301bec"), fold("  Baden-Württemberg "), fold("ＱＣ")
('quebec', 'baden wurttemberg', 'qc')
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

from cardvalid.text import INVISIBLE, REORDER, SPACE, Cleaner, kind

# Input caps, checked before any other work (`<field>.too_long` above them). They
# bound the work per field; they are not processors' limits, which are tighter
# and vary (Elavon 30, Authorize.net 60 for a street). Braintree accepts 255
# characters for street, locality and region and Authorize.net 20 for a postal
# code: https://developer.paypal.com/braintree/docs/reference/request/address/create/
# https://developer.authorize.net/api/reference/ (createTransactionRequest, billTo.zip).
# The longest ISO 3166-1 official country name has 56 characters; E.164 numbers
# have at most 15 digits (ITU-T E.164), so 64 leaves room for spacing and an extension.
CAPS: Mapping[str, int] = MappingProxyType(
    {
        "country": 100,
        "line1": 255,
        "line2": 255,
        "city": 255,
        "state": 255,
        "postal_code": 20,
        "phone": 64,
    }
)

_ASCII_FOLD = str.maketrans(
    string.ascii_uppercase + string.punctuation,
    string.ascii_lowercase + " " * len(string.punctuation),
)

# Dashes of every kind typed for a hyphen (in postal codes such as 154-0023), digits as ASCII.
_POSTAL = Cleaner(dash="-", digits=True)
_VISIBLE = Cleaner(invisible="", reorder="")
_INVALID_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})


def clean(value: str) -> tuple[str, bool]:
    """`(text, has_invalid)`: whitespace collapsed, invisible marks dropped, NFC.

    `has_invalid` is True when the text holds control, private-use, unassigned
    or surrogate characters, or emoji: things no address is written with.
    """
    if value.isascii() and value.isprintable():
        if "  " in value or value[:1] == " " or value[-1:] == " ":
            value = " ".join(value.split())
        return value, False
    return _clean_slow(value)


def _clean_slow(value: str) -> tuple[str, bool]:
    kept: list[str] = []
    invalid = False
    for ch in unicodedata.normalize("NFC", value):
        found = kind(ch)
        if found == SPACE:  # blanks too (U+3164 HANGUL FILLER, U+2800 BRAILLE PATTERN BLANK)
            kept.append(" ")
        elif found in (INVISIBLE, REORDER):
            continue  # bidi marks, zero-width joiners: invisible, dropped
        elif (category := unicodedata.category(ch)) in _INVALID_CATEGORIES or _is_emoji(
            ch, category
        ):
            invalid = True
        else:
            kept.append(ch)
    return " ".join("".join(kept).split()), invalid


def _is_emoji(ch: str, category: str) -> bool:
    # Pictographic symbols (Unicode blocks 1F000-1FAFF, 2600-27BF); letters-like
    # symbols such as the numero sign stay allowed.
    code = ord(ch)
    return category == "So" and (code >= 0x1F000 or 0x2600 <= code <= 0x27BF)


def fold(value: str) -> str:
    """A key for comparing names: NFKC, casefold, marks stripped, punctuation as space.

    Not cached: it sees raw input, and no cache here may hold a card number.
    """
    if value.isascii():
        return " ".join(value.translate(_ASCII_FOLD).split())
    if not value.isprintable():  # format characters (Cf) are never printable
        value = _VISIBLE(value)
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", value).casefold())
    chars = [
        ch if ch.isalnum() else " " for ch in text if not unicodedata.combining(ch)
    ]
    return " ".join("".join(chars).split())


def ascii_code(value: str) -> str:
    """Postal-code input as ASCII where unambiguous: NFKC (fullwidth), any decimal digit, dashes.

    >>> ascii_code("１５４－００２３"), ascii_code("٤٢٤٢٤"), ascii_code("154\u2212" + "0023")
    ('154-0023', '42424', '154-0023')
    """
    if value.isascii():
        return value
    return _POSTAL(unicodedata.normalize("NFKC", value))
