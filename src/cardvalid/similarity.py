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
- `DIFFERENT`: anything else; another house number is always different.

Each comparison returns ``(level, differences)``: the kinds of form
differences found (``"order"``, ``"initial"``, ``"abbreviation"`` ...).
Word lists live in ``data/compare_terms.json`` with their sources.

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
from typing import Any

from cardvalid._data import read_json

SAME, FORM, DIFFERENT = 0, 1, 2

Verdict = tuple[int, tuple[str, ...]]

_SEPARATORS = re.compile(r"[^\w#]+|_+")
_RUNS = re.compile(r"\d+|[^\W\d_]+")
_ORDINALS = frozenset({"st", "nd", "rd", "th", "e", "er", "re", "o", "a"})
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c"
    "\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
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


@functools.cache
def _fold_table() -> Mapping[int, str | None]:
    """Latin letters with diacritics -> base letters; invisible marks and apostrophes dropped."""
    table: dict[int, str | None] = dict(_ASCII)
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            parts = unicodedata.normalize("NFKD", chr(code))
            base = "".join(c for c in parts if not unicodedata.combining(c))
            if base and base != chr(code):
                table[code] = base
    table.update({ord(k): v for k, v in _LETTERS.items()})
    table.update(dict.fromkeys(range(0x0300, 0x0370), None))  # stray combining marks
    table.update(dict.fromkeys(map(ord, _INVISIBLE + _APOSTROPHES), None))
    return MappingProxyType(table)


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
    compounds: tuple[tuple[str, str], ...]
    compound_suffixes: tuple[str, ...]
    city: Mapping[str, str]
    titles: frozenset[str]
    suffixes: frozenset[str]


@functools.cache
def _terms() -> _Terms:
    data: dict[str, Any] = read_json("cardvalid", "data", "compare_terms.json")
    street: dict[str, tuple[str, str]] = {}
    for group in data["street"]:
        for canonical, variants in group["terms"].items():
            for word in (canonical, *variants):
                street.setdefault(word, (canonical, group["kind"]))
    for canonical, variants in data["street_words"]["terms"].items():
        for word in variants:
            street.setdefault(word, (canonical, "word"))
    city = {w: c for c, variants in data["city_words"]["terms"].items() for w in variants}
    compounds = tuple((c["suffix"], c["short"]) for c in data["compound_suffixes"])
    return _Terms(
        street=MappingProxyType(street),
        street_noise=frozenset(data["street_noise"]["words"]),
        unit_words=frozenset(w for w, (_, kind) in street.items() if kind == "unit"),
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


@functools.lru_cache(maxsize=4096)
def name_parts(text: str) -> NameParts:
    """Split a cardholder name into words, titles and generational suffixes.

    >>> name_parts("SVENSSON/ANNA M.MRS")
    NameParts(words=('anna', 'm', 'svensson'), titles=frozenset({'mrs'}), suffixes=frozenset())
    >>> name_parts("Dr. John Q. Public Jr.").suffixes
    frozenset({'jr'})
    """
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


@dataclass(frozen=True, slots=True)
class StreetParts:
    """A street line split into house numbers, unit, words and street types."""

    tokens: tuple[str, ...]
    numbers: tuple[str, ...]
    units: tuple[str, ...]
    words: tuple[str, ...]
    raw_words: tuple[str, ...]
    core: tuple[str, ...]
    types: frozenset[str]

    @property
    def all_numbers(self) -> tuple[str, ...]:
        """Every number of the line, units included, in a fixed order."""
        digits = [u for u in self.units if u[:1].isdecimal()]
        return tuple(sorted((*self.numbers, *digits)))


def _number(word: str) -> str:
    return (word.lstrip("0") or "0") if word.isascii() else str(int(word))


def _compound(word: str, compounds: tuple[tuple[str, str], ...]) -> str:
    for suffix, short in compounds:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)] + short
    return word


def _is_unit_value(word: str) -> bool:
    return word != "#" and (len(word) == 1 or any(c.isdecimal() for c in word))


def _split_runs(word: str) -> list[str]:
    """``"23rd"`` -> ``["23"]``, ``"12b"`` -> ``["12", "b"]``, ``"銀座1"`` -> ``["銀座", "1"]``."""
    runs = _RUNS.findall(word)
    out: list[str] = []
    for i, run in enumerate(runs):
        if i and run in _ORDINALS and runs[i - 1].isdecimal():
            continue
        out.append(run)
    return out


def _take_units(words: list[str], terms: _Terms) -> tuple[list[str], list[str]]:
    """Split unit designators and their values off: ``apt 4b``, ``# 12``, ``lgh 1102``."""
    if "#" not in words and terms.unit_words.isdisjoint(words):
        return words, []
    rest: list[str] = []
    units: list[str] = []
    i, count = 0, len(words)
    while i < count:
        word = words[i]
        if word == "#" or word in terms.unit_words:
            j = i + 2 if i + 1 < count and words[i + 1] == "#" else i + 1  # "Apt # 4"
            if j < count and _is_unit_value(words[j]):
                units.append(_number(words[j]) if words[j].isdecimal() else words[j])
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


@functools.lru_cache(maxsize=4096)
def street_parts(text: str) -> StreetParts:
    """Split a street line (line 1 and line 2 joined) into its parts.

    >>> p = street_parts("123 N. Main Street, Apt #4B")
    >>> p.numbers, p.units, p.words, sorted(p.types)
    (('123',), ('4b',), ('n', 'main', 'st'), ['n', 'st'])
    """
    terms = _terms()
    words = _join_directionals(tokens(text))
    rest, units = _take_units(words, terms)
    numbers: list[str] = []
    raw: list[str] = []
    for word in rest:
        if word.isdecimal():
            numbers.append(_number(word))
        elif word.isalpha():
            raw.append(word)
        else:
            for run in _split_runs(word):
                if run.isdecimal():
                    numbers.append(_number(run))
                else:
                    raw.append(run)
    raw = [word for word in raw if word not in terms.street_noise]
    canonical, core, types = _street_words_of(raw, terms)
    return StreetParts(
        tokens=tuple(words),
        numbers=tuple(numbers),
        units=tuple(units),
        words=canonical,
        raw_words=tuple(raw),
        core=core,
        types=types,
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
    """Form differences of house numbers and units, or the kind of a real difference."""
    if a.numbers == b.numbers:
        if a.units == b.units:
            return []
        return "unit" if a.units and b.units else ["unit"]
    if (a.units or b.units) and a.all_numbers == b.all_numbers:
        return ["unit"]  # "104-2701 23rd Ave" = "2701 23rd Ave Unit 104"
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

    `numbers_match` is what address verification looks at: the house numbers.

    >>> compare_streets("1600 Pennsylvania Ave NW", "1600 PENNSYLVANIA AVENUE N.W.")
    (1, ('abbreviation',), True)
    >>> compare_streets("Rua Augusta, 1500", "R. Augusta 1500")
    (1, ('abbreviation',), True)
    >>> compare_streets("1 Elm St", "1 Oak St")
    (2, ('street',), True)
    """
    if entered == on_file:
        return SAME, (), True
    a, b = street_parts(entered), street_parts(on_file)
    if a.tokens == b.tokens:
        return SAME, (), True
    numbers = _street_numbers(a, b)
    if isinstance(numbers, str):
        return DIFFERENT, (numbers,), numbers == "unit"
    words = _street_words(a, b)
    if words is None:
        return DIFFERENT, ("street",), True
    kinds = [*numbers, words] if words else numbers
    return FORM, tuple(kinds) if kinds else ("layout",), True


# -- cities and other short names ----------------------------------------------


@functools.lru_cache(maxsize=4096)
def place_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A place name's words, and the same with Saint/St-style words folded.

    >>> place_words("Sainte-Foy")
    (('sainte', 'foy'), ('ste', 'foy'))
    """
    words = tokens(text)
    city = _terms().city
    return tuple(words), tuple([city.get(w, w) for w in words])


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


def clear_caches() -> None:
    """Forget the folded names and address lines kept for speed (bounded LRU caches)."""
    for cached in (name_parts, street_parts, place_words):
        cached.cache_clear()
