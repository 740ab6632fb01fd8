"""Localized texts for the reason codes, read from the gettext `.po` catalogs here.

Each locale is a folder (`en/`, `sv/`) of `.po` files, merged on first use
and cached; no compile step, so a plain `pip install .` ships every language.
An entry is keyed by its context (`message`, `hint`, `decline.message`, ...)
and its msgid (the reason code). Templates are written over a problem's
`params`; a tuple param is joined as a list ("13, 16 or 19").

>>> text("record.not_a_mapping", "message", {"row": 3}, "sv-SE")
'Rad 3 är ingen post med namngivna fält.'
>>> normalize_locale("sv_SE"), normalize_locale("xx")
('sv', 'en')
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Mapping
from typing import Any

from cardvalid._data import list_dir, read_text
from cardvalid.caches import BoundedCache

DEFAULT_LOCALE = "en"


@functools.cache
def available_locales() -> frozenset[str]:
    """The locales shipped with the package."""
    return frozenset(
        name for name, is_dir in list_dir(__name__) if is_dir and not name.startswith("_")
    )


def normalize_locale(locale: object) -> str:
    """`"sv"`, `"sv-SE"`, `"sv_SE.UTF-8"` -> `"sv"`; anything unknown (or not text) -> `"en"`."""
    if not isinstance(locale, str):
        return DEFAULT_LOCALE
    found = _LANGUAGES.get(locale)
    if found is not None:
        return found
    if len(locale) > _MAX_LOCALE:
        return DEFAULT_LOCALE
    return _LANGUAGES.keep(locale, locale, _language(locale))


# Longer than any real locale tag ("sv_SE.UTF-8@euro", "zh-Hant-TW"); longer text
# is no locale, and never kept. The cache keeps only short, safe keys (`safe_key`).
_MAX_LOCALE = 32
_LANGUAGES: BoundedCache[str, str] = BoundedCache(256)


def _language(locale: str) -> str:
    language = locale.replace("-", "_").split(".", 1)[0].split("_", 1)[0].strip().lower()
    return language if language in available_locales() else DEFAULT_LOCALE


def parse_po(source: str) -> dict[tuple[str, str], str]:
    """Parse `.po` text into `{(msgctxt, msgid): msgstr}`; untranslated entries are left out.

    >>> parse_po('msgctxt "hint"\\nmsgid "a.b"\\nmsgstr "Try "\\n"again."\\n')
    {('hint', 'a.b'): 'Try again.'}
    """
    entries: dict[tuple[str, str], str] = {}
    current: dict[str, str] = {}
    key = ""

    def flush() -> None:
        if current.get("msgid") and current.get("msgstr"):
            entries[(current.get("msgctxt", ""), current["msgid"])] = current["msgstr"]
        current.clear()

    for raw in source.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and current.get("msgstr") is not None:
                flush()
            continue
        if line.startswith('"'):
            current[key] = current.get(key, "") + ast.literal_eval(line)
            continue
        key, _, rest = line.partition(" ")
        if key == "msgctxt" and "msgstr" in current:
            flush()
        current[key] = ast.literal_eval(rest)
    flush()
    return entries


@functools.cache
def catalog(locale: str) -> Mapping[tuple[str, str], str]:
    """Every entry of one locale's `.po` files, merged."""
    merged: dict[tuple[str, str], str] = {}
    for name, _ in list_dir(__name__, locale):
        if name.endswith(".po"):
            merged.update(parse_po(read_text(__name__, locale, name)))
    return merged


def _join(values: tuple[Any, ...] | list[Any], locale: str) -> str:
    items = [str(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    word = lookup("list", "or", locale) or "or"
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def lookup(context: str, msgid: str, locale: str) -> str | None:
    """The raw template, falling back to English; None when neither has it."""
    found = catalog(locale).get((context, msgid))
    if found is None and locale != DEFAULT_LOCALE:
        found = catalog(DEFAULT_LOCALE).get((context, msgid))
    return found


def text(msgid: str, context: str, params: Mapping[str, Any], locale: str | None) -> str:
    """The localized text for `msgid` in `context`, filled from `params`.

    A missing entry yields the msgid itself, so a text is never empty; the
    catalog tests make sure that never happens for a shipped code.
    """
    lang = normalize_locale(locale)
    template = lookup(context, msgid, lang)
    if template is None:
        return msgid
    values = _Lenient(
        (k, _join(v, lang) if isinstance(v, tuple | list) else v) for k, v in params.items()
    )
    try:
        return template.format_map(values)
    except (ValueError, TypeError, IndexError):  # a format spec that does not fit the value
        return template


class _Lenient(dict[str, Any]):
    """A missing param shows as its placeholder instead of raising: a text is never worth a crash.

    The catalog tests make sure every shipped template is filled.
    """

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
