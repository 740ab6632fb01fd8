"""What a form field holds after cleaning: the typed card number and code, never shown.

Shared by the Django and WTForms adapters (and free of both). A
`TypedCardNumber` shows itself masked and a `TypedSecurityCode` as `***`, so a
form's `cleaned_data`, a log line or a debug page never carries the digits;
`.digits` gives them to whoever must send them on to the processor. A
security code refuses to be pickled (into a cache, a session, a queue).

>>> n = TypedCardNumber("4242 4242 4242 4242")
>>> n, str(n), n.digits[-4:]
(TypedCardNumber('424242******4242'), '424242******4242', '4242')
>>> c = TypedSecurityCode(" 123 ")
>>> c, c.digits
(TypedSecurityCode('***'), '123')
"""

from __future__ import annotations

import hmac
from typing import Self

from cardvalid.number import mask, normalize_number


class _Typed:
    """Text typed into a secret field: compared in constant time, shown by the subclass."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    @property
    def text(self) -> str:
        """The text as typed: pass it to the checks, never to a page or a log."""
        return self._text

    @property
    def digits(self) -> str | None:
        """The ASCII digits (None when the text is not up to 19 digits and separators)."""
        return normalize_number(self._text)

    def __copy__(self) -> Self:
        return self  # immutable

    def __deepcopy__(self, memo: dict[int, object]) -> Self:
        return self

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Typed) or type(other) is not type(self):
            return NotImplemented
        return hmac.compare_digest(self._text.encode(), other._text.encode())

    def __hash__(self) -> int:
        return hash(type(self))


class TypedCardNumber(_Typed):
    """A card number as typed in a form: masked in `repr` and `str`."""

    __slots__ = ()

    @property
    def masked(self) -> str:
        """At most the first 6 and the last 4 digits."""
        return mask(self._text)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.masked!r})"

    def __str__(self) -> str:
        return self.masked

    def __hash__(self) -> int:
        return hash((TypedCardNumber, self.masked))


class TypedSecurityCode(_Typed):
    """A security code as typed in a form: `***` in `repr` and `str`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}('***')"

    def __str__(self) -> str:
        return "***"

    def __reduce__(self) -> tuple[object, ...]:
        # PCI DSS v4.0 3.3.1.2: the code is not kept once authorized, so never in a cache or a file.
        raise TypeError("a security code is not pickled: it must not be stored")
