"""What `cardvalid check` reports: one output row per input row, and the run's summary.

An output row names its input and row, says whether the row is ok, and lists
each problem's code, field, checklist item, severity, message, hint (in the
run's locale) and params; the card only as brand and masked number; the
normalised fields; and the `--keep` columns passed through (a kept value that
looks like a card number is redacted, like everything else the CLI prints).

>>> from cardvalid import validate
>>> from datetime import date
>>> result = validate({"number": "4111111111111112"}, today=date(2026, 11, 26))
>>> row = output_row("cards.csv", 7, result, {"id": "A-1"})
>>> row["input"], row["row"], row["ok"], row["codes"][:1], row["keep"]
('cards.csv', 7, False, ['number.checksum'], {'id': 'A-1'})
>>> flat_row(row)["masked"]
'411111******1112'
"""

from __future__ import annotations

import enum
import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from cardvalid.model import Checklist, Result
from cardvalid.panguard import REDACTED, looks_like_card_number

# The flat form's own columns (CSV, Parquet); `--keep` columns follow them.
FLAT_COLUMNS = ("input", "row", "ok", "codes", "fields", "checklist", "severities", "messages",
                "hints", "params", "brand", "masked", "normalized")
LIST_COLUMNS = frozenset({"codes", "fields", "checklist", "severities", "messages", "hints"})
JSON_COLUMNS = frozenset({"params", "normalized"})


def output_row(source: str, row: int, result: Result, keep: Mapping[str, object]) -> dict[str, Any]:
    """The JSON form of one row's result (the card number only masked)."""
    card = result.card
    line: dict[str, Any] = {
        "input": source,
        "row": row,
        "ok": result.ok,
        "codes": [p.code for p in result.problems],
        "problems": [p.to_dict() for p in result.problems],
        "card": None if card is None else {
            "brand": None if card.brand is None else card.brand.value,
            "masked": card.masked,
        },
        "normalized": {k: plain(v) for k, v in result.normalized.items()},
    }
    if result.avs is not None:
        line["avs"] = result.avs
    if keep:
        line["keep"] = {name: kept(value) for name, value in keep.items()}
    return line


def plain(value: object) -> object:
    """A JSON-ready form of a value: enums by value, dates in ISO form, other objects as text."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def kept(value: object) -> object:
    """A `--keep` value as it may be written: a card-number-like one is redacted."""
    value = plain(value)
    if isinstance(value, str | int) and not isinstance(value, bool):
        text = str(value)
        if looks_like_card_number(text):
            return REDACTED
    elif isinstance(value, list | dict) and looks_like_card_number(json.dumps(value)):
        return REDACTED
    return value


def flat_row(line: Mapping[str, Any]) -> dict[str, Any]:
    """One output row as flat columns (lists stay lists; params and normalized as JSON text)."""
    problems = line["problems"]
    card = line["card"] or {}
    flat: dict[str, Any] = {
        "input": line["input"],
        "row": line["row"],
        "ok": line["ok"],
        "codes": line["codes"],
        "fields": [p["field"] for p in problems],
        "checklist": [p["checklist"] for p in problems],
        "severities": [p["severity"] for p in problems],
        "messages": [p["message"] for p in problems],
        "hints": [p["hint"] for p in problems],
        "params": json.dumps([p["params"] for p in problems], ensure_ascii=False),
        "brand": card.get("brand"),
        "masked": card.get("masked"),
        "normalized": json.dumps(line["normalized"], ensure_ascii=False),
    }
    flat.update(line.get("keep", {}))
    return flat


# What the summary needs of a row: ok, and each problem's (code, checklist item).
Mark = tuple[bool, tuple[tuple[str, str], ...]]


def mark_of(line: Mapping[str, Any]) -> Mark:
    """The summary's view of one output row."""
    return line["ok"], tuple((p["code"], p["checklist"]) for p in line["problems"])


class Summary:
    """Counts over a run: rows, ok, problem rows, rows per checklist item and per code."""

    def __init__(self) -> None:
        self.rows = self.ok = self.written = 0
        self.checklist: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()
        self._item_of: dict[str, str] = {}

    def add(self, mark: Mark) -> None:
        ok, problems = mark
        self.rows += 1
        self.ok += ok
        if problems:
            self.codes.update({code for code, _ in problems})
            self.checklist.update({item for _, item in problems})
            for code, item in problems:
                self._item_of.setdefault(code, item)

    @property
    def problem_rows(self) -> int:
        return self.rows - self.ok

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; checklist items in the article's order, codes in that order too."""
        order = {item.value: item.order for item in Checklist}
        codes = sorted(self.codes, key=lambda c: (order[self._item_of[c]], -self.codes[c], c))
        return {
            "rows": self.rows,
            "ok": self.ok,
            "problem_rows": self.problem_rows,
            "written": self.written,
            "checklist": {i.value: self.checklist[i.value] for i in Checklist
                          if self.checklist[i.value]},
            "codes": {code: self.codes[code] for code in codes},
        }
