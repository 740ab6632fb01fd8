"""The billing phone number: checked with `phonenumbers` for the address's country, as E.164.

A number without a country calling code is read as a national number of the
billing country; with `+` (or `00`) it may belong to any country. Only a
*valid* number (a real number range, per Google's libphonenumber metadata)
passes; the reason's `params` say why the others fail, never what was typed.

>>> normalize_phone("08-123 456 78", "SE"), normalize_phone("+1 650-253-0000")
('+46812345678', '+16502530000')
>>> r = check_phone("12", country="SE")
>>> r.codes, dict(r.problems[0].params)
(('phone.invalid',), {'country': 'SE', 'reason': 'too_short'})
"""

from __future__ import annotations

import functools
from typing import Any

from cardvalid.address._text import CAPS, clean
from cardvalid.address.countries import country_code
from cardvalid.caches import BoundedCache
from cardvalid.findings import Findings
from cardvalid.model import Result
from cardvalid.number import check_number
from cardvalid.panguard import MIN_DIGITS, looks_like_card_number
from cardvalid.text import digit_value

# A bounded memo of numbers read (phonenumbers' parse is the costliest read of a
# record): only values that passed the card-number guard are kept (`BoundedCache.keep`).
_READ: BoundedCache[tuple[str | None, str], tuple[str | None, str]] = BoundedCache(4096)
_INTERNATIONAL = ("+", "\uff0b")  # a number in international form starts so
_PREFIXES = (*_INTERNATIONAL, "0")  # international form, trunk or international prefix
_PREFIX_DIGITS = 6  # "00" and a country code of up to 3 digits, or a trunk 0, before a number
_E164_DIGITS = 15  # the most digits a phone number has, its country code included (ITU-T E.164)
_CARD = "address.looks_like_card_number"
_NOT_NORMALIZED = "phone.not_normalized"

# phonenumbers' ValidationResult names, in our params' spelling.
_REASONS = {
    "INVALID_COUNTRY_CODE": "invalid_country_code",
    "TOO_SHORT": "too_short",
    "INVALID_LENGTH": "invalid_length",
    "TOO_LONG": "too_long",
    "IS_POSSIBLE_LOCAL_ONLY": "local_only",
}


def check_phone(value: str | None, /, *, country: str | None = None,
                locale: str = "en") -> Result:
    """Check a billing phone number for `country` (alpha-2; a name or alpha-3 is resolved)."""
    out = Findings()
    collect_phone(value, country_code(country) if country else None, out)
    return out.result(locale)


def normalize_phone(value: str | None, country: str | None = None) -> str | None:
    """The number in E.164 (`+46812345678`), or None when it is not a valid number (or
    its digits could be a card number: `check_phone` says which)."""
    out = Findings()
    return collect_phone(value, country, out)


def collect_phone(value: str | None, country: str | None, out: Findings) -> str | None:
    """Check `value` as a phone number of `country` (alpha-2 or None); E.164 into `out`."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"phone must be str or None, not {type(value).__name__}")
    if len(value) > CAPS["phone"]:
        out.add("phone.too_long", max_length=CAPS["phone"])
        return None
    found = _READ.get((country, value))
    if found is None:
        text, invalid = clean(value)
        if not text:
            return None
        flagged = _card_number_like(text, country)
        if flagged is _CARD:
            out.add(_CARD, field="phone")
            return None
        if flagged is _NOT_NORMALIZED:
            out.add(_NOT_NORMALIZED)
            return None
        found = _READ.keep((country, value), value,
                           (None, "invalid_characters") if invalid else _e164(text, country))
    e164, reason = found
    if e164 is not None:
        out.normalized["phone"] = e164
        return e164
    out.add("phone.invalid", country=country, reason=reason)
    return None


def _card_number_like(text: str, country: str | None) -> str | None:
    """A card number typed here, bare or behind a "+", "00", "0" or a country code:
    the code to report (`_CARD` or `_NOT_NORMALIZED`), or None.

    Bare, it is 12 or more digits (the guard). Behind a prefix it may still be
    read as a valid phone number (German numbers run to 15 digits, so
    "+49" or "0" before a 13-digit card number is one), and E.164 would show
    it: a phone value is refused when the digits after its first 0 to 5 (an
    international prefix, a trunk 0, a country code) are a valid card number
    (known brand, its length, its check digit).

    One reading is different: from the country code on, right behind "+" or
    "00". Real numbers read so about once in ten in some countries (German
    mobiles +49 15.. and +49 17.. as 13-digit Visa, Colombian +57 3.. and
    Venezuelan +58 4.. as 12-digit Maestro). When that is the only card
    reading and the value is a valid phone number it is taken as one, but
    not repeated: `phone.not_normalized` (a notice), nothing in `normalized`.
    """
    if looks_like_card_number(text) and not text.lstrip().startswith(_PREFIXES):
        return _CARD
    digits = "".join(str(value) for ch in text if (value := digit_value(ch)) is not None)
    if len(digits) < MIN_DIGITS:
        return None
    cards = [start for start in range(min(_PREFIX_DIGITS, len(digits) - 11))
             if check_number(digits[start:]).ok]
    if not cards:
        return None
    if cards == [_country_code_at(text, digits)] and _e164(text, country)[0] is not None:
        return _NOT_NORMALIZED
    return _CARD


def _country_code_at(text: str, digits: str) -> int:
    """Where a country code starts in `digits` of a phone number in international form
    (after "+" or "00", up to 15 digits from there on); -1 for any other value.

    >>> _country_code_at("+49 1512 3456789", "4915123456789")
    0
    >>> _country_code_at("0049 1512 3456789", "004915123456789")
    2
    >>> _country_code_at("01512 3456789", "015123456789")
    -1
    >>> _country_code_at("+" + "4" * 16, "4" * 16)  # more digits than a phone number has
    -1
    """
    if text.lstrip().startswith(_INTERNATIONAL):
        at = 0
    elif digits.startswith("00"):
        at = 2
    else:
        return -1
    return at if len(digits) - at <= _E164_DIGITS else -1


def _e164(text: str, country: str | None) -> tuple[str | None, str]:
    """`(E.164, "")` for a valid number, else `(None, reason)`."""
    phonenumbers = _phonenumbers()
    try:
        number = phonenumbers.parse(text, country)
    except phonenumbers.NumberParseException as error:
        return None, _parse_reason(error.error_type)
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None, _REASONS.get(_result_name(phonenumbers, possible), "invalid")
    if not phonenumbers.is_valid_number(number):
        return None, "invalid"
    e164: str = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164, ""


# NumberParseException error types: 0 invalid country code, 1 not a number,
# 2 too short after the international prefix, 3 too short (NSN), 4 too long.
_PARSE_REASONS = ("invalid_country_code", "not_a_number", "too_short", "too_short", "too_long")


def _parse_reason(error_type: object) -> str:
    if isinstance(error_type, int) and 0 <= error_type < len(_PARSE_REASONS):
        return _PARSE_REASONS[error_type]
    return "invalid"


def _result_name(phonenumbers: Any, value: int) -> str:
    for name in _REASONS:
        if getattr(phonenumbers.ValidationResult, name) == value:
            return name
    return "invalid"


@functools.cache
def _phonenumbers() -> Any:
    import phonenumbers  # noqa: PLC0415  (lazy: tens of ms to import)

    return phonenumbers
