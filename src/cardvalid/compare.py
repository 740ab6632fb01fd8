"""PLACEHOLDER (being written by the bank-side helper): entered vs on-file details."""

from __future__ import annotations

from cardvalid.findings import Findings
from cardvalid.model import CardDetails, Result


def collect_compare(entered: CardDetails, on_file: CardDetails, out: Findings) -> None:
    raise NotImplementedError


def compare(entered: CardDetails, on_file: CardDetails, /, *, locale: str = "en") -> Result:
    raise NotImplementedError
