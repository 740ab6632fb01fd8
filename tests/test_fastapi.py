"""A real FastAPI app, called through its TestClient: bad card forms are 422s that never echo.

Every bad form is sent with a known card number and security code; the test
reads the whole response body (and, for the failures FastAPI raises, the
exception's `errors()`, `json()`, `str()` and pickle) and asserts that
neither appears: not as typed, not as its digits run together.
"""

from __future__ import annotations

import contextlib
import json
import pickle
import unicodedata
import warnings
from typing import Annotated, Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

import pydantic
from fastapi import Body, FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

import cardvalid as cv
from cardvalid.integrations.fastapi import install, locale_from_header
from cardvalid.integrations.pydantic import (
    BillingAddress,
    CardExpiry,
    CardForm,
    CardholderName,
    CardNumber,
    CardSecurityCode,
)

PAN = "4556 7375 8689 9855"  # a Luhn-valid Visa number
AMEX = "3714 496353 98431"
BAD_PAN = "4556 7375 8689 9856"  # one digit off: number.checksum
CVC = "738"
AMEX_CID = "7381"


class Payment(CardForm):
    number: CardNumber
    cvc: CardSecurityCode
    expiry: CardExpiry
    name: CardholderName
    address: BillingAddress | None = None
    amount: int


class Order(BaseModel):  # a plain model around a card form: the app's own shape
    payment: Payment
    note: str


def _app() -> FastAPI:
    app = FastAPI()
    install(app)

    @app.post("/pay")
    def pay(payment: Payment) -> dict[str, Any]:
        return {"paid": str(payment.number), "cvc": str(payment.cvc)}

    @app.post("/batch")
    def batch(payments: list[Payment]) -> dict[str, int]:
        return {"count": len(payments)}

    @app.post("/split")
    def split(payment: Payment, note: Annotated[str, Body()]) -> dict[str, str]:
        return {"note": note}

    @app.post("/order")
    def order(order: Order) -> dict[str, str]:
        return {"note": order.note}

    return app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_app(), raise_server_exceptions=False)


def good(**changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "number": PAN, "cvc": CVC, "expiry": "12/35", "name": "Anna Svensson", "amount": 100,
        "address": {"line1": "Drottninggatan 1", "city": "Stockholm",
                    "postal_code": "111 51", "country": "SE"},
    }
    form.update(changes)
    return {k: v for k, v in form.items() if v is not _DROP}


_DROP = object()


def assert_no_card_data(text: str, *secrets: str) -> None:
    """Neither the number (as typed, or its digits in any script run together) nor the code."""
    digits_only = "".join(str(unicodedata.digit(ch, "")) for ch in text)
    for secret in secrets or (PAN, BAD_PAN, AMEX, CVC, AMEX_CID):
        run = secret.replace(" ", "")
        assert secret not in text
        assert run not in text
        if len(run) >= 12:
            assert run not in digits_only


def post(client: TestClient, path: str, body: object, **headers: str) -> tuple[int, Any]:
    response = client.post(path, json=body, headers=headers)
    assert_no_card_data(response.text)
    return response.status_code, response.json()


def types_at(detail: list[dict[str, Any]]) -> list[tuple[str, tuple[object, ...]]]:
    return [(e["type"], tuple(e["loc"])) for e in detail]


BAD_FORMS: list[tuple[str, str, object, list[tuple[str, tuple[object, ...]]]]] = [
    ("bad number", "/pay", good(number=BAD_PAN),
     [("cardvalid.number.checksum", ("body", "number"))]),
    ("letters in the code", "/pay", good(cvc="7x8"),
     [("cardvalid.cvc.invalid_characters", ("body", "cvc"))]),
    ("a 3-digit code for Amex", "/pay", good(number=AMEX, cvc=CVC),
     [("cardvalid.cvc.length_for_brand", ("body", "cvc"))]),
    ("another field missing", "/pay", good(amount=_DROP), [("missing", ("body", "amount"))]),
    ("another field of the wrong type", "/pay", good(amount=[PAN, CVC]),
     [("int_type", ("body", "amount"))]),
    ("the number as a list", "/pay", good(number=[PAN]), [("string_type", ("body", "number"))]),
    ("the code as an object", "/pay", good(cvc={"cvc": CVC}), [("string_type", ("body", "cvc"))]),
    ("the whole payload a string", "/pay", f"{PAN} {CVC} 12/35",
     [("model_attributes_type", ("body",))]),
    ("the number in the name field", "/pay", good(name=PAN),
     [("cardvalid.name.looks_like_card_number", ("body", "name"))]),
    ("nested: a postal code from another country", "/pay",
     good(address={"line1": "1 Main St", "city": "Boston", "state": "MA",
                   "postal_code": "SW1A 1AA", "country": "US"}),
     [("cardvalid.postal_code.format", ("body", "address", "postal_code"))]),
    ("nested: the address not an object", "/pay", good(address=f"{PAN} {CVC}"),
     [("model_attributes_type", ("body", "address"))]),
    ("nested: the address missing a required city", "/pay",
     good(address={"line1": "Drottninggatan 1", "postal_code": "111 51", "country": "SE"}),
     [("cardvalid.city.missing", ("body", "address", "city"))]),
    ("list: one item missing a field", "/batch", [good(), good(amount=_DROP)],
     [("missing", ("body", 1, "amount"))]),
    ("list: a bad number in one item", "/batch", [good(number=BAD_PAN), good()],
     [("cardvalid.number.checksum", ("body", 0, "number"))]),
    ("list: an object where the list belongs", "/batch", good(), [("list_type", ("body",))]),
    ("two body parameters: the other one missing", "/split", {"payment": good()},
     [("missing", ("body", "note"))]),
    ("two body parameters: the card sent bare", "/split", good(),
     [("missing", ("body", "payment")), ("missing", ("body", "note"))]),
    ("outer plain model: its own field missing", "/order", {"payment": good()},
     [("missing", ("body", "note"))]),
    ("outer plain model: the inner form bad", "/order",
     {"payment": good(cvc="7x8", amount=_DROP), "note": "gift"},
     [("cardvalid.cvc.invalid_characters", ("body", "payment", "cvc")),
      ("missing", ("body", "payment", "amount"))]),
]


@pytest.mark.parametrize(("path", "body", "expected"),
                         [case[1:] for case in BAD_FORMS], ids=[case[0] for case in BAD_FORMS])
def test_every_bad_form_is_a_422_that_shows_neither_number_nor_code(
    client: TestClient, path: str, body: object, expected: list[tuple[str, tuple[object, ...]]]
) -> None:
    status, answer = post(client, path, body)
    assert status == 422
    assert sorted(types_at(answer["detail"]), key=str) == sorted(expected, key=str)
    for error in answer["detail"]:
        if error["type"].startswith("cardvalid."):
            assert isinstance(error["ctx"], dict)


def test_a_valid_form_is_paid_and_answered_masked(client: TestClient) -> None:
    status, answer = post(client, "/pay", good())
    assert status == 200
    assert answer == {"paid": "455673******9855", "cvc": "***"}
    status, answer = post(client, "/batch", [good(), good(number=AMEX, cvc=AMEX_CID)])
    assert (status, answer) == (200, {"count": 2})


def test_ctx_holds_the_params_of_the_library_s_own_problem(client: TestClient) -> None:
    _, answer = post(client, "/pay", good(number=AMEX, cvc=CVC))
    expected = cv.check_cvc(CVC, brand="amex").problems[0]
    (error,) = answer["detail"]
    assert error["ctx"] == expected.to_dict()["params"]
    assert error["msg"] == expected.message


@pytest.mark.parametrize(("header", "locale"), [
    ("sv", "sv"), ("sv-SE,sv;q=0.9,en;q=0.5", "sv"), ("en-GB,en;q=0.9,sv;q=0.8", "en"),
    ("de-DE,sv;q=0.7", "sv"), ("fr", "en"), ("", "en"), ("sv;q=0", "en"), ("*", "en"),
])
def test_msg_is_in_the_request_s_language(client: TestClient, header: str, locale: str) -> None:
    assert locale_from_header(header) == locale
    _, answer = post(client, "/pay", good(number=BAD_PAN), **{"Accept-Language": header})
    (error,) = answer["detail"]
    assert error["msg"] == cv.check_number(BAD_PAN, locale=locale).problems[0].message


def test_without_install_a_card_form_body_is_still_a_safe_422() -> None:
    """The form keeps the promise itself; `install` adds the locale and guards plain models."""
    app = FastAPI()

    @app.post("/pay")
    def pay(payment: Payment) -> dict[str, str]:
        return {"paid": str(payment.number)}

    client = TestClient(app, raise_server_exceptions=False)
    for body in (good(number=BAD_PAN), good(cvc="7x8"), good(amount=_DROP),
                 good(amount="x"), f"{PAN} {CVC}", good(address={"country": "SE"})):
        status, answer = post(client, "/pay", body)
        assert status == 422, answer
        assert answer["detail"]


def test_the_request_validation_error_itself_holds_no_card_data() -> None:
    """What an app's own exception handler or logger would see."""
    from fastapi.exceptions import RequestValidationError

    seen: list[RequestValidationError] = []
    app = _app()

    @app.exception_handler(RequestValidationError)
    async def keep(request: object, exc: RequestValidationError) -> Any:
        from fastapi.responses import JSONResponse

        seen.append(exc)
        return JSONResponse({"n": len(exc.errors())}, status_code=422)

    client = TestClient(app, raise_server_exceptions=False)
    for body in (good(number=BAD_PAN), good(amount=_DROP), f"{PAN} {CVC}"):
        assert client.post("/pay", json=body).status_code == 422
    for exc in seen:
        assert_no_card_data(repr(exc.errors()) + str(exc) + json.dumps(exc.errors(), default=str))
        assert_no_card_data(pickle.dumps(exc.errors()).decode("latin-1"))


with warnings.catch_warnings():  # the 0.1 name of the code type, kept as a deprecated alias
    warnings.simplefilter("ignore", DeprecationWarning)
    from cardvalid.integrations.pydantic import SecurityCode


class OldPay(CardForm):  # a form as 0.1.0's README wrote it
    number: CardNumber
    cvc: SecurityCode
    amount: int


def test_the_0_1_types_in_a_plain_app_give_422s_without_card_data() -> None:
    """Finding 8.2 as reported, with only the names 0.1.0 had: it gave 500s and echoed the form."""
    app = FastAPI()

    @app.post("/pay")
    def pay(payment: OldPay) -> dict[str, str]:
        return {"paid": str(payment.number)}

    client = TestClient(app, raise_server_exceptions=False)
    bodies = [{"number": BAD_PAN, "cvc": CVC, "amount": 1},
              {"number": PAN, "cvc": "7x8", "amount": 1}, {"number": PAN, "cvc": CVC},
              {"number": PAN, "cvc": CVC, "amount": "x"}, f"{PAN} {CVC}"]
    for body in bodies:
        response = client.post("/pay", json=body)
        assert response.status_code == 422, response.status_code
        assert_no_card_data(response.text)
    with pytest.raises(pydantic.ValidationError) as caught:
        OldPay.model_validate({"number": PAN, "cvc": CVC})
    errors = caught.value.errors()
    inputs = [e["input"] for e in errors] + [getattr(e["input"], "value", "") for e in errors]
    assert_no_card_data(repr(inputs) + caught.value.json() + str(caught.value))
    assert_no_card_data(pickle.dumps(caught.value).decode("latin-1"))
    valid = OldPay.model_validate({"number": PAN, "cvc": CVC, "amount": 1})
    with contextlib.suppress(TypeError):  # refused: a pickle would store the card data
        assert_no_card_data(pickle.dumps(valid).decode("latin-1"))


JUNK: list[object] = [
    PAN, PAN.replace(" ", "-"), PAN.replace(" ", ""), int(PAN.replace(" ", "")),
    float(PAN.replace(" ", "")), "４５５６７３７５８６８９９８５５", PAN.replace(" ", "\u2060"),
    [PAN], {"number": PAN, "cvc": CVC}, f"{PAN} {CVC}", CVC, int(CVC), [CVC], "", " ", None,
    True, 12.5, "😀" * 3, "\u202e" + CVC, "x" * 5000, {"month": PAN, "year": CVC},
]


@pytest.mark.parametrize("field", ["number", "cvc", "expiry", "name", "amount", "address",
                                   "address.line1", "address.postal_code", "address.country",
                                   "address.city", "address.phone"])
def test_any_value_in_any_field_is_answered_without_card_data(
    client: TestClient, field: str
) -> None:
    for junk in JUNK:
        body = good()
        if field.startswith("address."):
            address = dict(body["address"])  # type: ignore[call-overload]
            body["address"] = address | {field.split(".")[1]: junk}
        else:
            body[field] = junk
        for path, sent in (("/pay", body), ("/batch", [body]), ("/order", {"payment": body})):
            response = client.post(path, json=sent)
            assert response.status_code in {200, 422}, (path, field, type(junk))
            # The code is the code only in its own field: "738" typed as a name is a name.
            secrets = (PAN, CVC) if field == "cvc" else (PAN,)
            assert_no_card_data(response.text, *secrets)


def test_a_broken_json_body_is_a_422_without_card_data(client: TestClient) -> None:
    broken = f'{{"number": "{PAN}", "cvc": "{CVC}", "amount": '
    response = client.post("/pay", content=broken, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert [e["type"] for e in response.json()["detail"]] == ["json_invalid"]
    assert_no_card_data(response.text)
