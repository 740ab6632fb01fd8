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

from collections.abc import Mapping

from cardvalid.address._text import CAPS, ascii_code, clean
from cardvalid.address.countries import country_code
from cardvalid.address.phone import collect_phone
from cardvalid.address.postal import can_begin, exists
from cardvalid.address.rules import Rules, SubRule, default_rules, rules_for
from cardvalid.address.states import lookup_state
from cardvalid.caches import BoundedCache
from cardvalid.findings import Findings
from cardvalid.model import Address, Result, Severity
from cardvalid.panguard import looks_like_card_number, looks_like_card_number_in

_FIELDS = ("line1", "city", "postal_code", "country", "state", "line2", "phone")
_TEXT_CAP = CAPS["line1"]  # line1, line2, city and state share one cap
_POSTAL_CAP = CAPS["postal_code"]

# Bounded memos of pure per-value work (cleaning a text, parsing a postal code):
# batches repeat cities, states and postal codes. Only values that passed every
# check are kept (no postal format has 13 digits), so nothing that looks like a
# card number is ever stored.
_MEMO_SIZE = 16384
_CLEAN: BoundedCache[str | None, str] = BoundedCache(_MEMO_SIZE)
_COUNTRY: BoundedCache[str | None, str] = BoundedCache(_MEMO_SIZE)
_POSTAL: BoundedCache[tuple[str, str], tuple[str, str]] = BoundedCache(_MEMO_SIZE)
_FORMAT, _UNKNOWN = "postal_code.format", "postal_code.unknown"


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
    collect_address(_as_address(address), out, partial=partial)
    return out.result(locale)


def _as_address(address: object) -> Address | None:
    if address is None or isinstance(address, Address):
        return address
    if isinstance(address, Mapping):
        return Address(**{name: address.get(name) for name in _FIELDS})
    raise TypeError(f"address must be Address, a mapping or None, not {type(address).__name__}")


def collect_address(address: Address | None, out: Findings, *, partial: bool = False) -> str | None:
    """Run every address check into `out`; return the country code (alpha-2) if known."""
    return _collect_typed(address, out) if partial else _collect(address, out)


def _collect(address: Address | None, out: Findings) -> str | None:
    if address is None:
        out.add("address.missing")
        return None
    if not isinstance(address, Address):
        raise TypeError(f"address must be Address or None, not {type(address).__name__}")
    normalized = out.normalized
    country = _COUNTRY.get(address.country)
    if country is None:
        if _blank(address):
            out.add("address.missing")
            return None
        country = _country(address.country, out)
    else:
        normalized["country"] = country
    rules = default_rules() if country is None else rules_for(country)
    required = rules.required
    _lines(address, "line1" in required, out)
    sub = None
    infer = "state" in required and _absent(address.state) and rules.has_postal_prefixes
    if (address.state is not None or "state" in required) and not infer:
        sub = _state(rules, address.state, out)
    if address.city is not None or "city" in required:
        _city(rules, sub, address.city, out)
    compact = None if country is None else _postal_code(rules, sub, address.postal_code, out)
    if infer:
        _infer_state(rules, compact, out)
    if address.phone is not None:
        collect_phone(address.phone, country, out)
    return country


def _collect_typed(address: Address | None, out: Findings) -> str | None:
    """The as-you-type answer: fields not typed yet and codes still being typed are notices."""
    complete = Findings()
    country = _collect(address, complete)
    for code, params, severity in complete.found:
        # A well-formed code the national list lacks is complete: the four
        # countries with such lists have fixed-length codes, so it stays an error.
        typed = _typed_postal(country, address, complete.normalized) if code == _FORMAT else None
        if typed is _INCOMPLETE:
            out.add("postal_code.incomplete")
        elif isinstance(typed, SubRule):  # a code that can only become another state's
            out.add("postal_code.state_mismatch", state=typed.code,
                    state_name=typed.display_name, example=typed.postal_example)
        elif code.endswith(".missing") and severity is None:
            out.add(code, severity=Severity.NOTICE, **params)
        else:
            out.found.append((code, params, severity))
    out.normalized.update(complete.normalized)
    return country


def _lines(address: Address, required: bool, out: Findings) -> None:
    """Line 1 and line 2, each alone and together (a form splits one street line in two)."""
    normalized = out.normalized
    line1 = _CLEAN.get(address.line1) or _text("line1", address.line1, out, required)
    if line1 is not None:
        normalized["line1"] = line1
    if address.line2 is not None:
        line2 = _CLEAN.get(address.line2) or _text("line2", address.line2, out, False)
        if line2 is not None:
            normalized["line2"] = line2
        if address.line1 is not None and _split_across(address.line1, address.line2):
            _split_number(out)


def _split_across(line1: str, line2: str) -> bool:
    """True when the two lines, as typed, make a card number neither makes alone.

    Read before cleaning, so a line refused for other reasons (a control
    character) cannot hide its half of a number.
    """
    line1, line2 = line1[:_TEXT_CAP], line2[:_TEXT_CAP]
    return (
        looks_like_card_number_in(line1, line2)
        and not looks_like_card_number(line1)
        and not looks_like_card_number(line2)
    )


def _split_number(out: Findings) -> None:
    """A card number split between line 1 and line 2: neither line is kept."""
    for field in ("line1", "line2"):
        out.normalized.pop(field, None)
        out.add("address.looks_like_card_number", field=field)


def _country(value: str | None, out: Findings) -> str | None:
    if value is None or not value.strip():
        out.add("country.missing")
        return None
    if len(value) > CAPS["country"]:
        out.add("country.too_long", max_length=CAPS["country"])
        return None
    code = country_code(value)
    if code is None:
        out.add("country.unknown")
        return None
    out.normalized["country"] = code
    return _COUNTRY.keep(value, value, code)


def _blank(address: Address) -> bool:
    return all(
        value is None or not value.strip()
        for value in (address.line1, address.line2, address.city, address.state,
                      address.postal_code, address.country, address.phone)
    )


def _text(field: str, value: str | None, out: Findings, required: bool) -> str | None:
    """Cap, characters, missing, card-number guard; the cleaned text or None."""
    if value is None:
        if required:
            out.add(f"{field}.missing")
        return None
    if len(value) > _TEXT_CAP:
        out.add(f"{field}.too_long", max_length=_TEXT_CAP)
        return None
    text, invalid = clean(value)
    if invalid:
        out.add(f"{field}.invalid_characters")
        return None
    if not text:
        if required:
            out.add(f"{field}.missing")
        return None
    if looks_like_card_number(text):
        out.add("address.looks_like_card_number", field=field)
        return None
    return _CLEAN.keep(value, value, text)


def _state(rules: Rules, value: str | None, out: Findings) -> SubRule | None:
    """The subdivision named by `value` (None when absent, unknown or not used)."""
    text = _CLEAN.get(value) or _text("state", value, out, "state" in rules.required)
    if text is None:
        return None
    if "state" not in rules.fields and rules.country != "ZZ":
        # libaddressinput's UNEXPECTED_FIELD; a notice, as the address is no less deliverable
        out.add("state.unexpected", country=rules.country)
    code = rules.exact.get(text)
    if code is None and rules.country != "ZZ":
        code = lookup_state(rules, text)
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


def _city(rules: Rules, sub: SubRule | None, value: str | None, out: Findings) -> None:
    text = _CLEAN.get(value) or _text("city", value, out, "city" in rules.required)
    if text is None:
        return
    if sub is not None and sub.city_spellings and not rules.knows_city(sub, text):
        out.add("city.unknown", state=sub.code, state_name=sub.display_name)
        return
    out.normalized["city"] = text


def _postal_code(
    rules: Rules, sub: SubRule | None, value: str | None, out: Findings
) -> str | None:
    """Check the postal code; its compact form when it is well formed."""
    postal = rules.postal
    if value is None or postal is None:
        if postal is None and value is not None:
            _unchecked_postal(rules, value, out)
        elif "postal_code" in rules.required:
            _missing_postal(rules, out)
        return None
    parsed = _POSTAL.get((rules.country, value)) or _parse_postal(rules, value, out)
    if parsed is None:
        return None
    if isinstance(parsed, str):
        out.add(parsed, example=postal.examples[0], country=rules.country)
        return None
    canonical, compact = parsed
    out.normalized["postal_code"] = canonical
    if _form_changed(value, canonical):
        out.add("postal_code.reformatted", postal_code=canonical)
    if sub is not None and sub.postal_match is not None and not sub.postal_match.match(compact):
        out.add("postal_code.state_mismatch", state=sub.code, state_name=sub.display_name,
                example=sub.postal_example)
    return compact


def _form_changed(value: str, canonical: str) -> bool:
    """True when the code was read with other punctuation or prefix than it was typed with.

    Spaces and letter case are layout (`11151` for `111 51` is no news); a hyphen
    added or dropped (`77777` read as Poland's `77-777`) or a printed prefix
    removed (`SE-111 51`) is worth showing: "we read this as ...".
    """
    typed = "".join(ascii_code(value).split()).upper()
    return typed != canonical.replace(" ", "")


_INCOMPLETE = "incomplete"


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
    if postal is None or len(value) > _POSTAL_CAP or not postal.completable(value):
        return None
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


def _parse_postal(rules: Rules, value: str, out: Findings) -> tuple[str, str] | str | None:
    """`(canonical, compact)`, or the code of what is wrong; None when reported here."""
    if len(value) > _POSTAL_CAP:
        out.add("postal_code.too_long", max_length=_POSTAL_CAP)
        return None
    if not value.strip():
        if "postal_code" in rules.required:
            _missing_postal(rules, out)
        return None
    postal = rules.postal
    parsed = None if postal is None else postal.parse(value)
    if parsed is None:
        return _FORMAT
    if not exists(rules.country, parsed[1]):
        return _UNKNOWN
    return _POSTAL.keep((rules.country, value), value, parsed)


def _missing_postal(rules: Rules, out: Findings) -> None:
    postal = rules.postal
    example = postal.examples[0] if postal is not None and postal.examples else ""
    out.add("postal_code.missing", example=example, country=rules.country)


def _unchecked_postal(rules: Rules, value: str, out: Findings) -> None:
    """A country without a postal-code format: keep a clean value, claim nothing."""
    if "postal_code" not in rules.fields or len(value) > _POSTAL_CAP:
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
    if code is None or value is None or len(value) > _POSTAL_CAP:
        return None
    postal = rules_for(code).postal
    parsed = None if postal is None else postal.parse(value)
    if parsed is None or not exists(code, parsed[1]):
        return None
    return parsed[0]
