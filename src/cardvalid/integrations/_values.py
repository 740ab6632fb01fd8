"""What a form field holds after cleaning: the typed card number and code, never shown.

Shared by the Django and WTForms adapters (and free of both). A
`TypedCardNumber` shows itself masked and a `TypedSecurityCode` as `***`, so a
form's `cleaned_data`, a log line or a debug page never carries the digits;
`.digits` gives them to whoever must send them on to the processor.

>>> n = TypedCardNumber("4242 4242 4242 4242")
>>> n, str(n), n.digits[-4:]
(TypedCardNumber('424242******4242'), '424242******4242', '4242')
>>> c = TypedSecurityCode(" 123 ")
>>> c, c.digits
(TypedSecurityCode('***'), '123')
"""

from __future__ import annotations

import hmac

from cardvalid.number import mask, normalize_number


class TypedCardNumber:
    """A card number as typed in a form: masked in `repr` and `str`."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    @property
    def text(self) -> str:
        """The text as typed: pass it to the checks, never to a page or a log."""
        return self._text

    @property
    def digits(self) -> str | None:
        """The number's ASCII digits (None when it is not up to 19 digits and separators)."""
        return normalize_number(self._text)

    @property
    def masked(self) -> str:
        """At most the first 6 and the last 4 digits."""
        return mask(self._text)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.masked!r})"

    def __str__(self) -> str:
        return self.masked

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TypedCardNumber):
            return NotImplemented
        return hmac.compare_digest(self._text.encode(), other._text.encode())

    def __hash__(self) -> int:
        return hash((TypedCardNumber, self.masked))


class TypedSecurityCode:
    """A security code as typed in a form: `***` in `repr` and `str`."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    @property
    def text(self) -> str:
        """The text as typed: pass it to the checks, never to a page or a log."""
        return self._text

    @property
    def digits(self) -> str | None:
        """The code's ASCII digits (None when it is not digits and separators)."""
        return normalize_number(self._text)

    def __repr__(self) -> str:
        return f"{type(self).__name__}('***')"

    def __str__(self) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TypedSecurityCode):
            return NotImplemented
        return hmac.compare_digest(self._text.encode(), other._text.encode())

    def __hash__(self) -> int:
        return hash(TypedSecurityCode)
