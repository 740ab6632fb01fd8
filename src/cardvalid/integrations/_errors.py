"""Validation error records that never hold a card number or a security code.

pydantic records the input of every failed check: for a missing field that
is the whole form, for a form sent as a string it is the string. Every
record that leaves a `CardForm` (and every 422 answer from an app that uses
`cardvalid.integrations.fastapi.install`) passes through `safe_error` first:

- a `cardvalid.*` error keeps the input its field type chose (the masked
  number, `<hidden>` for the code, other text through the card-number guard);
- any other error shows a scalar input through the guard, and hides an object
  or a list (it may hold the card) and the form as a whole (`loc == ()`);
- text in `msg` and `ctx` passes through the guard, so an app's own
  validator that repeats its input cannot echo a card number either.

>>> safe_error({"type": "missing", "loc": ("amount",), "msg": "Field required",
...             "input": {"number": "4111111111111111", "cvc": "123"}})["input"]
'<hidden>'
>>> safe_error({"type": "int_parsing", "loc": ("amount",), "msg": "not an integer",
...             "input": "4111 1111 1111 1111"})["input"]
'<redacted: looks like a card number>'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NoReturn, get_args

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

from cardvalid.panguard import REDACTED, looks_like_card_number, redacted

HIDDEN = "<hidden>"
PREFIX = "cardvalid."

_KNOWN_TYPES = frozenset(get_args(core_schema.ErrorType))
_SCALARS = (str, int, float, type(None))


def safe_input(value: object, loc: tuple[int | str, ...]) -> object:
    """What an error may show of its input: scalars through the guard, nothing else."""
    if not loc or not isinstance(value, _SCALARS):
        return HIDDEN
    return redacted(value)


def _safe_text(value: object) -> object:
    if isinstance(value, BaseException):
        return ValueError(REDACTED) if looks_like_card_number(str(value)) else value
    if isinstance(value, str | int | float):
        return redacted(value)
    if isinstance(value, list | tuple):
        return type(value)(_safe_text(v) for v in value)
    return value


def safe_error(error: Mapping[str, Any]) -> dict[str, Any]:
    """One error record (as `ValidationError.errors()` gives it) with nothing card-shaped in it."""
    loc = tuple(error.get("loc", ()))
    kind = str(error.get("type", ""))
    if kind.startswith(PREFIX):
        return {**error, "loc": loc}
    safe = {**error, "loc": loc, "input": safe_input(error.get("input"), loc)}
    safe["msg"] = _safe_text(error.get("msg", ""))
    if "ctx" in error:
        safe["ctx"] = {k: _safe_text(v) for k, v in error["ctx"].items()}
    return safe


def _details(error: Mapping[str, Any]) -> InitErrorDetails:
    kind = str(error["type"])
    ctx = error.get("ctx")
    if kind in _KNOWN_TYPES:
        details = InitErrorDetails(type=kind, loc=error["loc"], input=error["input"])
        if ctx:
            details["ctx"] = ctx
        return details
    custom = PydanticCustomError(kind, str(error["msg"]), ctx)
    return InitErrorDetails(type=custom, loc=error["loc"], input=error["input"])


def fail(title: str, errors: Iterable[Mapping[str, Any]]) -> NoReturn:
    """Raise a `ValidationError` made of `errors`, each made safe first.

    Raised inside a validator, pydantic keeps these records as they are
    (prefixing their `loc`), instead of recording the validator's own input.
    """
    records = [_details(safe_error(e)) for e in errors]
    raise ValidationError.from_exception_data(title, records, hide_input=True)
