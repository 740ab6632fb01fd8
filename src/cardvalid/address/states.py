"""Subdivisions: any spelling of a state, province or prefecture to its canonical code.

First Google's own spellings (codes, local, Latin and other-language names),
exact then folded (NFKC, casefold, marks stripped); then, only on a miss,
pycountry's ISO 3166-2 names and their Swedish translations, built once per
country. For countries without subdivisions in Google's data (Germany,
Sweden...), pycountry's ISO 3166-2 codes are the canonical codes.

>>> [resolve_state("CA", v) for v in ("QC", "qc", "Québec", "Quebec", "Que\\u0301bec", "CA-QC")]
['QC', 'QC', 'QC', 'QC', 'QC', 'QC']
>>> resolve_state("US", "Kalifornien"), resolve_state("JP", "東京都"), resolve_state("JP", "tokyo")
('CA', '13', '13')
>>> resolve_state("DE", "Bayern"), resolve_state("US", "Atlantis")
('BY', None)
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from cardvalid.address._text import CAPS, fold
from cardvalid.address.countries import country_code, translator
from cardvalid.address.rules import Rules, rules_for, short_form

_BRACKETED = re.compile(r"\s*\[([^\]]*)\]")


def resolve_state(country: str | None, value: str | None) -> str | None:
    """The canonical subdivision code for any accepted spelling; None if unknown."""
    if value is not None and not isinstance(value, str):
        raise TypeError(f"state must be str or None, not {type(value).__name__}")
    code = country_code(country)
    if code is None or value is None or len(value) > CAPS["state"]:
        return None
    return lookup_state(rules_for(code), value)


def lookup_state(rules: Rules, value: str) -> str | None:
    """`resolve_state` for compiled rules and a capped value."""
    found = rules.exact.get(value)
    if found is not None:
        return found
    key = fold(_without_joiners(value))
    if not key:
        return None
    folded = rules.folded
    found = folded.get(key) or _pycountry_states(rules.country).get(key)
    if found is None:  # "D.C." -> "dc"; "County Dublin" -> "dublin"
        found = folded.get(key.replace(" ", "")) or folded.get(short_form(rules.country, key))
    return found


def _without_joiners(value: str) -> str:
    """`value` without zero-width joiners and non-joiners.

    In Indic scripts they only choose how a conjunct is drawn (`क्‍ष` and `क्ष`
    are the same letters), so a name typed with one is the same name.
    """
    if value.isascii():
        return value
    return value.replace("\u200d", "").replace("\u200c", "")


@functools.cache
def _pycountry_states(country: str) -> Mapping[str, str]:
    """Folded pycountry names (English, Swedish) and ISO codes -> our canonical code."""
    rules = rules_for(country)
    by_iso = _google_by_iso(rules)
    found: dict[str, set[str]] = defaultdict(set)
    for sub in _pycountry_subdivisions(country):
        suffix = sub.code.split("-", 1)[1]
        code = by_iso.get(suffix) if rules.subs else suffix
        if code is None:
            continue  # e.g. Italy's regions, where Google lists provinces
        for spelling in _spellings(sub):
            found[fold(spelling)].add(code)
    table = {key: next(iter(codes)) for key, codes in found.items() if len(codes) == 1}
    table.pop("", None)
    return MappingProxyType(table)


def _google_by_iso(rules: Rules) -> dict[str, str]:
    table: dict[str, str] = {}
    for sub in rules.subs:
        for code in (sub.iso, sub.former_code, sub.key):
            if code:
                table.setdefault(code, sub.code)
    return table


def _pycountry_subdivisions(country: str) -> list[Any]:
    import pycountry  # noqa: PLC0415  (lazy: 40 ms import, 25 ms for the subdivisions)

    found: Any = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    return list(found or ())


def _spellings(sub: Any) -> Iterator[str]:
    swedish = translator("iso3166-2", "sv")
    name: str = sub.name
    yield sub.code
    yield sub.code.split("-", 1)[1]
    for variant in (name, swedish(name)):
        yield variant
        yield _BRACKETED.sub("", variant)
        yield from _BRACKETED.findall(variant)


@functools.cache
def subdivision_name(country: str, code: str, locale: str) -> str:
    """A subdivision's name in `locale` (English or Swedish) where pycountry has one.

    English is Google's Latin-script name (or pycountry's when Google has only
    a local script); Swedish is pycountry's translation, else the English.
    """
    rules = rules_for(country)
    sub = rules.by_code[code]
    english = sub.latin_name or sub.name
    iso = sub.iso or sub.key
    pyc = next((s for s in _pycountry_subdivisions(country) if s.code == f"{country}-{iso}"), None)
    if pyc is not None and not _is_latin(english):
        english = pyc.name
    if locale == "en" or pyc is None:
        return english
    translated = str(translator("iso3166-2", locale)(pyc.name))
    # The catalogs share msgids: the US state Georgia would take the country's
    # Swedish name ("Georgien"). A translation that is a country's is not the state's.
    if translated == pyc.name or translated == translator("iso3166-1", locale)(pyc.name):
        return english
    return translated


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)
