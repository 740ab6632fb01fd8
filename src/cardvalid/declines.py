"""Processors' decline codes explained for the card holder: what to check, what to do.

`explain_decline(code, scheme=...)` turns a response code from a payment
processor into a `Decline`: the checklist items the card holder should look
at (the declined-card article's order: number, expiry date, name, address,
...), the next step (`Action`), a localized message and hint written for the
card holder, and the retry guidance the schemes publish (Visa's decline
category and reattempt caps, Mastercard's merchant advice codes, Stripe's
retry limit).

Schemes (tables), and where a code is looked up:

- ``iso8583`` — ISO 8583 field 39 response codes (``"5"`` = ``"05"``);
- ``visa`` — Visa's own codes (``N7``, ``1A``, ``R0`` ...), then ISO 8583 (Visa
  answers with both);
- ``visa_category`` — Visa's four decline categories (``1`` to ``4``);
- ``mastercard`` — Mastercard merchant advice codes (MAC ``01`` to ``43``) and
  the card-not-present response codes ``79``, ``82``, ``83``;
- ``stripe`` — Stripe ``decline_code`` values and the API error codes
  ``incorrect_address`` / ``card_declined``, then Stripe's advice codes
  (case-insensitive; ``stripe_decline_code`` is an alias);
- ``stripe_advice`` — Stripe's ``network_advice_code``-style advice codes
  (``confirm_card_data``, ``do_not_try_again``, ``try_again_later``).

The facts are compiled from Visa Core Rules via Checkout.com, Cybersource,
CardPointe and Forte; Mastercard MAC lists of Braintree and Antom; Stripe's
decline-code docs, and are shipped as ``data/declines.json`` with each row's
sources; ``scripts/build_bank_data.py``
regenerates it. An unknown code is an answer (``known=False``, contact the
bank), never an exception.

>>> d = explain_decline("5")
>>> d.code, d.known, d.action.value, d.visa_category
('05', True, 'try_later', 4)
>>> explain_decline("N7", scheme="visa").checklist
(<Checklist.SECURITY_CODE: 'security_code'>,)
>>> explain_decline("insufficient_funds", scheme="stripe", locale="sv").message
'Det finns inte tillräckligt med pengar eller kredit på kortet för den här betalningen.'
>>> explain_decline("ZZ", scheme="visa").known
False
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cardvalid._data import read_json
from cardvalid.messages import normalize_locale, text
from cardvalid.model import EMPTY, Action, Checklist, Decline

# Scheme names accepted by explain_decline() -> the tables searched, in order.
_SEARCH: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "iso8583": ("iso8583",),
        "visa": ("visa", "iso8583"),
        "visa_category": ("visa_category",),
        "mastercard": ("mastercard",),
        "stripe": ("stripe", "stripe_advice"),
        "stripe_advice": ("stripe_advice", "stripe"),
    }
)
_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "iso": "iso8583",
        "iso_8583": "iso8583",
        "mastercard_mac": "mastercard",
        "mac": "mastercard",
        "mc": "mastercard",
        "stripe_decline_code": "stripe",
        "stripe_error_code": "stripe",
        "stripe_advice_code": "stripe_advice",
        "network_advice_code": "stripe_advice",
    }
)
SCHEMES: tuple[str, ...] = tuple(_SEARCH)
"""The scheme names `explain_decline()` accepts (aliases aside)."""

# Tables whose codes are short alphanumerics compared upper-case; Stripe's
# codes are snake_case words compared lower-case.
_WORD_TABLES = frozenset({"stripe", "stripe_advice"})
_MAX_CODE = 40  # longest code worth looking up; longer input is unknown
_MAX_SHOWN_DIGITS = 6  # a "code" with more digits is never echoed (it may be a PAN)
_UNKNOWN = "unknown"
_LONGEST_INT = 10**_MAX_SHOWN_DIGITS  # an int code with more digits is unknown, unread


@dataclass(frozen=True, slots=True)
class _Row:
    table: str
    code: str
    meaning: str
    explanation: str
    checklist: tuple[Checklist, ...]
    action: Action
    retry_with_new_data: bool | None
    retry_later: bool
    visa_category: int | None
    params: Mapping[str, Any]


@functools.cache
def _data() -> Mapping[str, Any]:
    loaded: dict[str, Any] = read_json("cardvalid", "data", "declines.json")
    return loaded


def _row_params(raw: Mapping[str, Any], limits: Mapping[str, Any]) -> Mapping[str, Any]:
    params: dict[str, Any] = {"meaning": raw["meaning"]}
    if raw["visa_category"] is not None:
        params["visa_category"] = raw["visa_category"]
    limit = limits.get(raw["retry_limit"]) if raw["retry_limit"] else None
    if limit is not None:
        params["max_retries"] = limit["max_retries"]
        if limit["window_days"] is not None:
            params["retry_window_days"] = limit["window_days"]
    wait = raw["wait_hours"]
    if wait is not None:
        params["wait_hours"] = wait
        params["days"] = wait // 24
    params["sources"] = tuple(raw["sources"])
    return MappingProxyType(params)


@functools.cache
def _tables() -> Mapping[str, Mapping[str, _Row]]:
    data = _data()
    tables: dict[str, dict[str, _Row]] = {}
    for raw in data["codes"]:
        row = _Row(
            table=raw["table"],
            code=raw["code"],
            meaning=raw["meaning"],
            explanation=raw["explanation"],
            checklist=tuple(Checklist(c) for c in raw["checklist"]),
            action=Action(raw["action"]),
            retry_with_new_data=raw["retry_with_new_data"],
            retry_later=raw["retry_later"],
            visa_category=raw["visa_category"],
            params=_row_params(raw, data["retry_limits"]),
        )
        tables.setdefault(row.table, {})[row.code] = row
    return MappingProxyType({k: MappingProxyType(v) for k, v in tables.items()})


def normalize_code(code: str | int, table: str) -> str:
    """A code as a table keys it: ``5`` -> ``"05"``, ``" n7 "`` -> ``"N7"``, Stripe lower-case.

    >>> normalize_code(5, "iso8583"), normalize_code("n7", "visa"), normalize_code("005", "visa")
    ('05', 'N7', '05')
    >>> normalize_code(" Insufficient-Funds ", "stripe")
    'insufficient_funds'
    """
    value = str(code).strip()
    if table in _WORD_TABLES:
        return value.lower().replace("-", "_").replace(" ", "_")
    if value.isascii() and value.isdigit():
        number = str(int(value))
        return number if table == "visa_category" else number.zfill(2)
    return value.upper()


def _canonical_scheme(scheme: object) -> str:
    if not isinstance(scheme, str):
        raise TypeError(f"scheme must be str, not {type(scheme).__name__}")
    name = scheme.strip().lower().replace("-", "_")
    name = _ALIASES.get(name, name)
    if name not in _SEARCH:
        raise ValueError(f"unknown scheme; use one of {', '.join(SCHEMES)}")
    return name


def _shown(value: str) -> str:
    """The code as it may be echoed: never long, never many digits."""
    if len(value) > _MAX_CODE or sum(c.isdigit() for c in value) > _MAX_SHOWN_DIGITS:
        return ""
    return value


def _find(code: str | int, scheme: str) -> tuple[str, _Row | None]:
    if isinstance(code, str) and len(code) > _MAX_CODE * 4:
        return "", None
    if isinstance(code, int) and abs(code) >= _LONGEST_INT:
        return "", None  # no code has 7 digits; never str() it (Python's digit limit raises)
    tables = _tables()
    shown = ""
    for table in _SEARCH[scheme]:
        key = normalize_code(code, table)
        shown = shown or key
        row = tables.get(table, {}).get(key)
        if row is not None:
            return key, row
    return _shown(shown), None


def _texts(row: _Row | None, params: Mapping[str, Any], locale: str) -> tuple[str, str]:
    msgid = _UNKNOWN if row is None else row.explanation
    return (
        text(msgid, "decline.message", params, locale),
        text(msgid, "decline.hint", params, locale),
    )


def explain_decline(
    code: str | int, /, *, scheme: str = "iso8583", locale: str = "en"
) -> Decline:
    """Explain a processor's decline code for the card holder.

    `code` is a str or int (``5``, ``"05"``, ``"N7"``, ``"do_not_honor"``);
    `scheme` one of `SCHEMES` (or an alias such as ``"stripe_decline_code"``).
    An unknown code gives ``known=False`` and `Action.CONTACT_BANK`. A code of
    another type raises `TypeError`; an unknown scheme `ValueError`.

    >>> d = explain_decline("54", locale="sv")
    >>> [c.value for c in d.checklist], d.action.value
    (['expiry_date', 'card_activation'], 'fix_and_retry')
    >>> d.message
    'Kortet har gått ut.'
    >>> explain_decline("26", scheme="mastercard").hint
    'Try again in 2 days.'
    """
    if isinstance(code, bool) or not isinstance(code, str | int):
        raise TypeError(f"code must be str or int, not {type(code).__name__}")
    name = _canonical_scheme(scheme)
    lang = normalize_locale(locale)
    key, row = _find(code, name)
    if row is None:
        params: Mapping[str, Any] = MappingProxyType({"code": key}) if key else EMPTY
        message, hint = _texts(None, params, lang)
        return Decline(
            code=key, scheme=name, known=False, checklist=(), action=Action.CONTACT_BANK,
            message=message, hint=hint, params=params,
        )
    params = MappingProxyType({"code": key, "table": row.table, **row.params})
    message, hint = _texts(row, params, lang)
    return Decline(
        code=key,
        scheme=name,
        known=True,
        checklist=row.checklist,
        action=row.action,
        message=message,
        hint=hint,
        retry_with_new_data=row.retry_with_new_data,
        retry_later=row.retry_later,
        visa_category=row.visa_category,
        params=params,
    )


def decline_codes(scheme: str | None = None) -> tuple[tuple[str, str], ...]:
    """Every known ``(scheme, code)`` pair, for tests, docs and the CLI.

    Without `scheme`, each table's own codes under its own scheme name; with a
    scheme, every code `explain_decline()` knows under it (Visa includes the
    ISO 8583 codes it answers with).

    >>> ("visa", "N7") in decline_codes()
    True
    >>> len(decline_codes("visa")) > len(decline_codes("iso8583"))
    True
    """
    tables = _tables()
    if scheme is None:
        return tuple((table, code) for table, rows in tables.items() for code in rows)
    name = _canonical_scheme(scheme)
    seen: dict[str, None] = {}
    for table in _SEARCH[name]:
        seen.update(dict.fromkeys(tables.get(table, {})))
    return tuple((name, code) for code in seen)
