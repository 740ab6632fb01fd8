"""Countries: any common spelling to ISO 3166-1 alpha-2, and names in a locale.

A plain alpha-2 code is answered from a table of Google's region codes
without loading anything else; every other spelling (alpha-3, numeric, English
or Swedish name, common aliases) goes through a table built once from
`pycountry` and its Swedish translations, keyed by `fold()`.

>>> [country_code(v) for v in ("se", "SWE", "752", "Sverige", "Tyskland", "USA", "U.K.")]
['SE', 'SE', 'SE', 'SE', 'DE', 'US', 'GB']
>>> country_code("Atlantis") is None
True
>>> country_name("DE", "sv"), country_name("US", "en")
('Tyskland', 'United States')
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from cardvalid.address._text import CAPS, fold
from cardvalid.address.data import google_countries

# Aliases beyond pycountry's names (alias, alpha-2, source). Sources:
#   ISO: ISO 3166-1 exceptional reservations (UK for the United Kingdom) and
#        ISO 3166-2:GB for its constituent countries, https://www.iso.org/obp/ui/#iso:code:3166:GB
#   CLDR: Unicode CLDR territory names, the English short/variant forms and each
#        country's name in its own language, https://cldr.unicode.org/ (common/main/*.xml)
#   GOOGLE: the region names in Google's address metadata (AC, TA, XK are not in ISO 3166-1)
ALIASES: tuple[tuple[str, str, str], ...] = (
    ("UK", "GB", "ISO"), ("Great Britain", "GB", "ISO"), ("Britain", "GB", "CLDR"),
    ("England", "GB", "ISO"), ("Scotland", "GB", "ISO"), ("Wales", "GB", "ISO"),
    ("Northern Ireland", "GB", "ISO"), ("Storbritannien", "GB", "CLDR"),
    ("USA", "US", "CLDR"), ("US", "US", "CLDR"), ("United States of America", "US", "CLDR"),
    ("America", "US", "CLDR"), ("Förenta staterna", "US", "CLDR"),
    ("Holland", "NL", "CLDR"), ("Nederland", "NL", "CLDR"),
    ("Democratic Republic of the Congo", "CD", "UN"), ("DR Congo", "CD", "CLDR"),
    ("Republic of Ireland", "IE", "CLDR"), ("Republic of Macedonia", "MK", "UN"),
    ("Deutschland", "DE", "CLDR"), ("Österreich", "AT", "CLDR"), ("Schweiz", "CH", "CLDR"),
    ("Suisse", "CH", "CLDR"), ("Svizzera", "CH", "CLDR"), ("Norge", "NO", "CLDR"),
    ("Danmark", "DK", "CLDR"), ("Suomi", "FI", "CLDR"), ("Ísland", "IS", "CLDR"),
    ("España", "ES", "CLDR"), ("Italia", "IT", "CLDR"), ("Polska", "PL", "CLDR"),
    ("België", "BE", "CLDR"), ("Belgique", "BE", "CLDR"), ("Éire", "IE", "CLDR"),
    ("Česko", "CZ", "CLDR"), ("Czech Republic", "CZ", "CLDR"), ("Magyarország", "HU", "CLDR"),
    ("Brasil", "BR", "CLDR"), ("Russia", "RU", "CLDR"), ("Ryssland", "RU", "CLDR"),
    ("Россия", "RU", "CLDR"), ("South Korea", "KR", "CLDR"), ("대한민국", "KR", "CLDR"),
    ("North Korea", "KP", "CLDR"), ("日本", "JP", "CLDR"), ("中国", "CN", "CLDR"),
    ("Vietnam", "VN", "CLDR"), ("Laos", "LA", "CLDR"), ("Syria", "SY", "CLDR"),
    ("Moldova", "MD", "CLDR"), ("Tanzania", "TZ", "CLDR"), ("Venezuela", "VE", "CLDR"),
    ("Bolivia", "BO", "CLDR"), ("Iran", "IR", "CLDR"), ("Turkey", "TR", "CLDR"),
    ("Macedonia", "MK", "CLDR"), ("Swaziland", "SZ", "CLDR"), ("Ivory Coast", "CI", "CLDR"),
    ("Vatican", "VA", "CLDR"), ("Vatican City", "VA", "CLDR"), ("Cape Verde", "CV", "CLDR"),
    ("Burma", "MM", "CLDR"), ("East Timor", "TL", "CLDR"), ("Taiwan", "TW", "CLDR"),
    ("UAE", "AE", "CLDR"), ("Hong Kong", "HK", "CLDR"), ("Macau", "MO", "CLDR"),
    ("Palestine", "PS", "CLDR"), ("Micronesia", "FM", "CLDR"), ("Brunei", "BN", "CLDR"),
    ("Ascension Island", "AC", "GOOGLE"), ("Tristan da Cunha", "TA", "GOOGLE"),
    ("Kosovo", "XK", "GOOGLE"),
)
_NAME_ATTRIBUTES = ("name", "official_name", "common_name")


@functools.cache
def _codes() -> Mapping[str, str]:
    table: dict[str, str] = {}
    for code in google_countries():
        table[code] = code
        table[code.lower()] = code
    return MappingProxyType(table)


def country_code(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for a code (alpha-2, alpha-3, numeric) or a name; None if unknown."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"country must be str or None, not {type(value).__name__}")
    found = _codes().get(value)
    if found is not None:
        return found
    if len(value) > CAPS["country"]:  # no country name is this long: no work on 10 MB
        return None
    key = fold(value)
    if not key:
        return None
    names = _names()
    found = _codes().get(key) or names.get(key) or names.get(key.replace(" ", ""))
    if found is None:
        # "the Netherlands", "Republic of Korea": a leading article, or the
        # natural order of a name ISO writes inverted ("Korea, Republic of").
        stripped = key.removeprefix("the ")
        found = names.get(stripped) or names.get(_inverted(stripped))
    return found


_INVERTED_HEADS = ("republic of ", "islamic republic of ", "united republic of ")


def _inverted(key: str) -> str:
    """`"korea republic of"` for `"republic of korea"` (ISO's inverted form)."""
    for head in _INVERTED_HEADS:
        if key.startswith(head):
            return f"{key.removeprefix(head)} {head.strip()}"
    return key


@functools.cache
def _names() -> Mapping[str, str]:
    import pycountry  # noqa: PLC0415  (lazy: about 40 ms to import)

    table: dict[str, str] = {}
    english: list[tuple[str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        table[fold(country.alpha_3)] = code
        table[country.numeric] = code
        table[country.numeric.lstrip("0")] = code
        english.extend((name, code) for name in _country_names(country))
    swedish = _translator("iso3166-1", "sv")
    for name, code in english:
        table.setdefault(fold(name), code)
        table.setdefault(fold(swedish(name)), code)
    for alias, code, _source in ALIASES:
        table.setdefault(fold(alias), code)
    return MappingProxyType(table)


def _country_names(country: Any) -> Iterator[str]:
    for attribute in _NAME_ATTRIBUTES:
        name = getattr(country, attribute, None)
        if isinstance(name, str):
            yield name


@functools.cache
def _translator(domain: str, locale: str) -> Any:
    """`gettext` for one of pycountry's ISO domains in `locale` (identity for English)."""
    if locale == "en":
        return str
    import gettext  # noqa: PLC0415

    import pycountry  # noqa: PLC0415

    try:
        catalog = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale])
    except OSError:
        return str
    return catalog.gettext


def translator(domain: str, locale: str) -> Any:
    """Public wrapper of the cached pycountry translator (used for subdivision names)."""
    return _translator(domain, locale)


@functools.cache
def country_name(code: str, locale: str = "en") -> str:
    """The country's short name in `locale` (English or Swedish), from pycountry.

    Regions outside ISO 3166-1 (AC, TA, XK) get the name in our aliases; an
    unknown code comes back as it is. Anything but a `str` raises TypeError.

    >>> country_name("SE"), country_name("SE", "sv"), country_name("XK")
    ('Sweden', 'Sverige', 'Kosovo')
    """
    if not isinstance(code, str):
        raise TypeError(f"code must be a str, not {type(code).__name__}")
    import pycountry  # noqa: PLC0415

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return next((alias for alias, c, src in ALIASES if c == code and src == "GOOGLE"), code)
    name: str = country.name
    return str(_translator("iso3166-1", locale)(name))
