"""Cities, states and other short place names: Saint/St. folded, transliterations seen.

>>> compare_places("Sainte-Foy", "Ste Foy")[0].value
'form'
"""

from __future__ import annotations

from cardvalid.caches import BoundedCache
from cardvalid.similarity.words import (
    CACHE_SIZE,
    DIFFERENT,
    FORM,
    SAME,
    Verdict,
    _relation,
    _terms,
    tokens,
)

_PLACES: BoundedCache[str, tuple[tuple[str, ...], tuple[str, ...]]] = BoundedCache(CACHE_SIZE)


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


def same_place(entered: str, on_file: str) -> bool:
    """True when two place names are the same words (case, accents and punctuation aside).

    >>> same_place("Illinois", "ILLINOIS"), same_place("Illinois", "IL")
    (True, False)
    """
    return entered == on_file or place_words(entered)[0] == place_words(on_file)[0]


def compare_places(entered: str, on_file: str) -> Verdict:
    """Compare two city (or state, or country) names.

    >>> compare_places("Saint-Louis", "ST. LOUIS"), compare_places("Düsseldorf", "Duesseldorf")
    ((<Level.FORM: 'form'>, ('abbreviation',)), (<Level.FORM: 'form'>, ('transliteration',)))
    >>> compare_places("Malmö", "MALMO")[0].value, compare_places("Malmö", "Lund")[0].value
    ('same', 'different')
    """
    if same_place(entered, on_file):
        return SAME, ()
    (_, ca), (_, cb) = place_words(entered), place_words(on_file)
    if ca == cb:
        return FORM, ("abbreviation",)
    found = _relation(ca, cb)
    return (FORM, (found,)) if found is not None else (DIFFERENT, ())
