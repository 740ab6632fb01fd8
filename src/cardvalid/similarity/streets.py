"""Street lines: house numbers, units and street words, compared apart.

>>> compare_streets("Drottninggatan 1", "Drottningg. 1")[:2]
(<Level.FORM: 'form'>, ('abbreviation',))
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cardvalid.caches import BoundedCache
from cardvalid.similarity.words import (
    CACHE_SIZE,
    DIFFERENT,
    FORM,
    SAME,
    Level,
    Verdict,
    _relation,
    _Terms,
    _terms,
    tokens,
)
from cardvalid.text import Cleaner

_RUNS = re.compile(r"\d+|[^\W\d_]+")
# Ordinal endings written straight after a number: "23rd", "1st", French "1er",
# "1re", "2nde", "3eme"/"3ème". Never a house letter: those are one letter.
# Single letters ("1a", "1e", "1o") are house letters ("Storgatan 1E"), except
# before a floor word ("2e étage", "1o andar"); the ordinal indicators º/ª/°
# ("1º", "2.ª", "5°") are read from the text before folding turns them into o/a.
_ORDINALS = frozenset({"st", "nd", "rd", "th", "er", "re", "ere", "nde", "eme", "ieme"})
_FLOOR_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th|er|re|ere|nde|eme|ieme|e|o|a)")
_ORDINAL_MARK = re.compile(r"(?<=\d)\.?[ºª°]")
_NUMERO_SIGN = re.compile(r"\b[Nn]\.?°")  # "N° 5": numéro, as "Nº" folds to "no"
# French/Italian house-number suffixes: "12 bis" is another building than 12.
_HOUSE_SUFFIXES = frozenset({"bis", "ter", "quater"})
_DIRECTIONS = frozenset({"n", "s", "e", "w"})
# Words between a unit designator and its value: "Apt # 4", "Whg. Nr. 3", "Flat No 2".
_NUMBER_MARKS = frozenset({"#", "no", "nr", "nro", "num", "numero"})
# "104-2701 23rd Ave" (Canada Post: unit, hyphen, civic number) and "2/15 Smith St"
# (Australia Post: unit, slash, street number) at the start of the line.
# Dashes of every kind are read as "-" first (`cardvalid.text`).
_UNIT_PREFIX = re.compile(r"[\W_]*(\d+)\s*[-/]\s*\d+(?=[\s,]|$)")
_DASHES = Cleaner(dash="-")


class StreetParts(NamedTuple):
    """A street line split into house numbers, units, words and street types.

    `numbers` are the numbers that are not a unit's, in order, a house letter
    or ``bis``/``ter`` kept with its number (``1a``, ``12bis``); `units` the
    values after unit designators (``Apt 4B``, ``Flat 2``, ``lgh 1102``)
    wherever they stand; `unit_prefix` the first number when the line opens
    with Canada Post's ``104-2701`` (or Australia's ``2/15``) unit form.
    """

    tokens: tuple[str, ...]
    numbers: tuple[str, ...]
    units: tuple[str, ...]
    words: tuple[str, ...]
    raw_words: tuple[str, ...]
    core: tuple[str, ...]
    types: frozenset[str]
    unit_prefix: str = ""
    digits: tuple[str, ...] = ()  # `numbers` as address verification reads them: digits only


def _number(word: str) -> str:
    return (word.lstrip("0") or "0") if word.isascii() else str(int(word))


def _compound(word: str, compounds: tuple[tuple[str, str], ...]) -> str:
    for suffix, short in compounds:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)] + short
    return word


def _is_unit_value(word: str) -> bool:
    return word != "#" and (len(word) == 1 or any(c.isdecimal() for c in word))


def _unit_value(word: str) -> str:
    return _number(word) if word.isdecimal() else word


def _is_letter(word: str) -> bool:
    """One lower-case letter (``a``, ``б``): a house or unit letter; not a CJK word like 番."""
    return len(word) == 1 and word.islower()


def _house_letter(words: list[str], i: int, out: list[str], terms: _Terms) -> bool:
    """Whether ``words[i]``, after the number ``out[-1]``, belongs to that number.

    ``Storgatan 1 A``, ``12 B St``, ``Apt 4 B`` and ``12 bis`` join their
    number. N, S, E and W are directionals (``1 E Main St``, ``Hwy 101 N``)
    unless they end the line after the first number of a line that starts
    with a street name that is not a street type (``Storgatan 1 E``).
    """
    word = words[i]
    if word in _HOUSE_SUFFIXES:
        return True
    if not _is_letter(word):
        return False
    if word not in _DIRECTIONS:
        return True
    last = i + 1 == len(words) or words[i + 1] == "#" or words[i + 1] in terms.unit_words
    if not last or len(out) < 2 or any(c.isdecimal() for w in out[:-1] for c in w):
        return False
    kind = terms.street.get(out[-2], ("", "word"))[1]
    return out[-2].isalpha() and kind not in ("suffix", "directional")


def _join_letters(words: list[str], terms: _Terms) -> list[str]:
    """``1 A`` -> ``1a``: a house (or unit) letter written apart from its number."""
    if min(map(len, words), default=2) > 1 and _HOUSE_SUFFIXES.isdisjoint(words):
        return words
    out: list[str] = []
    for i, word in enumerate(words):
        if (
            (len(word) == 1 or word in _HOUSE_SUFFIXES)
            and out and out[-1][-1:].isdecimal()
            and _house_letter(words, i, out, terms)
        ):
            out[-1] += word
        else:
            out.append(word)
    return out


def _split_runs(word: str, numbers: list[str], raw: list[str]) -> None:
    """``"23rd"`` -> 23, ``"12b"`` -> 12b, ``"1er"`` -> 1, ``"銀座1"`` -> 銀座 and 1."""
    after_number = False
    for run in _RUNS.findall(word):
        if run.isdecimal():
            numbers.append(_number(run))
            after_number = True
            continue
        if after_number and run in _ORDINALS:
            pass  # an ordinal: the number stays a number
        elif after_number and (run in _HOUSE_SUFFIXES or _is_letter(run)):
            numbers[-1] += run
        else:
            raw.append(run)
        after_number = False


def _take_units(words: list[str], terms: _Terms) -> tuple[list[str], list[str]]:
    """Split unit designators and their values off, wherever they stand.

    ``apt 4b``, ``# 12``, ``flat no 2``, ``lgh 1102``, ``whg nr 3``; a floor
    after its ordinal: ``2nd floor``, ``2e etage``, ``1º andar``.
    """
    if "#" not in words and terms.unit_words.isdisjoint(words):
        return words, []
    rest: list[str] = []
    units: list[str] = []
    i, count = 0, len(words)
    while i < count:
        word = words[i]
        if word == "#" or word in terms.unit_words:
            # An ordinal before a floor word is the floor ("2nd floor, 10 Downing
            # Street"): the number after it is the house, not the floor's value.
            ordinal = (
                _FLOOR_ORDINAL.fullmatch(rest[-1])
                if word in terms.floor_words and rest
                else None
            )
            if ordinal is not None:
                rest.pop()
                units.append(_number(ordinal.group(1)))
                i += 1
                continue
            j = i + 1
            while j < count and words[j] in _NUMBER_MARKS:  # "Apt # 4", "Flat No 2"
                j += 1
            if j < count and _is_unit_value(words[j]):
                units.append(_unit_value(words[j]))
                i = j + 1
                continue
            if word == "#":
                i += 1
                continue
        rest.append(word)
        i += 1
    return rest, units


def _join_directionals(words: list[str]) -> list[str]:
    """``N.W.`` was split into ``n``, ``w``: join it back to ``nw``."""
    for i in range(len(words) - 1, 0, -1):
        if words[i] in ("e", "w") and words[i - 1] in ("n", "s"):
            words[i - 1 : i + 1] = [words[i - 1] + words[i]]
    return words


def _street_text(text: str) -> str:
    """Ordinal indicators (``1º``, ``2.ª``, ``5°``) as ``th``, before folding reads them as o/a."""
    if "°" in text:
        text = _NUMERO_SIGN.sub(" no ", text)
    if "º" in text or "ª" in text or "°" in text:
        text = _ORDINAL_MARK.sub("th", text)
    return text


def _digits(numbers: list[str]) -> tuple[str, ...]:
    """House numbers as address verification reads them: digits only (``1a`` -> ``1``)."""
    if "".join(numbers).isdecimal():
        return tuple(numbers)
    return tuple("".join(filter(str.isdecimal, n)) for n in numbers)


_STREETS: BoundedCache[str, StreetParts] = BoundedCache(CACHE_SIZE)


def street_parts(text: str) -> StreetParts:
    """Split a street line (line 1 and line 2 joined) into its parts.

    >>> p = street_parts("123 N. Main Street, Apt #4B")
    >>> p.numbers, p.units, p.words, sorted(p.types)
    (('123',), ('4b',), ('n', 'main', 'st'), ['n', 'st'])
    >>> street_parts("Flat 2, 10 Downing Street").numbers, street_parts("Storgatan 1 E").numbers
    (('10',), ('1e',))
    """
    found = _STREETS.get(text)
    return found if found is not None else _STREETS.keep(text, text, _street_parts(text))


def _street_parts(text: str) -> StreetParts:
    terms = _terms()
    if not text.isascii():
        text = _street_text(text)
    words = _join_letters(_join_directionals(tokens(text)), terms)
    rest, units = _take_units(words, terms)
    numbers: list[str] = []
    raw: list[str] = []
    for word in rest:
        if word.isdecimal():
            numbers.append(_number(word))
        elif word.isalpha():
            raw.append(word)
        else:
            _split_runs(word, numbers, raw)
    raw = [word for word in raw if word not in terms.street_noise]
    canonical, core, types = _street_words_of(raw, terms)
    prefix = None
    if words and words[0].isdecimal() and ("-" in text or "/" in text or not text.isascii()):
        prefix = _UNIT_PREFIX.match(_DASHES(text))
    return StreetParts(
        tokens=tuple(words),
        numbers=tuple(numbers),
        units=tuple(units),
        words=canonical,
        raw_words=tuple(raw),
        core=core,
        types=types,
        unit_prefix=_number(prefix.group(1)) if prefix is not None else "",
        digits=_digits(numbers),
    )


def _street_words_of(
    raw: list[str], terms: _Terms
) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """Canonical words, the words that name the street, and its type/direction words."""
    canonical: list[str] = []
    core: list[str] = []
    types: set[str] = set()
    for word in raw:
        folded = word
        if word.endswith(terms.compound_suffixes):
            folded = _compound(word, terms.compounds)
        form, kind = terms.street.get(folded, (folded, "word"))
        canonical.append(form)
        if kind == "suffix" or kind == "directional":  # noqa: PLR1714
            types.add(form)
        else:
            core.append(form)
    return tuple(canonical), tuple(core), frozenset(types)


def _street_numbers(a: StreetParts, b: StreetParts) -> Verdict:
    """How the house numbers and units compare, and the kind of difference found.

    House numbers and unit numbers are never mixed: ``12 Main St Apt 3`` and
    ``3 Main St Apt 12`` are different addresses. Only two spellings of the
    same unit are recognised: Canada Post's ``104-2701`` for ``2701 ... Unit
    104``, and a bare trailing number for a designated unit (``12 Main St 3``).
    """
    if a.numbers == b.numbers:
        if a.units == b.units:
            return SAME, ()
        return (DIFFERENT if a.units and b.units else FORM), ("unit",)
    for x, y in ((a, b), (b, a)):
        if x.units or not y.units or not y.numbers:
            continue
        if x.unit_prefix and y.units == (x.unit_prefix,) and x.numbers[1:] == y.numbers:
            return FORM, ("unit",)  # "104-2701 23rd Ave" = "2701 23rd Ave Unit 104"
        if x.numbers == y.numbers + y.units:
            return FORM, ("unit",)  # "Storgatan 12 1102" = "Storgatan 12 lgh 1102"
    return DIFFERENT, ("number",)


def _street_words(a: StreetParts, b: StreetParts) -> str | None:
    if a.words == b.words:
        return "abbreviation" if a.raw_words != b.raw_words else ""
    found = _relation(a.words, b.words)
    if found is not None:
        return found
    if a.core == b.core and (a.types <= b.types or b.types <= a.types):
        return "street_type"  # "Main" for "Main St", "Main St" for "N Main St"
    return None


def compare_streets(entered: str, on_file: str) -> tuple[Level, tuple[str, ...], bool]:
    """Compare two street lines: ``(level, differences, numbers_match)``.

    `numbers_match` is what address verification looks at: the digits of the
    house numbers (a unit, a house letter and the street name are not seen).

    >>> compare_streets("1600 Pennsylvania Ave NW", "1600 PENNSYLVANIA AVENUE N.W.")
    (<Level.FORM: 'form'>, ('abbreviation',), True)
    >>> compare_streets("Rua Augusta, 1500", "R. Augusta 1500")[:2]
    (<Level.FORM: 'form'>, ('abbreviation',))
    >>> compare_streets("1 Elm St", "1 Oak St")[:2]
    (<Level.DIFFERENT: 'different'>, ('street',))
    >>> compare_streets("Storgatan 1A", "Storgatan 1E")
    (<Level.DIFFERENT: 'different'>, ('number',), True)
    >>> compare_streets("12 Main St Apt 3", "3 Main St Apt 12")
    (<Level.DIFFERENT: 'different'>, ('number',), False)
    """
    if entered == on_file:
        return SAME, (), True
    a, b = street_parts(entered), street_parts(on_file)
    if a.tokens == b.tokens:
        return SAME, (), True
    level, numbers = _street_numbers(a, b)
    if level is DIFFERENT:  # another unit matches the house number; another number may not
        return DIFFERENT, numbers, numbers != ("number",) or a.digits == b.digits
    words = _street_words(a, b)
    if words is None:
        return DIFFERENT, ("street",), True
    kinds = (*numbers, words) if words else numbers
    return FORM, kinds or ("layout",), True
