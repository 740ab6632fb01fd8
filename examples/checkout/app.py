"""A checkout page that checks card details as they are typed and again on submit.

Run it with `uvicorn app:app` from this folder (or `python app.py`), then open
http://127.0.0.1:8000/. The page (static/, no build step) loads `/rules.json`
— `cardvalid.export_rules()` — and checks each field as the person types with
exactly the server's rules; on submit it posts the form to `/api/validate`,
which runs `cardvalid.validate()` and answers with the problems only: codes,
fields, checklist items, messages, hints and params. The card number and the
security code are never sent back. Expiry dates are judged against the
server's UTC date, or `CHECKOUT_TODAY` (YYYY-MM-DD) when set for a demo or a
test — never a date the request brings.

`app.state.accepted_brands` lists the networks the merchant takes (None: every
one; `CHECKOUT_ACCEPTED_BRANDS=visa,mastercard` sets it at start). The page
reads it from `/checkout.json` and answers `number.brand_not_accepted` as
`validate(accepted_brands=...)` does.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(app)
>>> answer = client.post("/api/validate", json={"number": "4242 4242 4242 4241"}).json()
>>> answer["problems"][0]["code"], answer["brand"]
('number.checksum', 'visa')
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

import cardvalid as cv
from cardvalid.rules_export import dumps, export_rules

STATIC = Path(__file__).with_name("static")
_TEXT = 300  # longer than any field's cap: the library reports what is too long


class CheckoutForm(BaseModel):
    """The form as the page posts it; every field is text as typed (the library reads it)."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    number: str = Field(default="", max_length=_TEXT)
    expiry: str = Field(default="", max_length=_TEXT)
    name: str = Field(default="", max_length=_TEXT)
    cvc: str = Field(default="", max_length=_TEXT)
    line1: str = Field(default="", max_length=_TEXT)
    line2: str = Field(default="", max_length=_TEXT)
    city: str = Field(default="", max_length=_TEXT)
    state: str = Field(default="", max_length=_TEXT)
    postal_code: str = Field(default="", max_length=_TEXT)
    country: str = Field(default="", max_length=_TEXT)
    locale: str = Field(default="en", max_length=16)


def server_today() -> date | None:
    """`CHECKOUT_TODAY` as a date, else None (`validate()` then takes the UTC date)."""
    pinned = os.environ.get("CHECKOUT_TODAY")
    return date.fromisoformat(pinned) if pinned else None


def _blank_to_none(value: str) -> str | None:
    return value if value.strip() else None


def details_of(form: CheckoutForm) -> cv.CardDetails:
    """The form's fields as `CardDetails` (blank fields as missing)."""
    return cv.CardDetails(
        number=_blank_to_none(form.number),
        expiry=_blank_to_none(form.expiry),
        name=_blank_to_none(form.name),
        cvc=_blank_to_none(form.cvc),
        address=cv.Address(
            line1=_blank_to_none(form.line1),
            line2=_blank_to_none(form.line2),
            city=_blank_to_none(form.city),
            state=_blank_to_none(form.state),
            postal_code=_blank_to_none(form.postal_code),
            country=_blank_to_none(form.country),
        ),
    )


def answer(result: cv.Result) -> dict[str, Any]:
    """What the page is told: problems in checklist order and the brand, never the number."""
    return {
        "ok": result.ok,
        "brand": None if result.card is None or result.card.brand is None
        else result.card.brand.value,
        "problems": [p.to_dict() for p in result.problems],
    }


@functools.cache
def rules_json() -> bytes:
    """The exported rules, built once per process."""
    return dumps(export_rules(locales=("en", "sv"))).encode()


_NAMES = frozenset({"body", *CheckoutForm.model_fields})


def _known(loc: Sequence[int | str]) -> list[int | str]:
    """An error's location, a key the form does not have shown as `?` (it may be a card number)."""
    return [part if isinstance(part, int) or part in _NAMES else "?" for part in loc]


def _accepted_from_env() -> tuple[str, ...] | None:
    names = os.environ.get("CHECKOUT_ACCEPTED_BRANDS", "")
    return tuple(n.strip() for n in names.split(",") if n.strip()) or None


app = FastAPI(title="cardvalid checkout example")
app.state.accepted_brands = _accepted_from_env()


@app.exception_handler(RequestValidationError)
async def refused(request: Request, error: RequestValidationError) -> JSONResponse:
    """A malformed request: where and what, never the input (it may hold a card number)."""
    detail = [{"loc": _known(e["loc"]), "type": e["type"], "msg": e["msg"]} for e in error.errors()]
    return JSONResponse({"detail": detail}, status_code=422)


@app.get("/rules.json")
def rules() -> Response:
    """Every rule the page checks with (brands, expiry, postal codes, messages)."""
    return Response(rules_json(), media_type="application/json")


@app.get("/checkout.json")
def settings(request: Request) -> dict[str, Any]:
    """The merchant's settings the page checks with: the networks taken."""
    accepted = request.app.state.accepted_brands
    return {"accepted_brands": None if accepted is None else list(accepted)}


@app.post("/api/validate")
def validate(form: CheckoutForm, request: Request) -> dict[str, Any]:
    """Check the whole form as the server does on submit."""
    result = cv.validate(
        details_of(form), today=server_today(), locale=form.locale,
        require_cvc=True, require_address=True,
        accepted_brands=request.app.state.accepted_brands,
    )
    return answer(result)


@app.get("/")
def index() -> FileResponse:
    """The checkout page."""
    return FileResponse(STATIC / "index.html")


app.mount("/static", StaticFiles(directory=STATIC), name="static")


if __name__ == "__main__":  # pragma: no cover
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=8000)
