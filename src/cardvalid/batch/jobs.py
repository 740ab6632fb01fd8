"""Checking rows in chunks, in this process or in worker processes, in input order.

The rows are cut into chunks; with `jobs > 1` a pool of worker processes
checks them, at most two chunks per worker in flight (memory stays bounded
however long the input), and the chunks come back in the order they went in.

>>> from datetime import date
>>> options = Options(today=date(2026, 11, 26))
>>> task = Task("cards.csv", [(1, {"number": "4242424242424242", "expiry": "12/29"})], {}, (),
...             options)
>>> [(line["row"], line["codes"]) for done in run([task], jobs=1) for line in done.lines]
[(1, ['name.missing'])]
"""

from __future__ import annotations

import collections
import contextlib
import functools
import json
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from cardvalid.batch import check_rows
from cardvalid.batch.readers import Row
from cardvalid.batch.records import RecordError
from cardvalid.batch.report import Mark, mark_of, output_row
from cardvalid.codes import REASONS
from cardvalid.options import Options
from cardvalid.validation import validate

CHUNK_ROWS = 2000
CHUNK_TEXT = 8 * 1024 * 1024  # characters of field values in one chunk, at most about


@dataclass(frozen=True, slots=True)
class Task:
    """One chunk of rows from one input, with the columns and options to check them under.

    `options` should have `today` fixed (`Options.on`): every worker judges on one day.
    """

    source: str
    rows: list[Row]
    columns: Mapping[str, str]
    keep: tuple[str, ...]
    options: Options
    # "utf8" or "ascii": the worker writes the JSON lines itself (the parent
    # then only counts and copies them); None: the rows come back as dicts.
    json_lines: str | None = None
    # "columnar": the rows' verdicts from `validate_table`, and only the rows
    # to be written rendered by `validate()` (with `errors_only`, the not-ok ones).
    engine: str = "rows"
    errors_only: bool = False


@dataclass(frozen=True, slots=True)
class Checked:
    """A chunk checked: each row's mark for the summary, and its output rows."""

    marks: list[Mark]
    lines: list[dict[str, Any]] | list[str]


def check_chunk(task: Task) -> Checked:
    """The output rows of one chunk."""
    o = task.options
    check = functools.partial(validate, options=o)
    rendered = task.rows
    verdicts = _columnar_verdicts(task) if task.engine == "columnar" else None
    if verdicts is not None:  # only the rows that are written need `validate()`
        rendered = [r for r, v in zip(task.rows, verdicts, strict=True) if v is None]
    results = iter(check_rows(rendered, task.columns, check, o.locale))
    lines: list[dict[str, Any] | None] = []
    marks: list[Mark] = []
    for position, (row, record) in enumerate(task.rows):
        mark = None if verdicts is None else verdicts[position]
        if mark is not None:  # ok, and not written (`--errors-only`)
            lines.append(None)
            marks.append(mark)
            continue
        keep = {name: _value(record, name) for name in task.keep}
        line = output_row(task.source, row, next(results), keep)
        lines.append(line)
        marks.append(mark_of(line))
    if task.json_lines is None:
        return Checked(marks, [line or {} for line in lines])
    ascii_only = task.json_lines == "ascii"
    return Checked(marks, ["" if line is None else json.dumps(line, ensure_ascii=ascii_only)
                           + "\n" for line in lines])


def _columnar_verdicts(task: Task) -> list[Mark | None] | None:
    """Per row the summary's mark when `validate_table` finds it needs no output row, else None.

    A row needs one unless `--errors-only` and the row is ok. Rows that are
    not records (reading errors, other JSON values) are left to `validate()`.
    A written row carries its normalized fields (expiry as `YYYY-MM`, the
    name, the address in the country's form) and its messages and hints in
    the locale: the scalar rules make them, and `validate_table` keeps only
    codes, brand and mask (making them column-wise would be a second copy of
    those rules), so every written row, ok or not, is rendered by `validate()`.
    Without the `batch` extra (pyarrow), or for values Arrow cannot hold in
    one column, every row is left to `validate()` (None).
    """
    if not task.errors_only:
        return None
    try:
        import pyarrow as pa  # noqa: PLC0415  (the `batch` extra)

        from cardvalid.batch.table import validate_table  # noqa: PLC0415
    except ImportError:
        return None
    records = [(i, r) for i, (_, r) in enumerate(task.rows) if isinstance(r, Mapping)]
    names = list(dict.fromkeys(k for _, r in records for k in r if isinstance(k, str)))
    try:
        table = pa.table({n: pa.array([r.get(n) for _, r in records]) for n in names})
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return None
    out = validate_table(table, columns=task.columns, options=task.options,
                         result_columns=("ok", "codes"))
    verdicts: list[Mark | None] = [None] * len(task.rows)
    oks = out.column("ok").to_pylist()
    for (position, _), ok, codes in zip(records, oks, out.column("codes").to_pylist(),
                                        strict=True):
        if ok:
            verdicts[position] = True, tuple((c, REASONS[c].checklist.value) for c in codes)
    return verdicts


def _value(record: object, name: str) -> object:
    return record.get(name) if isinstance(record, Mapping) else None


def _worker_start() -> None:
    # The parent alone decides what an interruption means; it stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def run(tasks: Iterable[Task], *, jobs: int = 1) -> Iterator[Checked]:
    """The output rows of each task, in order."""
    if jobs <= 1:
        yield from map(check_chunk, tasks)
        return
    # Spawned workers: nothing inherited from a parent that may run threads
    # (the progress bar's), the same on every platform, and their CPU time is
    # the parent's children's.
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(jobs, initializer=_worker_start)
    try:
        pending: collections.deque[Any] = collections.deque()
        for task in tasks:
            pending.append(pool.apply_async(check_chunk, (task,)))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
    except Exception:
        pool.terminate()
        raise
    # Interrupted (a signal, a BaseException) the pool is left as it is: `terminate()` can
    # wait forever while a worker writing a large result holds the result queue's lock
    # (seen under load with SIGTERM, CPython 3.11); the command kills the workers and
    # exits at once (`stop_workers_and_exit`).
    pool.terminate()  # every result is in: nothing is being written


def stop_workers_and_exit(status: int) -> NoReturn:
    """Kill this process's workers and exit with `status` now (see `run`): no clean-up at
    exit waits on a pool a signal stopped."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    for worker in multiprocessing.active_children():
        worker.kill()
    os._exit(status)


def chunks(source: str, rows: Iterable[Row], *, columns: Mapping[str, str],
           keep: tuple[str, ...], options: Options, size: int = CHUNK_ROWS,
           json_lines: str | None = None, engine: str = "rows",
           errors_only: bool = False) -> Iterator[Task]:
    """The rows cut into tasks of at most `size` rows and about `CHUNK_TEXT` characters.

    A record that is no mapping is passed on as None: it is answered as one all
    the same (`record.not_a_mapping`), and a huge JSON array is not held.

    >>> from datetime import date
    >>> rows = [(1, {"name": "x" * CHUNK_TEXT}), (2, [1] * 10**6), (3, {"name": "y"})]
    >>> tasks = list(chunks("in", rows, columns={}, keep=(),
    ...                    options=Options(today=date(2026, 11, 26))))
    >>> [[(n, type(r).__name__) for n, r in t.rows] for t in tasks]
    [[(1, 'dict')], [(2, 'NoneType'), (3, 'dict')]]
    """
    chunk: list[Row] = []
    text = 0
    for row, record in rows:
        if isinstance(record, Mapping | RecordError):
            chunk.append((row, record))
            text += _text_size(record)
        else:
            chunk.append((row, None))
        if len(chunk) >= size or text >= CHUNK_TEXT:
            yield Task(source, chunk, columns, keep, options, json_lines, engine, errors_only)
            chunk, text = [], 0
    if chunk:
        yield Task(source, chunk, columns, keep, options, json_lines, engine, errors_only)


def _text_size(record: object) -> int:
    if not isinstance(record, Mapping):
        return 64
    try:
        return sum(map(len, record.values()))  # every value text: a CSV row
    except TypeError:
        return sum(len(v) if isinstance(v, str) else 64 for v in record.values())
