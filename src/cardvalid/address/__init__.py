"""PLACEHOLDER (being written by the address helper): billing address."""

from __future__ import annotations

from cardvalid.findings import Findings
from cardvalid.model import Address, Result


def collect_address(address: Address | None, out: Findings) -> str | None:
    raise NotImplementedError


def country_code(value: str | None) -> str | None:
    raise NotImplementedError


def check_address(address: Address, /, *, locale: str = "en") -> Result:
    raise NotImplementedError


def resolve_state(country: str, value: str | None) -> str | None:
    """The canonical subdivision code for a code/name in any accepted form, None if unknown."""
    raise NotImplementedError


def normalize_postal_code(country: str, value: str | None) -> str | None:
    """The canonical postal code (e.g. '111 51', 'SW1A 1AA'), None if malformed for the country."""
    raise NotImplementedError
