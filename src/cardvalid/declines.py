"""PLACEHOLDER (being written by the bank-side helper): decline codes."""

from __future__ import annotations

from cardvalid.model import Decline


def explain_decline(code: object, /, *, scheme: str = "iso8583", locale: str = "en") -> Decline:
    raise NotImplementedError
