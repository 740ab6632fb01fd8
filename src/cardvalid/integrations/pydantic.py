"""pydantic v2 field types for checkout forms (install the `pydantic` extra).

`CardNumber` is *not* a `str` subclass: its `repr`, `str` and JSON form are
the masked number, so a model holding one can be logged or returned safely;
`.digits` gives the number itself to whoever must send it on. `SecurityCode`
never shows its digits. Validation errors carry the reason codes, never the
value: the input is wrapped before it is checked, so pydantic's own error
records (`str(error)`, `errors()`, `json()`, also in nested models and
FastAPI's 422 answers) show `'<hidden>'` instead of what was typed.

>>> class Payment(CardForm):
...     number: CardNumber
...     cvc: SecurityCode
>>> p = Payment.model_validate({"number": "4242 4242 4242 4242", "cvc": "123"})
>>> p
Payment(number=CardNumber('424242******4242'), cvc=SecurityCode('***'))
>>> p.number.digits[-4:], p.number.card.brand.value, p.model_dump(mode="json")
('4242', 'visa', {'number': '424242******4242', 'cvc': '***'})
"""

from __future__ import annotations

import hmac
from typing import Any

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from cardvalid.model import CardInfo, Result
from cardvalid.number import check_cvc, check_number, normalize_number

__all__ = ["CardForm", "CardNumber", "SecurityCode"]


def _error(kind: str, result: Result) -> PydanticCustomError:
    codes = ", ".join(p.code for p in result.errors)
    return PydanticCustomError(kind, "{codes}", {"codes": codes})


class _Hidden:
    """What pydantic records as the input of a failed check: never the value itself."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "'<hidden>'"


def _masked_schema(cls: Any) -> core_schema.CoreSchema:
    def check(hidden: _Hidden) -> Any:
        return cls.validate(hidden.value)

    return core_schema.chain_schema(
        [
            core_schema.no_info_plain_validator_function(
                _Hidden, json_schema_input_schema=core_schema.str_schema()
            ),
            core_schema.no_info_plain_validator_function(check),
        ],
        serialization=core_schema.plain_serializer_function_ser_schema(str),
    )


class CardNumber:
    """A card number that passed `check_number`; shows itself masked.

    >>> CardNumber.validate("4242424242424242") == CardNumber.validate("4242 4242 4242 4242")
    True
    """

    __slots__ = ("_digits", "card")

    def __init__(self, digits: str, card: CardInfo) -> None:
        self._digits = digits
        self.card = card

    @classmethod
    def validate(cls, value: object) -> CardNumber:
        """A `CardNumber`, or a pydantic error listing the reason codes."""
        if isinstance(value, CardNumber):
            return value
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise PydanticCustomError("card_number_type", "a card number is text or an integer")
        result = check_number(value)
        digits = normalize_number(value)
        if not result.ok or result.card is None or digits is None:
            raise _error("card_number", result)
        return cls(digits, result.card)

    @property
    def digits(self) -> str:
        """The whole number, ASCII digits only: for the payment request, never for display."""
        return self._digits

    def __repr__(self) -> str:
        return f"CardNumber({self.card.masked!r})"

    def __str__(self) -> str:
        return self.card.masked

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CardNumber):
            return NotImplemented
        return hmac.compare_digest(self._digits, other._digits)

    def __hash__(self) -> int:
        return hash((CardNumber, self.card.bin, self.card.last4, self.card.length))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _masked_schema(cls)


class SecurityCode:
    """A CVC/CVV/CID of 3 or 4 digits (checked against the brand by `CardForm` users); never shown.

    >>> SecurityCode.validate("123")
    SecurityCode('***')
    """

    __slots__ = ("_digits",)

    def __init__(self, digits: str) -> None:
        self._digits = digits

    @classmethod
    def validate(cls, value: object) -> SecurityCode:
        """A `SecurityCode`, or a pydantic error listing the reason codes."""
        if isinstance(value, SecurityCode):
            return value
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise PydanticCustomError("security_code_type", "a security code is text or digits")
        result = check_cvc(value)
        digits = normalize_number(value)  # the same reading of digits as the check's
        if not result.ok or digits is None:
            raise _error("security_code", result)
        return cls(digits)

    @property
    def digits(self) -> str:
        """The code itself: for the payment request only."""
        return self._digits

    def __repr__(self) -> str:
        return "SecurityCode('***')"

    def __str__(self) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecurityCode):
            return NotImplemented
        return hmac.compare_digest(self._digits, other._digits)

    def __hash__(self) -> int:
        return hash((SecurityCode, len(self._digits)))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _masked_schema(cls)


class CardForm(BaseModel):
    """A base model for card forms: frozen, and pydantic never repeats the input in errors."""

    model_config = ConfigDict(hide_input_in_errors=True, frozen=True)
