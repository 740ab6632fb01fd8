"""Streaming readers for CSV and JSON Lines that never lose a row.

Both read bytes and split lines on ``\\n`` only (a bare ``\\r`` or ``\\x1c``
inside a line is data, never a line break). Each yields `(row_number, record)`
where `record` is a mapping, another JSON value, or a `RecordError` for a row
that could not be read, so a caller emits exactly one output row per input row.
A line holding only whitespace (any Unicode space, ``\\x1c``, U+3000) is a row
too: `record.blank`. A `record.unreadable` says why in `params["reason"]`:
`not_utf8` (with the byte `offset` in the input of the first undecodable byte),
`not_json`, `not_csv`, `unclosed_quote`, `column_count` (with `values` and
`columns`) or `too_long` (a line over `MAX_LINE_BYTES`).

Reading is linear in the input: a CSV line is handed to the parser at most
twice, and memory is bounded by `MAX_LINE_BYTES` plus one quoted record's
window (`MAX_RECORD_LINES`, `MAX_RECORD_BYTES`).

>>> import io
>>> rows = list(read_jsonl(io.BytesIO(b'{"name": "A B"}\\n\\n[1]\\n{oops\\n')))
>>> [(n, type(r).__name__) for n, r in rows]
[(1, 'dict'), (2, 'RecordError'), (3, 'list'), (4, 'RecordError')]
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from cardvalid.batch.records import RecordError

Row = tuple[int, object]
Line = tuple[int, str]  # (byte offset of the line in the input, its text)

MAX_LINE_BYTES = 64 * 1024 * 1024
# A 10 MB cell is read whole (and then capped by the checks) instead of
# stopping the stream halfway through a row.
csv.field_size_limit(min(sys.maxsize, MAX_LINE_BYTES))

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_TOO_LONG = "\x00too long\x00"  # stands in for a line over MAX_LINE_BYTES (never valid text)


def read_lines(stream: BinaryIO) -> Iterator[Line]:
    """The stream's lines, decoded as UTF-8 (undecodable bytes kept as surrogates).

    A UTF-8 byte order mark is dropped; a UTF-16 one is a `ValueError`.
    """
    offset = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if offset == 0:
            if raw.startswith(_UTF16_BOMS):
                raise ValueError("the input is UTF-16 (it starts with a UTF-16 byte order mark); "
                                 "save it as UTF-8")
            if raw.startswith(_BOM):
                raw, offset = raw[3:], 3
        start = offset
        offset += len(raw)
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            offset += _skip_line(stream)
            yield start, _TOO_LONG
        else:
            yield start, raw.decode("utf-8", "surrogateescape")


def _skip_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(1 << 20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def undecodable_offset(offset: int, text: str) -> int | None:
    """The input offset of the first byte in `text` that was not UTF-8, else None.

    >>> undecodable_offset(100, "ab\\udcffc"), undecodable_offset(0, "åäö")
    (102, None)
    """
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return offset + len(text[: error.start].encode("utf-8"))
    return None


def _line_problem(offset: int, text: str, delimiter: str = "") -> RecordError | None:
    """`record.blank`, `too_long` or `not_utf8` for a line that is no record, else None.

    A line of delimiters only is a record of empty fields, not a blank one.
    """
    if text is _TOO_LONG:
        return _unreadable("too_long")
    if not text.strip() and not (delimiter and delimiter in text):
        return RecordError("record.blank")
    bad = undecodable_offset(offset, text)
    return None if bad is None else _unreadable("not_utf8", offset=bad)


def read_jsonl(stream: BinaryIO) -> Iterator[Row]:
    """One row per line; a line that is not JSON is a `record.unreadable` row."""
    for row, (offset, text) in enumerate(read_lines(stream), start=1):
        problem = _line_problem(offset, text)
        if problem is not None:
            yield row, problem
            continue
        try:
            yield row, json.loads(text)
        except (ValueError, RecursionError):
            yield row, _unreadable("not_json")


# A quoted field may span lines (a street address with a line break), but a
# stray quote must not swallow the rest of the file: a record may span at most
# this many lines and bytes after its first line. When its quote does not
# close validly within them, its first line is unreadable and the lines after
# it are read again, each on its own: a quote that opens inside that window
# and would run past it is a stray quote too (from there it reads exactly as
# the first one did), so no line is handed to the parser more than twice.
MAX_RECORD_LINES = 1000
MAX_RECORD_BYTES = 1024 * 1024


def _numbered(lines: Iterable[str | Line]) -> Iterator[Line]:
    """Lines given as text (an open text file) get their offsets counted here."""
    offset = 0
    for line in lines:
        if isinstance(line, tuple):
            yield line
            continue
        yield offset, line
        offset += len(line.encode("utf-8", "surrogateescape"))


class _Lines:
    """An iterator over lines that lines can be pushed back onto."""

    def __init__(self, lines: Iterable[str | Line]) -> None:
        self._lines = _numbered(lines)
        self._back: list[Line] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> Line:
        return self._back.pop() if self._back else next(self._lines)

    def push_back(self, lines: list[Line]) -> None:
        self._back.extend(reversed(lines))


class CsvRecords:
    """The header and the records of a CSV stream, read so that one bad row loses no other.

    Raises `ValueError` when the header itself cannot be read. `lines_parsed`
    counts the lines handed to the parser (the work done, for tests).

    >>> import io
    >>> data = CsvRecords(read_lines(io.BytesIO(b'a,b\\n1,"x\\n2,y\\n3,z\\n')))
    >>> data.header, [(n, type(r).__name__) for n, r in data]
    (['a', 'b'], [(1, 'RecordError'), (2, 'dict'), (3, 'dict')])
    """

    def __init__(
        self, lines: Iterable[str | Line], *, delimiter: str = ",", header: list[str] | None = None
    ) -> None:
        self.delimiter = delimiter
        self.lines_parsed = 0
        self._lines = _Lines(lines)
        self._inside_stray = 0  # lines still to read inside a stray quote's window
        self.header: list[str] = [] if header is None else header
        self._values = self._records()
        if header is None:
            self.header = self._read_header()

    def _read_header(self) -> list[str]:
        first = next(self._values, None)
        if first is None:
            return []
        if isinstance(first, RecordError):
            if first.params.get("reason") == "not_utf8":
                raise ValueError(f"byte {first.params['offset']} of the header line is not "
                                 "UTF-8; save the file as UTF-8")
            raise ValueError("the header line is not a CSV header")
        return first

    def __iter__(self) -> Iterator[Row]:
        for row, values in enumerate(self._values, start=1):
            if isinstance(values, RecordError):
                yield row, values
            else:
                yield row, _csv_record(self.header, values)

    def _records(self) -> Iterator[list[str] | RecordError]:
        for offset, line in self._lines:
            inside = self._inside_stray > 0
            self._inside_stray -= inside
            self.lines_parsed += 1
            problem = _line_problem(offset, line, self.delimiter)
            if problem is not None:
                yield problem
            elif '"' not in line:  # no quoting: a plain split is exact CSV
                yield line.rstrip("\r\n").split(self.delimiter)
            elif inside:
                yield self._alone(line)
            else:
                yield self._quoted(offset, line)

    def _reader(self, lines: Iterable[str], strict: bool = True) -> Iterator[list[str]]:
        return csv.reader(lines, delimiter=self.delimiter, strict=strict)

    def _alone(self, line: str) -> list[str] | RecordError:
        """A line read on its own: a quote left open is a stray one."""
        try:
            return next(self._reader([line]))
        except csv.Error as error:
            if _is_open(error):
                return _unreadable("unclosed_quote")
            return self._lenient(line)

    def _lenient(self, line: str) -> list[str] | RecordError:
        """Text after a closing quote (`"a"b`) read as spreadsheets do."""
        try:
            return next(self._reader([line], strict=False))
        except csv.Error:  # a bare carriage return inside a field
            return _unreadable("not_csv")

    def _quoted(self, offset: int, first: str) -> list[str] | RecordError:
        fed: list[Line] = [(offset, first)]
        try:
            values = next(self._reader(self._window(fed)))
        except csv.Error as error:
            if len(fed) == 1 and not _is_open(error):
                return self._lenient(first)
            return self._stray(fed)
        finally:
            self.lines_parsed += len(fed) - 1
        bad = next((b for b in (undecodable_offset(o, t) for o, t in fed) if b is not None), None)
        return values if bad is None else _unreadable("not_utf8", offset=bad)

    def _window(self, fed: list[Line]) -> Iterator[str]:
        """The first line, then the lines its open quote may span."""
        yield fed[0][1]
        size = 0
        while len(fed) < MAX_RECORD_LINES:
            line = next(self._lines, None)
            if line is None:
                return
            size += len(line[1])
            if size > MAX_RECORD_BYTES or line[1] is _TOO_LONG:
                self._lines.push_back([line])
                return
            fed.append(line)
            yield line[1]

    def _stray(self, fed: list[Line]) -> RecordError:
        self._lines.push_back(fed[1:])
        self._inside_stray = len(fed) - 1
        return _unreadable("unclosed_quote")


def _is_open(error: csv.Error) -> bool:
    return "unexpected end of data" in str(error)  # the csv module's word for an open quote


def _unreadable(reason: str, **params: object) -> RecordError:
    return RecordError("record.unreadable", reason=reason, **params)


def read_csv(stream: BinaryIO, *, delimiter: str = ",") -> Iterator[Row]:
    """One row per CSV record after the header; a ragged row is a `record.unreadable`."""
    yield from CsvRecords(read_lines(stream), delimiter=delimiter)


def _csv_record(header: list[str], values: list[str]) -> object:
    if len(values) != len(header):
        return RecordError(
            "record.unreadable",
            reason="column_count",
            values=len(values),
            columns=len(header),
        )
    return dict(zip(header, values, strict=True))


_DELIMITERS = (",", ";", "\t", "|")


def sniff_delimiter(header_line: str) -> str:
    """The delimiter a header line uses most (outside quotes): `,`, `;`, tab or `|`.

    >>> sniff_delimiter("number;expiry;name"), sniff_delimiter('"a,b"\\tc\\td')
    (';', '\\t')
    """
    unquoted = header_line.split('"')[::2]
    counts = {d: sum(part.count(d) for part in unquoted) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","
