"""The options a set of card details is judged under: one frozen object, checked once.

`validate()`, `validate_many()` and the `cardvalid check` command all take an
`Options`; the keyword arguments of `validate()` and `validate_many()` build
one. Every default is written here and nowhere else, and every option is
checked here: a wrong type is a `TypeError`, a value out of range a
`ValueError`, each naming the option and never echoing its value.

>>> from datetime import date
>>> o = Options(today=date(2026, 11, 26), accepted_brands=["visa"])
>>> o.max_years, o.partial, sorted(b.value for b in o.accepted)
(20, False, ['visa'])
>>> Options(max_years=-1)
Traceback (most recent call last):
ValueError: max_years must be from 0 to 99
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cardvalid.caches import BoundedCache
from cardvalid.expiry import MAX_YEARS, utc_today
from cardvalid.model import Brand
from cardvalid.number import read_accepted

MAX_YEARS_RANGE = range(100)
"""`max_years` may be 0 to 99 (an expiry more than 99 years ahead is no card's)."""

_FLAGS = ("partial", "require_cvc", "require_address", "recurring")


@dataclass(frozen=True, slots=True)
class Options:
    """How card details are judged; immutable and safe to share between threads.

    `today` is the date expiry is judged on (None: UTC today when a check runs);
    `locale` the messages' language; `partial=True` a form still being typed
    (what typing more can still make valid is a notice); `max_years` how far
    ahead an expiry may lie (`expiry.too_far_ahead`); `require_cvc` and
    `require_address` report a missing security code or address (both are
    optional by default, as in the contract); `merchant_country` (a code or a
    name) adds `transaction.international` for a billing address elsewhere;
    `recurring` adds `transaction.recurring`; `accepted_brands` are the
    networks the merchant takes (Brand members or their values; None takes
    every network), kept as a frozenset of `Brand`.
    """

    today: date | None = None
    locale: str = "en"
    partial: bool = False
    max_years: int = MAX_YEARS
    require_cvc: bool = False
    require_address: bool = False
    merchant_country: str | None = None
    recurring: bool = False
    accepted_brands: Iterable[Brand | str] | None = None

    def __post_init__(self) -> None:
        if self.today is not None and not isinstance(self.today, date):
            raise _type_error("today", "a date or None", self.today)
        if not isinstance(self.locale, str):
            raise _type_error("locale", "str", self.locale)
        for name in _FLAGS:
            if not isinstance(getattr(self, name), bool):
                raise _type_error(name, "bool", getattr(self, name))
        if isinstance(self.max_years, bool) or not isinstance(self.max_years, int):
            raise _type_error("max_years", "int", self.max_years)
        if self.max_years not in MAX_YEARS_RANGE:
            raise ValueError(
                f"max_years must be from {MAX_YEARS_RANGE[0]} to {MAX_YEARS_RANGE[-1]}"
            )
        if self.merchant_country is not None and not isinstance(self.merchant_country, str):
            raise _type_error("merchant_country", "str or None", self.merchant_country)
        accepted = self.accepted_brands
        if accepted is not None and not (
            isinstance(accepted, frozenset) and all(isinstance(b, Brand) for b in accepted)
        ):
            object.__setattr__(self, "accepted_brands", read_accepted(accepted))

    @property
    def accepted(self) -> frozenset[Brand] | None:
        """`accepted_brands` as read: a frozenset of `Brand` (None takes every network)."""
        return self.accepted_brands  # type: ignore[return-value]  # read in __post_init__

    def on(self, today: date) -> Options:
        """These options with `today` fixed (a batch judges every row on one day)."""
        return dataclasses.replace(self, today=today)

    def day(self) -> date:
        """The date expiry is judged on: `today`, or UTC today."""
        return utc_today() if self.today is None else self.today


DEFAULT = Options()
"""The defaults, as one object."""


def _type_error(name: str, accepted: str, value: object) -> TypeError:
    kind = type(value)
    named = kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"
    return TypeError(f"{name} must be {accepted}, not {named}")


# Options built from keywords, remembered: `validate(..., today=...)` is called
# per record with the same keywords, and building (and checking) them costs
# about as much as a quarter of a whole check. Keys hold only short, safe text.
_BUILT: BoundedCache[tuple[object, ...], Options] = BoundedCache(256)


def options_from(  # noqa: PLR0917  (the keywords of validate(), in one place)
    today: date | None,
    locale: str,
    partial: bool,
    max_years: int,
    require_cvc: bool,
    require_address: bool,
    merchant_country: str | None,
    recurring: bool,
    accepted_brands: Iterable[Brand | str] | None,
) -> Options:
    """`Options(...)` for these keywords; the same object for the same keywords."""
    last = _last[0]  # the same objects as the call before (a loop's today, the defaults)
    if (today is last.today and locale is last.locale and partial is last.partial
            and max_years is last.max_years and require_cvc is last.require_cvc
            and require_address is last.require_address and recurring is last.recurring
            and merchant_country is last.merchant_country
            and accepted_brands is None is last.accepted_brands):
        return last
    if accepted_brands is None and type(locale) is str and (
        type(partial) is type(require_cvc) is type(require_address) is type(recurring) is bool
    ) and type(max_years) is int and type(merchant_country) in _TEXT and (
        today is None or isinstance(today, date)  # else Options says what today must be
    ):
        key = (today, locale, partial, max_years, require_cvc, require_address,
               merchant_country, recurring)
        found = _BUILT.get(key)
        if found is None:
            found = Options(today, locale, partial, max_years, require_cvc, require_address,
                            merchant_country, recurring)
            found = _BUILT.keep(key, f"{locale} {merchant_country or ''}", found)
        _last[0] = found
        return found
    return Options(today, locale, partial, max_years, require_cvc, require_address,
                   merchant_country, recurring, accepted_brands)


_TEXT = frozenset({str, type(None)})
_last: list[Options] = [DEFAULT]
_DEFAULTS = tuple(getattr(DEFAULT, f.name) for f in dataclasses.fields(Options))


def chosen(  # noqa: PLR0917  (the keywords of validate(), in one place)
    options: object,
    today: date | None,
    locale: str,
    partial: bool,
    max_years: int,
    require_cvc: bool,
    require_address: bool,
    merchant_country: str | None,
    recurring: bool,
    accepted_brands: Iterable[Brand | str] | None,
) -> Options:
    """The `options` object given, or one built from the keywords (never both)."""
    if options is None:
        return options_from(today, locale, partial, max_years, require_cvc, require_address,
                            merchant_country, recurring, accepted_brands)
    if not isinstance(options, Options):
        raise TypeError(f"options must be Options or None, not {type(options).__name__}")
    if (today, locale, partial, max_years, require_cvc, require_address, merchant_country,
            recurring, accepted_brands) != _DEFAULTS:
        raise TypeError("pass the options either as an Options object or as keywords, not both")
    return options
_BUILT.keep_vetted(
    (None, DEFAULT.locale, False, DEFAULT.max_years, False, False, None, False), DEFAULT
)
