"""`validate()`: one set of card details read once, judged under one `Options`, reported.

read (`cardvalid.reading`) -> judge (the field checks, then the comparison
with the details on file) -> report (`Findings.result`). Problems are
collected across fields (a form shows them all at once) and come back in the
checklist's order. Advisories (`transaction.*`, `card.may_need_activation`)
are notices: they never make `ok` false.

>>> from datetime import date
>>> r = validate({"number": "4111 1111 1111 1111", "expiry": "12/29",
...               "name": "Anna Svensson", "cvc": "123"}, today=date(2026, 11, 26))
>>> r.ok, r.card.brand.value, r.normalized["expiry"]
(True, 'visa', '2029-12')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from cardvalid.address import country_code
from cardvalid.address.check import judge_address
from cardvalid.comparison import collect_compare
from cardvalid.expiry import collect_expiry, utc_today
from cardvalid.findings import Findings
from cardvalid.model import Brand, CardDetails, Result, Severity
from cardvalid.name import collect_name
from cardvalid.number import collect_cvc, judge_number
from cardvalid.options import DEFAULT, Options, chosen, options_from
from cardvalid.reading import Reading, read


def validate(
    details: CardDetails | Mapping[str, object],
    /,
    *,
    options: Options | None = None,
    today: date | None = DEFAULT.today,
    locale: str = DEFAULT.locale,
    merchant_country: str | None = DEFAULT.merchant_country,
    recurring: bool = DEFAULT.recurring,
    on_file: CardDetails | Mapping[str, object] | None = None,
    partial: bool = DEFAULT.partial,
    require_cvc: bool = DEFAULT.require_cvc,
    require_address: bool = DEFAULT.require_address,
    max_years: int = DEFAULT.max_years,
    accepted_brands: Iterable[Brand | str] | None = DEFAULT.accepted_brands,
) -> Result:
    """Check a whole card (and its billing address, when given) in one call.

    The keywords are those of `Options` (see there); or pass one `options`
    object and no other keyword but `on_file`. `on_file` (the details on the
    card or statement) adds the comparison of `compare()`.
    """
    if options is None:
        options = options_from(today, locale, partial, max_years, require_cvc, require_address,
                               merchant_country, recurring, accepted_brands)
    else:
        options = chosen(options, today, locale, partial, max_years, require_cvc,
                         require_address, merchant_country, recurring, accepted_brands)
    reading = read(details, "details")  # read once: judged, then compared
    out = Findings()
    collect_into(reading, out, options)
    if on_file is not None:
        collect_compare(reading, read(on_file, "on_file"), out)
    return out.result(options.locale)


def check(reading: Reading, options: Options, on_file: Reading | None = None) -> Result:
    """Judge `reading` (and compare it with `on_file`) under `options`; the `Result`."""
    out = Findings()
    collect_into(reading, out, options)
    if on_file is not None:
        collect_compare(reading, on_file, out)
    return out.result(options.locale)


def checker(options: Options) -> Callable[..., Result]:
    """`validate()` under fixed `options`, for many records: `check(details, on_file=None)`."""

    def check_one(details: object, on_file: object = None) -> Result:
        return check(read(details, "details"), options,
                     None if on_file is None else read(on_file, "on_file"))

    return check_one


def collect_into(reading: Reading, out: Findings, options: Options) -> None:
    """Run the field checks and the advisories on `reading`, writing into `out`."""
    partial = options.partial
    _, number, expiry_value, _, name, cvc, address = reading  # one unpacking, not six look-ups
    card = judge_number(number, out, partial=partial,
                        accepted=options.accepted_brands)  # type: ignore[arg-type]  # read
    out.card = card
    collect_expiry(expiry_value, out, today=options.today or utc_today(),
                   partial=partial, max_years=options.max_years)
    if partial and name is None:
        out.add("name.missing", severity=Severity.NOTICE)  # not typed yet
    else:
        collect_name(name, out)
    if cvc is not None or options.require_cvc:
        spec = None if card is None else card.spec
        brand = None if card is None else card.brand
        collect_cvc(cvc, out, spec=spec, brand=brand, partial=partial)
    if address is not None and not address.blank:  # blank is absent
        judge_address(address, out, partial)
    elif options.require_address:
        out.add("address.missing")
    if options.merchant_country is not None or options.recurring:
        _advise(out, reading, options)


def _advise(out: Findings, reading: Reading, options: Options) -> None:
    if options.merchant_country is not None and reading.address is not None:
        merchant = country_code(options.merchant_country)
        billing = reading.address.country
        if merchant is not None and billing is not None and merchant != billing:
            out.add("transaction.international", merchant_country=merchant, card_country=billing)
    if options.recurring:
        out.add("transaction.recurring")
