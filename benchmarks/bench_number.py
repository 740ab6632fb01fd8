"""The card number: Luhn, check_number() and identify(), ours against the peers.

Run: `python benchmarks/bench_number.py [--repeat 15]`. Peers run in the same
process, interleaved: python-stdnum (`luhn.is_valid`, with `util.clean` for
spaced input), the `luhn` package (`verify`) and pydantic-extra-types'
`PaymentCardNumber` through a pydantic `TypeAdapter` (it refuses spaces, so it
gets the number without them). Every case is called through
`functools.partial` where it can be, so call overhead weighs alike.

Issue 2 targets: Luhn >= 10x stdnum; check_number("4111 1111 1111 1111")
>= 6x stdnum's is_valid(clean(x)) and >= 5x the pydantic field; identify() on
any prefix <= 200 ns, whatever the size of the brand table.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Case, fmt_ns, header, run_cases, table
from cardvalid import luhn as our_luhn
from cardvalid.brands import (
    BRANDS,
    BrandRow,
    compile_table,
    lookup,
    lookup_in,
)
from cardvalid.number import check_number, identify

SPACED = "4111 1111 1111 1111"
DIGITS = SPACED.replace(" ", "")
PREFIXES = ("4", "41", "4111", "411111", "6221", "622126", "6373742", "63737423", DIGITS)


def luhn_cases() -> tuple[list[Case], dict[str, str]]:
    import luhn as luhn_package
    from stdnum import luhn as stdnum_luhn

    cases = [
        Case("Luhn, 16 digits", "cardvalid.luhn.is_valid", partial(our_luhn.is_valid, DIGITS)),
        Case("Luhn, 16 digits", "stdnum.luhn.is_valid", partial(stdnum_luhn.is_valid, DIGITS)),
        Case("Luhn, 16 digits", "luhn.verify", partial(luhn_package.verify, DIGITS)),
    ]
    return cases, {"cardvalid.luhn.is_valid": "stdnum.luhn.is_valid"}


def check_cases() -> tuple[list[Case], dict[str, str]]:
    from pydantic import TypeAdapter
    from pydantic_extra_types.payment import PaymentCardNumber
    from stdnum import luhn as stdnum_luhn
    from stdnum import util

    adapter = TypeAdapter(PaymentCardNumber)
    assert check_number(SPACED).ok
    assert adapter.validate_python(DIGITS)

    def stdnum_clean_and_check() -> bool:
        return bool(stdnum_luhn.is_valid(util.clean(SPACED, " -")))

    group = "valid 16-digit Visa, end to end"
    cases = [
        Case(group, "check_number(spaced)", partial(check_number, SPACED)),
        Case(group, "check_number(digits)", partial(check_number, DIGITS)),
        Case(group, "stdnum is_valid(clean(spaced))", stdnum_clean_and_check),
        Case(group, "pydantic PaymentCardNumber(digits)", partial(adapter.validate_python, DIGITS)),
    ]
    baselines = {
        "check_number(spaced)": "stdnum is_valid(clean(spaced))",
        "check_number(digits)": "pydantic PaymentCardNumber(digits)",
    }
    return cases, baselines


def _big_table_rows(count: int) -> list[BrandRow]:
    """`count` extra 8-digit rows (reusing networks) to show look-ups do not slow down."""
    rng = random.Random(2)
    template = BRANDS[9]  # Elo: many 6-digit ranges of its own
    prefixes = tuple(sorted({f"65{rng.randrange(10**6):06d}" for _ in range(count)}))
    return [*BRANDS, replace(template, prefixes=prefixes, co_badged=(), examples=())]


def identify_cases() -> list[Case]:
    lookup(DIGITS)  # build the shipped table before timing
    big = compile_table(_big_table_rows(2000))
    cases = []
    for prefix in PREFIXES:
        name = prefix if len(prefix) < 9 else "16 digits"
        shipped, bigger = "brand look-up, shipped table", "brand look-up, table + 2000 rows"
        cases += [
            Case("identify()", f"identify {name}", partial(identify, prefix)),
            Case(shipped, f"lookup {name}", partial(lookup, prefix)),
            Case(bigger, f"big table {name}", partial(lookup_in, big, prefix)),
        ]
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=15, help="samples per case (median)")
    args = parser.parse_args()

    luhn, luhn_baselines = luhn_cases()
    checks, check_baselines = check_cases()
    identifies = identify_cases()
    cases = luhn + checks + identifies
    medians = run_cases(cases, repeat=args.repeat)
    print(header("Card number: Luhn, check_number(), identify()"))
    print(table(medians, cases, {**luhn_baselines, **check_baselines}))
    worst = max(medians[c.name] for c in identifies if c.group == "identify()")
    print(f"\nslowest identify(): {fmt_ns(worst)}")


if __name__ == "__main__":
    main()
