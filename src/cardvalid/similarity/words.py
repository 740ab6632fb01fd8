"""What every comparison shares: the verdict, word folding, the term lists, word relations.

>>> tokens("  Åsa-Lena  O'Brien\u200b "), Level.FORM.value
(['asa', 'lena', 'obrien'], 'form')
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cardvalid._data import read_json
from cardvalid.text import INVISIBLE, REORDER, SPACE, kind


class Level(enum.Enum):
    """How alike two spellings are."""

    SAME = "same"  # equal once case, spacing, punctuation and diacritics are folded
    FORM = "form"  # the same thing written another way
    DIFFERENT = "different"


SAME, FORM, DIFFERENT = Level.SAME, Level.FORM, Level.DIFFERENT

Verdict = tuple[Level, tuple[str, ...]]
"""A level and the kinds of form difference found (``"order"``, ``"initial"`` ...)."""

_SEPARATORS = re.compile(r"[^\w#]+|_+")
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

CACHE_SIZE = 4096


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
