"""The billing-address check: every field against the country's rules, one reason per fix.

Within a field the stages stop at the first failure (length cap -> characters
-> missing -> card-number guard -> format -> existence -> state match);
across fields every problem is collected. Caps are checked before any other
work, so any string costs time linear in the cap at most.

>>> from cardvalid.model import Address
>>> r = check_address(Address(line1="Drottninggatan 1", city="Stockholm",
...                           postal_code="11151", country="Sverige"))
>>> r.ok, r.normalized["country"], r.normalized["postal_code"]
(True, 'SE', '111 51')
>>> r = check_address(Address(line1="1 Main St", city="Las Vegas", state="NV",
...                           postal_code="90210", country="US"))
>>> r.codes, dict(r.problems[0].params)
(('postal_code.state_mismatch',), {'state': 'NV', 'state_name': 'Nevada', 'example': '88900'})
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from cardvalid.address._text import CAPS, ascii_code, clean
from cardvalid.address.countries import country_code
from cardvalid.address.phone import collect_phone
from cardvalid.address.postal import LISTED, can_begin, exists, may_exist
from cardvalid.address.reading import CLEANED, POSTAL_CAP, AddressReading, Text, read_address
from cardvalid.address.rules import Rules, SubRule, rules_for
from cardvalid.findings import Findings
from cardvalid.model import Address, Result, Severity
from cardvalid.panguard import looks_like_card_number
from cardvalid.text import absent

_FIELDS = ("line1", "city", "postal_code", "country", "state", "line2", "phone")


def check_address(address: Address | Mapping[str, str | None] | None, /, *,
                  locale: str = "en", partial: bool = False) -> Result:
    """Check a billing address against its country's rules.

    `address` is an `Address` (or a mapping with its field names); `None`
    gives `address.missing`. The result's `normalized` holds the country
    (alpha-2), state (canonical code), postal code (canonical), city, lines
    and phone (E.164) where known. With `partial=True` (a form being typed)
    a missing field is a notice, and a postal code that typing can still make
    well formed is `postal_code.incomplete` (a notice).
    """
    out = Findings()
    found = _as_address(address)
    reading = None if found is None else read_address(found)
    if partial:
        _collect_typed(reading, out)
    else:
        _collect(reading, out)
    return out.result(locale)


def _as_address(address: object) -> Address | None:
    if address is None or isinstance(address, Address):
        return address
    if isinstance(address, Mapping):
        return Address(**{name: address.get(name) for name in _FIELDS})
    raise TypeError(f"address must be Address, a mapping or None, not {type(address).__name__}")


def collect_address(
    address: AddressReading | Address | None, out: Findings, *, partial: bool = False
) -> str | None:
    """Judge an address (as read, or read here) into `out`; return its country code if known."""
    if isinstance(address, Address):
        address = read_address(address)
    elif address is not None and not isinstance(address, AddressReading):
        raise TypeError(f"address must be Address or None, not {type(address).__name__}")
    return _collect_typed(address, out) if partial else _collect(address, out)


def judge_address(address: AddressReading, out: Findings, partial: bool) -> str | None:
    """Judge an address already read into `out`; return its country code if known."""
    return _collect_typed(address, out) if partial else _collect(address, out)


def _collect(address: AddressReading | None, out: Findings) -> str | None:
    if address is None or address.blank:
        out.add("address.missing")
        return None
    country, rules = address.country, address.rules
    if country is None:
        if address.country_found == "too_long":
            out.add("country.too_long", max_length=CAPS["country"])
        else:
            out.add(f"country.{address.country_found}")
    else:
        out.normalized["country"] = country
    required = rules.required
    _lines(address, "line1" in required, out)
    typed = address.address
    state = typed.state
    sub = None
    state_required = "state" in required
    infer = state_required and _absent(state) and rules.has_postal_prefixes
    if (state is not None or state_required) and not infer:
        sub = _state(rules, address, out)
    if typed.city is not None or "city" in required:
        _city(rules, sub, address, out)
    compact = None if country is None else _postal_code(rules, sub, address, out)
    if infer:
        _infer_state(rules, compact, out)
    if typed.phone is not None:
        collect_phone(typed.phone, country, out)
    return country


def _collect_typed(address: AddressReading | None, out: Findings) -> str | None:
    """The as-you-type answer: fields not typed yet and codes still being typed are notices."""
    complete = Findings()
    country = _collect(address, complete)
    typed = None if address is None else address.address
    for code, params, severity in complete.found:
        # A well-formed code the national list lacks is complete: the four
        # countries with such lists have fixed-length codes, so it stays an error.
        found = _typed_postal(country, typed, complete.normalized) if code == _FORMAT else None
        if found is _INCOMPLETE:
            out.add("postal_code.incomplete")
        elif found is _UNKNOWN:
            out.add(_UNKNOWN, **params)
        elif isinstance(found, SubRule):  # a code that can only become another state's
            out.add("postal_code.state_mismatch", state=found.code,
                    state_name=found.display_name, example=found.postal_example)
        elif code.endswith(".missing") and severity is None:
            out.add(code, severity=Severity.NOTICE, **params)
        else:
            out.found.append((code, params, severity))
    out.normalized.update(complete.normalized)
    return country


def _lines(address: AddressReading, required: bool, out: Findings) -> None:
    """Line 1 and line 2, each alone and together (a form splits one street line in two)."""
    typed = address.address
    line1 = CLEANED(typed.line1) or _text("line1", address.line1, out, required)
    if line1 is not None:
        out.normalized["line1"] = line1
    if address.address.line2 is not None:
        line2 = CLEANED(typed.line2) or _text("line2", address.line2, out, False)
        if line2 is not None:
            out.normalized["line2"] = line2
        if address.split_number:
            _split_number(out)


def _split_number(out: Findings) -> None:
    """A card number split between line 1 and line 2: neither line is kept."""
    for field in ("line1", "line2"):
        out.normalized.pop(field, None)
        out.add("address.looks_like_card_number", field=field)


def _text(field: str, read: Text, out: Findings, required: bool) -> str | None:
    """The cleaned text, or None after reporting what reading found (missing only if required)."""
    text, found = read
    if text is not None:
        return text
    if found == "missing":
        if required:
            out.add(f"{field}.missing")
    elif found == "too_long":
        out.add(f"{field}.too_long", max_length=CAPS[field])
    elif found == "looks_like_card_number":
        out.add("address.looks_like_card_number", field=field)
    else:
        out.add(f"{field}.{found}")
    return None


def _state(rules: Rules, address: AddressReading, out: Findings) -> SubRule | None:
    """The subdivision the state names (None when absent, unknown or not used)."""
    text = CLEANED(address.address.state) or _text("state", address.state, out,
                                                   "state" in rules.required)
    if text is None:
        return None
    if "state" not in rules.fields and rules.country != "ZZ":
        # libaddressinput's UNEXPECTED_FIELD; a notice, as the address is no less deliverable
        out.add("state.unexpected", country=rules.country)
    code = address.state_code
    if code is None:
        if rules.subs and "state" in rules.fields:
            example = rules.subs[0]
            out.add("state.unknown", country=rules.country, example=example.code,
                    example_name=example.display_name)
        else:
            out.normalized["state"] = text
        return None
    out.normalized["state"] = code
    return rules.by_code.get(code)


def _city(rules: Rules, sub: SubRule | None, address: AddressReading, out: Findings) -> None:
    text = CLEANED(address.address.city) or _text("city", address.city, out,
                                                  "city" in rules.required)
    if text is None:
        return
    if sub is not None and sub.city_spellings and not rules.knows_city(sub, text):
        out.add("city.unknown", state=sub.code, state_name=sub.display_name)
        return
    out.normalized["city"] = text


def _postal_code(
    rules: Rules, sub: SubRule | None, address: AddressReading, out: Findings
) -> str | None:
    """Judge the postal code as read; its compact form when it is well formed."""
    parsed = address.postal
    if not isinstance(parsed, tuple):  # a tuple is a code read well formed: present, with a format
        _postal_not_read(rules, address, parsed, out)
        return None
    canonical, compact = parsed
    out.normalized["postal_code"] = canonical
    if address.postal_reformatted:
        out.add("postal_code.reformatted", postal_code=canonical)
    if sub is not None and sub.postal_match is not None and not sub.postal_match.match(compact):
        out.add("postal_code.state_mismatch", state=sub.code, state_name=sub.display_name,
                example=sub.postal_example)
    return compact


def _postal_not_read(
    rules: Rules, address: AddressReading, found: str | None, out: Findings
) -> None:
    """A postal code absent, too long, malformed, unknown, or under no format: what to say."""
    postal = rules.postal
    value = address.address.postal_code
    if found is None and value is not None and absent(value):
        value = None  # blank is absent (a parsed code is never blank)
    if value is None or postal is None:
        if postal is None and value is not None:
            _unchecked_postal(rules, value, out)
        elif "postal_code" in rules.required:
            _missing_postal(rules, out)
        return
    if found == "too_long":
        out.add("postal_code.too_long", max_length=POSTAL_CAP)
        return
    out.add(found or _FORMAT, example=postal.examples[0], country=rules.country)


_INCOMPLETE = "incomplete"
_FORMAT = "postal_code.format"
_UNKNOWN = "postal_code.unknown"


def _typed_postal(
    country: str | None, address: Address | None, normalized: Mapping[str, object]
) -> str | SubRule | None:
    """As you type: `_INCOMPLETE` when typing more can still make the postal code valid.

    With a state already resolved whose codes share a prefix (New York's
    `1[0-4]`, `06390`), a code that can only grow into another state's is that
    state's `SubRule` (every continuation would be `postal_code.state_mismatch`);
    None when no continuation is even well formed.
    """
    if country is None or address is None or address.postal_code is None:
        return None
    rules = rules_for(country)
    postal = rules.postal
    value = address.postal_code
    if postal is None or len(value) > POSTAL_CAP or not postal.completable(value):
        return None
    if country in LISTED and not postal.completable(value, functools.partial(may_exist, country)):
        return _UNKNOWN  # the format can still be met, but by no code that exists
    state = normalized.get("state")
    sub = rules.by_code.get(state) if isinstance(state, str) else None
    if sub is None or sub.postal_match is None:
        return _INCOMPLETE
    compact = "".join(ascii_code(value).upper().replace("-", "").split())
    heads = [compact, *(compact[len(p):] for p in postal.prefixes if compact.startswith(p))]
    pattern = sub.postal_match.pattern
    if any(sub.postal_match.match(head) or can_begin(pattern, head) for head in heads):
        return _INCOMPLETE
    return sub


def _absent(value: str | None) -> bool:
    return value is None or not value.strip()


def _infer_state(rules: Rules, compact: str | None, out: Findings) -> None:
    """A required state left out, where the postal code names exactly one: a notice, not an error.

    Issuers and AVS never read the state; Spanish and Italian addresses are
    often written without their province, which the postal code implies.
    """
    if compact is not None:
        found = [
            sub for sub in rules.subs
            if sub.postal_match is not None and sub.postal_match.match(compact)
        ]
        if len(found) == 1:
            out.normalized["state"] = found[0].code
            out.add("state.inferred", state=found[0].code, state_name=found[0].display_name)
            return
    out.add("state.missing")


def _missing_postal(rules: Rules, out: Findings) -> None:
    postal = rules.postal
    example = postal.examples[0] if postal is not None and postal.examples else ""
    out.add("postal_code.missing", example=example, country=rules.country)


def _unchecked_postal(rules: Rules, value: str, out: Findings) -> None:
    """A country without a postal-code format: keep a clean value, claim nothing."""
    if "postal_code" not in rules.fields or len(value) > POSTAL_CAP:
        return
    text, invalid = clean(value)
    if text and not invalid and not looks_like_card_number(text):
        out.normalized["postal_code"] = text.upper()


def normalize_postal_code(country: str | None, value: str | None) -> str | None:
    """The canonical postal code (`111 51`, `K1A 0B1`, `SW1A 1AA`); None if malformed.

    Also None for an unknown country, a country without a postal-code format,
    or a code python-stdnum knows does not exist (Austria, Spain, Netherlands, Sweden).

    >>> normalize_postal_code("SE", "SE-114 55"), normalize_postal_code("Japan", "１５４００２３")
    ('114 55', '154-0023')
    """
    if value is not None and not isinstance(value, str):
        raise TypeError(f"postal_code must be str or None, not {type(value).__name__}")
    code = country_code(country)
    if code is None or value is None or len(value) > POSTAL_CAP:
        return None
    postal = rules_for(code).postal
    parsed = None if postal is None else postal.parse(value)
    if parsed is None or not exists(code, parsed[1]):
        return None
    return parsed[0]
