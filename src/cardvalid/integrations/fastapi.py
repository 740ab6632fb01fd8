"""FastAPI glue for card forms (install the `fastapi` extra): the request's language, safe 422s.

`install(app)` adds two things:

- a middleware that reads each request's `Accept-Language` and validates the
  request in that locale (`locale_scope`), so a `CardForm` body's errors
  carry their `msg` in the person's language;
- a handler for FastAPI's `RequestValidationError` that answers 422 with every
  error made safe (`cardvalid.integrations._errors.safe_error`) — also for
  bodies that are not `CardForm`s themselves: a plain model around one, a
  list of them, several body parameters.

`RequestLocale` is a dependency for endpoints that call `cardvalid.validate()`
themselves: `def pay(form: Payment, locale: RequestLocale): ...`.

>>> locale_from_header("de-DE,de;q=0.9,sv;q=0.8,en;q=0.7")
'sv'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from cardvalid.integrations._errors import safe_error
from cardvalid.integrations.pydantic import locale_scope
from cardvalid.messages import DEFAULT_LOCALE, available_locales, normalize_locale

__all__ = ["LocaleMiddleware", "RequestLocale", "install", "locale_from_header", "request_locale"]

_MAX_HEADER = 512  # longer than any browser sends; the rest is not read
_MAX_RANGES = 32


def locale_from_header(header: str | None) -> str:
    """The shipped locale an `Accept-Language` header prefers most (RFC 9110 §12.5.4), else `en`.

    >>> locale_from_header("sv-SE,sv;q=0.9,en;q=0.5"), locale_from_header("fr"), \
locale_from_header("sv;q=0")
    ('sv', 'en', 'en')
    """
    best, best_q = DEFAULT_LOCALE, 0.0
    for item in (header or "")[:_MAX_HEADER].split(",")[:_MAX_RANGES]:
        tag, _, params = item.partition(";")
        tag = tag.strip()
        q = _quality(params)
        if not tag or tag == "*" or q <= best_q:
            continue
        language = tag.split("-", 1)[0].lower()
        if language in available_locales():
            best, best_q = normalize_locale(language), q
    return best


def _quality(params: str) -> float:
    name, _, value = params.strip().partition("=")
    if name.strip().lower() != "q":
        return 1.0
    try:
        q = float(value.strip()[:5])
    except ValueError:
        return 0.0
    return q if 0.0 <= q <= 1.0 else 0.0


def request_locale(accept_language: Annotated[str | None, Header()] = None) -> str:
    """A FastAPI dependency: the request's locale, for endpoints that call the library."""
    return locale_from_header(accept_language)


RequestLocale = Annotated[str, Depends(request_locale)]


class LocaleMiddleware:
    """Validates each HTTP request in the locale its `Accept-Language` prefers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or ()).get(b"accept-language", b"")
        with locale_scope(locale_from_header(header.decode("latin-1"))):
            await self.app(scope, receive, send)


async def _unprocessable(request: Request, exc: Exception) -> JSONResponse:
    errors: Sequence[Any] = exc.errors() if isinstance(exc, RequestValidationError) else ()
    detail = [safe_error(e) for e in errors]
    return JSONResponse(
        status_code=422,
        content={"detail": jsonable_encoder(detail, custom_encoder={BaseException: str})},
    )


def install(app: FastAPI) -> FastAPI:
    """Add the locale middleware and the safe 422 handler to `app`; returns `app`."""
    app.add_middleware(LocaleMiddleware)
    app.add_exception_handler(RequestValidationError, _unprocessable)
    return app
