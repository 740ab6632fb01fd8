"""The `cardvalid` command (also `python -m cardvalid`).

- `cardvalid check FILE` — one JSON line per input row (CSV, TSV or JSON Lines;
  `-` reads standard input), the number only masked. Exit status 0 when every
  row is ok, 1 when some row has a problem, 2 for a usage or I/O error.
- `cardvalid rules COUNTRY` — what a country's billing address needs.
- `cardvalid explain CODE [--scheme S]` — a processor's decline code explained.
- `cardvalid export-rules [--locale L ...] [-o FILE]` — the rules as JSON for a front end.

>>> _version_text().split(" (")[0]
'cardvalid 0.1.0'
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from typing import IO, Any

from cardvalid._version import DATA_VERSION
from cardvalid.address import country_rules
from cardvalid.batch import validate_many
from cardvalid.batch.columns import detect_columns, parse_columns
from cardvalid.batch.readers import CsvRecords, Row, read_jsonl, sniff_format
from cardvalid.declines import explain_decline
from cardvalid.model import Result

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cardvalid", description="Check card details the way a declined-card checklist does."
    )
    parser.add_argument("--version", action="version", version=_version_text())
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check every record of a CSV/TSV/JSONL file")
    check.add_argument("file", help="the file to check; '-' for standard input")
    check.add_argument("--format", choices=("auto", "csv", "tsv", "jsonl"), default="auto")
    check.add_argument("--columns", default="", help="FIELD=COLUMN pairs, comma separated")
    check.add_argument("--locale", default="en", help="language of the messages (en, sv)")
    check.add_argument("--today", type=date.fromisoformat, help="the date to check expiry on")
    check.add_argument("--merchant-country", help="the merchant's country, for international")
    check.add_argument("--recurring", action="store_true", help="the payment is a subscription")
    check.add_argument("--max-years", type=int, default=20,
                       help="how many years ahead an expiry may lie (default 20)")
    check.add_argument("-o", "--output", help="write the JSON lines here instead of stdout")

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
        print(f"cardvalid: {error.strerror or error}: {error.filename or ''}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as error:
        print(f"cardvalid: {error}", file=sys.stderr)
        return EXIT_USAGE


@contextlib.contextmanager
def _open_in(path: str) -> Iterator[IO[str]]:
    if path == "-":
        sys.stdin.reconfigure(encoding="utf-8-sig", errors="surrogateescape")  # type: ignore[union-attr]
        yield sys.stdin
        return
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as stream:
        yield stream


@contextlib.contextmanager
def _open_out(path: str | None) -> Iterator[IO[str]]:
    # A character that cannot be written (a lone surrogate from the input) is
    # escaped, never allowed to stop the run halfway.
    if path is None:
        reconfigure = getattr(sys.stdout, "reconfigure", None)  # absent on a redirected stdout
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", errors="backslashreplace") as stream:
        yield stream


def _rows(stream: IO[str], name: str, kind: str) -> tuple[list[str] | None, Iterator[Row]]:
    """The header (None for JSON Lines) and the rows of the input."""
    first = stream.readline()
    kind = sniff_format(name, first) if kind == "auto" else kind

    def lines() -> Iterator[str]:
        yield first
        yield from stream

    if kind == "jsonl":
        return None, read_jsonl(lines())
    records = CsvRecords(lines(), delimiter="\t" if kind == "tsv" else ",")
    return records.header, iter(records)


def _check(args: argparse.Namespace) -> int:
    explicit = parse_columns(args.columns)
    with _open_in(args.file) as stream, _open_out(args.output) as out:
        header, rows = _rows(stream, args.file, args.format)
        ahead = _read_ahead(rows, header)
        if not ahead:
            print("cardvalid: no records", file=sys.stderr)
            return EXIT_OK
        names = header if header is not None else ahead[-1][1]
        columns = _columns_for(names, explicit)
        records = (record for _, record in itertools.chain(ahead, rows))
        results = validate_many(
            records,
            columns=columns,
            today=args.today,
            locale=args.locale,
            merchant_country=args.merchant_country,
            recurring=args.recurring,
            max_years=args.max_years,
        )
        counts = _write(results, out)
    print(f"cardvalid: {counts[0]} rows, {counts[1]} ok, {counts[2]} with errors", file=sys.stderr)
    return EXIT_OK if counts[2] == 0 else EXIT_PROBLEMS


# JSON Lines have no header: columns are named by the first record that is an
# object, looked for this far ahead (the rows read are then checked as usual).
READ_AHEAD = 1000


def _read_ahead(rows: Iterator[Row], header: list[str] | None) -> list[Row]:
    """The rows to hold back: one for CSV, up to the first JSON object for JSON Lines."""
    ahead: list[Row] = []
    for row in rows:
        ahead.append(row)
        if header is not None or isinstance(row[1], dict) or len(ahead) >= READ_AHEAD:
            break
    return ahead


def _columns_for(names: object, explicit: dict[str, str]) -> dict[str, str]:
    """Columns from the CSV header, or from the first JSON record's keys."""
    found = detect_columns(str(k) for k in names) if isinstance(names, dict | list) else {}
    return found | explicit


def _write(results: Iterator[Result], out: IO[str]) -> tuple[int, int, int]:
    total = good = bad = 0
    for total, result in enumerate(results, start=1):
        if result.ok:
            good += 1
        else:
            bad += 1
        out.write(json.dumps(row_json(total, result), ensure_ascii=False) + "\n")
    return total, good, bad


def row_json(row: int, result: Result) -> dict[str, Any]:
    """The JSON line `cardvalid check` writes for one row (the number only masked)."""
    card = result.card
    line: dict[str, Any] = {
        "row": row,
        "ok": result.ok,
        "card": None if card is None else {
            "brand": None if card.brand is None else card.brand.value,
            "masked": card.masked,
        },
        "problems": [
            {
                "code": p.code,
                "field": p.field.value,
                "checklist": p.checklist.value,
                "severity": p.severity.value,
                "message": p.message,
            }
            for p in result.problems
        ],
        "normalized": result.to_dict()["normalized"],
    }
    if result.avs is not None:
        line["avs"] = result.avs
    return line


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

    text = dumps(export_rules(locales=args.locales or ("en", "sv"))) + "\n"
    with _open_out(args.output) as out:
        out.write(text)
    if args.output is not None:
        print(f"cardvalid: wrote {len(text.encode())} bytes to {args.output}", file=sys.stderr)
    return EXIT_OK
