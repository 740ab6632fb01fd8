"""Reading a billing address once: country, cleaned lines, state code, canonical postal code.

What each field's reading found is kept beside its value, for the check to
judge against the country's rules (`address.check`) and for `compare()` to
compare, so neither reads the address again. Caps come first, so any string
costs time linear in its cap at most.

>>> from cardvalid.model import Address
>>> r = read_address(Address(line1=" Drottninggatan  1", postal_code="11151", country="Sverige"))
>>> r.country, r.line1, r.postal
('SE', ('Drottninggatan 1', None), ('111 51', '11151'))
>>> read_address(Address(city="x" * 300, country="Atlantis")).city, read_address(
...     Address(country="Atlantis")).country_found
((None, 'too_long'), 'unknown')
"""

from __future__ import annotations

from typing import NamedTuple

from cardvalid.address._text import CAPS, clean
from cardvalid.address.countries import country_code
from cardvalid.address.postal import exists
from cardvalid.address.rules import Rules, default_rules, rules_for
from cardvalid.address.states import lookup_state
from cardvalid.caches import BoundedCache, safe_key
from cardvalid.model import Address
from cardvalid.panguard import looks_like_card_number, looks_like_card_number_in
from cardvalid.text import absent

TEXT_CAP = CAPS["line1"]  # line1, line2, city and state share one cap
POSTAL_CAP = CAPS["postal_code"]

Text = tuple[str | None, str | None]
"""A text field read: `(cleaned text, None)`, or `(None, what was found)` — `missing`
(absent or blank), `too_long`, `invalid_characters` or `looks_like_card_number`."""

# Bounded memos of pure per-value work (cleaning a text, reading a country or a
# postal code): batches repeat them. Only values that passed every check are
# kept (no postal format has 13 digits), so no card number is ever stored.
_MEMO_SIZE = 16384
_CLEAN: BoundedCache[str | None, str] = BoundedCache(_MEMO_SIZE)
_COUNTRY: BoundedCache[str | None, str] = BoundedCache(_MEMO_SIZE)
_POSTAL: BoundedCache[tuple[str, str], tuple[str, str]] = BoundedCache(_MEMO_SIZE)
_READ: BoundedCache[tuple[str | None, ...], AddressReading] = BoundedCache(4096)
_MISSING: Text = (None, "missing")


class AddressReading(NamedTuple):
    """A billing address as read: each field's value or what reading found instead.

    `country` is the alpha-2 code (None with `country_found`: `missing`,
    `too_long` or `unknown`); `state_code` the subdivision's canonical code;
    `postal` is `(canonical, compact)` under the country's format, or what was
    found: `too_long`, `postal_code.format`, `postal_code.unknown` (None
    without a value, a known country or a postal format); `split_number`
    is True when line 1 and line 2 together make a card number neither makes alone.
    """

    address: Address
    blank: bool
    country: str | None
    country_found: str | None
    rules: Rules
    line1: Text
    line2: Text
    city: Text
    state: Text
    state_code: str | None
    postal: tuple[str, str] | str | None
    split_number: bool

    @property
    def street(self) -> str | None:
        """Line 1 and line 2 as typed, joined (processors send them together to AVS)."""
        line1, line2 = _present(self.address.line1), _present(self.address.line2)
        if line1 is None or line2 is None:
            return line1 or line2
        return f"{line1} {line2}"


def _present(value: str | None) -> str | None:
    return value if value and not value.isspace() else None


def read_address(address: Address) -> AddressReading:
    """Read every field of `address` once (see `AddressReading`).

    An address seen before is answered from a bounded memo (batches and
    on-file records repeat addresses), kept only when no field, nor any run
    across fields, looks like a card number.
    """
    if not isinstance(address, Address):
        raise TypeError(f"address must be Address or None, not {type(address).__name__}")
    key = (address.line1, address.line2, address.city, address.state, address.postal_code,
           address.country, address.phone)
    found = _READ.get(key)
    if found is not None:
        return found
    reading = _read(address)
    texts = [text for text in key if text is not None]
    if all(safe_key(text) for text in texts) and not looks_like_card_number_in(*texts):
        _READ.keep_vetted(key, reading)
    return reading


def _read(address: Address) -> AddressReading:
    country = _COUNTRY.get(address.country)
    found = None
    if country is None:
        country, found = _country(address.country)
    rules = default_rules() if country is None else rules_for(country)
    line1, line2 = address.line1, address.line2
    clean = _CLEAN.get  # the common case, a text seen before, without a call to `_text`
    state = (known, None) if (known := clean(address.state)) else _text(address.state)
    # tuple.__new__: the NamedTuple without its Python-level __new__ (a third of the cost)
    return tuple.__new__(AddressReading, (
        address,
        found == "missing" and _blank(address),
        country,
        found,
        rules,
        (known, None) if (known := clean(line1)) else _text(line1),
        (known, None) if (known := clean(line2)) else _text(line2),
        (known, None) if (known := clean(address.city)) else _text(address.city),
        state,
        None if state[0] is None else _state_code(rules, state[0]),
        None if country is None else _postal(rules, address.postal_code),
        line1 is not None and line2 is not None and _split_across(line1, line2),
    ))


def _country(value: str | None) -> tuple[str | None, str | None]:
    if value is None or absent(value):
        return None, "missing"
    if len(value) > CAPS["country"]:
        return None, "too_long"
    code = country_code(value)
    if code is None:
        return None, "unknown"
    return _COUNTRY.keep(value, value, code), None


def _blank(address: Address) -> bool:
    return all(
        absent(value)
        for value in (address.line1, address.line2, address.city, address.state,
                      address.postal_code, address.country, address.phone)
    )


def _text(value: str | None) -> Text:
    """Cap, characters, blank, card-number guard; the cleaned text or what was found."""
    if value is None:
        return _MISSING
    known = _CLEAN.get(value)
    if known is not None:
        return known, None
    if len(value) > TEXT_CAP:
        return None, "too_long"
    text, invalid = clean(value)
    if invalid:
        return None, "invalid_characters"
    if not text:
        return _MISSING
    if looks_like_card_number(text):
        return None, "looks_like_card_number"
    if text == value:  # just vetted: no card number, and shorter than any cache key cap
        return _CLEAN.keep_vetted(value, text), None
    return _CLEAN.keep(value, value, text), None


def _split_across(line1: str, line2: str) -> bool:
    """True when the two lines, as typed, make a card number neither makes alone.

    Read before cleaning, so a line refused for other reasons (a control
    character) cannot hide its half of a number.
    """
    line1, line2 = line1[:TEXT_CAP], line2[:TEXT_CAP]
    return (
        looks_like_card_number_in(line1, line2)
        and not looks_like_card_number(line1)
        and not looks_like_card_number(line2)
    )


def _state_code(rules: Rules, text: str) -> str | None:
    """The subdivision's canonical code for a cleaned state text (None when unknown)."""
    code = rules.exact.get(text)
    if code is None and rules.country != "ZZ":
        code = lookup_state(rules, text)
    return code


def _postal(rules: Rules, value: str | None) -> tuple[str, str] | str | None:
    postal = rules.postal
    if value is None or postal is None:
        return None
    found = _POSTAL.get((rules.country, value))
    if found is not None:
        return found
    if len(value) > POSTAL_CAP:
        return "too_long"
    if absent(value):
        return None
    parsed = postal.parse(value)
    if parsed is None:
        return "postal_code.format"
    if not exists(rules.country, parsed[1]):
        return "postal_code.unknown"
    return _POSTAL.keep((rules.country, value), value, parsed)
