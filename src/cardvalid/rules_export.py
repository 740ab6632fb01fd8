"""The server's rules as one JSON document, so a front end checks as the person types.

`export_rules()` reads the rules from where the checks keep them — the brand
table (`brands.BRANDS`), the number and expiry readers' constants, the one
text cleaner's kinds of characters (`text.kind_ranges`) and each field's
`Cleaner`, each country's compiled address rules, the reason catalog and the
gettext messages — and returns a JSON-ready dict with sorted keys. Nothing here is a
second copy of a rule: regenerate the file whenever the package changes
(`cardvalid export-rules -o rules.json`); `data_version` says which data it holds.

Regular expressions are given as JavaScript sources (`new RegExp(source)`),
translated from Python's syntax where the two differ (`(?P<name>` becomes
`(?<name>`; Python's ASCII `\\s` becomes its explicit class).
Message templates keep their `{param}` placeholders; a list param is joined
with the locale's `list.or` word ("13, 16 or 19").

>>> rules = export_rules(locales=("sv",))
>>> rules["brands"]["rows"][0]["brand"], rules["brands"]["rows"][0]["prefixes"]
('visa', ['4'])
>>> rules["countries"]["SE"]["postal_code"]["examples"][0]
'114 55'
>>> rules["messages"]["sv"]["_list"], sorted(rules["expiry"])[:2]
({'and': 'och', 'or': 'eller'}, ['max_length', 'max_years'])
>>> rules["text"]["cleaners"]["expiry"]["rules"]["slash"], rules["text"]["kinds"][0]
('/', [9, 13, 'space'])
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from cardvalid import digits as _digits
from cardvalid import expiry as _expiry
from cardvalid import number as _number
from cardvalid import text as _text
from cardvalid._version import DATA_VERSION
from cardvalid.address import CAPS, country_name, country_rules
from cardvalid.address._text import _POSTAL
from cardvalid.address.data import google_countries
from cardvalid.address.rules import rules_for
from cardvalid.brands import BRANDS, DEFAULT_GAPS, PREFIX_DIGITS, BrandRow
from cardvalid.codes import REASONS
from cardvalid.messages import lookup, normalize_locale
from cardvalid.model import Brand, Checklist, Severity
from cardvalid.prefix_pattern import prefix_pattern

__all__ = ["FORMAT_VERSION", "dumps", "export_rules", "js_regex"]

FORMAT_VERSION = 2
"""The layout of the exported document; bumped when a key changes meaning."""

_ASCII_SPACE = "[ \\t\\n\\r\\f\\v]"  # Python's `\s` under re.ASCII


def js_regex(pattern: str, *, ascii_classes: bool = True) -> str:
    """A Python regex source as a JavaScript one (named groups, ASCII `\\s`).

    Raises ValueError for a construct the two engines read differently.

    >>> js_regex("(?P<s0>)\\\\d{3}\\\\s*")
    '(?<s0>)\\\\d{3}[ \\\\t\\\\n\\\\r\\\\f\\\\v]*'
    """
    if re.search(r"\(\?[aiLmsux]|\\[AZ]|\(\?P=|\(\?#|\\[0-7]{3}", pattern):
        raise ValueError(f"pattern uses syntax JavaScript reads differently: {pattern!r}")
    out = pattern.replace("(?P<", "(?<")
    if ascii_classes:
        out = re.sub(r"(?<!\\)((?:\\\\)*)\\s", lambda m: m.group(1) + _ASCII_SPACE, out)
    return out


def export_rules(*, locales: Iterable[str] = ("en", "sv")) -> dict[str, Any]:
    """Everything a front end needs to check card details as the server does.

    `locales` picks the languages of the messages and names (each read with
    `normalize_locale`, so unknown ones fall back to English). The result is
    JSON-ready; `dumps()` writes it with sorted keys.
    """
    if isinstance(locales, str) or not isinstance(locales, Iterable):
        raise TypeError("locales must be an iterable of locale names (str)")
    names = tuple(locales)
    if not all(isinstance(name, str) for name in names):
        raise TypeError("locales must hold locale names (str)")
    chosen = tuple(dict.fromkeys(normalize_locale(name) for name in names))
    if not chosen:
        raise ValueError("locales must name at least one locale")
    return {
        "format_version": FORMAT_VERSION,
        "data_version": dict(DATA_VERSION),
        "locales": list(chosen),
        "checklist": [item.value for item in Checklist],
        "severities": [s.value for s in Severity],
        "reasons": _reasons(),
        "messages": {loc: _messages(loc) for loc in chosen},
        "brands": _brands(),
        "number": _number_rules(),
        "cvc": {"sizes": list(_number.CVC_SIZES), "max_input": _number.CVC_MAX_INPUT},
        "expiry": _expiry_rules(),
        "text": _text_rules(),
        "countries": _countries(chosen),
    }


def dumps(rules: dict[str, Any]) -> str:
    """The document as deterministic JSON text: sorted keys, UTF-8, no spaces after separators.

    >>> dumps({"b": 1, "a": [1, 2]})
    '{"a":[1,2],"b":1}'
    """
    return json.dumps(rules, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# ---------------------------------------------------------------- catalog


def _reasons() -> dict[str, Any]:
    return {
        code: {
            "field": reason.field.value,
            "checklist": reason.checklist.value,
            "severity": reason.severity.value,
        }
        for code, reason in REASONS.items()
    }


def _messages(locale: str) -> dict[str, Any]:
    """Raw templates per code (English where the locale lacks one), and the list words."""
    texts: dict[str, Any] = {
        code: {
            "message": lookup("message", code, locale) or code,
            "hint": lookup("hint", code, locale) or code,
        }
        for code in REASONS
    }
    texts["_list"] = {word: lookup("list", word, locale) or word for word in ("and", "or")}
    return texts


# ---------------------------------------------------------------- card


def _brand_row(row: BrandRow) -> dict[str, Any]:
    return {
        "brand": row.brand.value,
        "display_name": row.display_name,
        "prefixes": list(row.prefixes),
        "lengths": list(row.lengths),
        "gaps": list(row.gaps),
        "security_code": {"name": row.security_code.name, "size": row.security_code.size},
        "luhn": row.luhn,
        "co_badged": {prefix: [b.value for b in also] for prefix, also in row.co_badged},
    }


def _brands() -> dict[str, Any]:
    return {
        # Ties between equally specific prefixes, and the order of candidates,
        # follow this order (the `Brand` enum's).
        "order": [brand.value for brand in Brand],
        "prefix_digits": PREFIX_DIGITS,
        "default_gaps": list(DEFAULT_GAPS),
        "rows": [_brand_row(row) for row in BRANDS],
    }


def _number_rules() -> dict[str, Any]:
    return {
        "min_length": _number.MIN_LENGTH,
        "max_length": _number.MAX_LENGTH,
        "max_input": _digits.MAX_INPUT,
        "last4_from": _digits.LAST4_FROM,
        # `number.invalid_characters`'s `kind` param by Unicode major category
        "kinds": dict(_digits.KINDS),
    }


def _expiry_rules() -> dict[str, Any]:
    return {
        "max_length": _expiry.MAX_LENGTH,
        "max_years": _expiry.MAX_YEARS,
        "pattern": js_regex(_expiry.DIGITS.pattern),
        "two_digit_window": _two_digit_window(),
        # As you type (`expiry.completable`): typed text is split by `typed`
        # and compared with every accepted date's `spellings`, separator `/`.
        "typed": js_regex(_expiry.TYPED.pattern),
        "spellings": _spelling_templates(),
    }


def _two_digit_window() -> dict[str, int]:
    """How far back (`past`) and ahead (`future`) of today's year `expand_year` reads YY."""
    reference = 2050
    years = [_expiry.expand_year(yy, reference) for yy in range(100)]
    return {"past": reference - min(years), "future": max(years) - reference}


# Token -> how a date writes it; spellings are read back into these tokens.
_DATE_TOKENS: dict[str, Callable[[int, int], str]] = {
    "YYYY": lambda year, month: f"{year:04d}",
    "MM": lambda year, month: f"{month:02d}",
    "YY": lambda year, month: f"{year % 100:02d}",
    "M": lambda year, month: str(month),
}


def _spelling_templates() -> dict[str, list[list[str]]]:
    """Per month, the reader's spellings of a date as tokens (`["M", "/", "YY"]`).

    Read off `expiry.spellings` with a probe year whose digits no month shares,
    and checked against a second year, so they hold for any year.
    """
    found: dict[str, list[list[str]]] = {}
    for month in range(1, 13):
        templates = [_tokens(text, 2345, month) for text in _expiry.spellings(2345, month)]
        for year in (1987, 2061):
            if [_render(t, year, month) for t in templates] != list(
                _expiry.spellings(year, month)
            ):  # pragma: no cover - a spelling that is not made of these tokens
                raise ValueError(f"expiry spellings of month {month} depend on the year")
        found[str(month)] = templates
    return found


def _tokens(text: str, year: int, month: int) -> list[str]:
    tokens: list[str] = []
    i = 0
    while i < len(text):
        for name, write in _DATE_TOKENS.items():
            part = write(year, month)
            if text.startswith(part, i):
                tokens.append(name)
                i += len(part)
                break
        else:
            tokens.append(text[i])
            i += 1
    return tokens


def _render(tokens: list[str], year: int, month: int) -> str:
    return "".join(
        _DATE_TOKENS[t](year, month) if t in _DATE_TOKENS else t for t in tokens
    )


def _cleaner(cleaner: _text.Cleaner) -> dict[str, Any]:
    """A field's `Cleaner` as data: each kind's replacement (None: kept) and the digits flag."""
    return {"rules": dict(cleaner.rules), "digits": cleaner.digits}


def _text_rules() -> dict[str, Any]:
    runs = _text.kind_ranges()
    return {
        "unicode_version": unicodedata.unidata_version,
        # Sorted runs [first, last, kind] of `text.kind`; a code point in none
        # is a letter or other. A digit's value is (code - first) % 10.
        "kinds": [list(run) for run in runs],
        # What Python's str.isspace() calls whitespace (strip, split): the
        # `space` kind without the blanks that are letters or symbols.
        "spaces": "".join(
            ch
            for first, last, found in runs
            if found == _text.SPACE
            for ch in map(chr, range(first, last + 1))
            if ch.isspace()
        ),
        # How each field cleans typed text, read off the objects its check uses.
        "cleaners": {
            "number": _cleaner(_digits.DELETE_SEPARATORS),
            "cvc": _cleaner(_number.DROP_INVISIBLE),
            "expiry": _cleaner(_expiry.FOLD),
            "postal_code": _cleaner(_POSTAL),  # after NFKC
        },
        "caps": dict(CAPS),
    }


# ---------------------------------------------------------------- address


def _countries(locales: tuple[str, ...]) -> dict[str, Any]:
    return {code: _country(code, locales) for code in sorted(google_countries())}


def _country(code: str, locales: tuple[str, ...]) -> dict[str, Any]:
    described = country_rules(code)
    if described is None:  # pragma: no cover - every Google region is a known country
        raise LookupError(f"no rules for region {code}")
    rules = rules_for(code)
    names = {loc: country_name(code, loc) for loc in locales}
    subdivisions = {
        loc: [
            {"code": s.code, "name": s.name}
            for s in (country_rules(code, loc) or described).subdivisions
        ]
        for loc in locales
    }
    return {
        "names": names,
        "fields": list(described.fields),
        "required": list(described.required),
        "state_type": described.state_type,
        "city_type": described.city_type,
        "postal_code": _postal(code),
        "subdivisions": subdivisions if rules.subs else {},
    }


def _postal(code: str) -> dict[str, Any] | None:
    rules = rules_for(code)
    postal = rules.postal
    if postal is None:
        return None
    return {
        "pattern": js_regex(postal.pattern),
        # Matches the code upper-cased with spaces and hyphens removed; the
        # empty groups mark where the canonical form puts `separators`.
        "compact": js_regex(postal.loose.pattern),
        # Fully matches every beginning of a compact code: what may still become one.
        "partial": js_regex(prefix_pattern(postal.loose.pattern)),
        "separators": [list(pair) for pair in postal.separators],
        "prefixes": list(postal.prefixes),
        "implied": postal.implied,
        "examples": list(postal.examples),
        "printed_prefix": rules.printed_prefix,
        "required": "postal_code" in rules.required,
        "max_input": CAPS["postal_code"],
    }

