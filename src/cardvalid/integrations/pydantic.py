"""pydantic v2 field types and forms for a checkout (install the `pydantic` extra).

Field types, each checked alone by the library's own check:
`CardNumber` and `CardSecurityCode` (value objects that show themselves
masked: `.digits` gives the digits to whoever sends the payment),
`CardExpiry` (`"2029-12"`), `CardholderName`, `CountryCode` (`"SE"`) and
`PostalCode`; `BillingAddress` is a model of the address fields.

`CardForm` is the base for a form made of them: once every field reads, it
runs `cardvalid.validate()` over the whole form (the code against the brand
the number names, the postal code against the state and the country) and
reports each problem on its own field. Every error's `type` is
`cardvalid.<code>`, its `ctx` the problem's params and its `msg` the message
in the locale the validation context names (`context={"locale": "sv"}`).
No error, repr, JSON form or pickle holds the number or the code.

>>> class Payment(CardForm):
...     number: CardNumber
...     cvc: CardSecurityCode
>>> p = Payment.model_validate({"number": "4242 4242 4242 4242", "cvc": "123"})
>>> p
Payment(number=CardNumber('424242******4242'), cvc=CardSecurityCode('***'))
>>> p.number.digits[-4:], p.number.card.brand.value, p.model_dump(mode="json")
('4242', 'visa', {'number': '424242******4242', 'cvc': '***'})
>>> BillingAddress(line1="Drottninggatan 1", city="Stockholm", postal_code="11151",
...                country="Sverige").postal_code
'111 51'
>>> from pydantic import ValidationError
>>> try:
...     Payment.model_validate({"number": "3782 822463 10005", "cvc": "123"},
...                            context={"locale": "sv"})
... except ValidationError as error:
...     (e,) = error.errors()
>>> e["type"], e["loc"], e["ctx"]["size"], e["input"]
('cardvalid.cvc.length_for_brand', ('cvc',), 4, '<hidden>')
"""

from __future__ import annotations

import hmac
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from types import MappingProxyType
from typing import Annotated, Any, NoReturn, Self, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    ModelWrapValidatorHandler,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import core_schema

import cardvalid as cv
from cardvalid.digits import normalize_number
from cardvalid.integrations._errors import HIDDEN, PREFIX, fail
from cardvalid.messages import text
from cardvalid.panguard import REDACTED, looks_like_card_number, redacted

__all__ = [
    "BillingAddress",
    "CardExpiry",
    "CardForm",
    "CardNumber",
    "CardSecurityCode",
    "CardholderName",
    "CountryCode",
    "PostalCode",
    "locale_scope",
]

ADDRESS_PARTS = ("line1", "line2", "city", "state", "postal_code", "country", "phone")

# ------------------------------------------------------------ options

_LOCALE: ContextVar[str | None] = ContextVar("cardvalid_locale", default=None)


@contextmanager
def locale_scope(locale: str) -> Iterator[None]:
    """Validation in this block speaks `locale` unless its validation context names one.

    The FastAPI middleware (`cardvalid.integrations.fastapi.install`) opens
    one per request, from the request's `Accept-Language`.
    """
    token = _LOCALE.set(locale)
    try:
        yield
    finally:
        _LOCALE.reset(token)


def _context(info: ValidationInfo | None) -> Mapping[str, Any]:
    context = None if info is None else info.context
    return context if isinstance(context, Mapping) else {}


def _locale(info: ValidationInfo | None) -> str:
    locale = _context(info).get("locale")
    return locale if isinstance(locale, str) else (_LOCALE.get() or "en")


def _today(info: ValidationInfo | None) -> date | None:
    today = _context(info).get("today")
    return today if isinstance(today, date) else None


# ------------------------------------------------------------ errors


def _problem_error(
    problem: cv.Problem, loc: tuple[int | str, ...], shown: object
) -> dict[str, Any]:
    return {
        "type": PREFIX + problem.code,
        "loc": loc,
        "msg": problem.message,
        "input": shown,
        "ctx": problem.to_dict()["params"],
    }


def _type_error(title: str) -> NoReturn:
    fail(title, [{"type": "string_type", "loc": (), "input": HIDDEN}])


def _shown_text(value: object) -> object:
    if value is None:
        return None
    return redacted(value) if isinstance(value, str | int) else HIDDEN


def _refuse_card_number(title: str, part: str, info: ValidationInfo | None) -> NoReturn:
    """The library's `address.looks_like_card_number` problem, for a field checked alone."""
    code, params = "address.looks_like_card_number", {"field": part}
    message = text(code, "message", params, _locale(info))
    error = {"type": PREFIX + code, "loc": (), "msg": message, "input": REDACTED, "ctx": params}
    fail(title, [error])


def _shown(part: str, value: object) -> object:
    # Not even masked: the last 4 of a number typed with its code after it are the code.
    return HIDDEN if part in {"number", "cvc"} else _shown_text(value)


def _carrying_card_numbers(
    problems: Iterable[cv.Problem], part_of: Callable[[cv.Problem], str]
) -> frozenset[str]:
    """The parts the library found (half of) a card number in: none of their errors show input."""
    return frozenset(part_of(p) for p in problems if p.code.endswith(".looks_like_card_number"))


def _input_of(part: str, value: object, carrying: frozenset[str]) -> object:
    """What an error about `part` shows as input (a line holding half of a number shows none)."""
    return REDACTED if part in carrying else _shown(part, value)


def _checked(
    title: str,
    part: str,
    value: object,
    result: Callable[[], cv.Result],
) -> cv.Result:
    """`result()`, or a `ValidationError` with its errors about `part` (or a type error)."""
    if isinstance(value, bool):
        _type_error(title)
    try:
        found = result()
    except TypeError:  # the library names the accepted types; pydantic's own type says it too
        _type_error(title)
    carrying = _carrying_card_numbers(found.errors, lambda p: part)
    errors = [
        _problem_error(p, (), _input_of(part, value, carrying))
        for p in found.errors
        if p.field.value == part
    ]
    if errors:
        fail(title, errors)
    return found


# ------------------------------------------------------------ number and code


class _Secret:
    """A checked number or code: compared in constant time, never pickled, never shown."""

    __slots__ = ("_digits",)
    _digits: str

    @property
    def digits(self) -> str:
        """The digits themselves: for the payment request only, never for display."""
        return self._digits

    def __cardvalid_digits__(self) -> str:
        """What `cardvalid.validate()` reads when given this object."""
        return self._digits

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return hmac.compare_digest(self._digits, other._digits)

    def __hash__(self) -> int:
        return hash((type(self), len(self._digits)))

    def __reduce__(self) -> NoReturn:
        raise TypeError(f"a {type(self).__name__} is not pickled: it would store card data")

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: object) -> Self:
        return self


class CardNumber(_Secret):
    """A card number that passed `check_number`; shows itself masked.

    >>> CardNumber.validate("4242424242424242") == CardNumber.validate("4242 4242 4242 4242")
    True
    >>> CardNumber.validate("4242 4242 4242 4242")
    CardNumber('424242******4242')
    """

    __slots__ = ("card",)
    card: cv.CardInfo

    def __init__(self, digits: str, card: cv.CardInfo) -> None:
        self._digits = digits
        self.card = card

    @classmethod
    def validate(cls, value: object, info: ValidationInfo | None = None) -> CardNumber:
        """A `CardNumber`, or a `ValidationError` with the reason codes."""
        if isinstance(value, CardNumber):
            return value
        found = _checked(
            "CardNumber", "number", value, lambda: cv.check_number(value, locale=_locale(info))
        )
        if found.card is None:  # pragma: no cover - an ok result always knows the card
            _type_error("CardNumber")
        return cls(_digits_of(value), found.card)

    def __repr__(self) -> str:
        return f"CardNumber({self.card.masked!r})"

    def __str__(self) -> str:
        return self.card.masked

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # 12 to 19 digits (ISO/IEC 7812-1; Maestro's shortest), a space or dash between any two.
        typed = core_schema.str_schema(
            min_length=12, max_length=37, pattern=r"^(?:[0-9][ -]?){11,18}[0-9]$"
        )
        shown = core_schema.str_schema(pattern=r"^[0-9]{0,6}\*+[0-9]{0,4}$")
        return _secret_schema(cls.validate, typed, shown)


class CardSecurityCode(_Secret):
    """A CVC/CVV/CID of 3 or 4 digits (`CardForm` checks it against the brand); never shown.

    >>> CardSecurityCode.validate("123")
    CardSecurityCode('***')
    """

    __slots__ = ()

    def __init__(self, digits: str) -> None:
        self._digits = digits

    @classmethod
    def validate(cls, value: object, info: ValidationInfo | None = None) -> CardSecurityCode:
        """A `CardSecurityCode`, or a `ValidationError` with the reason codes."""
        if isinstance(value, CardSecurityCode):
            return value
        _checked(
            "CardSecurityCode", "cvc", value, lambda: cv.check_cvc(value, locale=_locale(info))
        )
        return cls(_digits_of(value))

    def __repr__(self) -> str:
        return "CardSecurityCode('***')"

    def __str__(self) -> str:
        return "***"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        typed = core_schema.str_schema(min_length=3, max_length=4, pattern=r"^[0-9]{3,4}$")
        return _secret_schema(cls.validate, typed, core_schema.str_schema(pattern=r"^\*\*\*$"))


def _digits_of(value: object) -> str:
    """The ASCII digits of a number or code the check accepted (it read them the same way)."""
    digits = normalize_number(value)
    if digits is None:  # pragma: no cover - the check accepted it, so it reads
        raise TypeError("the value no longer reads as digits")
    return digits


def _secret_schema(
    validate: Callable[[Any, ValidationInfo], Any],
    typed: core_schema.CoreSchema,
    shown: core_schema.CoreSchema,
) -> core_schema.CoreSchema:
    return core_schema.with_info_plain_validator_function(
        validate,
        json_schema_input_schema=typed,
        serialization=core_schema.plain_serializer_function_ser_schema(str, return_schema=shown),
    )


def __getattr__(name: str) -> Any:
    if name == "SecurityCode":  # the 0.1 name; it clashed with `cardvalid.SecurityCode`
        warnings.warn(
            "cardvalid.integrations.pydantic.SecurityCode is now CardSecurityCode",
            DeprecationWarning,
            stacklevel=2,
        )
        return CardSecurityCode
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ------------------------------------------------------------ text fields


class _TextField:
    """The metadata of an annotated text field: which part it is, its check, its JSON schema."""

    __slots__ = ("_check", "_shown_schema", "_typed_schema", "part")

    def __init__(
        self,
        part: str,
        check: Callable[[object, ValidationInfo | None], cv.Result],
        typed: core_schema.CoreSchema,
        shown: core_schema.CoreSchema | None = None,
    ) -> None:
        self.part = part
        self._check = check
        self._typed_schema = typed
        self._shown_schema = shown

    def validate(self, value: object, info: ValidationInfo | None = None) -> str:
        """The value in its normal form, or a `ValidationError` with the reason codes."""
        title = self.part
        if not isinstance(value, str) and self.part != "expiry":
            _type_error(title)
        found = _checked(title, self.part, value, lambda: self._check(value, info))
        if self.part == "postal_code" and looks_like_card_number(str(value)):
            _refuse_card_number(title, self.part, info)  # alone, nothing else would say so
        normal = found.normalized.get(self.part)
        return normal if isinstance(normal, str) else " ".join(str(value).split())

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        serialization = core_schema.plain_serializer_function_ser_schema(
            str, return_schema=self._shown_schema or self._typed_schema
        )
        return core_schema.with_info_plain_validator_function(
            self.validate, json_schema_input_schema=self._typed_schema, serialization=serialization
        )

    def __repr__(self) -> str:
        return f"<cardvalid {self.part} field>"


def _address_check(part: str) -> Callable[[object, ValidationInfo | None], cv.Result]:
    def check(value: object, info: ValidationInfo | None) -> cv.Result:
        return cv.check_address({part: value}, locale=_locale(info))  # type: ignore[dict-item]

    return check


_MONTH = "(?:0?[1-9]|1[0-2])"
_EXPIRY = _TextField(
    "expiry",
    lambda value, info: cv.check_expiry(value, today=_today(info), locale=_locale(info)),
    # "12/29", "12/2029", "1229", "12-29", "2029-12": the common spellings; objects
    # {"month", "year"} and [month, year] are read too.
    core_schema.str_schema(
        min_length=4,
        max_length=9,
        pattern=rf"^(?:{_MONTH} ?[/.-]? ?(?:[0-9]{{2}}|[0-9]{{4}})|[0-9]{{4}}-{_MONTH})$",
    ),
    core_schema.str_schema(pattern=r"^[0-9]{4}-(?:0[1-9]|1[0-2])$"),
)
_NAME = _TextField(
    "name",
    lambda value, info: cv.check_name(value, locale=_locale(info)),
    # name.py: 2 letters at least, 45 at most (name.too_long).
    core_schema.str_schema(min_length=2, max_length=45),
)
_COUNTRY = _TextField(
    "country",
    _address_check("country"),
    # An ISO 3166-1 code or a country's name ("SE", "Sweden", "Sverige"); cap from address/_text.py.
    core_schema.str_schema(min_length=2, max_length=100),
    core_schema.str_schema(pattern=r"^[A-Z]{2}$"),
)
_POSTAL_CODE = _TextField(
    "postal_code",
    _address_check("postal_code"),
    # Its format depends on the country: `BillingAddress`/`CardForm` check it there.
    core_schema.str_schema(min_length=1, max_length=20),
)

CardExpiry = Annotated[str, _EXPIRY]
"""An expiry in any common spelling, held as `"YYYY-MM"`; `context={"today": date}` sets today."""
CardholderName = Annotated[str, _NAME]
"""The name as printed on the card (a card number typed here is refused, never echoed)."""
CountryCode = Annotated[str, _COUNTRY]
"""A country by code or name, held as its ISO 3166-1 alpha-2 code."""
PostalCode = Annotated[str, _POSTAL_CODE]
"""A postal code; its format is checked against the country by the form that holds it."""


# ------------------------------------------------------------ forms


def _candidates(annotation: object) -> Iterator[object]:
    """The types and annotation metadata inside `X | None`, `Annotated[X, ...]`, ..."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        yield from metadata
        yield from _candidates(base)
    elif origin is Union or type(annotation).__name__ == "UnionType":
        for arg in get_args(annotation):
            yield from _candidates(arg)
    else:
        yield annotation


def _part_of(
    name: str, annotation: object, metadata: list[Any]
) -> tuple[str, type[CardForm] | None]:
    """Which part of the card a field is (by its type; address lines by their name)."""
    for candidate in (*metadata, *_candidates(annotation)):
        if isinstance(candidate, _TextField):
            return candidate.part, None
        if candidate is CardNumber:
            return "number", None
        if candidate is CardSecurityCode:
            return "cvc", None
        if isinstance(candidate, type) and issubclass(candidate, CardForm):
            return "", candidate
    return (name if name in ADDRESS_PARTS else ""), None


_LAYOUT = "__cardvalid_layout__"


def _layout_of(cls: type[CardForm]) -> Mapping[str, tuple[str, ...]]:
    """`_layout(cls)`, worked out on first use (when the fields' types are sure to be resolved)."""
    layout: Mapping[str, tuple[str, ...]] | None = cls.__dict__.get(_LAYOUT)
    if layout is None:
        layout = MappingProxyType(_layout(cls))
        setattr(cls, _LAYOUT, layout)
    return layout


def _layout(cls: type[CardForm]) -> dict[str, tuple[str, ...]]:
    """Where each part of the card lives in `cls`: `{"number": ("number",), "city": ("address",
    "city"), "address": ("address",)}`."""
    layout: dict[str, tuple[str, ...]] = {}
    for name, info in cls.model_fields.items():
        part, nested = _part_of(name, info.annotation, info.metadata)
        if nested is not None:
            layout.update({p: (name, *loc) for p, loc in _layout_of(nested).items()})
        if part:
            layout.setdefault(part, (name,))
    if any(p in layout for p in ADDRESS_PARTS):
        layout.setdefault("address", ())
    return layout


_OPTIONAL = "__cardvalid_optional__"


def _optional_of(cls: type[CardForm]) -> frozenset[str]:
    """The card parts (not address lines) `cls` declares optional: left out while None.

    `name: CardholderName | None = None` says the form may come without a name,
    so a None there is a part the form does not collect, not `name.missing`.
    """
    optional: frozenset[str] | None = cls.__dict__.get(_OPTIONAL)
    if optional is None:
        layout = _layout_of(cls)
        found: set[str] = set()
        for name, info in cls.model_fields.items():
            part, nested = _part_of(name, info.annotation, info.metadata)
            if nested is not None:
                found.update(p for p in _optional_of(nested) if layout.get(p, ())[:1] == (name,))
            elif part and part not in ADDRESS_PARTS and not info.is_required():
                found.add(part)
        optional = frozenset(found)
        setattr(cls, _OPTIONAL, optional)
    return optional


class CardForm(BaseModel):
    """A base model for card forms: frozen, checked as a whole, errors that never echo.

    Fields are recognised by their type (`CardNumber`, `CardSecurityCode`,
    `CardExpiry`, `CardholderName`, `CountryCode`, `PostalCode`, a
    `BillingAddress`) and address lines by their name (`line1`, `city`, ...).
    """

    model_config = ConfigDict(hide_input_in_errors=True, frozen=True)

    @model_validator(mode="wrap")
    @classmethod
    def _check_the_card(
        cls, data: Any, handler: ModelWrapValidatorHandler[Self], info: ValidationInfo
    ) -> Self:
        try:
            form = handler(data)
        except ValidationError as error:
            errors: list[Mapping[str, Any]] = list(error.errors(include_url=False))
            failed = {e["loc"][0] for e in errors if e["loc"]}
            if not any(not e["loc"] for e in errors):  # the data is a form: check the rest whole
                errors.extend(
                    _whole_card(_layout_of(cls), data, failed, info, _optional_of(cls))[0]
                )
            fail(cls.__name__, errors)
        problems, normal = _whole_card(_layout_of(cls), form, set(), info, _optional_of(cls))
        if problems:
            fail(cls.__name__, problems)
        return form._normalized(normal)

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **options: Any) -> Self:
        """As pydantic's, but text that is not JSON is not kept as the error's `input`.

        pydantic reports malformed JSON with the whole text as its input, before
        any validator runs: the card number and the code as sent.
        """
        errors: list[Mapping[str, Any]] = []
        try:
            form = super().model_validate_json(json_data, **options)
        except ValidationError as error:
            errors = list(error.errors(include_url=False))
        if errors:
            fail(cls.__name__, errors)  # outside the handler: the original is not chained
        return form

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        """pydantic's, with any field (the app's own free text too) that holds a card redacted."""
        for name, value in super().__repr_args__():
            yield name, value if isinstance(value, BaseModel) else redacted(value)

    def _normalized(self, normal: Mapping[str, Any]) -> Self:
        update = {
            loc[0]: normal[part]
            for part, loc in _layout_of(type(self)).items()
            if len(loc) == 1
            and isinstance(normal.get(part), str)
            and isinstance(getattr(self, loc[0]), str)
        }
        self.__dict__.update(update)  # still being built: frozen only once validation returns
        return self


def _at(value: object, loc: tuple[str, ...]) -> object:
    for step in loc:
        value = value.get(step) if isinstance(value, Mapping) else getattr(value, step, None)
    return value


def _whole_card(
    layout: Mapping[str, tuple[str, ...]],
    form: object,
    failed: set[int | str],
    info: ValidationInfo,
    optional: frozenset[str] = frozenset(),
) -> tuple[list[dict[str, Any]], Mapping[str, Any]]:
    """`validate()` over the parts of `form` (a model or the data sent) outside `failed` fields.

    Returns an error per problem on a part the form holds (a part the form
    does not collect, or an optional one left empty, is not its problem) and
    the normal forms of the values.
    """

    def value(part: str) -> object:
        loc = layout[part]
        return None if loc and loc[0] in failed else _at(form, loc)

    left_out = {p for p in optional if p in layout and value(p) is None}
    layout = {p: loc for p, loc in layout.items() if p not in left_out}
    record = {p: value(p) for p in layout if p != "address" and p not in ADDRESS_PARTS}
    if "address" in layout and value("address") is not None:
        record["address"] = {p: value(p) for p in ADDRESS_PARTS if p in layout}
    try:
        result = cv.validate(record, locale=_locale(info), today=_today(info))
    except TypeError:  # a part of the wrong type: already reported as such on its field
        return [], {}
    carrying = _carrying_card_numbers(result.errors, lambda p: _part_of_problem(p, layout))
    errors = [
        _problem_error(p, layout[part], _input_of(part, value(part), carrying))
        for p in result.errors
        if (part := _part_of_problem(p, layout)) in layout
        and not failed.intersection(layout[part][:1])
    ]
    return errors, result.normalized


def _part_of_problem(problem: cv.Problem, layout: Mapping[str, tuple[str, ...]]) -> str:
    """The field a problem is about: its own, or the one an address-wide problem names."""
    named = problem.params.get("field")
    if problem.field is cv.Field.ADDRESS and isinstance(named, str) and named in layout:
        return named
    return problem.field.value


def _text(cap: int) -> Any:
    return Field(default=None, json_schema_extra={"maxLength": cap})


class BillingAddress(CardForm):
    """A billing address, checked against its country's rules; fields hold their normal form."""

    # Caps: cardvalid/address/_text.py (longer text is an `<part>.too_long` problem).
    line1: str | None = _text(255)
    line2: str | None = _text(255)
    city: str | None = _text(255)
    state: str | None = _text(255)
    postal_code: PostalCode | None = None
    country: CountryCode | None = None
    phone: str | None = _text(64)

