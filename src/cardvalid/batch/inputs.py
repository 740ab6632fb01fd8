"""Opening a batch input and turning it into a stream of rows: the one reading seam.

Compression (gzip, bz2, xz, zstd) is recognised by its magic bytes, so a
misnamed file is still read; the format by the name's suffix (`.csv`, `.tsv`,
`.jsonl`/`.ndjson`/`.json`, `.parquet`, under any compression suffix), else by
the content (`PAR1` is Parquet, a leading `{` is JSON Lines, anything else CSV).
`read_input()` gives the column names and the `(row, record)` pairs; the CLI
checks them and the columnar path (`validate_table`) can take Parquet whole.

>>> import io, gzip
>>> data = gzip.compress(b"number;expiry\\n4242424242424242;12/29\\n")
>>> source = read_input("-", stream=io.BytesIO(data))
>>> source.kind, source.names, list(source.rows)
('csv', ['number', 'expiry'], [(1, {'number': '4242424242424242', 'expiry': '12/29'})])
"""

from __future__ import annotations

import bz2
import collections
import contextlib
import gzip
import io
import lzma
import os
import shutil
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO

from cardvalid.batch.columns import looks_like_data
from cardvalid.batch.readers import CsvRecords, Row, read_jsonl, read_lines, sniff_delimiter
from cardvalid.panguard import looks_like_card_number

FORMATS = ("auto", "csv", "tsv", "jsonl", "parquet")
_SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
             ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
_COMPRESSED_SUFFIXES = (".gz", ".gzip", ".bz2", ".xz", ".zst", ".zstd")
# Magic numbers: RFC 1952 (gzip), bzip2's "BZh", the .xz format spec, RFC 8878 (zstd).
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"),
          (b"\x28\xb5\x2f\xfd", "zstd"))
PARQUET_BATCH_ROWS = 4096


def _zstd_error() -> type[Exception]:
    try:
        import zstandard  # noqa: PLC0415  (an optional dependency)
    except ImportError:  # pragma: no cover - zstandard is in the batch extra
        return lzma.LZMAError
    return zstandard.ZstdError


# What a damaged compressed stream raises while it is read.
DAMAGED = (EOFError, lzma.LZMAError, zlib.error, gzip.BadGzipFile, _zstd_error())


def shown(text: str, limit: int = 40) -> str:
    """A name safe to print: never a card number, never a megabyte.

    >>> shown("cards-4111111111111111.csv"), shown("x" * 50)[-3:]
    ('<redacted: looks like a card number>', 'xx…')
    """
    if looks_like_card_number(text):
        return "<redacted: looks like a card number>"
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass
class Input:
    """One opened input: its kind, column names (None while unknown) and rows."""

    name: str
    kind: str
    names: list[str] | None
    rows: Iterator[Row]
    size: int | None
    position: Callable[[], int]
    _close: list[Callable[[], object]] = field(default_factory=list)

    def close(self) -> None:
        for close in reversed(self._close):
            with contextlib.suppress(Exception):
                close()


def read_input(
    path: str,
    *,
    kind: str = "auto",
    delimiter: str | None = None,
    names: list[str] | None = None,
    stream: BinaryIO | None = None,
) -> Input:
    """Open `path` (`-` for `stream` or standard input) and read its header.

    `names` are the column names of a CSV without a header line. Raises
    `ValueError` for an input that cannot be read as asked, `OSError` when it
    cannot be opened.
    """
    closers: list[Callable[[], object]] = []
    raw: BinaryIO
    if path == "-":
        raw = stream if stream is not None else _stdin()
    else:
        raw = open(path, "rb")  # noqa: SIM115 - closed by Input.close
        closers.append(raw.close)
    try:
        size = os.fstat(raw.fileno()).st_size if path != "-" else None
    except (OSError, io.UnsupportedOperation):
        size = None
    try:
        data = _decompressed(raw, closers)
        kind = _kind(path, data) if kind == "auto" else kind
        position = _position(raw)
        if kind == "parquet":
            return _parquet(path, data, size, closers)
        if kind == "jsonl":
            return Input(path, kind, None, read_jsonl(data), size, position, closers)
        sep = "\t" if kind == "tsv" else delimiter
        return _csv(path, data=data, delimiter=sep, names=names, size=size, position=position,
                    closers=closers)
    except BaseException:
        for close in closers:
            close()
        raise


def _stdin() -> BinaryIO:
    if sys.stdin is None:
        raise ValueError("standard input is closed")
    return sys.stdin.buffer


def _position(raw: BinaryIO) -> Callable[[], int]:
    def position() -> int:
        try:
            return raw.tell()
        except (OSError, ValueError):
            return 0

    return position


def _decompressed(raw: BinaryIO, closers: list[Callable[[], object]]) -> BinaryIO:
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[type-var]
    head = buffered.peek(8)[:8]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            opened = _open_compressed(name, buffered)
            closers.append(opened.close)
            return opened
    return buffered


def _open_compressed(name: str, raw: BinaryIO) -> BinaryIO:
    if name == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if name == "bz2":
        return bz2.BZ2File(raw, "rb")  # type: ignore[return-value]
    if name == "xz":
        return lzma.LZMAFile(raw, "rb")  # type: ignore[return-value]
    try:
        import zstandard  # noqa: PLC0415
    except ImportError as error:
        raise ValueError("reading zstd needs the zstandard package "
                         "(pip install 'cardvalid[batch]')") from error
    reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
    return io.BufferedReader(reader)


def _kind(path: str, data: BinaryIO) -> str:
    base = path.lower()
    for suffix in _COMPRESSED_SUFFIXES:
        base = base.removesuffix(suffix)
    for suffix, kind in _SUFFIXES.items():
        if base.endswith(suffix):
            return kind
    head = data.peek(64)[:64] if isinstance(data, io.BufferedReader) else b""
    if head.startswith(b"PAR1"):
        return "parquet"
    return "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


def _csv(
    path: str,
    *,
    data: BinaryIO,
    delimiter: str | None,
    names: list[str] | None,
    size: int | None,
    position: Callable[[], int],
    closers: list[Callable[[], object]],
) -> Input:
    lines = read_lines(data)
    first = next(lines, None)
    if first is None:
        return Input(path, "csv", names or [], iter(()), size, position, closers)
    sep = delimiter or sniff_delimiter(first[1])
    if names is not None:
        records = CsvRecords(_chain(first, lines), delimiter=sep, header=names)
    else:
        records = CsvRecords(_chain(first, lines), delimiter=sep)
        check_header(records.header)
    return Input(path, "csv", records.header, iter(records), size, position, closers)


def _chain(first: tuple[int, str], rest: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    yield first
    yield from rest


def check_header(header: list[str]) -> None:
    """A header line that is data, or names a column twice, is a `ValueError`."""
    data = [i for i, cell in enumerate(header, start=1) if looks_like_data(cell)]
    if data:
        raise ValueError(
            f"the first line looks like data, not a header (column {data[0]} holds a number "
            "or a date); name the columns with --columns, e.g. --columns number,expiry,name"
        )
    twice = [name for name, count in collections.Counter(header).items() if count > 1]
    if twice:
        listed = ", ".join(shown(name) or "(empty)" for name in twice)
        raise ValueError(f"the header names a column more than once: {listed}")


def _parquet(
    path: str, data: BinaryIO, size: int | None, closers: list[Callable[[], object]]
) -> Input:
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError as error:
        raise ValueError("reading Parquet needs pyarrow: pip install 'cardvalid[batch]'") from error
    source: IO[bytes] | str = path
    if path == "-" or not _is_plain_file(data):
        spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Input.close
        closers.append(spool.close)
        shutil.copyfileobj(data, spool, 1 << 20)
        spool.seek(0)
        source = spool
    try:
        parquet = pq.ParquetFile(source)
    except Exception as error:  # pyarrow's ArrowInvalid for a damaged file
        raise ValueError("the input is not a readable Parquet file") from error
    closers.append(parquet.close)
    total = parquet.metadata.num_rows
    done = [0]

    def rows() -> Iterator[Row]:
        row = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            records: list[dict[str, Any]] = batch.to_pylist()
            for record in records:
                row += 1
                yield row, record
            done[0] = row

    def position() -> int:
        return 0 if not total or size is None else size * done[0] // total

    return Input(path, "parquet", list(parquet.schema_arrow.names), rows(), size, position,
                 closers)


def _is_plain_file(data: BinaryIO) -> bool:
    return isinstance(data, io.BufferedReader) and isinstance(data.raw, io.FileIO)
