"""Planting Luhn-valid card numbers, spelled every way, into any field of a checkout form.

The fuzz targets build their inputs from libFuzzer's bytes through
`atheris.FuzzedDataProvider`: a brand row from `cardvalid.brands.BRANDS` (read
at run time, so a new brand is planted as soon as it is in the table), one of
its prefixes and lengths, fuzzer-chosen middle digits and the Luhn check
digit. The number is then spelled -- grouped as printed, in one group or
digit by digit, with separators of every kind (ASCII, en dash, every Unicode
class the cleaner must read as blank: Zs, Cf, Mn, Pd, blank letters such as
U+3164, the Braille blank U+2800, middle dots) and in digit forms of every
script (fullwidth, Arabic-Indic, superscripts, circled, ...) -- and put
into one field, or split across two (line1 + line2, a tuple or dict expiry,
expiry_month + expiry_year), inside text the fuzzer chooses.

`twin=3` (or 7) draws the same form from the same bytes with other middle
digits: a leak is only reported when both twins leak too, so digits that
happen to match what may be shown (first 6, last 4, a postal code after an
address line) are no false alarm.

>>> import atheris
>>> p = plant(atheris.FuzzedDataProvider(bytes(range(64))))
>>> len(p.digits) >= 12 and p.digits.isdigit() and luhn_ok(p.digits)
True
"""

from __future__ import annotations

import functools
import itertools
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import atheris

from cardvalid.brands import BRANDS, BrandRow

# --- what a number may be spelled with -----------------------------------------

ASCII_SEPARATORS = (" ", "-", "\u2013", "_", ".", "/", " - ", "\t", "\n", "\r\n", ",", "  ")
# Letters and symbols that render blank (no Unicode property says "blank").
BLANK_LETTERS = ("\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\u180e")
DOTS = ("\u00b7", "\u2027", "\u30fb", "\u2022", "\u2219", "\u22c5", "\uff0e", "\u0387")
FULLWIDTH = "".join(chr(0xFF10 + d) for d in range(10))
# Digit forms that are not a run of ten decimal digits.
IRREGULAR_DIGITS = (
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079",  # superscripts
    "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089",  # subscripts
    "\u24ea\u2460\u2461\u2462\u2463\u2464\u2465\u2466\u2467\u2468",  # circled
)


@functools.cache
def separator_classes() -> dict[str, tuple[str, ...]]:
    """Separator characters by class: every Zs, Cf, Mn and Pd character, and the lists above."""
    by_category: dict[str, list[str]] = {"Zs": [], "Cf": [], "Mn": [], "Pd": []}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        cat = unicodedata.category(chr(code))
        if cat in by_category:
            by_category[cat].append(chr(code))
    classes = {k: tuple(v) for k, v in by_category.items()}
    classes["ascii"] = ASCII_SEPARATORS
    classes["blank"] = BLANK_LETTERS
    classes["dot"] = DOTS
    return classes


@functools.cache
def digit_families() -> tuple[str, ...]:
    """Ten-character strings, digit d at index d: ASCII, every decimal run, then the others."""
    families = ["0123456789"]
    for code in range(sys.maxunicode + 1):
        ch = chr(code) if not 0xD800 <= code <= 0xDFFF else ""
        if ch and code > 0x7F and unicodedata.decimal(ch, None) == 0:
            run = "".join(chr(code + d) for d in range(10))
            if all(unicodedata.decimal(c, None) == d for d, c in enumerate(run)):
                families.append(run)
    families.extend(IRREGULAR_DIGITS)
    return tuple(families)


def luhn_digit(body: str) -> str:
    """The Luhn check digit that completes `body`."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(digits: str) -> bool:
    """True when `digits` pass the Luhn check."""
    return luhn_digit(digits[:-1]) == digits[-1]


# --- the number ---------------------------------------------------------------


Pin = tuple[str, str, int]
"""(brand value, prefix, length): a crash file's number, kept however the brand table grows."""


def _pick(values: tuple[Any, ...], pick: int) -> Any:
    return values[pick % len(values)]


def _prefix(spec: str, point: int) -> str:
    if "-" not in spec:
        return spec
    low, high = spec.split("-")
    return str(int(low) + point % (int(high) - int(low) + 1)).zfill(len(low))


def _shown(digits: str) -> str:
    """Every digit a safe output may show: first 8 (PCI's widest), last 4, in any order, twice."""
    head, tail = digits[:8], digits[-4:]
    return (head + tail + head[:6] + tail) * 2 + tail + head


def number_for(
    fdp: atheris.FuzzedDataProvider, *, twin: int = 0, pin: Pin | None = None
) -> tuple[str, BrandRow, str]:
    """A Luhn-valid number of a brand from the table, its row and its prefix.

    It always takes the same number of bytes (row, prefix, point in a range,
    length, 19 middle digits), so what follows reads the same whatever the
    table holds; `pin` fixes brand, prefix and length (a crash file's).
    """
    picks = (fdp.ConsumeIntInRange(0, 0xFFFF), fdp.ConsumeIntInRange(0, 0xFFFF),
             fdp.ConsumeIntInRange(0, 0xFFFFFFFF), fdp.ConsumeIntInRange(0, 0xFF))
    raw = fdp.ConsumeBytes(19)
    if pin is None:
        row = _pick(BRANDS, picks[0])
        prefix = _prefix(_pick(row.prefixes, picks[1]), picks[2])
        length = max(_pick(row.lengths, picks[3]), len(prefix) + 4)
    else:
        row = next(r for r in BRANDS if r.brand.value == pin[0])
        prefix, length = pin[1], pin[2]
    size = length - len(prefix) - 1
    middle = "".join(str(b % 10) for b in raw[:size]).ljust(size, "0")
    if twin:  # other middle digits (each shifted by `twin`), same shape
        middle = "".join(str((int(d) + twin) % 10) for d in middle)
    body = prefix + middle
    digits = body + luhn_digit(body)
    # A number that what may be shown could spell would make a false alarm: turn a middle digit.
    turn = len(prefix)
    while digits in _shown(digits) and turn < len(body):
        body = body[:turn] + str((int(body[turn]) + 1) % 10) + body[turn + 1 :]
        digits = body + luhn_digit(body)
        turn += 1
    return digits, row, prefix


def _separator(fdp: atheris.FuzzedDataProvider, kinds: list[str]) -> str:
    classes = separator_classes()
    chars = classes[fdp.PickValueInList(kinds)]
    return "".join(fdp.PickValueInList(list(chars)) for _ in range(fdp.ConsumeIntInRange(1, 2)))


def _groups(fdp: atheris.FuzzedDataProvider, digits: str, gaps: tuple[int, ...]) -> list[str]:
    how = fdp.ConsumeIntInRange(0, 4)
    if how == 0:
        return [digits]
    if how == 1:  # as printed on the card
        cuts = [0, *(g for g in gaps if g < len(digits)), len(digits)]
    elif how == 2:  # digit by digit
        cuts = list(range(len(digits) + 1))
    else:  # groups of the fuzzer's sizes
        cuts, at = [0], 0
        while at < len(digits):
            at = min(len(digits), at + fdp.ConsumeIntInRange(1, 6))
            cuts.append(at)
    return [digits[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def _digit_forms(fdp: atheris.FuzzedDataProvider) -> list[str]:
    """The families to draw each digit from: ASCII (half the time), one family, or a mix."""
    families = digit_families()
    how = fdp.ConsumeIntInRange(0, 5)
    if how < 3:
        return [families[0]]
    if how == 3:  # fullwidth, superscripts, subscripts, circled: the forms a paste brings
        return [fdp.PickValueInList([*IRREGULAR_DIGITS, FULLWIDTH])]
    if how == 4:
        return [fdp.PickValueInList(list(families))]
    return list(families)  # a mix, digit by digit


def spell(fdp: atheris.FuzzedDataProvider, digits: str, gaps: tuple[int, ...]) -> str:
    """`digits` grouped and separated the fuzzer's way, in the fuzzer's digit forms."""
    groups = _groups(fdp, digits, gaps)
    forms = _digit_forms(fdp)
    kinds = ["ascii"] if fdp.ConsumeBool() else sorted(separator_classes())
    one = fdp.ConsumeBool()  # one separator throughout, or one per gap
    sep = _separator(fdp, kinds)

    def written(group: str) -> str:
        if len(forms) == 1:
            return "".join(forms[0][int(d)] for d in group)
        return "".join(fdp.PickValueInList(forms)[int(d)] for d in group)

    out = [written(groups[0])]
    for group in groups[1:]:
        out.append(sep if one else _separator(fdp, kinds))
        out.append(written(group))
    return "".join(out)


# --- the form -------------------------------------------------------------------

# Where the number goes. Two names joined by "+" split it across both fields.
PLACES = (
    "number", "name", "cvc", "expiry", "expiry_month", "expiry_year", "line1", "line2",
    "city", "state", "postal_code", "country", "phone", "line1+line2",
    "expiry_tuple", "expiry_list", "expiry_dict", "expiry_month+expiry_year", "line1+line2",
)  # line1+line2 twice: the split a form really has (a name and line1 are not one line)
SPLITS = frozenset(
    p for p in PLACES if "+" in p or p in ("expiry_tuple", "expiry_list", "expiry_dict")
)
PHONE_PREFIXES = ("", "0", "00", "+", "+46 ", "tel:")
GOOD = {
    "number": ("4242 4242 4242 4242", "5555555555554444", "", "42"),
    "expiry": ("12/29", "2029-12", "1229", "", "13/99"),
    "name": ("Anna Svensson", "", "J", "Åsa Öberg-Lind"),
    "cvc": ("123", "1234", "", "12"),
    "line1": ("Drottninggatan 1", "1600 Amphitheatre Pkwy", ""),
    "line2": ("Lgh 1102", "", "c/o Berg"),
    "city": ("Stockholm", "Mountain View", ""),
    "state": ("CA", "", "Ontario"),
    "postal_code": ("111 51", "94043", "SW1A 1AA", ""),
    "country": ("SE", "US", "GB", "Sverige", ""),
    "phone": ("+46 8 123 456 78", "", "(650) 253-0000"),
}
FIELDS = tuple(GOOD)


@dataclass
class Planted:
    """A planted number (ASCII digits), its brand row, and the form it was put in."""

    digits: str
    row: BrandRow
    place: str
    form: dict[str, Any] = field(default_factory=dict)
    pin: Pin = ("", "", 0)  # what reproduces this number from the same bytes


def text(fdp: atheris.FuzzedDataProvider, limit: int = 24) -> str:
    """Short fuzzer text; it never ends or starts with a digit, so it cannot lengthen a number."""
    out = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, limit))
    return out if not out or not (_is_digit(out[0]) or _is_digit(out[-1])) else f" {out} "


def _is_digit(ch: str) -> bool:
    return unicodedata.digit(ch, None) is not None


def _other(fdp: atheris.FuzzedDataProvider, name: str) -> object:
    how = fdp.ConsumeIntInRange(0, 5)  # 0 once the bytes run out: a good value
    if how == 1:
        return None
    if how == 2:
        return text(fdp, 40)
    return fdp.PickValueInList(list(GOOD[name]))


def _around(fdp: atheris.FuzzedDataProvider, spelled: str) -> str:
    if fdp.ConsumeIntInRange(0, 2):
        return spelled
    return text(fdp) + spelled + text(fdp)


def _planted(fdp: atheris.FuzzedDataProvider, place: str, digits: str, spelled: str
             ) -> dict[str, Any]:
    """The field(s) the number goes into, and their values."""
    if place in SPLITS:
        cut = fdp.ConsumeIntInRange(1, len(spelled) - 1) if len(spelled) > 1 else 0
        # Fuzzer text on the outer sides only: a person's split ("Storgatan 4111 1111" /
        # "1111 1111 lgh 2"); letters at the cut would end the number for any reader.
        before, after = text(fdp, 4), text(fdp, 4)
        first, second = before + spelled[:cut], spelled[cut:] + after
        if place == "expiry_tuple":
            return {"expiry": (first, second)}
        if place == "expiry_list":
            return {"expiry": [first, second]}
        if place == "expiry_dict":
            return {"expiry": {"month": first, "year": second}}
        a, b = place.split("+")
        return {a: first, b: second}
    if place == "phone":
        return {"phone": fdp.PickValueInList(list(PHONE_PREFIXES)) + spelled}
    if place in ("number", "cvc", "expiry", "expiry_month", "expiry_year") and not (
        fdp.ConsumeIntInRange(0, 7)
    ):
        return {place: int(digits)}
    return {place: _around(fdp, spelled)}


def plant(
    fdp: atheris.FuzzedDataProvider, *, twin: int = 0, pin: Pin | None = None
) -> Planted:
    """A form (field name -> value, as `validate` takes a mapping) with a number planted in it.

    The number is drawn and placed first, from the first bytes; the other fields
    take what is left (their good values once the bytes run out).
    """
    digits, row, prefix = number_for(fdp, twin=twin, pin=pin)
    place = fdp.PickValueInList(list(PLACES))
    spelled = spell(fdp, digits, row.gaps)
    planted = _planted(fdp, place, digits, spelled)
    form: dict[str, Any] = {name: _other(fdp, name) for name in FIELDS}
    form["expiry_month"] = form["expiry_year"] = None
    form.update(planted)
    return Planted(digits, row, place, form, (row.brand.value, prefix, len(digits)))


ADDRESS_FIELDS = ("line1", "line2", "city", "state", "postal_code", "country", "phone")
DETAIL_FIELDS = ("number", "expiry", "name", "cvc", "expiry_month", "expiry_year")


def address_of(form: dict[str, Any]) -> dict[str, Any]:
    """The address part of a form, as text (an int planted there becomes its digits)."""
    return {k: (None if form.get(k) is None else str(form[k])) for k in ADDRESS_FIELDS}


def details_of(form: dict[str, Any]) -> dict[str, Any]:
    """The `CardDetails` keyword arguments of a form (the address as an `Address` mapping)."""
    return {k: form.get(k) for k in DETAIL_FIELDS}


def spelling_class(planted: Planted) -> str:
    """How the planted field spells digits and separators: ``ascii``/``unicode`` each."""
    place = planted.place
    names = ["expiry"] if place in ("expiry_tuple", "expiry_list", "expiry_dict") else (
        place.split("+")
    )
    values = [planted.form.get(n) for n in names]
    text_ = "".join(str(v) for v in values if isinstance(v, str | int))
    text_ += "".join(str(x) for v in values if isinstance(v, tuple | list) for x in v)
    text_ += "".join(str(x) for v in values if isinstance(v, dict) for x in v.values())
    digits = "ascii" if all(c.isascii() for c in text_ if _is_digit(c)) else "unicode"
    seps = "ascii" if all(c.isascii() for c in text_ if not _is_digit(c)) else "unicode"
    return f"digits={digits} separators={seps}"
