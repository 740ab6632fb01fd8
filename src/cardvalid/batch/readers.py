"""Streaming readers for CSV and JSON Lines that never lose a row.

Each yields `(row_number, record)` where `record` is a mapping or a
`RecordError` for a row that could not be read, so a caller emits exactly one
output row per input row. Blank lines between JSON records are not rows.
A `record.unreadable` says why in `params["reason"]`: `not_utf8`, `not_json`,
`not_csv`, `unclosed_quote`, or `column_count` (with `values` and `columns`).

>>> import io
>>> rows = list(read_jsonl(io.StringIO('{"name": "A B"}\\n\\n[1]\\n{oops\\n')))
>>> [(n, type(r).__name__) for n, r in rows]
[(1, 'dict'), (2, 'list'), (3, 'RecordError')]
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator

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


def read_jsonl(stream: Iterable[str]) -> Iterator[Row]:
    """One row per non-blank line."""
    row = 0
    for line in stream:
        if not line.strip():
            continue
        row += 1
        if _has_undecodable(line):
            yield row, RecordError("record.unreadable", reason="not_utf8")
            continue
        try:
            yield row, json.loads(line)
        except (ValueError, RecursionError):
            yield row, RecordError("record.unreadable", reason="not_json")


# A quoted field may span lines (a street address with a line break), but a
# stray quote must not swallow the rest of the file: a record may span at most
# this many lines, and one whose quotes only close on a later line in a way
# that is not valid CSV is a stray quote too. Either way its first line is
# unreadable and reading resumes on the next.
MAX_RECORD_LINES = 1000


class _Lines:
    """An iterator over a stream's lines that lines can be pushed back onto."""

    def __init__(self, stream: Iterable[str]) -> None:
        self._stream = iter(stream)
        self._back: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        return self._back.pop() if self._back else next(self._stream)

    def push_back(self, lines: list[str]) -> None:
        self._back.extend(reversed(lines))


class CsvRecords:
    """The header and the records of a CSV stream, read so that one bad row loses no other.

    Raises `ValueError` when the header itself cannot be read.

    >>> import io
    >>> data = CsvRecords(io.StringIO('a,b\\n1,"x\\n2,y\\n3,z\\n'))
    >>> data.header, [(n, type(r).__name__) for n, r in data]
    (['a', 'b'], [(1, 'RecordError'), (2, 'dict'), (3, 'dict')])
    """

    def __init__(self, stream: Iterable[str], *, delimiter: str = ",") -> None:
        self.delimiter = delimiter
        self._lines = _Lines(stream)
        self._values = self._records()
        first = next(self._values, None)
        if first is None:
            self.header: list[str] = []
        elif isinstance(first, RecordError):
            raise ValueError("the header line is not valid CSV")
        elif any(_has_undecodable(name) for name in first):
            raise ValueError("the header line is not UTF-8")
        else:
            self.header = first

    def __iter__(self) -> Iterator[Row]:
        for row, values in enumerate(self._values, start=1):
            if isinstance(values, RecordError):
                yield row, values
            else:
                yield row, _csv_record(self.header, values)

    def _records(self) -> Iterator[list[str] | RecordError]:
        for line in self._lines:
            if '"' not in line:  # no quoting: a plain split is exact CSV
                text = line.rstrip("\r\n")
                if text:  # an empty line is not a record (one of empty fields is)
                    yield text.split(self.delimiter)
                continue
            found = self._quoted(line)
            if found is not None:
                yield found

    def _quoted(self, first: str) -> list[str] | RecordError | None:
        parsed = _parse(first, self.delimiter, lenient=True)
        if parsed is not _OPEN:
            return _unreadable("not_csv") if parsed is _BROKEN else parsed  # type: ignore[return-value]
        buffer, quotes = [first], first.count('"')
        while True:
            following = next(self._lines, None) if len(buffer) < MAX_RECORD_LINES else None
            if following is None:
                return self._stray(buffer)
            buffer.append(following)
            quotes += following.count('"')
            if quotes % 2:  # the quoted field is still open
                continue
            parsed = _parse("".join(buffer), self.delimiter, lenient=False)
            if parsed is _BROKEN:
                return self._stray(buffer)
            if parsed is not _OPEN:
                return parsed  # type: ignore[return-value]

    def _stray(self, buffer: list[str]) -> RecordError:
        """The first line's quote never closes validly: it alone is lost; the rest is read again."""
        self._lines.push_back(buffer[1:])
        return _unreadable("unclosed_quote")


_OPEN, _BROKEN = object(), object()


def _unreadable(reason: str) -> RecordError:
    return RecordError("record.unreadable", reason=reason)


def _parse(text: str, delimiter: str, *, lenient: bool) -> object:
    """One CSV record (a list), None for a blank one, `_OPEN` while a quote is open, or `_BROKEN`.

    `lenient` reads text after a closing quote (`"a"b`) as spreadsheets do.
    """
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error as error:
        if "unexpected end of data" in str(error):  # the csv module's word for an open quote
            return _OPEN
        if not lenient:
            return _BROKEN
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error:  # a field over the size limit, a bare carriage return
            return _BROKEN
    rows = [r for r in rows if r]
    if len(rows) > 1:
        return _BROKEN
    return rows[0] if rows else None


def read_csv(stream: Iterable[str], *, delimiter: str = ",") -> Iterator[Row]:
    """One row per CSV record after the header; a ragged row is a `record.unreadable`."""
    yield from CsvRecords(stream, delimiter=delimiter)


def _csv_record(header: list[str], values: list[str]) -> object:
    if len(values) != len(header):
        return RecordError(
            "record.unreadable",
            reason="column_count",
            values=len(values),
            columns=len(header),
        )
    if any(_has_undecodable(v) for v in values):
        return RecordError("record.unreadable", reason="not_utf8")
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
