"""Writing a batch's output rows (JSON Lines, CSV or Parquet) so that nothing half-done remains.

A file is written beside its target under a temporary name, flushed to disk
and renamed over the target only when the run completes; a failing or
interrupted run removes it, so an existing output is never truncated and a
partial one never carries the output's name.

>>> import io
>>> sink = io.BytesIO()
>>> writer = JsonlWriter(sink, ascii_only=True)
>>> writer.write([{"row": 1, "name": "Åsa"}])
>>> sink.getvalue()
b'{"row": 1, "name": "\\\\u00c5sa"}\\n'
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO, Protocol

from cardvalid.batch.report import FLAT_COLUMNS, LIST_COLUMNS, flat_row

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
             ".parquet": "parquet", ".pq": "parquet"}


def output_format(path: str | None, given: str | None) -> str:
    """The format asked for, else the one the output's suffix names, else JSON Lines.

    >>> output_format("out.parquet", None), output_format(None, "csv"), output_format("x", None)
    ('parquet', 'csv', 'jsonl')
    """
    if given:
        return given
    for suffix, kind in _SUFFIXES.items():
        if path is not None and path.lower().endswith(suffix):
            return kind
    return "jsonl"


@contextlib.contextmanager
def atomic_file(path: str) -> Iterator[BinaryIO]:
    """A file that takes `path`'s name only once the block completes; removed on any error."""
    target = os.path.abspath(path)
    directory, name = os.path.split(target)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
        _sync_directory(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(target: str) -> int:
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_directory(directory: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Writer(Protocol):
    """Takes output rows (the JSON form) in order."""

    def write(self, lines: Sequence[dict[str, Any]] | Sequence[str]) -> None: ...

    def close(self) -> None: ...


class JsonlWriter:
    """One JSON object per line; `ascii_only` escapes every non-ASCII character."""

    def __init__(self, sink: BinaryIO, *, ascii_only: bool = False) -> None:
        self._sink = sink
        self._ascii = ascii_only

    def write(self, lines: Sequence[dict[str, Any]] | Sequence[str]) -> None:
        """Rows as dicts, or as the JSON lines a worker already wrote."""
        text = "".join(line if isinstance(line, str) else
                       json.dumps(line, ensure_ascii=self._ascii) + "\n" for line in lines)
        # A lone surrogate (from a JSON "\ud800" in the input) becomes the same escape.
        self._sink.write(text.encode("utf-8", "backslashreplace"))

    def close(self) -> None:
        self._sink.flush()


class CsvWriter:
    """The flat columns; code-like lists joined by spaces, texts and params as JSON."""

    def __init__(self, sink: BinaryIO, keep: Sequence[str]) -> None:
        self._text = io.TextIOWrapper(sink, encoding="utf-8", errors="backslashreplace",
                                      newline="", write_through=True)
        self._csv = csv.writer(self._text)
        self._csv.writerow([*FLAT_COLUMNS, *keep])

    def write(self, lines: Sequence[dict[str, Any]] | Sequence[str]) -> None:
        self._csv.writerows(_csv_cells(flat_row(line)) for line in lines
                            if not isinstance(line, str))

    def close(self) -> None:
        self._text.flush()
        self._text.detach()


_TEXT_LISTS = frozenset({"messages", "hints"})


def _csv_cells(flat: dict[str, Any]) -> list[object]:
    cells: list[object] = []
    for name, value in flat.items():
        if name in _TEXT_LISTS:
            cells.append(json.dumps(value, ensure_ascii=False))
        elif name in LIST_COLUMNS:
            cells.append(" ".join(value))
        elif isinstance(value, dict | list):
            cells.append(json.dumps(value, ensure_ascii=False))
        else:
            cells.append("" if value is None else value)
    return cells


class ParquetWriter:
    """The flat columns as a Parquet file: lists as lists of strings, kept columns as strings."""

    ROWS_PER_GROUP = 65536

    def __init__(self, sink: BinaryIO, keep: Sequence[str]) -> None:
        import pyarrow as pa  # noqa: PLC0415  (the batch extra, loaded when asked for)
        import pyarrow.parquet as pq  # noqa: PLC0415

        self._pa = pa
        types = {"row": pa.int64(), "ok": pa.bool_()}
        fields = [
            pa.field(name, pa.list_(pa.string()) if name in LIST_COLUMNS
                     else types.get(name, pa.string()))
            for name in FLAT_COLUMNS
        ] + [pa.field(name, pa.string()) for name in keep]
        self._schema = pa.schema(fields)
        self._writer = pq.ParquetWriter(sink, self._schema)
        self._pending: list[dict[str, Any]] = []

    def write(self, lines: Sequence[dict[str, Any]] | Sequence[str]) -> None:
        self._pending.extend(_parquet_row(flat_row(line)) for line in lines
                             if not isinstance(line, str))
        if len(self._pending) >= self.ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            table = self._pa.Table.from_pylist(self._pending, schema=self._schema)
            self._writer.write_table(table)
            self._pending = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def _parquet_row(flat: dict[str, Any]) -> dict[str, Any]:
    for name in list(flat)[len(FLAT_COLUMNS):]:
        value = flat[name]
        if value is not None and not isinstance(value, str):
            flat[name] = json.dumps(value, ensure_ascii=False)
    return flat


def make_writer(kind: str, sink: BinaryIO, keep: Sequence[str], *, ascii_only: bool) -> Writer:
    """The writer for an output format."""
    if kind == "csv":
        return CsvWriter(sink, keep)
    if kind == "parquet":
        return ParquetWriter(sink, keep)
    return JsonlWriter(sink, ascii_only=ascii_only)


