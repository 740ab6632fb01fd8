"""`export_rules()` and `cardvalid export-rules`: the server's rules, for a front end."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import cardvalid as cv
from cardvalid.address._text import _POSTAL
from cardvalid.address.data import google_countries
from cardvalid.address.postal import can_begin
from cardvalid.address.rules import rules_for
from cardvalid.brands import BRANDS
from cardvalid.cli import main
from cardvalid.codes import REASONS
from cardvalid.digits import DELETE_SEPARATORS as _DELETE_SEPARATORS
from cardvalid.expiry import FOLD, TYPED, expand_year, spellings
from cardvalid.messages import text
from cardvalid.model import Checklist
from cardvalid.number import DROP_INVISIBLE
from cardvalid.rules_export import dumps, export_rules, js_regex
from cardvalid.text import SEPARATORS, kind_ranges


@pytest.fixture(scope="module")
def rules() -> dict[str, Any]:
    return export_rules()


def test_the_output_is_deterministic_json_with_sorted_keys(rules: dict[str, Any]) -> None:
    first = dumps(rules)
    assert first == dumps(export_rules())
    assert first == json.dumps(json.loads(first), ensure_ascii=False, sort_keys=True,
                               separators=(",", ":"))
    size = len(first.encode())
    assert 50_000 < size < 400_000, size


def test_it_is_a_public_name() -> None:
    assert cv.export_rules is export_rules
    assert "export_rules" in cv.__all__


def test_the_brand_table_is_the_libraries_own(rules: dict[str, Any]) -> None:
    rows = rules["brands"]["rows"]
    assert [r["brand"] for r in rows] == [row.brand.value for row in BRANDS]
    for got, row in zip(rows, BRANDS, strict=True):
        assert got["prefixes"] == list(row.prefixes)
        assert got["lengths"] == list(row.lengths)
        assert got["gaps"] == list(row.gaps)
        assert got["luhn"] is row.luhn
        assert got["security_code"] == {"name": row.security_code.name,
                                        "size": row.security_code.size}
        assert got["co_badged"] == {p: [b.value for b in bs] for p, bs in row.co_badged}
    assert rules["brands"]["order"] == [b.value for b in cv.Brand]
    amex = next(r for r in rows if r["brand"] == "amex")
    assert amex["gaps"] == [4, 10] and amex["security_code"] == {"name": "CID", "size": 4}


def test_every_code_has_a_message_and_hint_in_each_locale(rules: dict[str, Any]) -> None:
    assert rules["locales"] == ["en", "sv"]
    assert rules["reasons"]["postal_code.format"] == {
        "field": "postal_code", "checklist": "postal_code", "severity": "error",
    }
    assert set(rules["reasons"]) == set(REASONS)
    for locale in ("en", "sv"):
        texts = rules["messages"][locale]
        assert set(texts) == {*REASONS, "_list"}
        for code in REASONS:
            assert texts[code]["message"] and texts[code]["hint"] and texts[code]["message"] != code
    assert rules["messages"]["sv"]["_list"]["or"] == "eller"
    assert rules["messages"]["sv"]["number.checksum"] != rules["messages"]["en"]["number.checksum"]
    assert rules["checklist"] == [item.value for item in Checklist]


def _fill(template: str, params: dict[str, Any], word: str) -> str:
    """The front end's rendering of a template: `{key}` filled, lists joined with `word`."""

    def one(match: re.Match[str]) -> str:
        value = params[match.group(1)]
        if isinstance(value, tuple | list):
            items = [str(v) for v in value]
            return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"
        return str(value)

    return re.sub(r"\{(\w+)\}", one, template)


@pytest.mark.parametrize("locale", ["en", "sv"])
def test_templates_filled_from_params_give_the_servers_messages(
    rules: dict[str, Any], locale: str
) -> None:
    results = [
        cv.check_number("3782 822463 1000", locale=locale),
        cv.check_number("4111 11x", locale=locale),
        cv.check_cvc("12", brand="amex", locale=locale),
        cv.check_cvc("12", locale=locale),
        cv.check_address(cv.Address(line1="Gatan 1", city="Lund", postal_code="1234",
                                    country="SE"), locale=locale),
    ]
    texts = rules["messages"][locale]
    problems = [p for r in results for p in r.problems]
    assert len(problems) >= 5
    for p in problems:
        params = dict(p.params)
        assert _fill(texts[p.code]["message"], params, texts["_list"]["or"]) == p.message
        assert _fill(texts[p.code]["hint"], params, texts["_list"]["or"]) == p.hint
        assert text(p.code, "message", params, locale) == p.message


def test_one_locale_only_and_unknown_locales_fall_back_to_english() -> None:
    assert set(export_rules(locales=("sv",))["messages"]) == {"sv"}
    assert export_rules(locales=("xx", "en"))["locales"] == ["en"]
    for wrong in ("sv", None, 5, b"sv", ["sv", None], [b"sv"]):
        with pytest.raises(TypeError, match="locales") as raised:
            export_rules(locales=wrong)  # type: ignore[arg-type]
        assert "(str)" in str(raised.value)
    with pytest.raises(ValueError, match="locales"):
        export_rules(locales=())


def test_every_country_has_its_fields_and_postal_rules(rules: dict[str, Any]) -> None:
    countries = rules["countries"]
    assert set(countries) == set(google_countries())
    se = countries["SE"]
    assert se["names"] == {"en": "Sweden", "sv": "Sverige"}
    assert se["required"] == ["line1", "postal_code", "city"]
    assert se["postal_code"]["examples"][0] == "114 55"
    assert se["postal_code"]["separators"] == [["s0", " "]]
    us = countries["US"]
    assert "state" in us["required"]
    assert {"code": "CA", "name": "Kalifornien"} in us["subdivisions"]["sv"]


def test_postal_patterns_are_javascript_sources_that_read_every_example(
    rules: dict[str, Any],
) -> None:
    checked = 0
    for code, country in rules["countries"].items():
        postal = country["postal_code"]
        if postal is None:
            assert rules_for(code).postal is None
            continue
        assert "(?P" not in postal["compact"] and "(?P" not in postal["pattern"]
        # Back to Python's spelling, the JavaScript source reads the same codes.
        compact = re.compile(postal["compact"].replace("(?<", "(?P<"), re.ASCII)
        for example in postal["examples"]:
            squeezed = example.upper().replace(" ", "").replace("-", "")
            assert compact.fullmatch(squeezed) or any(
                compact.fullmatch(squeezed.removeprefix(p)) for p in postal["prefixes"]
            ), (code, example)
            checked += 1
    assert checked > 200


def test_the_expiry_rules_are_the_readers(rules: dict[str, Any]) -> None:
    ex = rules["expiry"]
    assert ex["max_years"] == 20 and ex["max_length"] == 40
    pattern = re.compile(ex["pattern"].replace("(?<", "(?P<"))
    for value, groups in [("12/29", ("12", "/", "29")), ("1229", ("1229", None, None)),
                          ("12 \t- 2029", ("12", "-", "2029"))]:
        found = pattern.fullmatch(value)
        assert found is not None and found.groups() == groups
    assert pattern.fullmatch("12\u2003/29") is None  # only ASCII spaces, as in Python
    window = ex["two_digit_window"]
    for reference in (1999, 2026, 2050, 2076, 2099):
        for yy in range(100):
            year = reference - reference % 100 + yy
            if year - reference > window["future"]:
                year -= 100
            elif reference - year > window["past"]:
                year += 100
            assert year == expand_year(yy, reference)


def _beginnings_to_try(examples: list[str], prefixes: list[str]) -> set[str]:
    """Beginnings of each example, each with one character changed, and with a prefix."""
    found = {""}
    for example in examples:
        compact = example.upper().replace(" ", "").replace("-", "")
        for k in range(len(compact) + 2):
            head = compact[:k]
            found |= {head, head + "0", head + "9", head + "A", head + "Z", compact[: k - 1] + "Q"}
            found |= {p + head for p in prefixes}
    return found


def test_the_exported_partial_pattern_agrees_with_the_servers_can_begin(
    rules: dict[str, Any],
) -> None:
    """The page reads `partial`; the server walks the pattern (`can_begin`): same answers."""
    tried = disagree = 0
    for code, country in rules["countries"].items():
        postal = country["postal_code"]
        if postal is None:
            continue
        loose = rules_for(code).postal.loose.pattern  # type: ignore[union-attr]
        partial = re.compile(postal["partial"].replace("(?<", "(?P<"), re.ASCII)
        for typed in _beginnings_to_try(postal["examples"], postal["prefixes"]):
            tried += 1
            disagree += bool(partial.fullmatch(typed)) != can_begin(loose, typed)
    assert tried > 10_000 and disagree == 0


def test_the_expiry_spellings_are_the_readers_for_any_year(rules: dict[str, Any]) -> None:
    ex = rules["expiry"]
    tokens = {"YYYY": "{year:04d}", "MM": "{month:02d}", "YY": "{yy:02d}", "M": "{month}"}
    for month in range(1, 13):
        templates = ex["spellings"][str(month)]
        assert ["MM", "/", "YY"] in templates and (["M", "/", "YY"] in templates) == (month < 10)
        for year in (1999, 2000, 2026, 2099, 2100, 2345):
            written = [
                "".join(tokens.get(t, t).format(year=year, month=month, yy=year % 100)
                        for t in template)
                for template in templates
            ]
            assert written == list(spellings(year, month))
    typed = re.compile(ex["typed"])
    assert typed.fullmatch(" 12 / 2") is None and typed.fullmatch("12 / 2 ") is not None
    assert typed.pattern.replace("[ \\t\\n\\r\\f\\v]", "\\s") == TYPED.pattern
    assert ex["two_digit_window"] == {"past": 49, "future": 50}


def test_the_text_rules_are_the_one_cleaners(rules: dict[str, Any]) -> None:
    exported = rules["text"]
    assert exported["unicode_version"] == unicodedata.unidata_version
    assert exported["kinds"] == [list(run) for run in kind_ranges()]
    assert len(dumps(exported["kinds"])) < 16_000  # ~500 runs, not a table of every character
    assert exported["spaces"] == "".join(
        ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace()
    )
    cleaners = {"number": _DELETE_SEPARATORS, "cvc": DROP_INVISIBLE, "expiry": FOLD,
                "postal_code": _POSTAL}
    assert set(exported["cleaners"]) == set(cleaners)
    for field, cleaner in cleaners.items():
        assert exported["cleaners"][field] == {"rules": dict(cleaner.rules),
                                               "digits": cleaner.digits}
    # What the page skips when it looks for a number's first bad character.
    number = exported["cleaners"]["number"]["rules"]
    assert {k for k, rule in number.items() if rule == ""} == set(SEPARATORS)
    assert exported["cleaners"]["expiry"]["rules"]["slash"] == "/" and number["slash"] is None
    assert rules["number"]["kinds"]["L"] == "letter"


def test_js_regex_translates_or_refuses() -> None:
    assert js_regex("(?P<s0>)\\d") == "(?<s0>)\\d"
    assert js_regex("a\\\\s") == "a\\\\s"  # an escaped backslash before an `s` is not `\s`
    for pattern in ("(?i)abc", "abc\\Z", "(?P=x)", "\\101"):
        with pytest.raises(ValueError, match="JavaScript"):
            js_regex(pattern)


def test_the_cli_writes_the_same_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rules.json"
    assert main(["export-rules", "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert written == dumps(export_rules()) + "\n"
    assert f"wrote {len(written.encode())} bytes" in capsys.readouterr().err
    assert main(["export-rules", "--locale", "sv"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["locales"] == ["sv"] and set(printed["messages"]) == {"sv"}
