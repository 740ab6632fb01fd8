"""Every reason code has a message and a hint in every locale, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from cardvalid.codes import REASONS
from cardvalid.findings import make_problem
from cardvalid.messages import available_locales, catalog, normalize_locale, parse_po, text

LOCALES = sorted(available_locales())
CONTEXTS = ("message", "hint")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_shipped_locales() -> None:
    assert {"en", "sv"} <= set(LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("context", CONTEXTS)
def test_every_code_has_text(locale: str, context: str) -> None:
    entries = catalog(locale)
    missing = [code for code in REASONS if (context, code) not in entries]
    assert missing == []


@pytest.mark.parametrize("locale", [loc for loc in LOCALES if loc != "en"])
def test_translations_use_the_same_placeholders(locale: str) -> None:
    english, other = catalog("en"), catalog(locale)
    differing = [
        key
        for key, template in english.items()
        if key in other and _placeholders(other[key]) != _placeholders(template)
    ]
    assert differing == []


@pytest.mark.parametrize("locale", LOCALES)
def test_every_template_fills_from_its_placeholders(locale: str) -> None:
    for (context, code), template in catalog(locale).items():
        params = dict.fromkeys(_placeholders(template), "X")
        filled = template.format_map(params)
        assert "{" not in filled, (context, code)
        assert filled.strip(), (context, code)


def test_no_orphan_reason_entries() -> None:
    orphans = [
        code
        for (context, code) in catalog("en")
        if context in CONTEXTS and code not in REASONS
    ]
    assert orphans == []


@pytest.mark.parametrize(
    ("given", "expected"),
    [("sv", "sv"), ("sv-SE", "sv"), ("sv_SE", "sv"), ("SV_se.UTF-8", "sv"), ("en-GB", "en"),
     ("xx", "en"), ("", "en"), (None, "en")],
)
def test_normalize_locale(given: str | None, expected: str) -> None:
    assert normalize_locale(given) == expected


def test_swedish_differs_from_english() -> None:
    same = [
        code
        for code in REASONS
        if catalog("sv").get(("message", code)) == catalog("en").get(("message", code))
    ]
    assert same == []


def test_list_params_are_joined_per_locale() -> None:
    assert text("list", "or", {}, "sv") in {"list", "eller"}
    problem = make_problem("record.unreadable", {"row": 2, "reason": "x"}, "sv")
    assert problem.message.startswith("Rad 2")


def test_unknown_locale_falls_back_to_english() -> None:
    english = make_problem("record.not_a_mapping", {"row": 1}, "en")
    fallback = make_problem("record.not_a_mapping", {"row": 1}, "tlh")
    assert fallback.message == english.message


def test_parse_po_multiline_and_escapes() -> None:
    source = 'msgctxt "message"\nmsgid "a.b"\nmsgstr ""\n"Line \\"one\\"\\n"\n"two"\n\n'
    assert parse_po(source) == {("message", "a.b"): 'Line "one"\ntwo'}


def test_parse_po_skips_untranslated_and_header() -> None:
    source = 'msgid ""\nmsgstr "Language: sv\\n"\n\nmsgctxt "hint"\nmsgid "x.y"\nmsgstr ""\n'
    assert parse_po(source) == {}


def test_locale_cache_is_bounded_and_odd_locales_fall_back() -> None:
    from cardvalid.messages import _LANGUAGES

    for i in range(1_000):
        assert normalize_locale(f"x-{i}") == "en"
    assert len(_LANGUAGES) <= 256
    assert normalize_locale("sv" * 10_000) == "en"
    assert normalize_locale(["sv"]) == "en"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_text_the_examples_produce_is_filled(locale: str) -> None:
    from datetime import date
    from pathlib import Path

    import cardvalid as cv
    from cardvalid.batch.readers import CsvRecords

    examples = Path(__file__).resolve().parent.parent / "examples"
    texts = []
    for name in ("checkout.csv", "on_file.csv"):
        with (examples / name).open(encoding="utf-8", newline="") as stream:
            records = [record for _, record in CsvRecords(stream)]
        for result in cv.validate_many(records, today=date(2026, 11, 26), locale=locale,
                                       merchant_country="US", recurring=True):
            texts += [t for p in result.problems for t in (p.message, p.hint)]
    assert len(texts) > 100
    assert [t for t in texts if "{" in t or "}" in t] == []
