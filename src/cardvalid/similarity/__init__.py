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

Each comparison returns ``(level, differences)``: a `Level` and the kinds of
form differences found (``"order"``, ``"initial"``, ``"abbreviation"`` ...).
One module per thing compared: `names`, `streets`, `places`; what they share
(folding, term lists, `Level`) is in `words`.
Word lists live in ``data/compare_terms.json`` with their sources. The
folded forms are kept in `BoundedCache`s (`cardvalid.caches`) that refuse any
long text and any text that looks like a card number (`clear_caches()`, `cached_keys()`).

>>> compare_names("SVENSSON/ANNA M.MRS", "Anna Svensson")
(<Level.FORM: 'form'>, ('title', 'middle_name'))
>>> compare_streets("12 Main St", "14 Main Street")[:2]
(<Level.DIFFERENT: 'different'>, ('number',))
"""

from __future__ import annotations

from cardvalid.caches import cached_keys, clear_caches
from cardvalid.similarity.names import NameParts, compare_names, name_parts
from cardvalid.similarity.places import compare_places, place_words, same_place
from cardvalid.similarity.streets import StreetParts, compare_streets, street_parts
from cardvalid.similarity.words import (
    CACHE_SIZE,
    DIFFERENT,
    FORM,
    SAME,
    Level,
    Verdict,
    tokens,
)

__all__ = [
    "CACHE_SIZE",
    "DIFFERENT",
    "FORM",
    "SAME",
    "Level",
    "NameParts",
    "StreetParts",
    "Verdict",
    "cached_keys",
    "clear_caches",
    "compare_names",
    "compare_places",
    "compare_streets",
    "name_parts",
    "place_words",
    "same_place",
    "street_parts",
    "tokens",
]
