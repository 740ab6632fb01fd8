"""The `cardvalid` command (also `python -m cardvalid`).

- `cardvalid check INPUT… [-o OUTPUT]` — one output row per input row (CSV/TSV
  with any delimiter, JSON Lines, Parquet, each also gzip/bz2/xz/zstd
  compressed; `-` reads standard input), written as JSON Lines, CSV or
  Parquet, the number only masked; a progress bar and a summary on a
  terminal. Exit status 0 when every row is ok, 1 when some row has a
  problem, 2 for a usage or I/O error, 128 + the signal's number when
  interrupted (130 for Ctrl-C). See docs/batch.md.
- `cardvalid rules COUNTRY` — what a country's billing address needs.
- `cardvalid explain CODE [--scheme S]` — a processor's decline code explained.
- `cardvalid export-rules [--locale L ...] [-o FILE]` — the rules as JSON for a front end.

Nothing the command prints echoes a value that looks like a card number,
not even in an argument error:

>>> _redact("argument --today: bad date '5105 1051 0510 5100'")
"argument --today: bad date '<redacted: looks like a card number>'"
>>> _version_text().split(" (")[0]
'cardvalid 0.1.0'
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib.util
import json
import multiprocessing
import os
import re
import signal
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from types import FrameType
from typing import IO, Any, BinaryIO, NoReturn

from cardvalid._version import DATA_VERSION
from cardvalid.address import country_rules
from cardvalid.batch.columns import SECRET_FIELDS, detect_columns, field_of, parse_columns
from cardvalid.batch.inputs import DAMAGED, FORMATS, Input, read_input, shown
from cardvalid.batch.jobs import CHUNK_ROWS, Checked, chunks, run, stop_workers_and_exit
from cardvalid.batch.outputs import (
    OUTPUT_FORMATS,
    Writer,
    atomic_file,
    make_writer,
    output_format,
)
from cardvalid.batch.progress import Progress, on_terminal, print_summary_table
from cardvalid.batch.report import FLAT_COLUMNS, Summary, output_row
from cardvalid.declines import explain_decline
from cardvalid.messages import available_locales
from cardvalid.model import Result
from cardvalid.options import DEFAULT, MAX_YEARS_RANGE, Options
from cardvalid.panguard import REDACTED, looks_like_card_number
from cardvalid.reading import FIELDS

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

_DIGIT_RUN = re.compile(r"\d(?:[\W_]*\d)*")


def _redact(text: str) -> str:
    """`text` with every run of digits that looks like a card number replaced."""
    return _DIGIT_RUN.sub(
        lambda m: REDACTED if looks_like_card_number(m.group()) else m.group(), text
    )


# argparse quotes a bad value with repr(): escapes (`\n`, `\u3164`) would split its digits.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def _redact_quoted(quoted: re.Match[str]) -> str:
    try:
        value = ast.literal_eval(quoted.group())
    except (ValueError, SyntaxError):
        return quoted.group()
    if isinstance(value, str) and looks_like_card_number(value):
        return repr(REDACTED)
    return quoted.group()


class _Parser(argparse.ArgumentParser):
    """argparse, but its error messages never echo a card number."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        message = _redact(_QUOTED.sub(_redact_quoted, message))
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a date as YYYY-MM-DD") from None


def _bounded(low: int, high: int) -> Any:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high}")
        return value

    return parse


def _locale(text: str) -> str:
    language = text.replace("-", "_").split(".", 1)[0].split("_", 1)[0].strip().lower()
    known = available_locales()
    if len(text) > 64 or language not in known:
        raise argparse.ArgumentTypeError(f"unknown locale; known: {', '.join(sorted(known))}")
    return language


def _choice(*choices: str) -> Any:
    def parse(text: str) -> str:
        if text not in choices:
            raise argparse.ArgumentTypeError(f"expected one of {', '.join(choices)}")
        return text

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cardvalid", description="Check card details the way a declined-card checklist does."
    )
    parser.add_argument("--version", action="version", version=_version_text())
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check every record of CSV/TSV/JSONL/Parquet files")
    _check_arguments(check)

    rules = commands.add_parser("rules", help="what a country's billing address needs")
    rules.add_argument("country", help="ISO code or name, e.g. SE, USA, Sverige")
    rules.add_argument("--locale", default="en")
    rules.add_argument("--json", action="store_true", help="print JSON")

    explain = commands.add_parser("explain", help="explain a processor's decline code")
    explain.add_argument("code")
    explain.add_argument(
        "--scheme", default="iso8583", help="iso8583, visa, mastercard or stripe"
    )
    explain.add_argument("--locale", default="en")
    explain.add_argument("--json", action="store_true", help="print JSON")
    _add_export_rules(commands)
    return parser


def _add_export_rules(commands: Any) -> None:
    export = commands.add_parser("export-rules", help="the rules as JSON, for a front end")
    export.add_argument("--locale", action="append", dest="locales", metavar="LOCALE",
                        help="a language of the messages (repeatable; default: en and sv)")
    export.add_argument("-o", "--output", help="write the JSON here instead of stdout")


def _check_arguments(check: argparse.ArgumentParser) -> None:
    add = check.add_argument
    add("inputs", nargs="+", metavar="INPUT", help="files to check; '-' for standard input")
    add("-o", "--output", help="write the rows here (JSONL, CSV or Parquet by suffix); "
        "default standard output")
    add("--format", type=_choice(*OUTPUT_FORMATS), help="output format: jsonl, csv or parquet")
    add("--input-format", type=_choice(*FORMATS), default="auto",
        help="auto (by suffix, then content), csv, tsv, jsonl or parquet")
    add("--delimiter", type=_delimiter, help="the CSV delimiter (default: sniffed)")
    add("--columns", default="", help="FIELD=COLUMN pairs, comma separated; or, for a CSV "
        "without a header line, the column names in order (number,expiry,name)")
    add("--keep", action="append", default=[], metavar="COL",
        help="pass these input columns through (comma separated; repeatable)")
    add("--errors-only", action="store_true", help="write only the rows that are not ok")
    add("--summary-json", metavar="FILE", help="write the summary as JSON here")
    add("--jobs", type=_bounded(1, 64), default=1, help="worker processes (default 1)")
    add("--engine", type=_choice(*ENGINES), default="auto",
        help="rows: validate() per row; columnar: verdicts by validate_table (needs the batch "
        "extra), only written rows rendered; auto: columnar for --errors-only runs over CSV, "
        "TSV or Parquet when pyarrow is installed (default)")
    add("--locale", type=_locale, default=DEFAULT.locale, help="language of the messages (en, sv)")
    add("--today", type=_date, help="the date to check expiry on (YYYY-MM-DD)")
    add("--merchant-country", help="the merchant's country, for international")
    add("--recurring", action="store_true", help="the payment is a subscription")
    add("--max-years", type=_bounded(MAX_YEARS_RANGE[0], MAX_YEARS_RANGE[-1]),
        default=DEFAULT.max_years,
        help=f"how many years ahead an expiry may lie (default {DEFAULT.max_years})")


def _delimiter(text: str) -> str:
    text = {"\\t": "\t", "tab": "\t"}.get(text, text)
    if len(text) != 1 or text in "\"\r\n":
        raise argparse.ArgumentTypeError("expected one character (or \\t)")
    return text


def _version_text() -> str:
    data = ", ".join(f"{k} {v}" for k, v in DATA_VERSION.items() if k != "cardvalid")
    return f"cardvalid {DATA_VERSION['cardvalid']} (data: {data})"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "export-rules":
            return _export_rules(args)
        return _explain(args)
    except OSError as error:
        _fail(_os_error(error))
        return EXIT_USAGE
    except ValueError as error:
        _fail(str(error))
        return EXIT_USAGE


def _fail(message: str) -> None:
    if sys.stderr is not None:
        print(f"cardvalid: {_redact(message)}", file=sys.stderr)


def _os_error(error: OSError) -> str:
    name = f": {shown(os.fsdecode(error.filename), 200)}" if error.filename else ""
    return f"{error.strerror or type(error).__name__}{name}"


class Interrupted(BaseException):
    """A signal asked the run to stop."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class _Held:
    """A signal that came while a chunk's lines and their count were being written."""

    holding = False
    signum: int | None = None


_HELD = _Held()


@contextlib.contextmanager
def _signals_wait() -> Iterator[None]:
    """Signals wait until the block is done (then stop the run), so that what the
    message says was written is what was written. Only around writes to a file: a
    pipe can block for as long as its reader likes, and must stay interruptible."""
    _HELD.holding = True
    try:
        yield
    finally:
        _HELD.holding = False
    if _HELD.signum is not None:
        raise Interrupted(_HELD.signum)


@contextlib.contextmanager
def _signals_stop_the_run() -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        for other in _SIGNALS:  # the clean-up that follows is not to be interrupted
            signal.signal(other, signal.SIG_IGN)
        if _HELD.holding:
            _HELD.signum = signum
            return
        raise Interrupted(signum)

    _HELD.holding, _HELD.signum = False, None
    try:
        old = {s: signal.signal(s, stop) for s in _SIGNALS}
    except ValueError:  # not the main thread: signals cannot reach this run anyway
        yield
        return
    try:
        yield
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


class _Run:
    """How far a run got, for the summary and for the message when it stops early."""

    def __init__(self) -> None:
        self.summary = Summary()
        self.read = 0


def _check(args: argparse.Namespace) -> int:
    explicit, names = _columns_option(args.columns)
    keep = tuple(k.strip() for spec in args.keep for k in spec.split(",") if k.strip())
    kind = output_format(args.output, args.format)
    _refuse_overwriting_inputs(args)
    options = _options(args)
    run_state = _Run()
    try:
        with _signals_stop_the_run():
            _check_all(args, kind=kind, explicit=explicit, names=names, keep=keep,
                       options=options, run_state=run_state)
    except Interrupted as stop:
        name = signal.Signals(stop.signum).name
        status = _stopped(run_state, f"interrupted by {name}", args.output, 128 + stop.signum)
        if args.jobs > 1 and multiprocessing.active_children():
            stop_workers_and_exit(status)  # a stopped pool is not waited for (batch.jobs.run)
        return status
    except BrokenPipeError:
        _silence_stdout()
        return _stopped(run_state, "standard output was closed", None, EXIT_USAGE)
    except (OSError, ValueError, *DAMAGED) as error:
        message = _os_error(error) if isinstance(error, OSError) else str(error) or "damaged input"
        if isinstance(error, DAMAGED) and not isinstance(error, ValueError):
            message = f"the compressed input is damaged ({type(error).__name__})"
        return _stopped(run_state, message, args.output, EXIT_USAGE)
    summary = run_state.summary.to_dict()
    _report(summary)
    if args.summary_json:
        with atomic_file(args.summary_json) as stream:
            stream.write(json.dumps(summary, indent=2).encode("utf-8") + b"\n")
    return EXIT_OK if summary["problem_rows"] == 0 else EXIT_PROBLEMS


def _options(args: argparse.Namespace) -> Options:
    """The options every row is checked under, checked once, on one day for every worker."""
    options = Options(today=args.today, locale=args.locale, max_years=args.max_years,
                      merchant_country=args.merchant_country, recurring=args.recurring)
    return options.on(options.day())


def _stopped(run_state: _Run, why: str, output: str | None, status: int) -> int:
    done = run_state.summary
    where = "" if output in (None, "-") else f"; {shown(output or '', 200)} was not written"
    _fail(f"{why}; stopped after reading {run_state.read:,} rows and writing "
          f"{done.written:,}{where}")
    return status


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, AttributeError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _columns_option(spec: str) -> tuple[dict[str, str], list[str] | None]:
    """`--columns`: FIELD=COLUMN pairs, or (without any `=`) a headerless file's column names."""
    if not spec.strip() or "=" in spec:
        return parse_columns(spec), None
    names = [name.strip() for name in spec.split(",")]
    if any(not name for name in names) or len(set(names)) != len(names):
        raise ValueError("--columns: the column names must be distinct and not empty")
    return {}, names


def _refuse_overwriting_inputs(args: argparse.Namespace) -> None:
    for target, option in ((args.output, "-o"), (args.summary_json, "--summary-json")):
        if target in (None, "-"):
            continue
        for path in args.inputs:
            if path != "-" and _same_file(path, target):
                raise ValueError(f"{option} names an input ({shown(path, 200)}); "
                                 "write the output somewhere else")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _check_all(args: argparse.Namespace, *, kind: str, explicit: dict[str, str],
               names: list[str] | None, keep: tuple[str, ...], options: Options,
               run_state: _Run) -> None:
    with _output(args.output, kind) as (sink, ascii_only):
        writer = make_writer(kind, sink, keep, ascii_only=ascii_only)
        json_lines = None if kind != "jsonl" else "ascii" if ascii_only else "utf8"
        total = _total_size(args.inputs)
        to_file = args.output not in (None, "-")  # a signal may wait for a file's write
        with Progress(total=total, enabled=on_terminal()) as bar:
            before = read_before = 0  # bytes and rows of the inputs already read
            for path in args.inputs:
                source = read_input(path, kind=args.input_format, delimiter=args.delimiter,
                                    names=names)
                try:
                    rows = _counted(_columns_checked(source, explicit, keep), run_state)
                    engine = _engine(args.engine, source.kind, errors_only=args.errors_only)
                    tasks = chunks(path, rows.rows, columns=rows.columns, keep=keep,
                                   options=options, json_lines=json_lines, engine=engine,
                                   errors_only=args.errors_only,
                                   size=COLUMNAR_CHUNK_ROWS if engine == "columnar" else
                                   CHUNK_ROWS)
                    for checked in run(tasks, jobs=args.jobs):
                        _take(checked, writer, run_state.summary, args.errors_only,
                              to_file=to_file)
                        bar.update(rows=run_state.summary.rows,
                                   position=before + source.position())
                finally:
                    source.close()
                before += source.size or 0
                if run_state.read == read_before:
                    _fail(f"note: {shown(path, 200)} holds no records")
                read_before = run_state.read
        writer.close()


ENGINES = ("auto", "rows", "columnar")
COLUMNAR_CHUNK_ROWS = 20_000  # validate_table's per-call cost wants larger chunks
_TABULAR = frozenset({"csv", "tsv", "parquet"})  # values Arrow holds as they were read


def _engine(asked: str, kind: str, *, errors_only: bool) -> str:
    """The engine for one input: the columnar one only where it reads values unchanged.

    Its gain is the rows it need not render, so `auto` picks it for
    `--errors-only` runs; the output is the same either way.
    """
    if asked == "rows" or kind not in _TABULAR:
        return "rows"
    if asked == "auto" and not errors_only:
        return "rows"
    return "columnar" if importlib.util.find_spec("pyarrow") is not None else "rows"


def _total_size(paths: Sequence[str]) -> int | None:
    try:
        return sum(os.path.getsize(p) for p in paths) if "-" not in paths else None
    except OSError:
        return None


def _take(done: Checked, writer: Writer, summary: Summary, errors_only: bool, *,
          to_file: bool) -> None:
    for mark in done.marks:
        summary.add(mark)
    lines: Sequence[Any] = done.lines
    if errors_only:
        lines = [line for line, (ok, _) in zip(lines, done.marks, strict=True) if not ok]
    with _signals_wait() if to_file else contextlib.nullcontext():
        writer.write(lines)
        summary.written += len(lines)


class _Rows:
    """An input's rows with the columns to read them under (known from the first mapping)."""

    def __init__(self, rows: Iterator[tuple[int, object]], columns: dict[str, str]) -> None:
        self.rows = rows
        self.columns = columns


def _columns_checked(source: Input, explicit: dict[str, str], keep: tuple[str, ...]) -> _Rows:
    if source.names is not None:
        return _Rows(source.rows, _resolve(source.names, explicit, keep, listed=True))
    columns: dict[str, str] = {}
    holder = _Rows(iter(()), columns)

    def rows() -> Iterator[tuple[int, object]]:
        for row, record in source.rows:
            if not columns and isinstance(record, Mapping):
                keys = [k for k in record if isinstance(k, str)]
                columns.update(_resolve(keys, explicit, keep, listed=False))
            yield row, record

    holder.rows = rows()
    return holder


def _resolve(names: Sequence[str], explicit: Mapping[str, str], keep: Sequence[str], *,
             listed: bool) -> dict[str, str]:
    """The columns to read an input under; a usage error when they cannot be right."""
    columns = detect_columns(names) | dict(explicit)
    if listed:
        missing = [c for c in [*explicit.values(), *keep] if c not in names]
        if missing:
            raise ValueError(f"no column named {shown(missing[0])} in the input")
    if not columns:
        raise ValueError("none of the input's columns is a card field; name them with "
                         "--columns FIELD=COLUMN (fields: " + ", ".join(FIELDS) + ")")
    for name in keep:
        mapped = {f for f, c in columns.items() if c == name}
        if name in FLAT_COLUMNS or field_of(name) in SECRET_FIELDS or mapped & SECRET_FIELDS:
            why = "is one of the output's own columns" if name in FLAT_COLUMNS else (
                "holds card numbers or security codes")
            raise ValueError(f"--keep {shown(name)}: that column {why}")
    return columns


def _counted(rows: _Rows, run_state: _Run) -> _Rows:
    inner = rows.rows

    def counting() -> Iterator[tuple[int, object]]:
        for row in inner:
            run_state.read += 1
            yield row

    rows.rows = counting()
    return rows


@contextlib.contextmanager
def _output(path: str | None, kind: str) -> Iterator[tuple[BinaryIO, bool]]:
    """The sink to write to, and whether JSON must be ASCII (a stdout not in UTF-8)."""
    if path not in (None, "-"):
        with atomic_file(path) as stream:
            yield stream, False
        return
    stdout = sys.stdout
    if stdout is None:
        raise ValueError("standard output is closed; write with -o FILE")
    if kind == "parquet":
        raise ValueError("Parquet output needs a file: give -o FILE.parquet")
    encoding = (getattr(stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    utf8 = encoding in ("utf-8", "utf8")
    if not utf8 and (kind != "jsonl" or not _ascii_compatible(encoding)):
        raise ValueError(f"standard output is not UTF-8 ({shown(encoding)}); write with "
                         "-o FILE or set PYTHONIOENCODING=utf-8")
    buffer = getattr(stdout, "buffer", None)
    stdout.flush()
    sink: BinaryIO = buffer if buffer is not None else _TextSink(stdout)  # type: ignore[assignment]
    yield sink, not utf8
    sink.flush()


def _ascii_compatible(encoding: str) -> bool:
    try:
        return "{}:,\"az09\n".encode(encoding) == b"{}:,\"az09\n"
    except LookupError:
        return False


class _TextSink:
    """Bytes written to a text stream (a redirected `sys.stdout` without a buffer)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        self._stream.write(data.decode("utf-8", "surrogateescape"))
        return len(data)

    def flush(self) -> None:
        self._stream.flush()


def _report(summary: dict[str, Any]) -> None:
    if sys.stderr is None:
        return
    if on_terminal():
        print_summary_table(summary)
        return
    print(f"cardvalid: {summary['rows']} rows, {summary['ok']} ok, "
          f"{summary['problem_rows']} with errors", file=sys.stderr)


def row_json(row: int, result: Result) -> dict[str, Any]:
    """The JSON line `cardvalid check` writes for one row of standard input."""
    return output_row("-", row, result, {})


def _print_mapping(data: dict[str, Any], indent: int = 0) -> None:
    pad = "  " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            print(f"{pad}{key}:")
            _print_mapping(value, indent + 1)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            print(f"{pad}{key}:")
            for item in value:
                print(f"{pad}  - " + ", ".join(f"{k}: {v}" for k, v in item.items()))
        elif isinstance(value, list):
            print(f"{pad}{key}: {', '.join(map(str, value))}")
        else:
            print(f"{pad}{key}: {value}")


def _rules(args: argparse.Namespace) -> int:
    rules = country_rules(args.country, locale=args.locale)
    if rules is None:
        print("cardvalid: unknown country (give an ISO code or a name, e.g. SE)", file=sys.stderr)
        return EXIT_USAGE
    data = rules.to_dict()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_mapping(data)
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    decline = explain_decline(args.code, scheme=args.scheme, locale=args.locale)
    data = decline.to_dict()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_mapping(data)
    return EXIT_OK if decline.known else EXIT_PROBLEMS


def _export_rules(args: argparse.Namespace) -> int:
    from cardvalid.rules_export import dumps, export_rules  # noqa: PLC0415  (only this command)

    data = (dumps(export_rules(locales=args.locales or ("en", "sv"))) + "\n").encode()
    if args.output is None:
        sys.stdout.buffer.write(data)
        return EXIT_OK
    with atomic_file(args.output) as stream:  # complete or not there, as `check` writes
        stream.write(data)
    print(f"cardvalid: wrote {len(data)} bytes to {shown(args.output)}", file=sys.stderr)
    return EXIT_OK
