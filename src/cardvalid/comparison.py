"""`compare()`: the details a card holder typed against those on the card or statement.

The declined-card article asks for the card details to appear *exactly* as on
the card and the card statement. `compare(entered, on_file)` says, field by
field, where they do not, on two levels:

- a difference an issuer will not mind (case, diacritics, spacing,
  punctuation, ``St``/``Street``, a state's code for its name, ``SE-114 55``
  for ``11455``, ZIP+4 for ZIP, a middle initial or a title on one side,
  ``SVENSSON/ANNA`` for ``Anna Svensson``) is nothing, or a
  ``<field>.differs_in_form`` NOTICE with the kinds of difference in
  ``params["differences"]`` (see `cardvalid.similarity`);
- a real one is an ERROR: ``number.mismatch``, ``expiry.mismatch``,
  ``name.mismatch``, ``line1.mismatch`` (another house number, house letter
  included, is always real), ``city.mismatch`` (another city name is only a
  NOTICE, ``other_name``, when the postal codes match: AVS never checks the
  city), ``state.mismatch``, ``postal_code.mismatch``, ``country.mismatch``.

An expiry date that differs (either way) also adds ``card.may_need_activation``
(NOTICE): the article's "a new card with an updated expiry date may need
activating". `Result.avs` is the AVS letter the street and postal comparison
implies (`cardvalid.avs.predict_avs`, Visa's table), so a merchant can predict
the address check before sending the payment.

Card numbers are compared by last four digits and a constant-time comparison
of SHA-256 digests. The entered number must be complete (12 to 19 digits):
anything else is ``number.not_comparable``, the same answer whatever digits it
holds, so no guess can read the on-file number out. Only the on-file side may
be its last four digits or masked (``•••• 1111``, ``411111******1111``): it is
compared by the digits it shows and its length when the mask shows it. The
only digits a result carries are each side's last four. On-file values are
never put in params: they are what a fraudster would want to learn. A field
missing on either side is not compared. Nothing keyed by a card number is
cached (`cardvalid.caches.BoundedCache`).

>>> from cardvalid.model import Address, CardDetails
>>> typed = CardDetails(name="anna svensson", address=Address(
...     line1="Drottninggatan 1", postal_code="111 51", country="SE"))
>>> card = CardDetails(name="SVENSSON/ANNA", address=Address(
...     line1="Drottningg. 1", postal_code="SE-111 51", country="Sweden"))
>>> r = compare(typed, card)
>>> r.ok, r.codes, r.avs
(True, ('line1.differs_in_form', 'postal_code.differs_in_form'), 'D')
>>> compare(typed, CardDetails(name="Anna Karlsson")).codes
('name.mismatch',)
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass

from cardvalid.address import normalize_postal_code, resolve_state
from cardvalid.address.reading import AddressReading
from cardvalid.avs import US_DOMESTIC, predict_avs
from cardvalid.caches import BoundedCache
from cardvalid.digits import Unreadable
from cardvalid.findings import Findings
from cardvalid.model import CardDetails, Result
from cardvalid.panguard import looks_like_card_number
from cardvalid.reading import Reading, read
from cardvalid.similarity import (
    CACHE_SIZE,
    DIFFERENT,
    FORM,
    SAME,
    Verdict,
    compare_names,
    compare_places,
    compare_streets,
    same_place,
    tokens,
)
from cardvalid.text import is_blank

TEXT_CAP = 1_000
"""Longest text compared; a longer entered value is `<field>.too_long` (bounded work)."""

_MIN_PAN = 12  # shorter digit strings are not card numbers: no last four shown
_MAX_PAN = 19
_LAST4 = 4  # a number stored as its last four digits only
_MASK_CAP = 64
# A masked number as stored or shown: at most 8 leading and 4 trailing digits
# (PCI DSS 3.4.1 allows first six/eight and last four), the rest masked.
_MASKED = re.compile(r"(\d{0,8})([*xX•●·#…]+)(\d{0,4})")


def _present(value: str | None) -> str | None:
    return value if value and not value.isspace() else None


def _capped(field: str, entered: str, on_file: str, out: Findings) -> bool:
    """True when both values are short enough to compare; reports the ones that are not."""
    if len(entered) > TEXT_CAP:
        if not out.has(f"{field}.too_long"):
            out.add(f"{field}.too_long", max_length=TEXT_CAP, length=len(entered))
        return False
    if len(on_file) > TEXT_CAP:  # no card or statement carries that: it cannot match
        out.add(f"{field}.mismatch")
        return False
    return True


def _report(field: str, verdict: Verdict, out: Findings) -> None:
    level, differences = verdict
    if level == DIFFERENT:
        if differences:
            out.add(f"{field}.mismatch", differences=differences)
        else:
            out.add(f"{field}.mismatch")
    elif level == FORM:
        out.add(f"{field}.differs_in_form", differences=differences)


# -- number and expiry -----------------------------------------------------------


def _same_number(a: str, b: str) -> bool:
    """Last four digits, then SHA-256 digests compared in constant time."""
    same_last4 = a[-4:] == b[-4:]
    digest_a = hashlib.sha256(a.encode("ascii")).digest()
    digest_b = hashlib.sha256(b.encode("ascii")).digest()
    return hmac.compare_digest(digest_a, digest_b) and same_last4


def _last4(digits: str) -> str:
    return digits[-4:] if len(digits) >= _MIN_PAN else ""


@dataclass(frozen=True, slots=True)
class _Partial:
    """What a last-four or masked number shows: leading and trailing digits, maybe the length."""

    head: str
    tail: str
    length: int | None

    @property
    def last4(self) -> str:
        return self.tail[-4:] if len(self.tail) >= _LAST4 else ""


def _masked(value: object) -> _Partial | None:
    """A masked number (``411111******1111``, ``•••• 1112``): its visible digits and length.

    The length is known when the masked form has a card number's length
    (12 to 19 characters); ``•••• 1112`` shows the last four only.
    """
    if not isinstance(value, str) or len(value) > _MASK_CAP:
        return None
    found = _MASKED.fullmatch(value.replace(" ", "").replace("-", ""))
    if found is None:
        return None
    head, stars, tail = found.groups()
    if not head and not tail:
        return None  # nothing visible to compare
    length = len(head) + len(stars) + len(tail)
    return _Partial(head, tail, length if _MIN_PAN <= length <= _MAX_PAN else None)


def _same_shown(digits: str, shown: _Partial) -> bool:
    """A complete number against what an on-file mask or last four shows: digits and length."""
    tail = min(len(digits), len(shown.tail))
    if (tail and digits[-tail:] != shown.tail[-tail:]) or digits[: len(shown.head)] != shown.head:
        return False
    return shown.length is None or shown.length == len(digits)


def _compare_number(entered: Reading, on_file: Reading, out: Findings) -> None:
    """A complete entered number against the on-file number, last four or mask.

    What a person types is never a mask: an entered number that is not a
    complete number (12 to 19 digits) is `number.not_comparable`, whatever
    digits it holds, so the answer never tells a guess's digits apart
    (comparing "on what it shows" would read the on-file number out digit by
    digit). Only the on-file side may be a last four or a mask.

    >>> out = Findings()
    >>> _compare_number(read({"number": "4111 1111 1111 1111"}), read({"number": "1111"}), out)
    >>> _compare_number(read({"number": "4111111111111111"}), read({"number": "•••• 1112"}), out)
    >>> _compare_number(read({"number": "4111 11•• •••• 1111"}),
    ...                 read({"number": "4111111111111111"}), out)
    >>> [(code, params) for code, params, _ in out.found]
    [('number.mismatch', {'last4': '1111', 'on_file_last4': '1112'}), ('number.not_comparable', {})]
    """
    typed, kept = entered.details.number, on_file.details.number
    if typed is None or kept is None:
        return
    read_a, read_b = entered.number, on_file.number  # `Reading.digits`, without its property
    digits = None if isinstance(read_a, Unreadable) else read_a[0]
    if digits is None or not _MIN_PAN <= len(digits) <= _MAX_PAN:
        if not _blank(typed):  # a blank field is an absent one
            out.add("number.not_comparable")
        return
    full = None if isinstance(read_b, Unreadable) else read_b[0]
    if full is not None and _MIN_PAN <= len(full) <= _MAX_PAN:
        if not _same_number(digits, full):
            out.add("number.mismatch", last4=_last4(digits), on_file_last4=_last4(full))
        return
    shown = _Partial("", full, None) if full is not None and len(full) == _LAST4 else None
    shown = shown or _masked(kept)  # unreadable or blank on file: not compared
    if shown is not None and not _same_shown(digits, shown):
        out.add("number.mismatch", last4=_last4(digits), on_file_last4=shown.last4)


def _blank(value: object) -> bool:
    """Blank text (a long text is not blank: it is read no further than the cap)."""
    return isinstance(value, str) and len(value) <= _MASK_CAP and is_blank(value)


def _compare_expiry(entered: Reading, on_file: Reading, out: Findings) -> None:
    a, b = entered.expiry, on_file.expiry
    if a is None or b is None or a == b:
        return
    out.add("expiry.mismatch")
    # Either way round it may be a new card: the article's activation step.
    out.add("card.may_need_activation", newer="entered" if a > b else "on_file")


# -- address ---------------------------------------------------------------------


def _pair(field: str, a: str | None, b: str | None, out: Findings) -> tuple[str, str] | None:
    """Both values, when both sides have the field and it is short enough to compare.

    A blank value is an absent one (`_present`'s rule, without its calls).
    """
    if not a or not b or a.isspace() or b.isspace():
        return None
    if len(a) <= TEXT_CAP and len(b) <= TEXT_CAP:  # the common case, without a call
        return a, b
    _capped(field, a, b, out)
    return None


def _compare_country(entered: AddressReading, on_file: AddressReading, out: Findings) -> None:
    code_a, code_b = entered.country, on_file.country
    if code_a is not None and code_b is not None:
        if code_a != code_b:
            out.add("country.mismatch")
        return  # a checkout sends the code, however the name was spelled
    pair = _pair("country", entered.address.country, on_file.address.country, out)
    if pair is not None and compare_places(*pair)[0] == DIFFERENT:
        out.add("country.mismatch")


def _state_code(country: str | None, value: str, address: AddressReading) -> str | None:
    """The state's code: as read, or (for a side without a known country) under the other's."""
    if country == address.country:
        return address.state_code
    return None if country is None else resolve_state(country, value)


def _compare_state(
    pair: tuple[str, str],
    countries: tuple[str | None, str | None],
    addresses: tuple[AddressReading, AddressReading],
    out: Findings,
) -> None:
    a, b = pair
    code_a = _state_code(countries[0], a, addresses[0])
    code_b = _state_code(countries[1], b, addresses[1])
    if code_a is not None and code_b is not None:
        if code_a != code_b:
            out.add("state.mismatch")
        elif not same_place(a, b):
            out.add("state.differs_in_form", differences=("name_or_code",))
        return
    _report("state", compare_places(a, b), out)


_POSTAL: BoundedCache[tuple[str | None, str], tuple[str, str]] = BoundedCache(CACHE_SIZE)
_POSTAL_GET = _POSTAL.get


def _postal_keys(country: str | None, value: str, address: AddressReading) -> tuple[str, str]:
    """The postal code's letters and digits as typed, and in the country's canonical form.

    Read and remembered: the caller looked the memo up first.
    """
    return _POSTAL.keep((country, value), value, _postal_keys_of(country, value, address))


def _postal_keys_of(country: str | None, value: str, address: AddressReading) -> tuple[str, str]:
    typed = _letters_and_digits(value)
    if len(value) >= _MIN_PAN and looks_like_card_number(value):
        return typed, typed  # a card number is no postal code: not looked up anywhere
    if country is not None:
        read = address.postal if country == address.country else None
        # A code read is `(canonical, compact)`: the compact form is the canonical
        # one without its separators, so its letters and digits are the same.
        canonical = (read[1] if isinstance(read, tuple)
                     else None if read is not None else normalize_postal_code(country, value))
        if canonical is not None:
            return typed, _letters_and_digits(canonical)
        if typed[:2] == country.lower() and typed[2:3].isdigit():
            return typed, typed[2:]  # a printed prefix: "SE-114 55"
    return typed, typed


def _letters_and_digits(text: str) -> str:
    """`"".join(tokens(text))`: the text's letters and digits, in lower case.

    ASCII letters and digits alone are that already, in lower case: `tokens`'
    fast twin (tests/test_fastpaths.py proves the two equal).
    """
    if text.isascii() and text.isalnum():
        return text.lower()
    return "".join(tokens(text))


def _compare_postal(
    pair: tuple[str, str],
    countries: tuple[str | None, str | None],
    addresses: tuple[AddressReading, AddressReading],
) -> tuple[Verdict, str]:
    """The postal-code verdict, and the AVS outcome: match, match9 or no_match."""
    # The memo looked up here: a known code costs no call.
    typed_a, key_a = (_POSTAL_GET((countries[0], pair[0]))
                      or _postal_keys(countries[0], pair[0], addresses[0]))
    typed_b, key_b = (_POSTAL_GET((countries[1], pair[1]))
                      or _postal_keys(countries[1], pair[1], addresses[1]))
    zip_code = countries[1] in US_DOMESTIC or countries[0] in US_DOMESTIC
    if key_a == key_b:
        verdict: Verdict = (SAME, ()) if typed_a == typed_b else (FORM, ("prefix",))
        return verdict, "match9" if zip_code and len(key_a) == 9 else "match"
    if zip_code and key_a[:5] == key_b[:5] and key_a[:5].isdigit():
        return (FORM, ("zip4",)), "match"
    return (DIFFERENT, ()), "no_match"


def _city_verdict(a: str, b: str, postal: str) -> Verdict:
    """Another city name is only a NOTICE (``other_name``) when the postal codes agree.

    Address verification never looks at the city (only the street number and
    the postal code), and a matching postal code already names the place, so
    ``Göteborg``/``Gothenburg``, ``München``/``Munich`` or ``New York``/``New
    York City`` there is another name for the same place. Without a matching
    postal code the city is all there is to tell places apart: an ERROR.
    """
    verdict = compare_places(a, b)
    if verdict[0] == DIFFERENT and postal in ("match", "match9"):
        return FORM, ("other_name",)
    return verdict


def _compare_address(entered: AddressReading, on_file: AddressReading, out: Findings) -> None:
    typed, kept = entered.address, on_file.address
    code_a, code_b = entered.country, on_file.country
    billing = code_b or code_a
    countries = (code_a or billing, code_b or billing)
    addresses = (entered, on_file)
    _compare_country(entered, on_file, out)
    street_a, street_b = entered.street, on_file.street
    postal_a, postal_b = _present(typed.postal_code), _present(kept.postal_code)
    street = postal = "not_verified"
    if (pair := _pair("line1", street_a, street_b, out)) is not None:
        level, differences, numbers_match = compare_streets(*pair)
        _report("line1", (level, differences), out)
        street = "match" if numbers_match else "no_match"
    postal_verdict: Verdict | None = None
    if postal_a and postal_b and max(len(postal_a), len(postal_b)) <= TEXT_CAP:
        postal_verdict, postal = _compare_postal((postal_a, postal_b), countries, addresses)
    if (pair := _pair("city", typed.city, kept.city, out)) is not None:
        _report("city", _city_verdict(*pair, postal), out)
    if (pair := _pair("state", typed.state, kept.state, out)) is not None:
        _compare_state(pair, countries, addresses, out)
    if postal_verdict is not None:
        _report("postal_code", postal_verdict, out)
    elif postal_a and postal_b:  # one is too long to compare: says so
        _capped("postal_code", postal_a, postal_b, out)
    if (street_a or postal_a) and (street_b or postal_b):
        out.avs = predict_avs(street, postal, country=billing)


# -- public ----------------------------------------------------------------------


def collect_compare(
    entered: Reading | CardDetails, on_file: Reading | CardDetails, out: Findings
) -> None:
    """Compare `entered` with `on_file` (readings, or details read here) into `out`.

    Problems go into `out`, and the AVS letter into `out.avs`.
    """
    if not isinstance(entered, Reading):
        entered = read(entered, "entered")
    if not isinstance(on_file, Reading):
        on_file = read(on_file, "on_file")
    _compare_number(entered, on_file, out)
    _compare_expiry(entered, on_file, out)
    if (pair := _pair("name", entered.name, on_file.name, out)) is not None:
        _report("name", compare_names(*pair), out)
    if entered.address is not None and on_file.address is not None:
        _compare_address(entered.address, on_file.address, out)


def compare(
    entered: CardDetails | Mapping[str, object],
    on_file: CardDetails | Mapping[str, object],
    /,
    *,
    locale: str = "en",
) -> Result:
    """Compare the details a card holder typed with those on the card or statement.

    Both arguments are `CardDetails` or mappings with the same field names.
    The result's problems are the differences (see the module docs); `avs`
    is the AVS letter the address comparison implies, or None without an
    address on both sides.

    >>> r = compare({"number": "4111 1111 1111 1111", "expiry": "12/29"},
    ...             {"number": "4242424242424242", "expiry": "2030-01"})
    >>> r.codes
    ('number.mismatch', 'expiry.mismatch', 'card.may_need_activation')
    >>> dict(r.problems[0].params)
    {'last4': '1111', 'on_file_last4': '4242'}
    """
    out = Findings()
    collect_compare(read(entered, "entered"), read(on_file, "on_file"), out)
    return out.result(locale)
