"""The data model: what goes in (`CardDetails`, `Address`) and what comes out
(`Result`, `Problem`, `CardInfo`, `Decline`), with the enums they use.

Every object here is immutable (frozen, slotted dataclasses, tuples, read-only
mappings) and safe to share between threads. None of them ever holds the full
card number or the security code.

>>> r = Result(problems=())
>>> r.ok, r.by_checklist(), r.to_dict()["problems"]
(True, {}, [])
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from types import MappingProxyType

from cardvalid._version import DATA_VERSION
from cardvalid.digits import mask
from cardvalid.panguard import REDACTED, looks_like_card_number_in, redacted

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs ms at start-up
if TYPE_CHECKING:
    from typing import Any

EMPTY: Mapping[str, Any] = MappingProxyType({})


def _rebuild(cls: type[Any], values: tuple[Any, ...]) -> Any:
    """Unpickle a model object, turning plain dicts back into read-only mappings."""
    return cls(*(_freeze(v) if isinstance(v, dict) else v for v in values))


def _freeze(value: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(value) if value else EMPTY


class _Picklable:
    """Pickle support for slotted dataclasses holding `MappingProxyType` (not picklable itself)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        names = self.__dataclass_fields__  # type: ignore[attr-defined]
        values = tuple(
            dict(v) if isinstance(v, MappingProxyType) else v
            for v in (getattr(self, name) for name in names)
        )
        return (_rebuild, (type(self), values))


def _shadow(cls: type) -> type:
    """A plain class with the bases and slots of the slotted dataclass `cls`.

    A frozen dataclass's `__init__` sets each slot through `object.__setattr__`,
    which costs more than the checks themselves on a valid card. The fast twins
    of the constructors (`new_card_info`, `new_result`) fill a shadow object with
    plain slot stores (the same slots, so the same layout) and then retype it
    with `__class__` assignment: the object is then an ordinary, frozen instance.
    """
    return type(f"_Shadow{cls.__name__}", cls.__bases__, {"__slots__": cls.__dict__["__slots__"]})


class Checklist(enum.Enum):
    """The items of the declined-card checklist, in the support article's order.

    The first seven the card holder can fix and resubmit; the next four only
    the bank can answer; `SECURITY_CODE` is not in the article.
    """

    CARD_NUMBER = "card_number"
    EXPIRY_DATE = "expiry_date"
    CARDHOLDER_NAME = "cardholder_name"
    ADDRESS = "address"
    CITY = "city"
    STATE = "state"
    POSTAL_CODE = "postal_code"
    CARD_ACTIVATION = "card_activation"
    ONLINE_TRANSACTIONS = "online_transactions"
    INTERNATIONAL_TRANSACTIONS = "international_transactions"
    RECURRING_TRANSACTIONS = "recurring_transactions"
    SECURITY_CODE = "security_code"

    @property
    def order(self) -> int:
        """Position in the article's order (0 for `CARD_NUMBER`)."""
        return _CHECKLIST_ORDER[self]

    @property
    def user_fixable(self) -> bool:
        """True for the items the card holder can correct and resubmit."""
        return self not in _BANK_SIDE


_CHECKLIST_ORDER = {item: i for i, item in enumerate(Checklist)}
_BANK_SIDE = frozenset(
    {
        Checklist.CARD_ACTIVATION,
        Checklist.ONLINE_TRANSACTIONS,
        Checklist.INTERNATIONAL_TRANSACTIONS,
        Checklist.RECURRING_TRANSACTIONS,
    }
)


class Field(enum.Enum):
    """The input field a problem is about; its value is the code's prefix."""

    NUMBER = "number"
    EXPIRY = "expiry"
    NAME = "name"
    CVC = "cvc"
    ADDRESS = "address"
    COUNTRY = "country"
    LINE1 = "line1"
    LINE2 = "line2"
    CITY = "city"
    STATE = "state"
    POSTAL_CODE = "postal_code"
    PHONE = "phone"
    CARD = "card"
    TRANSACTION = "transaction"
    RECORD = "record"


class Severity(enum.Enum):
    """How bad a problem is: only `ERROR` makes `Result.ok` false."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


class Brand(enum.Enum):
    """Card networks (schemes). The value is the stable id used in `to_dict()`."""

    VISA = "visa"
    MASTERCARD = "mastercard"
    AMEX = "amex"
    DISCOVER = "discover"
    JCB = "jcb"
    DINERS_CLUB = "diners_club"
    UNIONPAY = "unionpay"
    MAESTRO = "maestro"
    MIR = "mir"
    ELO = "elo"
    HIPER = "hiper"
    HIPERCARD = "hipercard"
    VERVE = "verve"
    RUPAY = "rupay"
    TROY = "troy"
    DANKORT = "dankort"
    UATP = "uatp"
    CARTES_BANCAIRES = "cartes_bancaires"
    NAPAS = "napas"
    UZCARD = "uzcard"
    HUMO = "humo"
    BELKART = "belkart"
    LANKAPAY = "lankapay"
    BANCONTACT = "bancontact"
    MADA = "mada"
    EFTPOS = "eftpos"
    INTERAC = "interac"
    DINACARD = "dinacard"
    BC_CARD = "bc_card"
    MEEZA = "meeza"
    PAYPAK = "paypak"
    CARNET = "carnet"
    JAYWAN = "jaywan"
    NARANJA = "naranja"
    CABAL = "cabal"


class Action(enum.Enum):
    """What to do after a decline."""

    FIX_AND_RETRY = "fix_and_retry"
    CONTACT_BANK = "contact_bank"
    TRY_LATER = "try_later"
    USE_ANOTHER_CARD = "use_another_card"
    DO_NOT_RETRY = "do_not_retry"


def _type_error(field_name: str, accepted: str, value: object) -> TypeError:
    """A TypeError naming the field and accepted types, never the value."""
    return TypeError(f"{field_name} must be {accepted}, not {type(value).__name__}")


_TEXT_TYPES = frozenset({str, type(None)})
_ADDRESS_NAMES = ("line1", "city", "postal_code", "country", "state", "line2", "phone")
# The order a form shows them in: a number split between two fields is split between neighbours.
_FORM_ORDER = ("line1", "line2", "city", "state", "postal_code", "country", "phone")
_NEIGHBOURS = tuple((_FORM_ORDER[i], _FORM_ORDER[i + 1]) for i in range(len(_FORM_ORDER) - 1))


def _check_text(field_name: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise _type_error(field_name, "str or None", value)


@dataclass(frozen=True, slots=True, repr=False)
class Address:
    """A billing address as typed; every field is optional text.

    >>> Address(line1="Drottninggatan 1", city="Stockholm", postal_code="111 51",
    ...         country="SE").country
    'SE'
    """

    line1: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None
    state: str | None = None
    line2: str | None = None
    phone: str | None = None

    def __repr__(self) -> str:
        values = {name: getattr(self, name) for name in _FORM_ORDER}
        hidden = {name for name in _FORM_ORDER if looks_like_card_number_in(values[name])}
        for pair in _NEIGHBOURS:  # a number split between two fields
            if hidden.isdisjoint(pair) and looks_like_card_number_in(*map(values.get, pair)):
                hidden.update(pair)
        shown = ", ".join(
            f"{name}={REDACTED if name in hidden else values[name]!r}" for name in _ADDRESS_NAMES
        )
        return f"Address({shown})"

    def __post_init__(self) -> None:
        values = (self.line1, self.city, self.postal_code, self.country, self.state, self.line2,
                  self.phone)
        if set(map(type, values)) <= _TEXT_TYPES:  # the common case, in one step
            return
        for name, value in zip(_ADDRESS_NAMES, values, strict=True):
            _check_text(f"address.{name}", value)


_NUMBER_TYPES = "str, int or None"
_ADDRESS_TYPES = frozenset({Address, type(None)})
_NUMBER_TYPE_SET = frozenset({str, int, type(None)})


@dataclass(frozen=True, slots=True)
class CardDetails:
    """The card details a person entered. `repr()` masks the number and hides the CVC.

    `expiry` takes any common spelling (`"12/29"`, `"2029-12"`, `(12, 2029)`,
    a `date`, ...); `expiry_month`/`expiry_year` are for forms with two fields.

    >>> CardDetails(number="4111 1111 1111 1111", cvc="123")
    CardDetails(number='411111******1111', expiry=None, name=None, cvc='***', address=None)
    """

    number: str | int | None = dc_field(default=None, repr=False)
    expiry: object = None
    name: str | None = None
    cvc: str | int | None = dc_field(default=None, repr=False)
    address: Address | None = None
    expiry_month: str | int | None = None
    expiry_year: str | int | None = None

    def __post_init__(self) -> None:
        if set(map(type, (self.number, self.cvc, self.expiry_month, self.expiry_year))) <= (
            _NUMBER_TYPE_SET
        ) and type(self.name) in _TEXT_TYPES and type(self.address) in _ADDRESS_TYPES:
            return
        for name in ("number", "cvc", "expiry_month", "expiry_year"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, str | int)
            ):
                raise _type_error(name, _NUMBER_TYPES, value)
        _check_text("name", self.name)
        if self.address is not None and not isinstance(self.address, Address):
            raise _type_error("address", "Address or None", self.address)

    def __repr__(self) -> str:
        shown = None if self.number is None else mask(self.number)
        cvc = None if self.cvc is None else "***"
        extra = ""
        if self.expiry_month is not None or self.expiry_year is not None:
            # The two parts are read together: a number split between them is one number.
            month, year = self.expiry_month, self.expiry_year
            if redacted((month, year)) == REDACTED:
                month = year = REDACTED
            extra = f", expiry_month={month!r}, expiry_year={year!r}"
        return (
            f"CardDetails(number={shown!r}, expiry={redacted(self.expiry)!r}, "
            f"name={redacted(self.name)!r}, cvc={cvc!r}, address={self.address!r}{extra})"
        )


@dataclass(frozen=True, slots=True)
class SecurityCode:
    """A brand's card security code: its name on the card and its length."""

    name: str
    size: int


@dataclass(frozen=True, slots=True)
class BrandSpec:
    """One network's published rules: display name, lengths, gaps, code, Luhn."""

    brand: Brand
    display_name: str
    lengths: tuple[int, ...]
    gaps: tuple[int, ...]
    security_code: SecurityCode
    luhn: bool


@dataclass(frozen=True, slots=True)
class CardInfo:
    """What the number says about the card, without the number itself.

    `brand` is the network the number belongs to (None while unknown or still
    ambiguous); `brands` every network it is or could still become, the most
    specific first (co-badged ranges list each network). `bin` is at most the
    first 6 digits and `last4` is empty for numbers under 13 digits, so no
    more than 6 + 4 digits are ever shown.
    """

    brand: Brand | None
    brands: tuple[Brand, ...]
    bin: str
    last4: str
    length: int
    spec: BrandSpec | None = dc_field(default=None, repr=False, compare=False)

    @property
    def masked(self) -> str:
        """`bin`, then `*` for every hidden digit, then `last4`."""
        return self.bin + "*" * (self.length - len(self.bin) - len(self.last4)) + self.last4

    @property
    def lengths(self) -> tuple[int, ...]:
        """The lengths this brand's numbers have (empty when unknown)."""
        return () if self.spec is None else self.spec.lengths

    @property
    def gaps(self) -> tuple[int, ...]:
        """Where the brand groups its digits when printed."""
        return () if self.spec is None else self.spec.gaps

    @property
    def security_code(self) -> SecurityCode | None:
        """The brand's security-code name and size (None when unknown)."""
        return None if self.spec is None else self.spec.security_code

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, stable keys."""
        code = self.security_code
        return {
            "brand": None if self.brand is None else self.brand.value,
            "brands": [b.value for b in self.brands],
            "bin": self.bin,
            "last4": self.last4,
            "length": self.length,
            "masked": self.masked,
            "lengths": list(self.lengths),
            "gaps": list(self.gaps),
            "security_code": None if code is None else {"name": code.name, "size": code.size},
        }


_ShadowCardInfo = _shadow(CardInfo)


def new_card_info(  # noqa: PLR0917  (positional: the hot path's calling convention)
    brand: Brand | None,
    brands: tuple[Brand, ...],
    bin: str,  # noqa: A002  (the field's name)
    last4: str,
    length: int,
    spec: BrandSpec | None,
) -> CardInfo:
    """`CardInfo(...)`'s fast twin: the same object, without the frozen `__init__`'s cost.

    >>> new_card_info(None, (), "411111", "1111", 16, None) == CardInfo(
    ...     None, (), "411111", "1111", 16)
    True
    """
    info: Any = _ShadowCardInfo()
    info.brand = brand
    info.brands = brands
    info.bin = bin
    info.last4 = last4
    info.length = length
    info.spec = spec
    info.__class__ = CardInfo
    return info  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Problem(_Picklable):
    """One reason: a stable `code`, what it is about, and localized texts.

    `params` holds safe details the messages are written over; never the
    card number or the security code.
    """

    code: str
    field: Field
    checklist: Checklist
    severity: Severity
    message: str
    hint: str
    params: Mapping[str, Any] = dc_field(default_factory=lambda: EMPTY)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, stable keys."""
        return {
            "code": self.code,
            "field": self.field.value,
            "checklist": self.checklist.value,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "params": {k: _jsonable(v) for k, v in self.params.items()},
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "isoformat"):  # date, datetime
        return value.isoformat()
    return value


class CardValidationError(ValueError):
    """Raised by `Result.raise_for_problems()`; `str()` lists codes, never values."""

    def __init__(self, result: Result) -> None:
        self.result = result
        codes = ", ".join(p.code for p in result.errors)
        super().__init__(f"card details have problems: {codes}")


@dataclass(frozen=True, slots=True)
class Result(_Picklable):
    """The answer of every check: problems in checklist order, plus what was learnt.

    >>> Result(problems=()).ok
    True
    """

    problems: tuple[Problem, ...]
    card: CardInfo | None = None
    normalized: Mapping[str, Any] = dc_field(default_factory=lambda: EMPTY)
    avs: str | None = None

    @property
    def ok(self) -> bool:
        """True when no problem is an `ERROR` (warnings and notices allowed)."""
        return all(p.severity is not Severity.ERROR for p in self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make `ok` false."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def codes(self) -> tuple[str, ...]:
        """The problems' codes, in order."""
        return tuple(p.code for p in self.problems)

    def by_checklist(self) -> dict[Checklist, tuple[Problem, ...]]:
        """Problems grouped by checklist item, in the article's order; only items with problems."""
        grouped: dict[Checklist, list[Problem]] = {}
        for problem in sorted(self.problems, key=lambda p: p.checklist.order):
            grouped.setdefault(problem.checklist, []).append(problem)
        return {item: tuple(found) for item, found in grouped.items()}

    def raise_for_problems(self) -> Result:
        """Raise `CardValidationError` when not `ok`; return `self` otherwise."""
        if not self.ok:
            raise CardValidationError(self)
        return self

    def to_dict(self) -> dict[str, Any]:
        """A fresh JSON-ready dict with stable keys, carrying `DATA_VERSION`."""
        return {
            "ok": self.ok,
            "problems": [p.to_dict() for p in self.problems],
            "card": None if self.card is None else self.card.to_dict(),
            "normalized": {k: _jsonable(v) for k, v in self.normalized.items()},
            "avs": self.avs,
            "data_version": dict(DATA_VERSION),
        }


_ShadowResult = _shadow(Result)


def new_result(
    problems: tuple[Problem, ...],
    card: CardInfo | None = None,
    normalized: Mapping[str, Any] = EMPTY,
    avs: str | None = None,
) -> Result:
    """`Result(...)`'s fast twin: the same object, without the frozen `__init__`'s cost.

    >>> new_result(()) == Result(problems=())
    True
    """
    result: Any = _ShadowResult()
    result.problems = problems
    result.card = card
    result.normalized = normalized
    result.avs = avs
    result.__class__ = Result
    return result  # type: ignore[no-any-return]



@dataclass(frozen=True, slots=True)
class Decline(_Picklable):
    """A processor's decline code explained for the card holder.

    `known` is False for a code not in the tables: the answer is then to ask
    the bank, never an exception.
    """

    code: str
    scheme: str
    known: bool
    checklist: tuple[Checklist, ...]
    action: Action
    message: str
    hint: str
    retry_with_new_data: bool | None = None
    retry_later: bool | None = None
    visa_category: int | None = None
    params: Mapping[str, Any] = dc_field(default_factory=lambda: EMPTY)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, stable keys."""
        return {
            "code": self.code,
            "scheme": self.scheme,
            "known": self.known,
            "checklist": [c.value for c in self.checklist],
            "action": self.action.value,
            "message": self.message,
            "hint": self.hint,
            "retry_with_new_data": self.retry_with_new_data,
            "retry_later": self.retry_later,
            "visa_category": self.visa_category,
            "params": {k: _jsonable(v) for k, v in self.params.items()},
        }
