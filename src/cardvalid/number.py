"""PLACEHOLDER (being written by the number helper): card number and security code."""

from __future__ import annotations

from cardvalid.findings import Findings
from cardvalid.model import Brand, BrandSpec, CardInfo, Result


def collect_number(value: object, out: Findings, *, partial: bool = False) -> CardInfo | None:
    raise NotImplementedError


def collect_cvc(
    value: object, out: Findings, *, spec: BrandSpec | None = None, brand: Brand | None = None
) -> None:
    raise NotImplementedError


def check_number(number: object, /, *, partial: bool = False, locale: str = "en") -> Result:
    raise NotImplementedError


def check_cvc(
    cvc: object, /, *, number: object = None, brand: Brand | str | None = None, locale: str = "en"
) -> Result:
    raise NotImplementedError


def identify(number: object) -> CardInfo:
    raise NotImplementedError


def format_number(number: object) -> str:
    raise NotImplementedError


def mask(number: object, /, *, first: int = 6) -> str:
    raise NotImplementedError


def normalize_number(number: object) -> str | None:
    """ASCII digits of a card number (separators removed, Unicode digits folded); None if not a number."""
    raise NotImplementedError
