"""validate() on a whole card, validate_many() over many rows, and the cost of `import cardvalid`.

Run: `python benchmarks/bench_validate.py [--rows 1000000]`. Peers for the same
work run in the same process: python-stdnum's Luhn on the cleaned number plus
pydantic-extra-types' PaymentCardNumber field (they check the number only).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cardvalid as cv
from _harness import Case, fmt_ns, header, run_cases, table

TODAY = date(2026, 11, 26)
CARD = cv.CardDetails(number="4242 4242 4242 4242", expiry="12/29", name="Anna Svensson",
                      cvc="123")
ADDRESS = cv.Address(line1="1600 Amphitheatre Pkwy", city="Mountain View", state="CA",
                     postal_code="94043", country="US")
CARD_WITH_ADDRESS = cv.CardDetails(number="4242 4242 4242 4242", expiry="12/29",
                                   name="Anna Svensson", cvc="123", address=ADDRESS)


def _peer_cases() -> list[Case]:
    from pydantic import TypeAdapter
    from pydantic_extra_types.payment import PaymentCardNumber
    from stdnum import luhn, util

    adapter = TypeAdapter(PaymentCardNumber)
    spaced = "4242 4242 4242 4242"

    def peers() -> object:
        luhn.is_valid(util.clean(spaced, " -"))
        return adapter.validate_python(spaced.replace(" ", ""))

    return [Case("validate", "stdnum Luhn + pydantic field (number only)", peers)]


def bench_calls() -> str:
    ours = [
        Case("validate", "cardvalid.validate(card)", lambda: cv.validate(CARD, today=TODAY)),
        Case("validate", "cardvalid.validate(card + US address)",
             lambda: cv.validate(CARD_WITH_ADDRESS, today=TODAY)),
    ]
    cases = ours + _peer_cases()
    medians = run_cases(cases)
    peer = cases[-1].name
    return table(medians, cases, {ours[0].name: peer, ours[1].name: peer})


_CHILD = r"""
import json, sys, time
from datetime import date
import cardvalid as cv
def hwm():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            return int(line.split()[1])
n = int(sys.argv[1])
def rows():
    for i in range(n):
        yield {"number": "4242 4242 4242 4242", "expiry": "12/29", "name": "Anna Svensson",
               "cvc": "123", "postal_code": "111 51", "city": "Stockholm",
               "line1": "Drottninggatan 1", "country": "SE"}
before = hwm()
start = time.perf_counter()
bad = 0
for r in cv.validate_many(rows(), today=date(2026, 11, 26)):
    bad += not r.ok
took = time.perf_counter() - start
print(json.dumps({"rows": n, "seconds": took, "bad": bad, "hwm_before_kib": before,
                  "hwm_after_kib": hwm()}))
"""


def bench_many(sizes: list[int]) -> str:
    lines = ["| rows | rows/s | peak RSS (VmHWM) | growth during run |", "|---:|---:|---:|---:|"]
    for n in sizes:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(n)], capture_output=True,
                              text=True, check=True)
        data = json.loads(done.stdout)
        assert data["bad"] == 0, data
        lines.append(
            f"| {n:,} | {n / data['seconds']:,.0f} | {data['hwm_after_kib'] / 1024:.1f} MiB "
            f"| {(data['hwm_after_kib'] - data['hwm_before_kib']) / 1024:.2f} MiB |"
        )
    return "\n".join(lines)


_IMPORT_CHILD = r"""
import json, sys, time
start = time.perf_counter()
{stmt}
took = time.perf_counter() - start
for line in open('/proc/self/status'):
    if line.startswith('VmHWM:'):
        hwm = int(line.split()[1])
print(json.dumps({{"seconds": took, "hwm_kib": hwm}}))
"""


def bench_import(runs: int = 15) -> str:
    results: dict[str, list[dict[str, float]]] = {"bare": [], "cardvalid": []}
    for _ in range(runs):
        for name, stmt in (("bare", "pass"), ("cardvalid", "import cardvalid")):
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", _IMPORT_CHILD.format(stmt=stmt)],
                                  capture_output=True, text=True, check=True)
            data = json.loads(done.stdout)
            data["process"] = time.perf_counter() - started
            results[name].append(data)
    med = {name: {k: statistics.median(r[k] for r in rows) for k in rows[0]}
           for name, rows in results.items()}
    import_ns = med["cardvalid"]["seconds"] * 1e9
    process_delta_ms = (med["cardvalid"]["process"] - med["bare"]["process"]) * 1e3
    rss_delta = (med["cardvalid"]["hwm_kib"] - med["bare"]["hwm_kib"]) / 1024
    return "\n".join([
        "| measure | median |", "|---|---:|",
        f"| `import cardvalid` inside the interpreter | {fmt_ns(import_ns)} |",
        f"| whole process, minus a bare interpreter | {process_delta_ms:.1f} ms |",
        f"| peak RSS (VmHWM), minus a bare interpreter | {rss_delta:.2f} MiB |",
    ])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    print(header("validate() and friends"))
    print(bench_calls())
    print("\n### validate_many over generated records (two sizes: memory must not grow)\n")
    print(bench_many([args.rows // 10, args.rows]))
    print("\n### import cost\n")
    print(bench_import())


if __name__ == "__main__":
    main()
