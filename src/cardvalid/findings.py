"""Collecting problems while checking, then turning them into a `Result`.

Every check module writes into a `Findings` (code + safe params, normalized
values, card info); `Findings.result()` looks each code up in the catalog,
orders the problems by the checklist and localizes them once, at the end.

>>> f = Findings()
>>> f.add("postal_code.format", example="111 51")
>>> r = f.result("en")
>>> r.ok, r.problems[0].code, dict(r.problems[0].params)
(False, 'postal_code.format', {'example': '111 51'})
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from cardvalid.caches import safe_key
from cardvalid.codes import REASONS
from cardvalid.messages import normalize_locale, text
from cardvalid.model import EMPTY, CardInfo, Problem, Result, Severity, new_result

# Problems are immutable, so the same reason with the same params in the same
# locale is built once and shared. A key is stored only when the caller's locale
# and every param are small and safe (`_cacheable`): no long caller string and no
# card number stays in it. Bounded: it is emptied when full.
_CACHE: dict[tuple[Any, ...], Problem] = {}
_CACHE_SIZE = 4096
_PARAM_TYPES = (int, float, bool, Severity, type(None))


def make_problem(
    code: str, params: Mapping[str, Any], locale: str | None, severity: Severity | None = None
) -> Problem:
    """One localized `Problem` for a catalog code (shared when seen before)."""
    key = (code, locale, severity, *params.items())
    try:
        return _CACHE[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable param (a list) or locale: build it every time
        return _make_problem(code, params, normalize_locale(locale), severity)
    problem = _make_problem(code, params, normalize_locale(locale), severity)
    if _cacheable((locale, *params.values())):
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = problem
    return problem


def _cacheable(values: Iterable[Any], depth: int = 0) -> bool:
    """Params fit to key the cache: numbers, enums, safe short text, tuples of those."""
    for value in values:
        if isinstance(value, str):
            if not safe_key(value, _PARAM_CAP):
                return False
        elif isinstance(value, tuple):
            if depth or not _cacheable(value, 1):
                return False
        elif not isinstance(value, _PARAM_TYPES):
            return False
    return True


_PARAM_CAP = 64


def _make_problem(
    code: str, params: Mapping[str, Any], locale: str | None, severity: Severity | None
) -> Problem:
    reason = REASONS[code]
    frozen = MappingProxyType(dict(params)) if params else EMPTY
    return Problem(
        code=code,
        field=reason.field,
        checklist=reason.checklist,
        severity=reason.severity if severity is None else severity,
        message=text(code, "message", frozen, locale),
        hint=text(code, "hint", frozen, locale),
        params=frozen,
    )


class Findings:
    """A mutable, internal accumulator; one per check call, never shared."""

    __slots__ = ("avs", "card", "found", "normalized")

    def __init__(self) -> None:
        self.found: list[tuple[str, dict[str, Any], Severity | None]] = []
        self.normalized: dict[str, Any] = {}
        self.card: CardInfo | None = None
        self.avs: str | None = None

    def add(self, code: str, /, *, severity: Severity | None = None, **params: Any) -> None:
        """Record a problem; `code` must be in the catalog."""
        if code not in REASONS:
            raise KeyError(f"unknown reason code {code!r}")
        self.found.append((code, params, severity))

    def has(self, prefix: str) -> bool:
        """True when a problem whose code starts with `prefix` was recorded."""
        return any(code.startswith(prefix) for code, _, _ in self.found)

    def result(self, locale: str | None) -> Result:
        """The immutable `Result`, problems in checklist order.

        The `Result` takes over `normalized`: use a `Findings` once, then drop it.
        """
        problems = [make_problem(code, params, locale, sev) for code, params, sev in self.found]
        if len(problems) > 1:
            problems.sort(key=_order)
        normalized = MappingProxyType(self.normalized) if self.normalized else EMPTY
        return new_result(tuple(problems), self.card, normalized, self.avs)


def _order(problem: Problem) -> int:
    return problem.checklist.order
