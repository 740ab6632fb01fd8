"""validate() on a full record, validate_many() and compare(), against a peer, two versions.

Run: `python benchmarks/bench_reading.py [--before SRC] [--runs 5]`. Each run is
a fresh process that imports one version of cardvalid (this checkout, or the
`src` directory given with `--before`) and times, in the same process and
interleaved (`_harness.run_cases`, on the process's CPU clock, so time spent
waiting for a shared machine's cores is not counted), the cardvalid cases and a peer doing a
fixed amount of unrelated work (python-stdnum's Luhn plus pydantic-extra-types'
card number field on one number). Each case's time is divided by the peer's
from the same process, so a machine slowed by other work slows both sides
alike; the table shows the medians over the runs of those ratios, and of
the times themselves. Versions alternate run by run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

_CHILD = r"""
import json, sys
from datetime import date
sys.path.insert(0, sys.argv[1])
import cardvalid as cv
from _harness import Case, run_cases
from pydantic import TypeAdapter
from pydantic_extra_types.payment import PaymentCardNumber
from stdnum import luhn, util

TODAY = date(2026, 11, 26)
ADDRESS = dict(line1="Drottninggatan 1", city="Stockholm", postal_code="111 51",
               country="Sverige", phone="+46 8 123 456 78")
RECORD = cv.CardDetails(number="4111 1111 1111 1111", expiry="12/29", name="Anna Svensson",
                        cvc="123", address=cv.Address(**ADDRESS))
ON_FILE = cv.CardDetails(number="4111111111111111", expiry="12/2029", name="SVENSSON/ANNA",
                         address=cv.Address(line1="Drottningg. 1", city="STOCKHOLM",
                                            postal_code="SE-111 51", country="SE"))
US = cv.CardDetails(number="4111 1111 1111 1111", expiry="12/29", name="Anna Svensson",
                    address=cv.Address(line1="123 North Main Street", city="Springfield",
                                       state="Illinois", postal_code="62704-1234", country="US"))
US_ON_FILE = cv.CardDetails(number="4111111111111111", expiry="2029-12", name="SVENSSON/ANNA",
                            address=cv.Address(line1="123 N Main St", city="SPRINGFIELD",
                                               state="IL", postal_code="62704", country="US"))
ROWS = [{"number": "4242 4242 4242 4242", "expiry": "12/29", "name": "Anna Svensson",
         "cvc": "123", "postal_code": "111 51", "city": "Stockholm",
         "line1": "Drottninggatan 1", "country": "SE"}] * 1000
CARD = cv.CardDetails(number="4242 4242 4242 4242", expiry="12/29", name="Anna Svensson",
                      cvc="123")
CARD_US = cv.CardDetails(number="4242 4242 4242 4242", expiry="12/29", name="Anna Svensson",
                         cvc="123", address=cv.Address(line1="1600 Amphitheatre Pkwy",
                                                       city="Mountain View", state="CA",
                                                       postal_code="94043", country="US"))
PAIRS = []
for i in range(4096):  # as bench_compare's "cold" case: the per-value memos cannot help
    PAIRS.append((
        cv.CardDetails(number="4111 1111 1111 1111", expiry=f"{i % 12 + 1:02d}/{29 + i % 5}",
                       name=f"Anna{i} Svensson",
                       address=cv.Address(line1=f"{100 + i} North Main Street",
                                          city=f"Springfield{i}", state="Illinois",
                                          postal_code=f"{60000 + i:05d}", country="US")),
        cv.CardDetails(number="4111111111111111", expiry=f"{i % 12 + 1:02d}/20{29 + i % 5}",
                       name=f"ANNA{i} SVENSSON",
                       address=cv.Address(line1=f"{100 + i} NORTH MAIN STREET",
                                          city=f"SPRINGFIELD{i}", state="IL",
                                          postal_code=f"{60000 + i:05d}", country="US"))))
import itertools
NEXT = itertools.cycle(PAIRS).__next__
adapter = TypeAdapter(PaymentCardNumber)

def peer():
    luhn.is_valid(util.clean("4242 4242 4242 4242", " -"))
    return adapter.validate_python("4242424242424242")

def many():
    for r in cv.validate_many(ROWS, today=TODAY):
        pass

OPTIONS = cv.Options(today=TODAY) if hasattr(cv, "Options") else None

def cold():
    entered, on_file = NEXT()
    return cv.compare(entered, on_file)

cases = [
    Case("v", "validate(card) (bench_validate)", lambda: cv.validate(CARD, today=TODAY)),
    Case("v", "validate(card, options=prebuilt Options)",
         lambda: cv.validate(CARD, options=OPTIONS)) if hasattr(cv, "Options") else None,
    Case("v", "validate(card + US address) (bench_validate)",
         lambda: cv.validate(CARD_US, today=TODAY)),
    Case("v", "check_address(US address)", lambda: cv.check_address(CARD_US.address)),
    Case("v", "validate(full record)", lambda: cv.validate(RECORD, today=TODAY)),
    Case("v", "validate(full record, on_file=...)",
         lambda: cv.validate(RECORD, today=TODAY, on_file=ON_FILE)),
    Case("m", "validate_many (1000 rows, per row)", many),
    Case("c", "compare(full SE record)", lambda: cv.compare(RECORD, ON_FILE)),
    Case("c", "compare(full US record)", lambda: cv.compare(US, US_ON_FILE)),
    Case("c", "compare(cold: 4096 distinct US records)", cold),
    Case("p", "peer: stdnum Luhn + pydantic card field", peer),
]
cases = [case for case in cases if case is not None]
for case in cases:
    for _ in range(20):
        case.func()
import time
time.perf_counter_ns = time.process_time_ns  # CPU time: a shared machine's waits not counted
medians = run_cases(cases, repeat=int(sys.argv[2]))
medians["validate_many (1000 rows, per row)"] /= 1000
print(json.dumps(medians))
"""

PEER = "peer: stdnum Luhn + pydantic card field"


def _run(src: str, repeat: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=f"{src}{os.pathsep}{HERE}")
    done = subprocess.run([sys.executable, "-c", _CHILD, src, str(repeat)], capture_output=True,
                          text=True, check=True, env=env, cwd=HERE)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="the src directory of the version to compare with")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=7, help="samples per case per run")
    args = parser.parse_args()
    versions = {"after": str(HERE.parent / "src")}
    if args.before:
        versions = {"before": args.before, **versions}
    found: dict[str, list[dict[str, float]]] = {name: [] for name in versions}
    for _ in range(args.runs):
        for name, src in versions.items():
            found[name].append(_run(src, args.repeat))
    names = [n for n in found["after"][0] if n != PEER]
    header = "| case | " + " | ".join(f"{v} µs | {v} / peer" for v in versions)
    if args.before:
        header += " | after vs before (ratio of ratios) |"
    print(header)
    print("|---" * (1 + 2 * len(versions) + bool(args.before)) + "|")
    for case in names:
        cells, ratios = [], {}
        for version, runs in found.items():
            if any(case not in r for r in runs):  # an API this version lacks
                cells += ["—", "—"]
                continue
            ratios[version] = statistics.median(r[case] / r[PEER] for r in runs)
            cells += [f"{statistics.median(r[case] for r in runs) / 1000:.2f}",
                      f"{ratios[version]:.2f}"]
        if args.before and len(ratios) < len(found):
            cells.append("—")
        elif args.before:
            change = ratios["after"] / ratios["before"] - 1
            cells.append(f"{change:+.1%}")
        print(f"| {case} | " + " | ".join(cells) + " |")
    print("\nPeer, median µs: " + ", ".join(
        f"{v} {statistics.median(r[PEER] for r in runs) / 1000:.2f}" for v, runs in found.items()))


if __name__ == "__main__":
    main()
