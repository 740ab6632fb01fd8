"""Address Verification Service (AVS) letters: predict one, decode one.

AVS is the check an issuer makes of the billing address a merchant sends with
a card-not-present payment: it compares the *numbers* of the street line (the
house number) and the postal code with its own record and answers with one
letter. Letters differ between schemes (Discover's native ``A`` is Visa's
``Y``), so a letter is always read together with its scheme.

- `predict_avs(street, postal, country=..., scheme=...)` gives the letter that
  a street outcome and a postal outcome imply (`compare()` uses it for
  `Result.avs`): Visa's domestic letters for US billing addresses (``Y`` both
  match, ``A`` street only, ``Z`` postal only, ``W`` nine-digit ZIP only,
  ``N`` neither, ``U`` nothing to verify) and Visa's international letters
  elsewhere (``D`` both, ``B`` street matched and postal not verifiable,
  ``P`` the reverse, ``C`` neither verifiable; ``A``/``Z``/``N`` apply in any
  region).
- `avs_outcome(letter, scheme=...)` decodes a letter a processor returned.

Facts from the Checkout.com, Airwallex, Cybersource, Authorize.net,
ActiveMerchant, Galileo and bePaid tables, shipped as ``data/avs.json`` with
each letter's sources.

>>> predict_avs("match", "no_match", country="US"), predict_avs("match", "match", country="SE")
('A', 'D')
>>> o = avs_outcome("Z")
>>> o.street, o.postal, [c.value for c in o.checklist]
('no_match', 'match', ['address'])
>>> avs_outcome("A", scheme="discover").postal
'match'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cardvalid._data import read_json
from cardvalid.model import Checklist

AVS_SCHEMES = ("visa", "mastercard", "amex", "discover", "cybersource", "any")
"""Schemes `avs_outcome()` decodes for; ``any`` ignores which scheme uses a letter."""

STREET_OUTCOMES = ("match", "no_match", "not_verified")
POSTAL_OUTCOMES = ("match", "match9", "no_match", "not_verified")

# Billing countries whose addresses go through US domestic AVS: the US and the
# territories with ZIP Codes (USPS Publication 28, section 225 / appendix B).
US_DOMESTIC = frozenset({"US", "PR", "VI", "GU", "AS", "MP", "UM"})

_MAX_LETTER = 8


@dataclass(frozen=True, slots=True)
class AvsOutcome:
    """What an AVS letter says about the street, the postal code and the name.

    Outcomes are ``"match"``, ``"no_match"``, ``"not_verified"``,
    ``"not_provided"``, ``"unavailable"``, ``"not_applicable"`` or None (the
    letter says nothing about that part). `checklist` names the items a
    ``no_match`` points at. `meaning` is the source's English description.
    """

    letter: str
    scheme: str
    known: bool
    street: str | None = None
    postal: str | None = None
    name: str | None = None
    postal_digits: int | None = None
    category: str | None = None
    checklist: tuple[Checklist, ...] = ()
    meaning: str = ""
    sources: tuple[str, ...] = ()

    @property
    def full_match(self) -> bool:
        """True when street and postal code both matched."""
        return self.street == "match" and self.postal == "match"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, stable keys."""
        return {
            "letter": self.letter,
            "scheme": self.scheme,
            "known": self.known,
            "street": self.street,
            "postal": self.postal,
            "name": self.name,
            "postal_digits": self.postal_digits,
            "category": self.category,
            "checklist": [c.value for c in self.checklist],
            "meaning": self.meaning,
            "full_match": self.full_match,
        }


@functools.cache
def _data() -> Mapping[str, Any]:
    loaded: dict[str, Any] = read_json("cardvalid", "data", "avs.json")
    return loaded


@functools.cache
def _predictions() -> Mapping[tuple[str, str, str, str], str]:
    table: dict[tuple[str, str, str, str], str] = {}
    for scheme, regions in _data()["predict"].items():
        for region, rows in regions.items():
            for row in rows:
                table[(scheme, region, row["street"], row["postal"])] = row["letter"]
    return MappingProxyType(table)


def predict_avs(
    street: str, postal: str, /, *, country: str | None = None, scheme: str = "visa"
) -> str:
    """The AVS letter an issuer would answer for these street and postal outcomes.

    `street` is one of `STREET_OUTCOMES`, `postal` one of `POSTAL_OUTCOMES`
    (``match9``: a full nine-digit ZIP+4 match). For Visa, `country` (the
    billing country, alpha-2) picks domestic (US) or international letters;
    `scheme` may also be ``mastercard``, ``amex`` or ``discover`` (Discover's
    native letters).

    >>> [predict_avs(s, p, country="US") for s, p in [("match", "match"),
    ...  ("match", "no_match"), ("no_match", "match"), ("no_match", "no_match")]]
    ['Y', 'A', 'Z', 'N']
    >>> [predict_avs(s, p, country="GB") for s, p in
    ...  [("match", "match"), ("match", "not_verified"), ("not_verified", "match"),
    ...   ("not_verified", "not_verified")]]
    ['D', 'B', 'P', 'C']
    >>> predict_avs("no_match", "match9", country="US")
    'W'
    >>> predict_avs("match", "match9", scheme="mastercard")
    'X'
    """
    if country is not None and type(country) is not str:
        raise TypeError(f"country must be str or None, not {type(country).__name__}")
    if street not in STREET_OUTCOMES:
        raise ValueError(f"street must be one of {', '.join(STREET_OUTCOMES)}")
    if postal not in POSTAL_OUTCOMES:
        raise ValueError(f"postal must be one of {', '.join(POSTAL_OUTCOMES)}")
    if scheme == "visa":
        region = "domestic" if country in US_DOMESTIC else "international"
    elif scheme in ("mastercard", "amex", "discover"):
        region = "any"
    else:
        raise ValueError("scheme must be one of visa, mastercard, amex, discover")
    return _predictions()[(scheme, region, street, postal)]


def _outcome(letter: str, scheme: str, row: Mapping[str, Any]) -> AvsOutcome:
    return AvsOutcome(
        letter=letter,
        scheme=scheme,
        known=True,
        street=row["street"],
        postal=row["postal"],
        name=row["name"],
        postal_digits=row["postal_digits"],
        category=row["category"],
        checklist=tuple(Checklist(c) for c in row["checklist"]),
        meaning=row["meaning"],
        sources=tuple(row["sources"]),
    )


def _uses(row: Mapping[str, Any], scheme: str) -> bool:
    schemes = row["schemes"]
    if scheme == "any":
        return True
    if scheme == "cybersource":  # Visa-standard letters for every brand, plus its own
        return "visa" in schemes or "cybersource" in schemes
    return scheme in schemes


def avs_outcome(letter: str, /, scheme: str = "visa") -> AvsOutcome:
    """Decode an AVS result letter as `scheme` uses it; unknown letters give ``known=False``.

    >>> avs_outcome("y").full_match, avs_outcome("D", scheme="mastercard").known
    (True, False)
    >>> avs_outcome("AE2", scheme="amex").name
    'no_match'
    """
    if not isinstance(letter, str):
        raise TypeError(f"letter must be str, not {type(letter).__name__}")
    if scheme not in AVS_SCHEMES:
        raise ValueError(f"scheme must be one of {', '.join(AVS_SCHEMES)}")
    if len(letter) > _MAX_LETTER * 4:
        return AvsOutcome(letter="", scheme=scheme, known=False)
    key = letter.strip().upper()
    if len(key) > _MAX_LETTER:  # before the cache: no longer text (a card number) is kept
        return AvsOutcome(letter="", scheme=scheme, known=False)
    return _decode(key, scheme)


@functools.lru_cache(maxsize=256)
def _decode(key: str, scheme: str) -> AvsOutcome:
    """Keys are at most 8 characters: nothing a card number (12+ digits) could be."""
    data = _data()
    variant = data["variants"].get(scheme, {}).get(key)
    if variant is not None:
        return _outcome(key, scheme, variant)
    row = data["letters"].get(key)
    if row is None or not _uses(row, scheme):
        return AvsOutcome(letter=key, scheme=scheme, known=False)
    return _outcome(key, scheme, row)
