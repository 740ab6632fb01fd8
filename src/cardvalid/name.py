"""PLACEHOLDER (being written by the card-holder helper): cardholder name."""

from __future__ import annotations

from cardvalid.findings import Findings
from cardvalid.model import Result


def collect_name(value: object, out: Findings) -> str | None:
    raise NotImplementedError


def check_name(name: object, /, *, locale: str = "en") -> Result:
    raise NotImplementedError
