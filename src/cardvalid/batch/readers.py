"""Streaming readers for CSV and JSON Lines that never lose a row.

Each yields `(row_number, record)` where `record` is a mapping or a
`RecordError` for a row that could not be read, so a caller emits exactly one
output row per input row. Blank lines between JSON records are not rows.

>>> import io
>>> rows = list(read_jsonl(io.StringIO('{"name": "A B"}\\n\\n[1]\\n{oops\\n')))
>>> [(n, type(r).__name__) for n, r in rows]
[(1, 'dict'), (2, 'list'), (3, 'RecordError')]
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import IO

from cardvalid.batch.records import RecordError

Row = tuple[int, object]

# A 10 MB cell is read whole (and then capped by the checks) instead of
# stopping the stream halfway through a row.
csv.field_size_limit(min(sys.maxsize, 64 * 1024 * 1024))


def _has_undecodable(text: str) -> bool:
    """True when the text carries bytes that were not UTF-8 (read with surrogateescape)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_jsonl(stream: IO[str]) -> Iterator[Row]:
    """One row per non-blank line."""
    row = 0
    for line in stream:
        if not line.strip():
            continue
        row += 1
        if _has_undecodable(line):
            yield row, RecordError("record.unreadable", reason="not UTF-8")
            continue
        try:
            yield row, json.loads(line)
        except (ValueError, RecursionError):
            yield row, RecordError("record.unreadable", reason="not valid JSON")


def read_csv(stream: IO[str], *, delimiter: str = ",") -> Iterator[Row]:
    """One row per CSV record after the header; a ragged row is a `record.unreadable`."""
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error:
        yield 1, RecordError("record.unreadable", reason="the header is not valid CSV")
        return
    row = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error:
            row += 1
            yield row, RecordError("record.unreadable", reason="not valid CSV")
            continue
        if values:  # a blank line is not a record
            row += 1
            yield row, _csv_record(header, values)


def _csv_record(header: list[str], values: list[str]) -> object:
    if len(values) != len(header):
        return RecordError(
            "record.unreadable",
            reason=f"{len(values)} values for {len(header)} columns",
        )
    if any(_has_undecodable(v) for v in values):
        return RecordError("record.unreadable", reason="not UTF-8")
    return dict(zip(header, values, strict=True))


def sniff_format(name: str, first_line: str) -> str:
    """`"jsonl"`, `"csv"` or `"tsv"` from the file name, else from the first line."""
    lowered = name.lower()
    for suffix, kind in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "jsonl"),
                         (".tsv", "tsv"), (".csv", "csv")):
        if lowered.endswith(suffix):
            return kind
    if first_line.lstrip().startswith("{"):
        return "jsonl"
    return "tsv" if "\t" in first_line and "," not in first_line else "csv"
