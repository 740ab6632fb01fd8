"""The columnar path (`validate_table`) against its peers, on realistic distinct rows.

Run: `python benchmarks/bench_table.py [--numbers 1000000] [--records 200000] [--repeat 5]`.

(a) numbers only: `validate_table` over a table of card numbers against a
    `stdnum.luhn.is_valid` loop over the same strings, with every result
    column and with `result_columns=("ok", "codes")` (the issue's minimum);
(b) full records with billing addresses: `validate_table` against
    `cardvalid.validate_many` over the same rows (as dicts).

Rows are distinct: unique card numbers built from the brands' published
prefixes (a few with a typo), names drawn from first/last-name lists, house
numbers, cities, states and postal codes of twelve countries (some malformed
or of another state). Each part runs in a child process (its own peak memory,
VmHWM), timing ours and the peer interleaved in that process; medians of
`--repeat` runs. Results go to benchmarks/results/table.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import peak_rss_kib

TODAY = date(2026, 11, 26)
RESULTS = Path(__file__).resolve().parent / "results" / "table.md"

# Brand prefixes and lengths (cardvalid.brands' table), weighted roughly like a
# card-present mix: mostly Visa and Mastercard.
_BRANDS = [
    (("4",), (16,), 45), (("51", "52", "53", "54", "55", "2221", "2720"), (16,), 30),
    (("34", "37"), (15,), 8), (("6011", "65"), (16,), 5), (("3528", "3589"), (16,), 3),
    (("62",), (16, 19), 3), (("36", "38"), (14,), 2), (("50", "67"), (16, 19), 2),
    (("2200",), (16,), 1), (("9792",), (16,), 1),
]
_FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "John", "Mary", "James", "Linda", "Robert",
          "Sofia", "Jean", "Marie", "Hans", "Yuki", "Chen", "Priya", "Ahmed", "Olivia", "Noah",
          "Emma", "Liam", "Lucas", "Mia", "Ella", "Oscar", "Hugo", "Alice", "Maja", "Leo"]
_LAST = ["Svensson", "Johansson", "Smith", "Johnson", "Brown", "Garcia", "Martin", "Muller",
         "Tanaka", "Wang", "Patel", "Khan", "O'Brien", "Nguyen", "Dubois", "Rossi", "Jansen",
         "Andersson", "Lindqvist", "Taylor", "Wilson", "Moore", "Clark", "Lewis", "Walker",
         "Hall", "Young", "King", "Wright", "Lopez"]
_STREETS = ["Main St", "High Street", "Drottninggatan", "Oak Avenue", "Rue de Rivoli",
            "Hauptstrasse", "Elm Road", "Park Lane", "Kungsgatan", "Station Road"]


def _zip_us(rng: random.Random) -> tuple[str, str, str]:
    state, city, low, high = rng.choice([("CA", "Los Angeles", 90001, 96162),
                                         ("NY", "New York", 10001, 14925),
                                         ("TX", "Austin", 75001, 79999),
                                         ("FL", "Miami", 32003, 34997),
                                         ("WA", "Seattle", 98001, 99403),
                                         ("IL", "Chicago", 60001, 62999)])
    return city, state, f"{rng.randint(low, high):05d}"


def _place(rng: random.Random) -> tuple[str, str | None, str, str]:
    """(city, state, postal code, country) of one of twelve countries."""
    country = rng.choices(["US", "SE", "GB", "CA", "DE", "FR", "NL", "AU", "JP", "ES", "IT",
                           "BR"], weights=[35, 10, 10, 6, 8, 6, 4, 5, 4, 4, 4, 4])[0]
    n = rng.randint
    if country == "US":
        us_city, us_state, zip_code = _zip_us(rng)
        return us_city, us_state, zip_code, country
    letters = "ABCEGHJKLMNPRSTVXY"
    places: dict[str, Callable[[], tuple[str, str | None, str]]] = {
        "SE": lambda: ("Stockholm", None, f"{n(100, 999)} {n(10, 99)}"),
        "GB": lambda: ("London", None, f"SW{n(1, 9)}A {n(1, 9)}"
                       + rng.choice("ABDEFG") + rng.choice("HJLNPQ")),
        "CA": lambda: ("Toronto", "ON",
                       f"M{n(1, 9)}{rng.choice(letters)} {n(1, 9)}{rng.choice(letters)}{n(1, 9)}"),
        "DE": lambda: ("Berlin", None, f"{n(10115, 14199)}"),
        "FR": lambda: ("Paris", None, f"750{n(1, 20):02d}"),
        "NL": lambda: ("Amsterdam", None, f"{n(1011, 1109)} "
                       + rng.choice("ABCDEFGH") + rng.choice("ABCDEFGH")),
        "AU": lambda: ("Sydney", "NSW", f"{n(2000, 2599)}"),
        "JP": lambda: ("Shibuya", "Tokyo", f"15{n(0, 9)}-{n(0, 9999):04d}"),
        "ES": lambda: ("Madrid", "M", f"280{n(1, 55):02d}"),
        "IT": lambda: ("Roma", "RM", f"001{n(0, 99):02d}"),
        "BR": lambda: ("Salvador", "BA", f"4{n(0, 8999):04d}-{n(0, 999):03d}"),
    }
    city, state, postal = places[country]()
    if rng.random() < 0.03:  # a malformed code
        postal = postal[:-1]
    return city, state, postal, country


def card_numbers(count: int, seed: int = 7) -> list[str]:
    """`count` distinct card numbers from the brands' prefixes; 2% with a typo."""
    from cardvalid.luhn import append_check_digit

    rng = random.Random(seed)
    prefixes = [(p, lengths) for ps, lengths, weight in _BRANDS for p in ps for _ in range(weight)]
    seen: set[str] = set()
    numbers: list[str] = []
    while len(numbers) < count:
        prefix, lengths = rng.choice(prefixes)
        length = rng.choice(lengths)
        body = prefix + "".join(rng.choices("0123456789", k=length - len(prefix) - 1))
        number = append_check_digit(body)
        if rng.random() < 0.02:
            number = number[:-1] + str((int(number[-1]) + 1) % 10)
        if number not in seen:
            seen.add(number)
            numbers.append(number)
    return numbers


def records(count: int, seed: int = 11) -> list[dict[str, str | None]]:
    """Full billing records: distinct numbers, varied names, addresses in twelve countries."""
    rng = random.Random(seed)
    rows: list[dict[str, str | None]] = []
    for number in card_numbers(count, seed):
        city, state, postal, country = _place(rng)
        spaced = rng.random() < 0.3
        rows.append({
            "number": " ".join(number[i : i + 4] for i in range(0, len(number), 4))
            if spaced else number,
            "expiry": f"{rng.randint(1, 12):02d}/{rng.randint(24, 33)}",
            "name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            "cvc": f"{rng.randint(0, 9999 if number[:2] in ('34', '37') else 999):03d}",
            "line1": f"{rng.randint(1, 9999)} {rng.choice(_STREETS)}",
            "city": city,
            "state": state,
            "postal_code": postal,
            "country": country,
        })
    return rows


def _median_runs(funcs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median seconds per run of each function, run interleaved `repeat` times (one warm-up).

    Wall time under each name, this process's CPU time under `NAME_cpu`
    (on a shared machine the steadier figure) and the kernel's part of it
    under `NAME_sys` (mostly first touches of fresh memory: page faults).
    """
    for func in funcs.values():
        func()
    samples: dict[str, list[float]] = {}
    for _ in range(repeat):
        for name, func in funcs.items():
            start, cpu = time.perf_counter(), time.process_time()
            kernel = resource.getrusage(resource.RUSAGE_SELF).ru_stime
            func()
            samples.setdefault(name, []).append(time.perf_counter() - start)
            samples.setdefault(f"{name}_cpu", []).append(time.process_time() - cpu)
            samples.setdefault(f"{name}_sys", []).append(
                resource.getrusage(resource.RUSAGE_SELF).ru_stime - kernel)
    return {name: statistics.median(values) for name, values in samples.items()}


def part_numbers(count: int, repeat: int) -> dict[str, Any]:
    import pyarrow as pa
    from stdnum import luhn

    from cardvalid.batch import validate_table

    numbers = card_numbers(count)
    table = pa.table({"number": numbers})
    is_valid = luhn.is_valid
    data_kib = peak_rss_kib()
    start = time.perf_counter()
    out = validate_table(table, today=TODAY)
    cold = time.perf_counter() - start
    ours_kib = peak_rss_kib()

    def peer() -> list[bool]:
        return [bool(is_valid(n)) for n in numbers]

    luhn_ok = peer()
    assert all(v for o, v in zip(out.column("ok").to_pylist(), luhn_ok, strict=True) if o)
    slim = validate_table(table, today=TODAY, result_columns=("ok", "codes"))
    assert slim.column("codes").equals(out.column("codes"))
    medians = _median_runs({"ours": lambda: validate_table(table, today=TODAY),
                            "slim": lambda: validate_table(table, today=TODAY,
                                                           result_columns=("ok", "codes")),
                            "peer": peer}, repeat)
    return {"part": "numbers", "rows": count, **medians, "cold": cold,
            "fallback": json.loads(out.schema.metadata[b"cardvalid.fallback"]),
            "ok_rows": sum(out.column("ok").to_pylist()), "hwm_kib": peak_rss_kib(),
            "data_kib": data_kib, "ours_kib": ours_kib}


def part_records(count: int, repeat: int) -> dict[str, Any]:
    import pyarrow as pa

    from cardvalid import validate_many
    from cardvalid.batch import validate_table

    rows = records(count)
    table = pa.Table.from_pylist(rows)
    data_kib = peak_rss_kib()
    start = time.perf_counter()
    out = validate_table(table, today=TODAY)
    cold = time.perf_counter() - start
    ours_kib = peak_rss_kib()

    def peer() -> list[tuple[str, ...]]:
        return [r.codes for r in validate_many(rows, today=TODAY)]

    assert out.column("codes").to_pylist() == [list(c) for c in peer()]
    medians = _median_runs({"ours": lambda: validate_table(table, today=TODAY), "peer": peer},
                           repeat)
    return {"part": "records", "rows": count, **medians, "cold": cold,
            "fallback": json.loads(out.schema.metadata[b"cardvalid.fallback"]),
            "ok_rows": sum(out.column("ok").to_pylist()), "hwm_kib": peak_rss_kib(),
            "data_kib": data_kib, "ours_kib": ours_kib}


def _child(part: str, count: int, repeat: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", part, "--count", str(count),
               "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(numbers: dict[str, Any], full: dict[str, Any], repeat: int) -> str:
    lines = [
        "## validate_table (the columnar path) against its peers",
        "",
        (
            f"`python benchmarks/bench_table.py --numbers {numbers['rows']} "
            f"--records {full['rows']} --repeat {repeat}`"
        ),
        "",
        (
            f"Python {sys.version.split()[0]}; each part in its own process, ours and the peer "
            "timed interleaved; medians of the runs (wall time; CPU time of the process "
            "beside it). Machine: 2 cores shared by four sessions, load average "
            f"{os.getloadavg()[0]:.1f} at the end."
        ),
        "",
        (
            "| part | rows | ours (median) | ours rows/s | peer | peer (median) | peer rows/s "
            "| ratio | target | CPU s: ours / peer (ratio) | ours: kernel s of the CPU s "
            "| ours, first call | VmHWM: data / + ours / + peer |"
        ),
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    slim = {**numbers, "part": "numbers, `ok` + `codes` only", "ours": numbers["slim"],
            "ours_cpu": numbers["slim_cpu"], "ours_sys": numbers["slim_sys"]}
    for result, peer, target in ((numbers, "stdnum.luhn.is_valid loop", 50),
                                 (slim, "the same loop", 50),
                                 (full, "cardvalid.validate_many", 20)):
        ratio = result["peer"] / result["ours"]
        lines.append(
            f"| {result['part']} | {result['rows']:,} | {result['ours']:.3f} s "
            f"| {result['rows'] / result['ours']:,.0f} | {peer} | {result['peer']:.3f} s "
            f"| {result['rows'] / result['peer']:,.0f} | {ratio:.1f}x "
            f"| {target}x {'met' if ratio >= target else 'NOT met'} "
            f"| {result['ours_cpu']:.3f} / {result['peer_cpu']:.3f} "
            f"({result['peer_cpu'] / result['ours_cpu']:.1f}x) | {result['ours_sys']:.3f} "
            f"| {'' if result is slim else format(result['cold'], '.3f') + ' s'} "
            f"| {result['data_kib'] / 1024:.0f} / {result['ours_kib'] / 1024:.0f} / "
            f"{result['hwm_kib'] / 1024:.0f} MiB |"
        )
    lines += ["", ("Work left to the scalar path (the fallback) on the first call, per part "
                   "(`fast_lane_rows`: card numbers read straight from the Arrow buffers):"), ""]
    for result in (numbers, full):
        stats = result["fallback"]
        scalar = sum(v for k, v in stats.items() if k not in ("rows", "fast_lane_rows"))
        numbers_given = stats["rows"]
        lines.append(f"- {result['part']}: {json.dumps(stats)} -> "
                     f"{scalar / stats['rows']:.2%} scalar calls per row; "
                     f"{1 - stats['fast_lane_rows'] / numbers_given:.2%} of the card numbers "
                     "outside the fast lane")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--numbers", type=int, default=1_000_000)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", choices=["numbers", "records"])
    parser.add_argument("--count", type=int)
    args = parser.parse_args()
    if args.child:
        run = part_numbers if args.child == "numbers" else part_records
        print(json.dumps(run(args.count, args.repeat)))
        return
    numbers = _child("numbers", args.numbers, args.repeat)
    full = _child("records", args.records, args.repeat)
    text = report(numbers, full, args.repeat)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
