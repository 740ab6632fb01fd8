"""Write docs/reasons.md, the reason catalog, from the code.

Development time only (not shipped, no dependency beyond cardvalid):

    python scripts/build_reason_catalog.py

Every code of `cardvalid.codes.REASONS`, `record.*` included, with its field,
checklist item, default severity, params, and the English and Swedish
message and hint templates of `cardvalid/messages/`. A code's params are
those its templates are written over, plus those the checks gave for the
probe corpus: the shipped examples (`examples/*.csv`) and the `PROBES`
below. `tests/test_docs.py` fails when docs/reasons.md is not what this
script writes: run it after adding or changing a code.
"""

from __future__ import annotations

import csv
import io
import re
import string
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import cardvalid as cv
from cardvalid.batch.readers import read_csv
from cardvalid.codes import REASONS
from cardvalid.messages import catalog
from cardvalid.model import Checklist, Result

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "reasons.md"
TODAY = date(2026, 11, 26)
LOCALES = (("en", "English"), ("sv", "Svenska"))

# The checklist items as the support article names them (DESIGN.md's table,
# from the Swedish article "Avvisade kreditkort"); SECURITY_CODE is not in it.
CHECKLIST_NAMES: Mapping[Checklist, tuple[str, str]] = {
    Checklist.CARD_NUMBER: ("card number", "kortnummer"),
    Checklist.EXPIRY_DATE: ("expiry date", "utgångsdatum"),
    Checklist.CARDHOLDER_NAME: ("name on the card", "namn på kreditkortet"),
    Checklist.ADDRESS: ("address", "adress"),
    Checklist.CITY: ("city", "stad"),
    Checklist.STATE: ("state", "delstat"),
    Checklist.POSTAL_CODE: ("postal code", "postnummer"),
    Checklist.CARD_ACTIVATION: ("card may need activating", "kortet kan behöva aktiveras"),
    Checklist.ONLINE_TRANSACTIONS: ("online transactions", "onlinetransaktioner"),
    Checklist.INTERNATIONAL_TRANSACTIONS: (
        "international transactions", "internationella transaktioner"),
    Checklist.RECURRING_TRANSACTIONS: ("recurring transactions", "återkommande transaktioner"),
    Checklist.SECURITY_CODE: ("security code", "(not in the article)"),
}

_LONG = "x" * 100_000
_GOOD: Mapping[str, str] = {
    "number": "4242 4242 4242 4242", "expiry": "12/29", "name": "Anna Svensson", "cvc": "123",
    "line1": "Drottninggatan 1", "city": "Stockholm", "postal_code": "111 51", "country": "SE",
}

# (changes to a valid Swedish card, validate() options): the reasons the
# shipped examples do not show — input caps, partial mode, options.
PROBES: tuple[tuple[Mapping[str, str], Mapping[str, Any]], ...] = (
    *(({field: _LONG}, {}) for field in (
        "number", "expiry", "name", "cvc", "line1", "line2", "city", "state", "postal_code",
        "country", "phone")),
    ({"line2": "🙂", "city": "Stockholm 🙂", "state": "🙂"}, {}),
    ({"cvc": ""}, {"require_cvc": True}),
    (dict.fromkeys(("line1", "city", "postal_code", "country"), ""), {"require_address": True}),
    ({"number": "4242 42", "expiry": "12/2"}, {"partial": True}),
    ({"expiry": "10/26"}, {"today": date(2026, 11, 1)}),
    ({"country": "US", "city": "Mountain View", "line1": "1600 Amphitheatre Pkwy",
      "postal_code": ""}, {}),
    ({}, {"merchant_country": "US", "recurring": True}),
)

# Records a batch cannot read: every `record.*` reason but `record.check_failed`
# (an internal failure, which no input is meant to reach).
BAD_RECORDS: tuple[object, ...] = (["not", "a", "mapping"], {"number": 4.2})
BAD_CSV = ('number,expiry\n"4242 4242 4242 4242,12/29\n', "number,expiry\n1,2,3\n")


def probe_results() -> Iterator[Result]:
    """The results of the probe corpus: examples, `PROBES`, `BAD_RECORDS`, `BAD_CSV`."""
    with (ROOT / "examples" / "checkout.csv").open(encoding="utf-8", newline="") as f:
        yield from cv.validate_many(list(csv.DictReader(f)), today=TODAY)
    with (ROOT / "examples" / "on_file.csv").open(encoding="utf-8", newline="") as f:
        yield from cv.validate_many(list(csv.DictReader(f)), today=TODAY)
    for changes, options in PROBES:
        yield cv.validate({**_GOOD, **changes}, **{"today": TODAY, **options})
    yield from cv.validate_many(BAD_RECORDS, today=TODAY)
    for text in BAD_CSV:
        rows = read_csv(io.BytesIO(text.encode()))
        yield from cv.validate_many((r for _, r in rows), today=TODAY)


def observed_params(results: Iterable[Result]) -> dict[str, set[str]]:
    """Each code's params over `results`."""
    seen: dict[str, set[str]] = {}
    for result in results:
        for problem in result.problems:
            seen.setdefault(problem.code, set()).update(problem.params)
    return seen


def template(code: str, context: str, locale: str) -> str | None:
    """The raw template (no fallback to another language)."""
    return catalog(locale).get((context, code))


def placeholders(code: str) -> set[str]:
    """The params the code's templates are written over, in every locale."""
    names: set[str] = set()
    for locale, _ in LOCALES:
        for context in ("message", "hint"):
            text = template(code, context, locale) or ""
            names.update(f for _, f, _, _ in string.Formatter().parse(text) if f)
    return names


_MARKDOWN = re.compile(r"([\\`*_\[\]{}<>|#])")


def escape(text: str) -> str:
    """Text for a Markdown table cell."""
    return _MARKDOWN.sub(r"\\\1", text)


def _code_row(code: str) -> str:
    reason = REASONS[code]
    return (f"| [`{code}`](#{anchor(code)}) | `{reason.field.value}` | "
            f"{reason.severity.value} |")


def anchor(code: str) -> str:
    """The code's anchor on the page."""
    return code.replace(".", "-").replace("_", "-")


def _section(code: str, params: set[str], observed: bool) -> list[str]:
    reason = REASONS[code]
    english, swedish = CHECKLIST_NAMES[reason.checklist]
    shown = ", ".join(f"`{p}`" for p in sorted(params)) or "none"
    if not observed:
        shown += " (from the templates: the probe corpus does not reach this code)"
    lines = [
        f"### `{code}` {{ #{anchor(code)} }}",
        "",
        (f"Field `{reason.field.value}` · checklist item `{reason.checklist.value}` "
         f"({english}; *{swedish}*) · severity **{reason.severity.value}** · params {shown}"),
        "",
        "| | " + " | ".join(name for _, name in LOCALES) + " |",
        "|---|" + "---|" * len(LOCALES),
    ]
    for context in ("message", "hint"):
        cells = [escape(template(code, context, loc) or "—") for loc, _ in LOCALES]
        lines.append(f"| {context} | " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def render() -> str:
    """The whole page."""
    seen = observed_params(probe_results())
    by_item: dict[Checklist, list[str]] = {}
    for code, reason in REASONS.items():
        by_item.setdefault(reason.checklist, []).append(code)
    out = [
        "# Reason codes",
        "",
        "<!-- Generated by scripts/build_reason_catalog.py from src/cardvalid/codes.py and",
        "     src/cardvalid/messages/: do not edit by hand; tests/test_docs.py checks it. -->",
        "",
        f"Every reason cardvalid gives: {len(REASONS)} codes, grouped by the checklist item",
        "they belong to, in the support article's order. The code and its params are the",
        "contract; the messages are presentation and may be reworded. Templates are",
        "shown as written, `{param}` placeholders included; a tuple param reads as a",
        "list (\"13, 16 or 19\"). Only `error` makes `Result.ok` false.",
        "",
        "A code's params are those its templates use plus those the checks gave for",
        "the shipped examples and the probes in the script; a param may be absent",
        "when it does not apply (an unknown brand has no `brand`).",
        "",
        "| code | field | severity |",
        "|---|---|---|",
    ]
    ordered = [code for item in Checklist for code in by_item.get(item, [])]
    out += [_code_row(code) for code in ordered]
    out.append("")
    for item in Checklist:
        codes = by_item.get(item)
        if not codes:
            continue
        english = CHECKLIST_NAMES[item][0]
        out += [f"## {english.capitalize()} (`{item.value}`)", ""]
        for code in codes:
            out += _section(code, seen.get(code, set()) | placeholders(code), code in seen)
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str]) -> int:
    """Write the page (or, with `--check`, exit 1 when it is stale)."""
    text = render()
    if "--check" in argv:
        return 0 if OUTPUT.read_text(encoding="utf-8") == text else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(REASONS)} codes)")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
