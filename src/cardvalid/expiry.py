"""PLACEHOLDER (being written by the card-holder helper): expiry date."""

from __future__ import annotations

from datetime import date

from cardvalid.findings import Findings
from cardvalid.model import Result


def collect_expiry(
    value: object, out: Findings, *, today: date, partial: bool = False, max_years: int = 20
) -> tuple[int, int] | None:
    raise NotImplementedError


def check_expiry(
    expiry: object, /, *, today: date | None = None, partial: bool = False, locale: str = "en"
) -> Result:
    raise NotImplementedError


def parse_expiry(expiry: object) -> tuple[int, int] | None:
    """(year, month) for any accepted spelling, None when it cannot be read."""
    raise NotImplementedError
