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

from cardvalid.address._text import CAPS, ascii_code, clean
from cardvalid.address.countries import country_code
from cardvalid.address.postal import exists
from cardvalid.address.rules import Rules, default_rules, rules_for
from cardvalid.address.states import lookup_state
from cardvalid.caches import KEY_CAP, BoundedCache
from cardvalid.model import Address
from cardvalid.panguard import MIN_DIGITS, looks_like_card_number, looks_like_card_number_in
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
CLEANED = _CLEAN.get
"""A text's cleaned form when it was read before (the common case, without a call)."""
_CORE: BoundedCache[tuple[str | None, str | None, str | None], _Core] = BoundedCache(_MEMO_SIZE)
_MISSING: Text = (None, "missing")


class AddressReading(NamedTuple):
    """A billing address as read: each field's value or what reading found instead.

    `country` is the alpha-2 code (None with `country_found`: `missing`,
    `too_long` or `unknown`); `state_code` the subdivision's canonical code;
    `postal` is `(canonical, compact)` under the country's format, or what was
    found: `too_long`, `postal_code.format`, `postal_code.unknown` (None
    without a value, a known country or a postal format), `postal_reformatted`
    True when it was read with other punctuation or prefix than typed; `split_number`
    is True when line 1 and line 2 together make a card number neither makes alone.
    """

    address: Address
    blank: bool
    country: str | None
    country_found: str | None
    rules: Rules
    state_code: str | None
    postal: tuple[str, str] | str | None
    postal_reformatted: bool

    # The texts are read when first asked for (the check asks, `compare()` does
    # not): each cleaned text is remembered by value, so each is read once.

    @property
    def line1(self) -> Text:
        """Line 1, cleaned, or what reading found."""
        return _text(self.address.line1)

    @property
    def line2(self) -> Text:
        """Line 2, cleaned, or what reading found."""
        return _text(self.address.line2)

    @property
    def city(self) -> Text:
        """The city, cleaned, or what reading found."""
        return _text(self.address.city)

    @property
    def state(self) -> Text:
        """The state as typed, cleaned, or what reading found (`state_code` is its code)."""
        return _text(self.address.state)

    @property
    def split_number(self) -> bool:
        """True when line 1 and line 2 together make a card number neither makes alone."""
        line1, line2 = self.address.line1, self.address.line2
        return line1 is not None and line2 is not None and _split_across(line1, line2)

    @property
    def street(self) -> str | None:
        """Line 1 and line 2 as typed, joined (processors send them together to AVS)."""
        line1, line2 = self.address.line1, self.address.line2
        if not line1 or line1.isspace():
            return line2 if line2 and not line2.isspace() else None
        return f"{line1} {line2}" if line2 and not line2.isspace() else line1


def read_address(address: Address) -> AddressReading:
    """Read every field of `address` once (see `AddressReading`).

    What the country, state and postal code read as is remembered by their
    values in a bounded memo (batches and on-file records repeat them), kept
    only when no field, nor a run across them, looks like a card number. The
    texts are read when first asked for.
    """
    if type(address) is not Address and not isinstance(address, Address):
        raise TypeError(f"address must be Address or None, not {type(address).__name__}")
    key = (address.country, address.state, address.postal_code)
    core = _CORE_GET(key)
    if core is None:
        core = _core(address)
        if _safe_to_keep(key):
            _CORE.keep_vetted(key, core)
    # tuple.__new__: the NamedTuple without its Python-level __new__ (a third of the cost)
    head = (address, core[1] == "missing" and _blank(address))
    return _NEW(AddressReading, head + core)  # concatenation: faster than unpacking


_CORE_GET = _CORE.get
_NEW = tuple.__new__


_Core = tuple[str | None, str | None, Rules, str | None, tuple[str, str] | str | None, bool]


def _safe_to_keep(key: tuple[str | None, str | None, str | None]) -> bool:
    """True when no field, nor a run across fields, looks like a card number (nor is long).

    The fields (country, state, postal code) joined by spaces go to the guard
    once: a number in one field, or split between two, is a run of 12 or more
    digits there. A missing field joins as nothing (the guard skips spaces).
    """
    country, state, postal = key
    size = len(country or "") + len(state or "") + len(postal or "")
    if size < MIN_DIGITS:  # fewer characters than any card number has digits
        return True
    if size > KEY_CAP:  # before joining: no work on a long text
        return False
    return not looks_like_card_number(f"{country or ''} {state or ''} {postal or ''}")


def _core(address: Address) -> _Core:
    """The country, its rules, the state's code and the postal code, as read."""
    country = _COUNTRY.get(address.country)
    found = None
    if country is None:
        country, found = _country(address.country)
    rules = default_rules() if country is None else rules_for(country)
    state = address.state
    # A state typed as its exact spelling first: no such spelling is blank or long (tested).
    code = rules.exact.get(state) if state is not None else None
    if code is None and state is not None and len(state) <= TEXT_CAP and not absent(state):
        code = _state_code(rules, state)
    postal = None if country is None else _postal(rules, address.postal_code)
    return (
        country,
        found,
        rules,
        code,
        postal,
        isinstance(postal, tuple) and _reformatted(address.postal_code or "", postal[0]),
    )


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
    """The subdivision's canonical code for a state as typed (None when unknown)."""
    code = rules.exact.get(text)
    if code is None and rules.country != "ZZ":
        code = lookup_state(rules, text)
    return code


def _reformatted(value: str, canonical: str) -> bool:
    """`_form_changed`'s fast twin: a code typed in its canonical form is not reformatted.

    `PostalFormat.parse` builds the canonical form from upper-case ASCII and
    its separators (` `, `-`), so it reads back as itself (tested equal).
    """
    return value != canonical and _form_changed(value, canonical)


def _form_changed(value: str, canonical: str) -> bool:
    """True when the code was read with other punctuation or prefix than it was typed with.

    Spaces and letter case are layout (`11151` for `111 51` is no news); a hyphen
    added or dropped (`77777` read as Poland's `77-777`) or a printed prefix
    removed (`SE-111 51`) is worth showing: "we read this as ...".
    """
    typed = "".join(ascii_code(value).split()).upper()
    return typed != canonical.replace(" ", "")


def _postal(rules: Rules, value: str | None) -> tuple[str, str] | str | None:
    postal = rules.postal
    if value is None or postal is None:
        return None
    found = _POSTAL.get((rules.country, value))
    if found is not None:
        return found
    if len(value) > POSTAL_CAP:
        return "too_long"
    parsed = postal.parse(value)
    if parsed is None:  # a blank code parses as no format's (tested): it is absent
        return None if absent(value) else "postal_code.format"
    if not exists(rules.country, parsed[1]):
        return "postal_code.unknown"
    return _POSTAL.keep((rules.country, value), value, parsed)
