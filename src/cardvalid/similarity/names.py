"""Cardholder names: the same person written another way, or another person.

>>> compare_names("SVENSSON/ANNA M.MRS", "Anna Svensson")
(<Level.FORM: 'form'>, ('title', 'middle_name'))
"""

from __future__ import annotations

from dataclasses import dataclass

from cardvalid.caches import BoundedCache
from cardvalid.similarity.words import (
    CACHE_SIZE,
    DIFFERENT,
    FORM,
    SAME,
    Verdict,
    _relation,
    _terms,
    _translit,
    tokens,
)


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


_NAMES: BoundedCache[str, NameParts] = BoundedCache(CACHE_SIZE)


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
    (<Level.SAME: 'same'>, ())
    >>> compare_names("Anna Svensson", "Anna Karlsson")
    (<Level.DIFFERENT: 'different'>, ())
    >>> compare_names("A. Svensson", "Anna Svensson")
    (<Level.FORM: 'form'>, ('initial',))
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
