"""`country_rules()`: what a country's billing address needs, for forms and `cardvalid rules`.

>>> r = country_rules("Sverige", locale="sv")
>>> r.country, r.name, r.fields, r.postal_code.examples[0], r.postal_code.prefix
('SE', 'Sverige', ('line1', 'postal_code', 'city'), '114 55', 'SE-')
>>> [(s.code, s.name) for s in country_rules("US", locale="sv").subdivisions if s.code == "CA"]
[('CA', 'Kalifornien')]
>>> country_rules("Atlantis") is None
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from cardvalid.address.countries import country_code, country_name
from cardvalid.address.data import data_version
from cardvalid.address.postal import STDNUM_MODULES
from cardvalid.address.rules import Rules, SubRule, rules_for
from cardvalid.address.states import subdivision_name
from cardvalid.messages import normalize_locale


@dataclass(frozen=True, slots=True)
class Subdivision:
    """A state, province, prefecture...: canonical code, name in the locale, postal prefix."""

    code: str
    name: str
    local_name: str
    postal_prefix: str | None
    postal_example: str | None
    has_city_list: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, stable keys."""
        return {
            "code": self.code,
            "name": self.name,
            "local_name": self.local_name,
            "postal_prefix": self.postal_prefix,
            "postal_example": self.postal_example,
            "has_city_list": self.has_city_list,
        }


@dataclass(frozen=True, slots=True)
class PostalCodeRules:
    """The postal-code format: the pattern (as in the data), canonical examples, printed prefix."""

    pattern: str
    examples: tuple[str, ...]
    prefix: str | None
    name_type: str
    required: bool
    national_check: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, stable keys."""
        return {
            "pattern": self.pattern,
            "examples": list(self.examples),
            "prefix": self.prefix,
            "name_type": self.name_type,
            "required": self.required,
            "national_check": self.national_check,
        }


@dataclass(frozen=True, slots=True)
class CountryRules:
    """What a billing address in one country needs, with names in `locale`.

    `fields` are the address fields the country's form has, in its order;
    `required` those that must be filled; `postal_code` is None where the
    country has no postal-code format; `subdivisions` is empty where the
    state is free text or not used.
    """

    country: str
    name: str
    locale: str
    fields: tuple[str, ...]
    required: tuple[str, ...]
    state_type: str | None
    city_type: str | None
    postal_code: PostalCodeRules | None
    subdivisions: tuple[Subdivision, ...]
    data_version: str

    def to_dict(self) -> dict[str, Any]:
        """A fresh JSON-ready dict with stable keys."""
        return {
            "country": self.country,
            "name": self.name,
            "locale": self.locale,
            "fields": list(self.fields),
            "required": list(self.required),
            "state_type": self.state_type,
            "city_type": self.city_type,
            "postal_code": None if self.postal_code is None else self.postal_code.to_dict(),
            "subdivisions": [s.to_dict() for s in self.subdivisions],
            "data_version": self.data_version,
        }


def country_rules(country: str, locale: str = "en") -> CountryRules | None:
    """What `country` (any spelling `country_code` accepts) requires; None if unknown."""
    code = country_code(country)
    if code is None:
        return None
    return _describe(code, normalize_locale(locale))


@functools.cache
def _describe(code: str, locale: str) -> CountryRules:
    rules = rules_for(code)
    postal = None
    if rules.postal is not None:
        postal = PostalCodeRules(
            pattern=rules.postal.pattern,
            examples=rules.postal.examples,
            prefix=rules.printed_prefix,
            name_type=rules.name_types["postal_code"],
            required="postal_code" in rules.required,
            national_check=STDNUM_MODULES.get(code),
        )
    return CountryRules(
        country=code,
        name=country_name(code, locale),
        locale=locale,
        fields=rules.fields,
        required=tuple(f for f in rules.fields if f in rules.required),
        state_type=_type_if(rules, "state"),
        city_type=_type_if(rules, "city"),
        postal_code=postal,
        subdivisions=tuple(_subdivision(rules, sub, locale) for sub in rules.subs),
        data_version=data_version(),
    )


def _type_if(rules: Rules, field: str) -> str | None:
    return rules.name_types[field] if field in rules.fields else None


def _subdivision(rules: Rules, sub: SubRule, locale: str) -> Subdivision:
    return Subdivision(
        code=sub.code,
        name=subdivision_name(rules.country, sub.code, locale),
        local_name=sub.name,
        postal_prefix=sub.postal_prefix,
        postal_example=sub.postal_example,
        has_city_list=bool(sub.city_spellings),
    )
