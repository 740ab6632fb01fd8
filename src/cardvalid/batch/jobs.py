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
import functools
import json
import multiprocessing
import signal
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cardvalid.batch import check_rows
from cardvalid.batch.readers import Row
from cardvalid.batch.records import RecordError
from cardvalid.batch.report import Mark, mark_of, output_row
from cardvalid.validation import validate

CHUNK_ROWS = 2000
CHUNK_TEXT = 8 * 1024 * 1024  # characters of field values in one chunk, at most about


@dataclass(frozen=True, slots=True)
class Options:
    """The options every row is checked under (as `validate_many` takes them)."""

    today: date
    locale: str = "en"
    merchant_country: str | None = None
    recurring: bool = False
    max_years: int = 20


@dataclass(frozen=True, slots=True)
class Task:
    """One chunk of rows from one input, with the columns and options to check them under."""

    source: str
    rows: list[Row]
    columns: Mapping[str, str]
    keep: tuple[str, ...]
    options: Options
    # "utf8" or "ascii": the worker writes the JSON lines itself (the parent
    # then only counts and copies them); None: the rows come back as dicts.
    json_lines: str | None = None


@dataclass(frozen=True, slots=True)
class Checked:
    """A chunk checked: each row's mark for the summary, and its output rows."""

    marks: list[Mark]
    lines: list[dict[str, Any]] | list[str]


def check_chunk(task: Task) -> Checked:
    """The output rows of one chunk."""
    o = task.options
    check = functools.partial(validate, today=o.today, locale=o.locale,
                              merchant_country=o.merchant_country, recurring=o.recurring,
                              max_years=o.max_years)
    results = check_rows(task.rows, task.columns, check, o.locale)
    lines = []
    for (row, record), result in zip(task.rows, results, strict=True):
        keep = {name: _value(record, name) for name in task.keep}
        lines.append(output_row(task.source, row, result, keep))
    marks = [mark_of(line) for line in lines]
    if task.json_lines is None:
        return Checked(marks, lines)
    ascii_only = task.json_lines == "ascii"
    return Checked(marks, [json.dumps(line, ensure_ascii=ascii_only) + "\n" for line in lines])


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
    with context.Pool(jobs, initializer=_worker_start) as pool:
        pending: collections.deque[Any] = collections.deque()
        for task in tasks:
            pending.append(pool.apply_async(check_chunk, (task,)))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def chunks(source: str, rows: Iterable[Row], *, columns: Mapping[str, str],
           keep: tuple[str, ...], options: Options, size: int = CHUNK_ROWS,
           json_lines: str | None = None) -> Iterator[Task]:
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
            yield Task(source, chunk, columns, keep, options, json_lines)
            chunk, text = [], 0
    if chunk:
        yield Task(source, chunk, columns, keep, options, json_lines)


def _text_size(record: object) -> int:
    if not isinstance(record, Mapping):
        return 64
    try:
        return sum(map(len, record.values()))  # every value text: a CSV row
    except TypeError:
        return sum(len(v) if isinstance(v, str) else 64 for v in record.values())
