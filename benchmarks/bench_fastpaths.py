"""What each fast path buys a user: the public checks, with and without it, against peers.

Run: `python benchmarks/bench_fastpaths.py [--repeat 15]`. Every case runs
interleaved in one process with its peers (python-stdnum, pydantic-extra-types,
the hand-written expiry and name checks of `bench_holder.py`), so the ratios
hold on a shared, noisy machine even when the medians move; compare two runs
(before and after a change) by their ratios against the same peer.

`--against REV` also loads cardvalid as it was at git revision REV, renamed
`cardvalid_previous`, into the same process, and times the public calls of
both versions interleaved: the fairest before/after on a noisy machine. Its
"cold" pair compares US records neither version has seen before (each walks
the same list of 20,000), in 20 ms samples.

A second table repeats every case with expiry's and name's fast paths
switched off in this process, and
`check_number`'s plain path is timed on its own, to show what each fast path
is worth to a call through the public function.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib
import itertools
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cardvalid as cv
from _harness import Case, calibrate, fmt_ns, header, run_cases, sample, table
from bench_holder import regex_expiry, regex_name
from bench_validate import ADDRESS, CARD, CARD_WITH_ADDRESS, TODAY  # the same records
from cardvalid import expiry as expiry_module
from cardvalid import luhn
from cardvalid import name as name_module
from cardvalid.brands import lookup

SPACED = "4111 1111 1111 1111"
DIGITS = SPACED.replace(" ", "")


def compare_records(module: ModuleType) -> dict[str, tuple[Any, Any]]:
    """bench_reading's full SE and US records (entered, on file), built by `module`."""
    address = module.Address
    return {
        "SE": (module.CardDetails(
            number=SPACED, expiry="12/29", name="Anna Svensson", cvc="123",
            address=address(line1="Drottninggatan 1", city="Stockholm", postal_code="111 51",
                            country="Sverige", phone="+46 8 123 456 78")),
               module.CardDetails(
            number=DIGITS, expiry="12/2029", name="SVENSSON/ANNA",
            address=address(line1="Drottningg. 1", city="STOCKHOLM", postal_code="SE-111 51",
                            country="SE"))),
        "US": (module.CardDetails(
            number=SPACED, expiry="12/29", name="Anna Svensson",
            address=address(line1="123 North Main Street", city="Springfield",
                            state="Illinois", postal_code="62704-1234", country="US")),
               module.CardDetails(
            number=DIGITS, expiry="2029-12", name="SVENSSON/ANNA",
            address=address(line1="123 N Main St", city="SPRINGFIELD", state="IL",
                            postal_code="62704", country="US"))),
    }


COLD_RECORDS = 20_000  # more than any run samples: every call meets a record never seen


def cold_records(module: ModuleType, count: int = COLD_RECORDS) -> Callable[[], object]:
    """`module.compare` on the next of `count` distinct US records (bench_reading's cold case).

    Each call meets a record its version has never seen (every per-value memo
    misses), unlike bench_reading's 4096-record cycle, whose address memos hold
    all 8192 addresses after the first pass. Both versions walk the same list.
    """
    address, details = module.Address, module.CardDetails
    pairs = [(
        details(number=SPACED, expiry=f"{i % 12 + 1:02d}/{29 + i % 5}", name=f"Anna{i} Svensson",
                address=address(line1=f"{100 + i} North Main Street", city=f"Springfield{i}",
                                 state="Illinois", postal_code=f"{60000 + i:05d}", country="US")),
        details(number=DIGITS, expiry=f"{i % 12 + 1:02d}/20{29 + i % 5}", name=f"ANNA{i} SVENSSON",
                address=address(line1=f"{100 + i} NORTH MAIN STREET", city=f"SPRINGFIELD{i}",
                                 state="IL", postal_code=f"{60000 + i:05d}", country="US")),
    ) for i in range(count)]
    next_pair = itertools.cycle(pairs).__next__  # (a run makes a few thousand calls)
    compare = module.compare

    def cold() -> object:
        return compare(*next_pair())

    return cold


@contextmanager
def _without(module: object, name: str, replacement: object) -> Iterator[None]:
    saved = getattr(module, name)
    setattr(module, name, replacement)
    try:
        yield
    finally:
        setattr(module, name, saved)


def cases() -> tuple[list[Case], dict[str, str]]:
    from pydantic import TypeAdapter
    from pydantic_extra_types.payment import PaymentCardNumber
    from stdnum import luhn as stdnum_luhn
    from stdnum import util

    adapter = TypeAdapter(PaymentCardNumber)

    def stdnum_clean_and_check() -> bool:
        return bool(stdnum_luhn.is_valid(util.clean(SPACED, " -")))

    def peers_number_field() -> object:
        stdnum_luhn.is_valid(util.clean(SPACED, " -"))
        return adapter.validate_python(DIGITS)

    stdnum = "stdnum.luhn.is_valid"
    found = [
        Case("peer", stdnum, partial(stdnum_luhn.is_valid, DIGITS)),
        Case("peer", "stdnum is_valid(clean(spaced))", stdnum_clean_and_check),
        Case("peer", "stdnum Luhn + pydantic field", peers_number_field),
        Case("peer", "pydantic brand", partial(PaymentCardNumber.validate_brand, DIGITS)),
        Case("peer", "regex expiry", partial(regex_expiry, "12/29")),
        Case("peer", "regex name", partial(regex_name, "Anna Svensson")),
        Case("validate", "validate(card)", partial(cv.validate, CARD, today=TODAY)),
        Case("validate", "validate(card + US address)",
             partial(cv.validate, CARD_WITH_ADDRESS, today=TODAY)),
        Case("luhn", "luhn.is_valid(16 digits)", partial(luhn.is_valid, DIGITS)),
        Case("luhn", "luhn.checksum(16 digits) == 0 (plain twin)",
             lambda: luhn.checksum(DIGITS) == 0),
        Case("number", "check_number(spaced)", partial(cv.check_number, SPACED)),
        Case("number", "check_number(digits)", partial(cv.check_number, DIGITS)),
        Case("number", "check_number(dashed)", partial(cv.check_number, "4111-1111-1111-1111")),
        Case("expiry", "check_expiry('12/29')", partial(cv.check_expiry, "12/29", today=TODAY)),
        Case("expiry", "check_expiry('2029-12')",
             partial(cv.check_expiry, "2029-12", today=TODAY)),
        Case("name", "check_name('Anna Svensson')", partial(cv.check_name, "Anna Svensson")),
        Case("name", "check_name('José Núñez')", partial(cv.check_name, "José Núñez")),
        Case("brand", "identify(16 digits)", partial(cv.identify, DIGITS)),
        Case("brand", "identify('4111')", partial(cv.identify, "4111")),
        Case("brand", "identify('6373742')", partial(cv.identify, "6373742")),
        Case("brand", "lookup(16 digits)", partial(lookup, DIGITS)),
        Case("brand", "lookup('622126')", partial(lookup, "622126")),
    ]
    baselines = {c.name: stdnum for c in found if c.group != "peer"}
    baselines["check_number(spaced)"] = "stdnum is_valid(clean(spaced))"
    baselines["validate(card)"] = "stdnum Luhn + pydantic field"
    baselines["identify(16 digits)"] = "pydantic brand"
    baselines["check_expiry('12/29')"] = "regex expiry"
    baselines["check_name('Anna Svensson')"] = "regex name"
    plain_number = getattr(sys.modules["cardvalid.number"], "_check_number", None)
    if plain_number is not None:  # check_number's plain path, without the inlined one
        found.append(Case("number", "check_number(spaced), plain path",
                          partial(plain_number, SPACED, False, "en")))
        baselines["check_number(spaced), plain path"] = stdnum
    return found, baselines


def _fast_paths_off() -> list[tuple[object, str, object]]:
    """The module attributes that switch expiry's and name's fast paths off (where present).

    `_read_common` and `_is_plain` are this tree's; `_plain` and `_PLAIN` those
    of the revisions before issue 9.
    """
    never = re.compile(r"(?!)")
    switches: list[tuple[object, str, object]] = [
        (expiry_module, "_read_common", lambda *_: None),
        (expiry_module, "_plain", lambda *_: None),
        (name_module, "_is_plain", lambda _: None),
    ]
    if not hasattr(name_module, "_is_plain"):
        switches.append((name_module, "_PLAIN", never))
    return [s for s in switches if hasattr(s[0], s[1])]


def previous_version(rev: str) -> ModuleType:
    """cardvalid at git revision `rev`, imported as `cardvalid_previous` (its own modules)."""
    root = Path(__file__).resolve().parent.parent
    archive = subprocess.run(["git", "-C", str(root), "archive", rev, "src/cardvalid"],
                             check=True, capture_output=True).stdout
    folder = Path(tempfile.mkdtemp(prefix="cardvalid-previous-"))
    with tempfile.TemporaryFile() as tmp:
        tmp.write(archive)
        tmp.seek(0)
        with tarfile.open(fileobj=tmp) as tar:
            tar.extractall(folder, filter="data")
    package = folder / "cardvalid_previous"
    (folder / "src" / "cardvalid").rename(package)
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        source.write_text(re.sub(r"\bcardvalid\b", "cardvalid_previous", text), encoding="utf-8")
    sys.path.insert(0, str(folder))
    return importlib.import_module("cardvalid_previous")


def _rebuilt(module: ModuleType, card: cv.CardDetails) -> Any:
    """`card` as `module`'s own `CardDetails` (the other version's classes), field by field."""
    fields = {f.name: getattr(card, f.name) for f in dataclasses.fields(card)}
    if card.address is not None:
        address = card.address
        fields["address"] = module.Address(
            **{f.name: getattr(address, f.name) for f in dataclasses.fields(address)})
    return module.CardDetails(**fields)


def against_cases(old: ModuleType) -> tuple[list[Case], dict[str, str]]:
    """The public calls of this version and of `old`, each compared with its twin."""
    brands = importlib.import_module("cardvalid_previous.brands")
    old_card, old_address = _rebuilt(old, CARD), _rebuilt(old, CARD_WITH_ADDRESS)
    records, old_records = compare_records(cv), compare_records(old)
    pairs: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        ("validate(card)", partial(cv.validate, CARD, today=TODAY),
         partial(old.validate, old_card, today=TODAY)),
        ("validate(card + US address)", partial(cv.validate, CARD_WITH_ADDRESS, today=TODAY),
         partial(old.validate, old_address, today=TODAY)),
        ("check_address(US address)", partial(cv.check_address, ADDRESS),
         partial(old.check_address, old_address.address)),
        ("compare(full SE record)", partial(cv.compare, *records["SE"]),
         partial(old.compare, *old_records["SE"])),
        ("compare(full US record)", partial(cv.compare, *records["US"]),
         partial(old.compare, *old_records["US"])),
        ("compare(cold: a US record never seen)", cold_records(cv), cold_records(old)),
        ("check_number(spaced)", partial(cv.check_number, SPACED),
         partial(old.check_number, SPACED)),
        ("check_number(dashed)", partial(cv.check_number, "4111-1111-1111-1111"),
         partial(old.check_number, "4111-1111-1111-1111")),
        ("check_expiry('12/29')", partial(cv.check_expiry, "12/29", today=TODAY),
         partial(old.check_expiry, "12/29", today=TODAY)),
        ("check_expiry('2029-12')", partial(cv.check_expiry, "2029-12", today=TODAY),
         partial(old.check_expiry, "2029-12", today=TODAY)),
        ("check_name('Anna Svensson')", partial(cv.check_name, "Anna Svensson"),
         partial(old.check_name, "Anna Svensson")),
        ("check_name('José Núñez')", partial(cv.check_name, "José Núñez"),
         partial(old.check_name, "José Núñez")),
        ("identify(16 digits)", partial(cv.identify, DIGITS), partial(old.identify, DIGITS)),
        ("identify('6373742')", partial(cv.identify, "6373742"),
         partial(old.identify, "6373742")),
        ("lookup(16 digits)", partial(lookup, DIGITS), partial(brands.lookup, DIGITS)),
        ("luhn.is_valid(16 digits)", partial(luhn.is_valid, DIGITS),
         partial(importlib.import_module("cardvalid_previous.luhn").is_valid, DIGITS)),
    ]
    found: list[Case] = []
    baselines: dict[str, str] = {}
    for name, now, then in pairs:
        found += [Case(name, f"{name}, now", now), Case(name, f"{name}, before", then)]
        baselines[f"{name}, now"] = f"{name}, before"
    return found, baselines


def paired_table(found: list[Case], baselines: dict[str, str], *, repeat: int) -> str:
    """Each pair timed back to back in short samples, many times: the median of the ratios.

    A burst of load from other processes then slows both sides of a pair alike.
    """
    funcs = {case.name: case.func for case in found}
    for func in funcs.values():
        func()
    # A cold case's sample is longer: a memo emptied when full (a burst of work
    # every few thousand records) then weighs in each sample as it does on average.
    numbers = {name: calibrate(func, target_ns=20_000_000 if "cold" in name else 2_000_000)
               for name, func in funcs.items()}
    ratios: dict[str, list[float]] = {now: [] for now in baselines}
    times: dict[str, list[float]] = {name: [] for name in funcs}
    gc.disable()
    try:
        for turn in range(repeat):
            for now, before in baselines.items():
                order = (now, before) if turn % 2 else (before, now)
                took = {name: sample(funcs[name], numbers[name]) for name in order}
                ratios[now].append(took[now] / took[before])
                for name in order:
                    times[name].append(took[name])
    finally:
        gc.enable()
    lines = ["| case | now | before | now / before (median of pairs) | middle half |",
             "|---|---:|---:|---:|---:|"]
    for now, before in baselines.items():
        quartiles = statistics.quantiles(ratios[now], n=4)
        lines.append(
            f"| {now.removesuffix(', now')} | {fmt_ns(statistics.median(times[now]))} "
            f"| {fmt_ns(statistics.median(times[before]))} "
            f"| {statistics.median(ratios[now]):.3f} | {quartiles[0]:.3f}-{quartiles[2]:.3f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=15, help="samples per case (median)")
    parser.add_argument("--against", metavar="REV", help="time against cardvalid at git REV")
    args = parser.parse_args()
    if args.against:
        found, baselines = against_cases(previous_version(args.against))
        print(header(f"This tree against {args.against}, in one process"))
        print(paired_table(found, baselines, repeat=args.repeat * 5))
        return
    found, baselines = cases()
    medians = run_cases(found, repeat=args.repeat)
    print(header(f"Fast paths: public checks against peers ({cv.__file__})"))
    print(table(medians, found, baselines))
    switches = _fast_paths_off()
    if not switches:
        return
    with ExitStack() as stack:
        for module, attribute, replacement in switches:
            stack.enter_context(_without(module, attribute, replacement))
        off = run_cases(found, repeat=args.repeat)
    names = ", ".join(f"{getattr(m, '__name__', m)}.{a}" for m, a, _ in switches)
    print(f"\n### The same, with {names} switched off\n")
    print(table(off, found, baselines))


if __name__ == "__main__":
    main()
