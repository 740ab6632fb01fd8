"""Two spellings of one detail: the same, the same in another form, or different.

`compare()` asks, field by field, whether what the card holder typed and what
is on the card or statement are the same thing. Three levels:

- `SAME`: equal once case, spacing, punctuation and diacritics are folded
  (a card cannot even print the difference: ISO/IEC 7813 track 1 is upper case
  ASCII; Canada Post and La Poste treat accents and punctuation as optional);
- `FORM`: the same name or address written another way: an abbreviation
  (USPS Publication 28 street suffixes, directionals and unit designators,
  and common international ones: g./gatan, Str./Straße, Av./Avenue, R./Rua),
  another order (``SVENSSON/ANNA``, ``Yamada Taro``), a title, a middle name
  or an initial on one side only, a unit on one side only, a transliteration
  (``Müller``/``Mueller``);
- `DIFFERENT`: anything else; another house number is always different
  (a house letter is part of it: ``1A`` is not ``1E``; a unit number is kept
  apart from it: ``12 Main St Apt 3`` is not ``3 Main St Apt 12``).

Each comparison returns ``(level, differences)``: the kinds of form
differences found (``"order"``, ``"initial"``, ``"abbreviation"`` ...).
Word lists live in ``data/compare_terms.json`` with their sources. The
folded forms are kept in `BoundedCache`s (`cardvalid.caches`) that refuse any
long text and any text that looks like a card number (`clear_caches()`, `cached_keys()`).

>>> compare_names("SVENSSON/ANNA M.MRS", "Anna Svensson")
(1, ('title', 'middle_name'))
>>> compare_streets("Drottninggatan 1", "Drottningg. 1")[:2]
(1, ('abbreviation',))
>>> compare_streets("12 Main St", "14 Main Street")[:2]
(2, ('number',))
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple

from cardvalid._data import read_json
from cardvalid.caches import BoundedCache
from cardvalid.text import INVISIBLE, REORDER, SPACE, Cleaner, kind

SAME, FORM, DIFFERENT = 0, 1, 2

Verdict = tuple[int, tuple[str, ...]]

_SEPARATORS = re.compile(r"[^\w#]+|_+")
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
_APOSTROPHES = "'`\u00b4\u2018\u2019\u02bb\u02bc"
_LETTERS = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i", "ħ": "h",
    "Ħ": "H", "ŧ": "t", "Ŧ": "T",
}  # fmt: skip


def _ascii_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(128):
        char = chr(code)
        if not char.isalnum() and not char.isspace():
            table[code] = " "
    table.update(dict.fromkeys(map(ord, _APOSTROPHES[:2]), None))
    table[ord("#")] = " # "
    return table


_ASCII = _ascii_table()
# The same for ASCII text as bytes (bytes.translate is several times faster).
_ASCII_BYTES = bytes(
    b if chr(b).isalnum() or b == ord("#") else 32 for b in range(256)
)
_ASCII_DELETE = _APOSTROPHES[:2].encode("ascii")


_FOLD_TABLE_SIZE = 65_536
_FOLD_KINDS: Mapping[str, str | None] = MappingProxyType(
    {INVISIBLE: None, REORDER: None, SPACE: " "}
)


class _FoldTable(dict[int, "str | None"]):
    """The fold table; a character not in it is dropped when invisible (`cardvalid.text`)."""

    __slots__ = ()

    def __missing__(self, code: int) -> str | None:
        # Format characters (zero-width, direction) are dropped, blanks (U+3164
        # HANGUL FILLER) separate words, the rest is kept.
        value = _FOLD_KINDS.get(kind(chr(code)), chr(code))
        if len(self) < _FOLD_TABLE_SIZE:
            self[code] = value
        return value


@functools.cache
def _fold_table() -> Mapping[int, str | None]:
    """Latin letters with diacritics -> base letters; invisible marks and apostrophes dropped."""
    table: dict[int, str | None] = _FoldTable(_ASCII)
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            parts = unicodedata.normalize("NFKD", chr(code))
            base = "".join(c for c in parts if not unicodedata.combining(c))
            if base and base != chr(code):
                table[code] = base
    table.update({ord(k): v for k, v in _LETTERS.items()})
    table.update(dict.fromkeys(range(0x0300, 0x0370), None))  # stray combining marks
    table.update(dict.fromkeys(map(ord, _APOSTROPHES), None))
    table[0x034F] = None  # combining grapheme joiner: invisible, and no diacritic
    return table


# -- bounded caches that never hold a card number ------------------------------

_CACHES: list[BoundedCache[Any, Any]] = []
CACHE_SIZE = 4096


def new_cache(maxsize: int = CACHE_SIZE) -> BoundedCache[Any, Any]:
    """A `BoundedCache` that `clear_caches()` empties and `cached_keys()` lists."""
    cache: BoundedCache[Any, Any] = BoundedCache(maxsize)
    _CACHES.append(cache)
    return cache


def cached_keys() -> tuple[object, ...]:
    """Every key held in the comparison caches (for tests and audits)."""
    return tuple(key for cache in _CACHES for key in list(cache))


def clear_caches() -> None:
    """Forget the folded names, address lines, places, postal codes and expiry dates kept."""
    for cache in _CACHES:
        cache.clear()


def tokens(text: str) -> list[str]:
    """Lower-case words without diacritics or punctuation (``#`` kept as a word).

    >>> tokens("  Åsa-Lena  O'Brien\\u200b ")
    ['asa', 'lena', 'obrien']
    >>> tokens("Straße １２")
    ['strasse', '12']
    """
    if text.isascii():
        if "#" in text:
            text = text.replace("#", " # ")
        return text.encode("ascii").translate(_ASCII_BYTES, _ASCII_DELETE).decode().lower().split()
    folded = unicodedata.normalize("NFKC", text).translate(_fold_table()).casefold()
    return _SEPARATORS.sub(" ", folded).split()


def _translit(word: str) -> str:
    """German/Nordic transliterations folded: ``mueller`` -> ``muller``, ``aase`` -> ``ase``."""
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u").replace("aa", "a")


@dataclass(frozen=True, slots=True)
class _Terms:
    street: Mapping[str, tuple[str, str]]  # variant -> (canonical, kind)
    street_noise: frozenset[str]
    unit_words: frozenset[str]
    floor_words: frozenset[str]
    compounds: tuple[tuple[str, str], ...]
    compound_suffixes: tuple[str, ...]
    city: Mapping[str, str]
    titles: frozenset[str]
    suffixes: frozenset[str]


@functools.cache
def _terms() -> _Terms:
    data: dict[str, Any] = read_json("cardvalid", "data", "compare_terms.json")
    street: dict[str, tuple[str, str]] = {}
    units: dict[str, str] = {}  # every unit designator, even one that is also a street word
    for group in data["street"]:
        for canonical, variants in group["terms"].items():
            for word in (canonical, *variants):
                street.setdefault(word, (canonical, group["kind"]))
                if group["kind"] == "unit":
                    units.setdefault(word, canonical)
    for canonical, variants in data["street_words"]["terms"].items():
        for word in variants:
            street.setdefault(word, (canonical, "word"))
    city = {w: c for c, variants in data["city_words"]["terms"].items() for w in variants}
    compounds = tuple((c["suffix"], c["short"]) for c in data["compound_suffixes"])
    return _Terms(
        street=MappingProxyType(street),
        street_noise=frozenset(data["street_noise"]["words"]),
        unit_words=frozenset(units),
        floor_words=frozenset(w for w, canonical in units.items() if canonical == "fl"),
        compounds=compounds,
        compound_suffixes=tuple(suffix for suffix, _ in compounds),
        city=MappingProxyType(city),
        titles=frozenset(data["names"]["titles"]),
        suffixes=frozenset(data["names"]["suffixes"]),
    )


def _relation(a: list[str] | tuple[str, ...], b: list[str] | tuple[str, ...]) -> str | None:
    """How two different word lists are the same words: order, spacing, transliteration."""
    if sorted(a) == sorted(b):
        return "order"
    if "".join(a) == "".join(b):
        return "spacing"
    ta, tb = [_translit(w) for w in a], [_translit(w) for w in b]
    if ta == tb or sorted(ta) == sorted(tb) or "".join(ta) == "".join(tb):
        return "transliteration"
    return None


# -- names -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name as given-names-first words, with its titles and suffixes set apart."""

    words: tuple[str, ...]
    titles: frozenset[str]
    suffixes: frozenset[str]


def _ordered_name(text: str) -> tuple[list[str], set[str]]:
    """Words given names first, and the titles found after a track-1 name.

    ``SURNAME/GIVEN MIDDLE.TITLE`` (ISO/IEC 7813 track 1) and
    ``Surname, Given`` are turned round.
    """
    terms = _terms()
    if "/" in text:
        surname, _, given = text.partition("/")
        given_words = tokens(given)
        titles = set()
        while len(given_words) > 1 and given_words[-1] in terms.titles:
            titles.add(given_words.pop())
        return given_words + tokens(surname), titles
    if text.count(",") == 1:
        surname, _, given = text.partition(",")
        given_words = tokens(given)
        if given_words and not set(given_words) <= terms.suffixes:
            return given_words + tokens(surname), set()
    return tokens(text), set()


_NAMES: BoundedCache[str, NameParts] = new_cache()


def name_parts(text: str) -> NameParts:
    """Split a cardholder name into words, titles and generational suffixes.

    >>> name_parts("SVENSSON/ANNA M.MRS")
    NameParts(words=('anna', 'm', 'svensson'), titles=frozenset({'mrs'}), suffixes=frozenset())
    >>> name_parts("Dr. John Q. Public Jr.").suffixes
    frozenset({'jr'})
    """
    found = _NAMES.get(text)
    return found if found is not None else _NAMES.keep(text, text, _name_parts(text))


def _name_parts(text: str) -> NameParts:
    terms = _terms()
    words, titles = _ordered_name(text)
    suffixes: set[str] = set()
    while len(words) > 1 and words[0] in terms.titles:
        titles.add(words.pop(0))
    while len(words) > 2 and words[-1] in terms.suffixes:
        suffixes.add(words.pop())
    return NameParts(tuple(words), frozenset(titles), frozenset(suffixes))


def _compatible(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _align(a: list[str], b: list[str]) -> list[str] | None:
    """Same first and last name, middle names or initials on one side only."""
    if len(a) < 2 or len(b) < 2 or not _compatible(a[0], b[0]) or a[-1] != b[-1]:
        return None
    short, long = sorted((a[1:-1], b[1:-1]), key=len)
    kinds = [] if a[0] == b[0] else ["initial"]
    matched = 0
    for word in long:
        if matched < len(short) and _compatible(short[matched], word):
            if short[matched] != word and "initial" not in kinds:
                kinds.append("initial")
            matched += 1
    if matched < len(short):
        return None
    if len(short) != len(long):
        kinds.append("middle_name")
    return kinds


def _aligned(a: list[str], b: list[str]) -> list[str] | None:
    found = _align(a, b)
    if found is not None:
        return found
    # family name first on either side: "Svensson Anna M" for "Anna M Svensson"
    found = _align(a[1:] + a[:1], b) if len(a) > 1 else None
    if found is None and len(b) > 1:
        found = _align(a, b[1:] + b[:1])
    return None if found is None else ["order", *found]


def _name_words_relation(a: tuple[str, ...], b: tuple[str, ...]) -> list[str] | None:
    found = _relation(a, b)
    if found is not None:
        return [found]
    aligned = _aligned(list(a), list(b))
    if aligned is not None:
        return aligned or ["layout"]
    ta, tb = [_translit(w) for w in a], [_translit(w) for w in b]
    aligned = _aligned(ta, tb)
    if aligned is not None:
        return [*aligned, "transliteration"]
    shorter, longer = sorted((ta, tb), key=len)
    if len(shorter) >= 2 and len(longer) == len(shorter) + 1 and longer[:-1] == shorter:
        return ["second_surname"]  # "María García" for "María García López"
    return None


def compare_names(entered: str, on_file: str) -> Verdict:
    """Compare two cardholder names.

    >>> compare_names("Anna Svensson", "ANNA SVENSSON")
    (0, ())
    >>> compare_names("Anna Svensson", "Anna Karlsson")
    (2, ())
    >>> compare_names("A. Svensson", "Anna Svensson")
    (1, ('initial',))
    """
    if entered == on_file:
        return SAME, ()
    a, b = name_parts(entered), name_parts(on_file)
    kinds: list[str] = []
    if a.titles != b.titles:
        kinds.append("title")
    if a.suffixes != b.suffixes:
        if a.suffixes and b.suffixes:
            return DIFFERENT, ("suffix",)
        kinds.append("suffix")
    if a.words != b.words:
        relation = _name_words_relation(a.words, b.words)
        if relation is None:
            return DIFFERENT, ()
        kinds.extend(k for k in relation if k not in kinds)
    return (FORM, tuple(kinds)) if kinds else (SAME, ())


# -- street lines ------------------------------------------------------------


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


_STREETS: BoundedCache[str, StreetParts] = new_cache()


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


def _street_numbers(a: StreetParts, b: StreetParts) -> list[str] | str:
    """Form differences of house numbers and units, or the kind of a real difference.

    House numbers and unit numbers are never mixed: ``12 Main St Apt 3`` and
    ``3 Main St Apt 12`` are different addresses. Only two spellings of the
    same unit are recognised: Canada Post's ``104-2701`` for ``2701 ... Unit
    104``, and a bare trailing number for a designated unit (``12 Main St 3``).
    """
    if a.numbers == b.numbers:
        if a.units == b.units:
            return []
        return "unit" if a.units and b.units else ["unit"]
    for x, y in ((a, b), (b, a)):
        if x.units or not y.units or not y.numbers:
            continue
        if x.unit_prefix and y.units == (x.unit_prefix,) and x.numbers[1:] == y.numbers:
            return ["unit"]  # "104-2701 23rd Ave" = "2701 23rd Ave Unit 104"
        if x.numbers == y.numbers + y.units:
            return ["unit"]  # "Storgatan 12 1102" = "Storgatan 12 lgh 1102"
    return "number"


def _street_words(a: StreetParts, b: StreetParts) -> str | None:
    if a.words == b.words:
        return "abbreviation" if a.raw_words != b.raw_words else ""
    found = _relation(a.words, b.words)
    if found is not None:
        return found
    if a.core == b.core and (a.types <= b.types or b.types <= a.types):
        return "street_type"  # "Main" for "Main St", "Main St" for "N Main St"
    return None


def compare_streets(entered: str, on_file: str) -> tuple[int, tuple[str, ...], bool]:
    """Compare two street lines: ``(level, differences, numbers_match)``.

    `numbers_match` is what address verification looks at: the digits of the
    house numbers (a unit, a house letter and the street name are not seen).

    >>> compare_streets("1600 Pennsylvania Ave NW", "1600 PENNSYLVANIA AVENUE N.W.")
    (1, ('abbreviation',), True)
    >>> compare_streets("Rua Augusta, 1500", "R. Augusta 1500")
    (1, ('abbreviation',), True)
    >>> compare_streets("1 Elm St", "1 Oak St")
    (2, ('street',), True)
    >>> compare_streets("Storgatan 1A", "Storgatan 1E")
    (2, ('number',), True)
    >>> compare_streets("12 Main St Apt 3", "3 Main St Apt 12")
    (2, ('number',), False)
    """
    if entered == on_file:
        return SAME, (), True
    a, b = street_parts(entered), street_parts(on_file)
    if a.tokens == b.tokens:
        return SAME, (), True
    numbers = _street_numbers(a, b)
    if numbers == "number":
        return DIFFERENT, ("number",), a.digits == b.digits
    if isinstance(numbers, str):
        return DIFFERENT, (numbers,), True  # another unit: the house number matched
    words = _street_words(a, b)
    if words is None:
        return DIFFERENT, ("street",), True
    kinds = [*numbers, words] if words else numbers
    return FORM, tuple(kinds) if kinds else ("layout",), True


# -- cities and other short names ----------------------------------------------


_PLACES: BoundedCache[str, tuple[tuple[str, ...], tuple[str, ...]]] = new_cache()


def place_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A place name's words, and the same with Saint/St-style words folded.

    >>> place_words("Sainte-Foy")
    (('sainte', 'foy'), ('ste', 'foy'))
    """
    found = _PLACES.get(text)
    if found is not None:
        return found
    words = tokens(text)
    city = _terms().city
    return _PLACES.keep(text, text, (tuple(words), tuple([city.get(w, w) for w in words])))


def compare_places(entered: str, on_file: str) -> Verdict:
    """Compare two city (or state, or country) names.

    >>> compare_places("Saint-Louis", "ST. LOUIS"), compare_places("Düsseldorf", "Duesseldorf")
    ((1, ('abbreviation',)), (1, ('transliteration',)))
    >>> compare_places("Malmö", "MALMO"), compare_places("Malmö", "Lund")
    ((0, ()), (2, ()))
    """
    if entered == on_file:
        return SAME, ()
    (a, ca), (b, cb) = place_words(entered), place_words(on_file)
    if a == b:
        return SAME, ()
    if ca == cb:
        return FORM, ("abbreviation",)
    found = _relation(ca, cb)
    return (FORM, (found,)) if found is not None else (DIFFERENT, ())

