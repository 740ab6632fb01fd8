"""The Luhn (mod 10) check digit of card numbers, ISO/IEC 7812-1 annex B.

Every card number ends in a digit that makes the Luhn sum a multiple of 10.
It catches every single-digit typo and every swap of two adjacent digits
except 09 <-> 90. The functions take ASCII digit strings only (call
`cardvalid.number.normalize_number` first for typed input).

`is_valid` is the fast twin of `checksum` (the plain rule, right below it):
for up to 19 digits it reads the digits as the bytes of one integer and does
the doubling for all of them at once with a few integer operations ("SIMD
within a register"), about 12x faster than `stdnum.luhn.is_valid` and 15-20%
faster than `checksum` (benchmarks/bench_fastpaths.py); the tests prove the
two equal on any text. `digits_pass` is that core alone, for callers that
have already read the text as ASCII digits (`check_number`'s fast path).
A lone surrogate is not digits (False, or ValueError from `checksum`);
a value that is not text raises TypeError.

>>> is_valid("4111111111111111"), is_valid("4111111111111112")
(True, False)
>>> check_digit("411111111111111")
'1'
>>> append_check_digit("7992739871")
'79927398713'
"""

from __future__ import annotations

__all__ = ["append_check_digit", "check_digit", "checksum", "digits_pass", "is_valid"]

_LANES = 19  # the longest card number; also keeps the byte sum below 255

# Big-endian bytes of the digits: byte 0 (least significant) is the check
# digit, so the doubled digits are the odd bytes whatever the length.
_LOW_NIBBLES = int.from_bytes(b"\x0f" * _LANES, "big")  # '0'..'9' -> 0..9
_DOUBLED = int.from_bytes((b"\x0f\x00" * 10)[-_LANES:], "big")
_PLUS_THREE = int.from_bytes((b"\x03\x00" * 10)[-_LANES:], "big")
_ONES = int.from_bytes((b"\x01\x00" * 10)[-_LANES:], "big")
# Luhn sums of up to 19 digits stay below 255, so `x % 255` is the exact byte sum.
_SUM_OK = tuple(total % 10 == 0 for total in range(255))
_from_bytes = int.from_bytes  # bound once: the attribute look-up costs ~45 ns a call
_DOUBLE = bytes.maketrans(b"0123456789", b"0246813579")  # 2d, minus 9 when >= 10


def is_valid(digits: str) -> bool:
    """True when `digits` is ASCII digits that pass the Luhn check (empty or other text: False).

    A value that is not text raises TypeError (one with `str`'s `encode` is
    read as text: the check costs no extra step for a `str`).

    >>> is_valid("79927398713"), is_valid("0"), is_valid(""), is_valid("\\ud800")
    (True, True, False, False)
    """
    try:
        raw = digits.encode()
    except UnicodeEncodeError:  # a lone surrogate
        return False
    except AttributeError:
        _require_text(digits)
        raise
    if not raw.isdigit():  # ASCII digits only, as stdnum: "4111 1111", "٤" are not
        return False
    if len(raw) > _LANES:
        return checksum(digits) == 0
    x = _from_bytes(raw) & _LOW_NIBBLES  # `digits_pass`, inline: a call costs a sixth
    doubled = x & _DOUBLED
    return _SUM_OK[(x + doubled - 9 * ((doubled + _PLUS_THREE) >> 3 & _ONES)) % 255]


def digits_pass(raw: bytes) -> bool:
    """`is_valid` for 1 to 19 bytes the caller knows are ASCII digits (not checked here).

    >>> digits_pass(b"4111111111111111"), digits_pass(b"4111111111111112")
    (True, False)
    """
    x = _from_bytes(raw) & _LOW_NIBBLES
    doubled = x & _DOUBLED
    # 2d - 9 when d >= 5; (d + 3) >> 3 is 1 exactly for d in 5..9.
    return _SUM_OK[(x + doubled - 9 * ((doubled + _PLUS_THREE) >> 3 & _ONES)) % 255]


def checksum(digits: str) -> int:
    """The Luhn sum modulo 10 of an ASCII digit string of any length (0 means valid).

    Other characters raise ValueError (as `stdnum.luhn.checksum` does); anything
    but a `str`, TypeError.

    >>> checksum("79927398713"), checksum("79927398710")
    (0, 7)
    """
    raw = _ascii(digits)
    if raw is None or (raw and not raw.isdigit()):
        raise ValueError("the Luhn sum takes ASCII digits 0-9 only")
    return (sum(raw[-1::-2] + raw[-2::-2].translate(_DOUBLE)) - 48 * len(raw)) % 10


def _ascii(digits: str) -> bytes | None:
    """`digits` as ASCII bytes; None when it holds anything else (a lone surrogate too)."""
    _require_text(digits)
    return digits.encode() if digits.isascii() else None


def _require_text(value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"the Luhn functions take a str of digits, not {type(value).__name__}")


def check_digit(payload: str) -> str:
    """The digit to append to `payload` so that the whole passes the Luhn check.

    >>> check_digit("7992739871")
    '3'
    """
    _require_text(payload)
    return str(-checksum(payload + "0") % 10)


def append_check_digit(payload: str) -> str:
    """`payload` followed by its Luhn check digit.

    >>> append_check_digit("411111111111111")
    '4111111111111111'
    """
    return payload + check_digit(payload)
