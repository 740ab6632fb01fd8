"""PLACEHOLDER (being written by the lead): validate_many."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from cardvalid.model import Result


def validate_many(
    records: Iterable[object],
    /,
    *,
    columns: Mapping[str, str] | None = None,
    today: date | None = None,
    locale: str = "en",
) -> Iterator[Result]:
    raise NotImplementedError
