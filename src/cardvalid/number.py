"""The card number (PAN) and the security code: read, Luhn, brand, lengths, format, mask.

`check_number` reads what was typed (spaces and blanks of every kind, dashes,
dots and invisible characters are separators, as `cardvalid.text` defines
them; fullwidth, Arabic-Indic and other Unicode decimal digits are folded to
ASCII with a notice) and runs the
stages in order, stopping at the first that fails: characters -> length ->
brand -> length for the brand -> Luhn check digit (for brands that use it).

With `partial=True` (a form being typed) the answer is a tri-state: valid,
`number.incomplete` (a notice: it can still become valid) or an error (no
digit typed next can make it valid).

The number itself never leaves this module: results carry a `CardInfo`
(first 6 and last 4 digits at most), params never hold digits, and errors
never echo the value.

>>> r = check_number("4111 1111 1111 1111")
>>> r.ok, r.card.brand.value, r.card.masked
(True, 'visa', '411111******1111')
>>> check_number("4111 1111 1111 1112").codes
('number.checksum',)
>>> check_number("3782 8224", partial=True).codes
('number.incomplete',)
>>> format_number("378282246310005"), mask("5555 5555 5555 4444", first=8)
('3782 822463 10005', '55555555****4444')
>>> check_cvc("123", number="3782 822463 10005").problems[0].params["code_name"]
'CID'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from cardvalid.brands import DEFAULT_GAPS, BrandMatch, hot_leaf, lookup, spec_for
from cardvalid.caches import BoundedCache
from cardvalid.digits import KINDS, LAST4_FROM, MAX_INPUT, MAX_LENGTH, mask, normalize_number
from cardvalid.digits import NUMBER_TYPES as _NUMBER_TYPES
from cardvalid.digits import Unreadable as _Unreadable
from cardvalid.digits import read_digits as _digits
from cardvalid.findings import Findings
from cardvalid.luhn import digits_pass
from cardvalid.luhn import is_valid as luhn_is_valid
from cardvalid.model import (
    EMPTY,
    Brand,
    BrandSpec,
    CardInfo,
    Result,
    new_card_info,
    new_result,
)
from cardvalid.text import REORDER, Cleaner, kind

__all__ = [
    "MAX_INPUT",
    "MAX_LENGTH",
    "MIN_LENGTH",
    "check_cvc",
    "check_number",
    "collect_cvc",
    "collect_number",
    "format_number",
    "identify",
    "judge_number",
    "mask",
    "normalize_number",
    "read_accepted",
]

MIN_LENGTH = 12  # the shortest card number any brand issues (Maestro)
CVC_MAX_INPUT = 32
CVC_SIZES = (3, 4)  # when the brand is unknown

DROP_INVISIBLE = Cleaner(invisible="")
"""A security code's stray marks dropped (reordering ones stay)."""

NO_CARD = CardInfo(brand=None, brands=(), bin="", last4="", length=0)


def _card_info(match: BrandMatch, digits: str, length: int) -> CardInfo:
    last4 = digits[-4:] if LAST4_FROM <= length <= MAX_LENGTH else ""
    return new_card_info(match.brand, match.brands, digits[:6], last4, length, match.spec)


# ---------------------------------------------------------------- number


def collect_number(
    value: object,
    out: Findings,
    *,
    partial: bool = False,
    accepted: frozenset[Brand] | None = None,
) -> CardInfo | None:
    """Check a card number into `out`; the `CardInfo` when the digits could be read.

    `accepted` are the networks the merchant takes (None: all). Sets nothing
    in `out.normalized`: the number never goes there.
    """
    try:
        read: tuple[str, bool] | _Unreadable = _digits(value, "number", MAX_INPUT)
    except _Unreadable as unreadable:
        read = unreadable.with_traceback(None)  # kept: no frames kept with it
    return judge_number(read, out, partial=partial, accepted=accepted)


def judge_number(
    read: tuple[str, bool] | _Unreadable,
    out: Findings,
    *,
    partial: bool = False,
    accepted: frozenset[Brand] | None = None,
) -> CardInfo | None:
    """`collect_number` on a number already read: `digits.read_digits`'s answer or refusal."""
    if accepted is None and not partial and type(read) is tuple and not read[1]:
        # The fast twin of `_judge_number` (below) for a valid number of ASCII digits:
        # the same stages, nothing to add to `out`. tests/test_fastpaths.py proves the
        # two answer alike.
        digits = read[0]
        length = len(digits)
        leaf = hot_leaf(digits[:4]) if MIN_LENGTH <= length <= MAX_LENGTH else None
        if leaf is not None:
            brand, brands, spec, lengths, luhn = leaf
            # `read_digits` gives ASCII digits only: the Luhn core needs no second look.
            if spec is not None and length in lengths and (
                    not luhn or digits_pass(digits.encode())):
                last4 = digits[-4:] if length >= LAST4_FROM else ""
                return new_card_info(brand, brands, digits[:6], last4, length, spec)
    return _judge_number(read, out, partial=partial, accepted=accepted)


def _judge_number(
    read: tuple[str, bool] | _Unreadable,
    out: Findings,
    *,
    partial: bool,
    accepted: frozenset[Brand] | None,
) -> CardInfo | None:
    """The plain rule of `judge_number`: every stage, into `out`."""
    if isinstance(read, _Unreadable):
        if read.what == "missing" and partial:
            out.add("number.incomplete")
        elif read.what == "too_long":
            out.add("number.too_long", max_length=MAX_LENGTH)
        else:
            out.add(f"number.{read.what}", **read.params)
        return None
    digits, folded = read
    if folded:
        out.add("number.unicode_digits")
    length = len(digits)
    if length > MAX_LENGTH:
        out.add("number.too_long", max_length=MAX_LENGTH)
        return None
    match = lookup(digits)
    verdict = _partial_verdict(digits, match) if partial else _verdict(digits, match)
    if accepted is not None and (verdict is None or verdict[0] == "number.incomplete"):
        verdict = _not_accepted(match, accepted) or verdict
    if verdict is not None:
        out.add(verdict[0], **verdict[1])
    return _card_info(match, digits, length)


_Verdict = tuple[str, Mapping[str, Any]] | None


def _verdict(digits: str, match: BrandMatch) -> _Verdict:
    """The first failing stage of a complete number: length, brand, brand length, Luhn."""
    length = len(digits)
    if length < MIN_LENGTH:
        return "number.too_short", {"min_length": MIN_LENGTH}
    spec = match.spec
    if spec is None:
        return "number.unknown_brand", EMPTY
    if length not in spec.lengths:
        return "number.length_for_brand", _length_params(spec, length)
    if spec.luhn and not luhn_is_valid(digits):
        return "number.checksum", EMPTY
    return None


def _partial_verdict(digits: str, match: BrandMatch) -> _Verdict:
    """Tri-state for a number being typed: None (valid), a notice, or an error."""
    if not match.brands:
        return "number.unknown_brand", EMPTY
    length = len(digits)
    can_grow = bool(match.lengths) and length < match.lengths[-1]
    spec = match.spec
    if spec is not None and length in spec.lengths:
        if not spec.luhn or luhn_is_valid(digits):
            return None
        return ("number.incomplete", EMPTY) if can_grow else ("number.checksum", EMPTY)
    if can_grow or spec is None:
        return "number.incomplete", EMPTY
    return "number.length_for_brand", _length_params(spec, length)


def _not_accepted(match: BrandMatch, accepted: frozenset[Brand]) -> _Verdict:
    """`number.brand_not_accepted` when no network the digits are (or may become) is taken.

    A co-badged card is taken when any of its networks is; while typing, a
    prefix is refused only once none of its candidates is taken.
    """
    if not match.brands or not accepted.isdisjoint(match.brands):
        return None
    return "number.brand_not_accepted", {
        "brands": tuple(_display_name(b) for b in match.brands),
        "accepted": tuple(sorted(_display_name(b) for b in accepted)),
    }


def _display_name(brand: Brand) -> str:
    spec = spec_for(brand)
    return brand.value if spec is None else spec.display_name


def read_accepted(value: object) -> frozenset[Brand] | None:
    """The `accepted_brands=` option read into a set of `Brand` (None: every brand).

    >>> sorted(b.value for b in read_accepted(["visa", Brand.MASTERCARD]))
    ['mastercard', 'visa']
    """
    if value is None:
        return None
    if isinstance(value, str | Brand) or not isinstance(value, Iterable):
        raise TypeError(
            f"accepted_brands must be an iterable of Brand or str, not {type(value).__name__}"
        )
    found = frozenset(_brand_argument(item) for item in value)
    if None in found:
        raise TypeError("accepted_brands must hold Brand or str values, not None")
    return found  # type: ignore[return-value]


def _length_params(spec: BrandSpec, length: int) -> Mapping[str, Any]:
    return {"brand": spec.display_name, "lengths": spec.lengths, "length": length}


def check_number(
    number: object,
    /,
    *,
    partial: bool = False,
    locale: str = "en",
    accepted_brands: Iterable[Brand | str] | None = None,
) -> Result:
    """Check a card number: characters, length, brand, length for the brand, Luhn.

    `number` is text as typed (or an int). With `partial=True` an
    incomplete number that can still become valid gives the notice
    `number.incomplete` instead of an error, exactly when some continuation
    is a valid number. `accepted_brands` (Brand members or their values) are
    the networks the merchant takes: others are `number.brand_not_accepted`.
    Any `str` gives a `Result`; other types than str, int or None raise TypeError.

    >>> check_number("4111-1111-1111-1111").card.brand.value
    'visa'
    >>> [(p.code, dict(p.params)) for p in check_number("3782 822463 1000").problems]
    [('number.length_for_brand', {'brand': 'American Express', 'lengths': (15,), 'length': 14})]
    >>> check_number("").codes, check_number("4111 11", partial=True).ok
    (('number.missing',), True)
    """
    if accepted_brands is None and type(number) is str and len(number) <= MAX_INPUT:
        # The fast twin of `_check_number` (below), for a valid number of ASCII
        # digits and spaces: the same stages without `Findings`. The tests prove
        # the two answer alike for any text.
        digits = number.replace(" ", "")
        length = len(digits)
        if MIN_LENGTH <= length <= MAX_LENGTH and digits.isascii():
            raw = digits.encode()
            if raw.isdigit():
                leaf = hot_leaf(digits[:4])  # the brand table's 4-digit index; else `lookup`
                brand, brands, spec, lengths, luhn = leaf if leaf is not None else lookup(digits)
                if spec is not None and length in lengths and (not luhn or digits_pass(raw)):
                    last4 = digits[-4:] if length >= LAST4_FROM else ""
                    card = new_card_info(brand, brands, digits[:6], last4, length, spec)
                    return new_result((), card)
    if accepted_brands is not None:
        out = Findings()
        accepted = read_accepted(accepted_brands)
        out.card = collect_number(number, out, partial=partial, accepted=accepted)
        return out.result(locale)
    return _check_number(number, partial, locale)


def _check_number(number: object, partial: bool, locale: str) -> Result:
    """The plain rule: every stage of `collect_number`, into `Findings`."""
    out = Findings()
    out.card = collect_number(number, out, partial=partial)
    return out.result(locale)


# identify() on the first keystrokes of a number (as-you-type) answers from a
# small memo. Its keys have at most 6 characters, so at most the 6 digits a
# CardInfo shows anyway (the BIN): never a card number.
_MEMO_CHARS = 6
_MEMO_SIZE = 4096
_SHORT_INPUTS: BoundedCache[str, CardInfo] = BoundedCache(_MEMO_SIZE)
_remember = _SHORT_INPUTS.keep_vetted  # keys of 6 characters at most: never a card number


def identify(number: object) -> CardInfo:
    """Brand, candidate brands, lengths, gaps and security code of a full or partial number.

    `brand` is None while the digits could still become more than one
    network (`brands` then lists them all) or match none. Unreadable input
    gives a `CardInfo` with no brands and length 0.

    >>> info = identify("5019 5555 4444 5555")
    >>> info.brand.value, info.security_code.name, info.masked
    ('dankort', 'CVV', '501955******5555')
    >>> [b.value for b in identify("3").brands]
    ['amex', 'jcb', 'diners_club', 'lankapay']
    """
    if type(number) is str and len(number) <= MAX_INPUT:
        if len(number) <= _MEMO_CHARS:
            known = _SHORT_INPUTS.get(number)
            if known is not None:
                return known
        digits = number.replace(" ", "")
        if digits.isascii() and digits.isdecimal():
            info = _card_info(lookup(digits), digits, len(digits))
            if len(number) <= _MEMO_CHARS:
                _remember(number, info)
            return info
    try:
        digits, _ = _digits(number, "number", MAX_INPUT)
    except _Unreadable:
        return NO_CARD
    return _card_info(lookup(digits), digits, len(digits))


def format_number(number: object) -> str:
    """The number grouped as the brand prints it (groups of 4 when unknown).

    Works on partial input too. Raises ValueError (without the value) when
    the input is not up to 19 digits and separators, TypeError for other types.

    >>> format_number("4111111111111111"), format_number("4111 11")
    ('4111 1111 1111 1111', '4111 11')
    >>> format_number("36227206271667")
    '3622 720627 1667'
    """
    digits = normalize_number(number)
    if digits is None:
        raise ValueError("number is not up to 19 digits and separators")
    spec = lookup(digits).spec
    groups = []
    start = 0
    for gap in DEFAULT_GAPS if spec is None else spec.gaps:
        if gap >= len(digits):
            break
        groups.append(digits[start:gap])
        start = gap
    groups.append(digits[start:])
    return " ".join(groups)


# ---------------------------------------------------------------- security code


def _brand_argument(brand: Brand | str | None) -> Brand | None:
    if brand is None or isinstance(brand, Brand):
        return brand
    if isinstance(brand, str):
        try:
            return Brand(brand.strip().lower())
        except ValueError:
            raise ValueError("brand must be a Brand or the value of one") from None
    raise TypeError(f"brand must be Brand, str or None, not {type(brand).__name__}")


def _cvc_text(value: object) -> str:
    """The code as text, or `_Unreadable`; TypeError for types other than str, int or None.

    An int is refused with `cvc.not_text`: `012` typed into a number field is 12,
    and no check can tell which leading zeros were lost.
    """
    if isinstance(value, str):
        if len(value) > CVC_MAX_INPUT:
            raise _Unreadable("too_long")
        return value
    if value is None:
        raise _Unreadable("missing")
    if isinstance(value, int) and not isinstance(value, bool):
        raise _Unreadable("not_text")
    raise TypeError(f"cvc must be {_NUMBER_TYPES}, not {type(value).__name__}")


def _cvc_digits(value: object) -> tuple[str, bool, bool]:
    """The code's ASCII digits, whether Unicode digits were folded, and whether it ends open.

    It ends open when nothing follows the last digit, so typing may add more.

    Blanks around the code and invisible marks are dropped; anything else that
    is not a digit, separators included (`12 34`, `-123`), is
    `cvc.invalid_characters` (positions count the characters kept).
    """
    text = _cvc_text(value)
    if not text.isascii():  # invisible marks a paste brings along (not the reordering ones)
        text = DROP_INVISIBLE(text)
    digits = text.strip()
    if not digits:
        raise _Unreadable("missing")
    open_end = text[-1:].isdecimal()
    if digits.isdecimal():
        if digits.isascii():
            return digits, False, open_end
        return "".join(str(unicodedata.decimal(ch)) for ch in digits), True, open_end
    offset = len(text) - len(text.lstrip())
    position = next(i for i, ch in enumerate(digits, start=1) if not ch.isdecimal())
    ch = digits[position - 1]
    found = "direction_control" if kind(ch) == REORDER else KINDS.get(
        unicodedata.category(ch)[0], "control"
    )
    raise _Unreadable("invalid_characters", position=offset + position, kind=found)


def _cvc_sizes(spec: BrandSpec | None) -> tuple[int, ...]:
    return CVC_SIZES if spec is None else (spec.security_code.size,)


def collect_cvc(
    value: object,
    out: Findings,
    *,
    spec: BrandSpec | None = None,
    brand: Brand | None = None,
    partial: bool = False,
) -> None:
    """Check a security code into `out`, for the brand's `spec` when known.

    Without a spec (nor a brand with a table row) 3 or 4 digits are accepted.
    With `partial=True` the notice `cvc.incomplete` stands for an error exactly
    when typing more digits can still give an accepted code.
    """
    if spec is None and brand is not None:
        spec = spec_for(brand)
    try:
        digits, folded, open_end = _cvc_digits(value)
    except _Unreadable as unreadable:
        if partial and unreadable.what == "missing" and isinstance(value, str):
            out.add("cvc.incomplete")
        elif unreadable.what == "too_long":
            out.add("cvc.too_long", max_length=max(CVC_SIZES))
        else:
            out.add(f"cvc.{unreadable.what}", **unreadable.params)
        return
    if folded:
        out.add("cvc.unicode_digits")
    sizes = _cvc_sizes(spec)
    if len(digits) in sizes:
        return
    if partial and len(digits) < max(sizes) and open_end:  # blanks after the digits end it
        out.add("cvc.incomplete")
        return
    if spec is None:
        out.add("cvc.length_for_brand", brand=None, code_name="CVC", size=CVC_SIZES,
                length=len(digits))
        return
    code = spec.security_code
    out.add("cvc.length_for_brand", brand=spec.display_name, code_name=code.name,
            size=code.size, length=len(digits))


def check_cvc(
    cvc: object,
    /,
    *,
    number: object = None,
    brand: Brand | str | None = None,
    locale: str = "en",
    partial: bool = False,
) -> Result:
    """Check a security code: 4 digits for American Express (CID), 3 for the others.

    The brand comes from `brand` (a `Brand` or its value) or else from
    `number`; when neither tells, 3 or 4 digits are accepted. `params` name
    the code as the brand prints it (`code_name`: CVV, CVC, CID, ...) and its
    `size`; they never hold the code itself. The code is text: an int is
    `cvc.not_text` (its leading zeros are lost), separators inside it are
    `cvc.invalid_characters`. `partial=True` is for a field being typed.

    >>> check_cvc("123", brand="amex").problems[0].params["size"]
    4
    >>> check_cvc("1234", number="4111 1111 1111 1111").codes
    ('cvc.length_for_brand',)
    >>> check_cvc("1234").ok
    True
    """
    chosen = _brand_argument(brand)
    out = Findings()
    spec = None
    if number is not None:
        card = identify(number)
        out.card = card if card.length else None
        spec = card.spec
    if chosen is not None:
        spec = spec_for(chosen)
    collect_cvc(cvc, out, spec=spec, brand=chosen, partial=partial)
    return out.result(locale)
