"""`validate()`: every check over one set of card details, plus the bank-side advisories.

Problems are collected across fields (a form shows them all at once) and
come back in the checklist's order. Advisories (`transaction.*`,
`card.may_need_activation`) are notices: they never make `ok` false.

>>> from datetime import date
>>> r = validate({"number": "4111 1111 1111 1111", "expiry": "12/29",
...               "name": "Anna Svensson", "cvc": "123"}, today=date(2026, 11, 26))
>>> r.ok, r.card.brand.value, r.normalized["expiry"]
(True, 'visa', '2029-12')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from cardvalid.address import collect_address, country_code
from cardvalid.comparison import collect_compare
from cardvalid.details import as_details, expiry_value
from cardvalid.expiry import collect_expiry, utc_today
from cardvalid.findings import Findings
from cardvalid.model import Brand, CardDetails, Result, Severity
from cardvalid.name import collect_name
from cardvalid.number import collect_cvc, collect_number, read_accepted


def validate(
    details: CardDetails | Mapping[str, object],
    /,
    *,
    today: date | None = None,
    locale: str = "en",
    merchant_country: str | None = None,
    recurring: bool = False,
    on_file: CardDetails | Mapping[str, object] | None = None,
    partial: bool = False,
    require_cvc: bool = False,
    require_address: bool = False,
    max_years: int = 20,
    accepted_brands: Iterable[Brand | str] | None = None,
) -> Result:
    """Check a whole card (and its billing address, when given) in one call.

    `partial=True` is for a form still being typed: each field's incomplete
    value is a notice exactly when typing more can still make it valid (card
    number, expiry, security code, postal code). `require_cvc`/`require_address`
    report a missing security code or address; by default both are optional,
    as in the contract. `max_years` is how far ahead an expiry may lie
    (`expiry.too_far_ahead`). `accepted_brands` are the networks the merchant
    takes (`number.brand_not_accepted` for others; None takes every network).
    """
    card_details = as_details(details, "details")
    accepted = read_accepted(accepted_brands)
    out = Findings()
    collect_into(
        card_details,
        out,
        today=utc_today() if today is None else today,
        partial=partial,
        require_cvc=require_cvc,
        require_address=require_address,
        max_years=max_years,
        accepted=accepted,
    )
    billing_country = out.normalized.get("country")
    _advise(out, billing_country, merchant_country=merchant_country, recurring=recurring)
    if on_file is not None:
        collect_compare(card_details, as_details(on_file, "on_file"), out)
    return out.result(locale)


def collect_into(
    details: CardDetails,
    out: Findings,
    *,
    today: date,
    partial: bool = False,
    require_cvc: bool = False,
    require_address: bool = False,
    max_years: int = 20,
    accepted: frozenset[Brand] | None = None,
) -> None:
    """Run the field checks on `details`, writing into `out`."""
    card = collect_number(details.number, out, partial=partial, accepted=accepted)
    out.card = card
    collect_expiry(expiry_value(details), out, today=today, partial=partial, max_years=max_years)
    if partial and (details.name is None or not str(details.name).strip()):
        out.add("name.missing", severity=Severity.NOTICE)  # not typed yet
    else:
        collect_name(details.name, out)
    cvc = details.cvc
    if isinstance(cvc, str) and not cvc.strip():  # an empty optional field is an absent one
        cvc = None
    if cvc is not None or require_cvc:
        spec = None if card is None else card.spec
        brand = None if card is None else card.brand
        collect_cvc(cvc, out, spec=spec, brand=brand, partial=partial)
    if details.address is not None:
        collect_address(details.address, out, partial=partial)
    elif require_address:
        out.add("address.missing")


def _advise(
    out: Findings, billing_country: object, *, merchant_country: str | None, recurring: bool
) -> None:
    if merchant_country is not None:
        merchant = country_code(merchant_country)
        if merchant is not None and isinstance(billing_country, str) and (
            merchant != billing_country
        ):
            out.add(
                "transaction.international",
                merchant_country=merchant,
                card_country=billing_country,
            )
    if recurring:
        out.add("transaction.recurring")
