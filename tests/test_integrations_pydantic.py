"""The pydantic field types: masked everywhere, errors carry codes and never the value."""

from __future__ import annotations

import json

import pytest

pydantic = pytest.importorskip("pydantic")

from pydantic_core import PydanticCustomError  # noqa: E402

from cardvalid.integrations.pydantic import CardForm, CardNumber, SecurityCode  # noqa: E402

PAN = "4242424242424242"


class Payment(CardForm):
    number: CardNumber
    cvc: SecurityCode


def test_a_valid_form_is_masked_in_every_form() -> None:
    payment = Payment.model_validate({"number": "4242 4242 4242 4242", "cvc": "987"})
    assert payment.number.digits == PAN
    assert payment.cvc.digits == "987"
    for text in (repr(payment), str(payment), payment.model_dump_json(),
                 json.dumps(payment.model_dump(mode="json"))):
        assert PAN not in text and "987" not in text
    assert payment.model_dump(mode="json") == {"number": "424242******4242", "cvc": "***"}


def test_errors_list_codes_never_the_value() -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        Payment.model_validate({"number": "4242 4242 4242 4241", "cvc": "98x"})
    text = str(caught.value) + repr(caught.value.errors(include_input=False))
    assert "number.checksum" in text and "cvc.invalid_characters" in text
    assert "4242424242424241" not in text and "4242 4242 4242 4241" not in text
    assert "98x" not in text


@pytest.mark.parametrize("value", [None, 4.2, ["4242"], True])
def test_wrong_types_are_validation_errors(value: object) -> None:
    with pytest.raises(pydantic.ValidationError):
        Payment.model_validate({"number": value, "cvc": "123"})


def test_equality_and_fullwidth_digits() -> None:
    assert CardNumber.validate(PAN) == CardNumber.validate(int(PAN))
    assert SecurityCode.validate("１２３").digits == "123"
    assert SecurityCode.validate("123") != SecurityCode.validate("124")


def test_nested_models_and_every_error_form_hide_the_input() -> None:
    from pydantic import BaseModel

    class Outer(BaseModel):  # not a CardForm: pydantic's own setting is not enough
        pay: Payment

    with pytest.raises(pydantic.ValidationError) as caught:
        Outer.model_validate({"pay": {"number": "4111111111111112", "cvc": "98x"}})
    error = caught.value
    for text in (str(error), repr(error.errors()), error.json()):
        assert "4111111111111112" not in text and "98x" not in text
    assert "number.checksum" in str(error)


def test_json_schema_and_hash() -> None:
    schema = Payment.model_json_schema()
    assert schema["properties"]["number"]["type"] == "string"
    payment = Payment.model_validate({"number": PAN, "cvc": "123"})
    assert hash(payment) == hash(Payment.model_validate({"number": PAN, "cvc": "123"}))


@pytest.mark.parametrize("spelling", [" 123 ", "123\u200e", "１２３"])
def test_security_code_reads_digits_as_the_check_does(spelling: str) -> None:
    assert SecurityCode.validate(spelling).digits == "123"


@pytest.mark.parametrize("spelling", ["1 2 3", "12\xa03", "-123"])
def test_security_code_with_separators_inside_is_refused(spelling: str) -> None:
    # issue 12: a code with separators inside is not a 3-digit code
    with pytest.raises(PydanticCustomError, match=r"cvc\.invalid_characters"):
        SecurityCode.validate(spelling)
