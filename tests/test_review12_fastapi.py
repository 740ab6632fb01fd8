"""Review of issue 8 finding 2 / issue 10 item 3: 422s and errors without card data."""

from __future__ import annotations

import json
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, ValidationError

import cardvalid as cv
from cardvalid.integrations.fastapi import install
from cardvalid.integrations.pydantic import (
    CardExpiry,
    CardForm,
    CardholderName,
    CardNumber,
    CardSecurityCode,
)

_PAN = "4556737586899855"
_CVC = "738"


def _card_data_in(text: str) -> list[str]:
    flat = "".join(ch for ch in text if ch.isdigit() or ch == '"')
    return [s for s in (_PAN, _PAN[6:], f'"{_CVC}"') if s in flat]


class _Strict(CardForm):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True)
    number: CardNumber
    cvc: CardSecurityCode


class _Keyed(BaseModel):
    forms: dict[str, _Strict]


class _Optional(CardForm):
    number: CardNumber
    cvc: CardSecurityCode | None = None
    expiry: CardExpiry | None = None
    name: CardholderName | None = None


def _client() -> TestClient:
    app = install(FastAPI())

    @app.post("/strict")
    def strict(form: _Strict) -> dict[str, bool]:
        return {"ok": True}

    @app.post("/keyed")
    def keyed(form: _Keyed) -> dict[str, bool]:
        return {"ok": True}

    @app.post("/optional")
    def optional(form: _Optional) -> dict[str, str]:
        return {"brand": form.number.card.brand.value if form.number.card.brand else ""}

    return TestClient(app)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        # a client that names the code `cvv` where the model says `cvc`
        ("/strict", {"number": _PAN, "cvc": _CVC, "cvv": _CVC}),
        # a card number as a key: in the error's `loc`
        ("/strict", {"number": _PAN, "cvc": _CVC, _PAN: "x"}),
        ("/keyed", {"forms": {_PAN: {"number": _PAN, "cvc": "1"}}}),
    ],
    ids=["extra-field-value", "extra-field-key", "dict-key"],
)
def test_422_never_shows_card_data_in_loc_or_extra_inputs(path: str, body: Any) -> None:
    response = _client().post(path, json=body)
    assert response.status_code == 422
    assert _card_data_in(response.text) == []


def test_extra_field_errors_of_a_card_form_hide_key_and_value() -> None:
    with pytest.raises(ValidationError) as caught:
        _Strict.model_validate({"number": _PAN, "cvc": _CVC, "cvv": _CVC, _PAN: 1})
    shown = json.dumps(caught.value.errors(include_url=False)) + str(caught.value)
    assert _card_data_in(shown) == []
    assert {e["type"] for e in caught.value.errors()} == {"extra_forbidden"}


def test_a_card_form_field_declared_optional_may_be_left_out() -> None:
    response = _client().post("/optional", json={"number": _PAN})
    assert (response.status_code, response.json()) == (200, {"brand": "visa"})
    form = _Optional.model_validate({"number": _PAN, "name": None, "expiry": None})
    assert form.name is None
    with pytest.raises(ValidationError) as caught:  # given, but blank: still its reason
        _Optional.model_validate({"number": _PAN, "name": " "})
    assert [e["type"] for e in caught.value.errors()] == ["cardvalid.name.missing"]
    with pytest.raises(ValidationError) as caught:  # given: checked against the brand
        _Optional.model_validate({"number": "378282246310005", "cvc": "123"})
    assert [e["type"] for e in caught.value.errors()] == ["cardvalid.cvc.length_for_brand"]


@pytest.mark.parametrize(
    "raw",
    [
        f'{{"number": "{_PAN}", "cvc": "{_CVC}"',  # cut short
        f'{{"number": "{_PAN}", "cvc": "{_CVC}", }}',  # a trailing comma
        f'"{_PAN} {_CVC}"',  # a string where the form belongs
    ],
    ids=["cut-short", "trailing-comma", "string"],
)
def test_model_validate_json_never_keeps_the_text_sent(raw: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _Strict.model_validate_json(raw)
    error = caught.value
    shown = json.dumps(error.errors(include_url=False)) + str(error) + error.json() + repr(error)
    assert _card_data_in(shown) == []
    assert error.__context__ is None  # the original, which holds the text, is not chained


def test_model_validate_json_still_validates_and_reports_in_the_locale() -> None:
    form = _Strict.model_validate_json(f'{{"number": "{_PAN}", "cvc": "{_CVC}"}}')
    assert form.number.digits == _PAN
    with pytest.raises(ValidationError) as caught:
        _Strict.model_validate_json(f'{{"number": "{_PAN[:-1]}6", "cvc": "{_CVC}"}}',
                                    context={"locale": "sv"})
    (error,) = caught.value.errors()
    assert error["type"] == "cardvalid.number.checksum"
    assert error["msg"] == cv.check_number(_PAN[:-1] + "6", locale="sv").problems[0].message


def test_a_lone_surrogate_in_a_field_is_a_422_not_a_500() -> None:
    app = install(FastAPI())

    @app.post("/pay")
    def pay(form: _Named) -> dict[str, bool]:
        return {"ok": True}

    body = f'{{"number": "{_PAN}", "cvc": "{_CVC}", "name": "Anna \\ud800 S"}}'
    response = TestClient(app, raise_server_exceptions=False).post(
        "/pay", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["type"] == "cardvalid.name.invalid_characters"
    assert error["input"] == "Anna \ufffd S"
    assert _card_data_in(response.text) == []


class _Named(CardForm):
    number: CardNumber
    cvc: CardSecurityCode
    name: CardholderName


def test_a_card_form_hides_what_a_plain_model_would_repeat() -> None:
    class Plain(BaseModel):  # what docs/pydantic.md warns against
        number: CardNumber
        cvc: CardSecurityCode
        amount: int

    class Form(CardForm):
        number: CardNumber
        cvc: CardSecurityCode
        amount: int

    with pytest.raises(ValidationError) as plain:
        Plain.model_validate({"number": _PAN, "cvc": _CVC})
    assert _card_data_in(str(plain.value)) != []  # the documented hazard is real
    with pytest.raises(ValidationError) as form:
        Form.model_validate({"number": _PAN, "cvc": _CVC})
    shown = str(form.value) + json.dumps(form.value.errors(include_url=False)) + form.value.json()
    assert _card_data_in(shown) == []
