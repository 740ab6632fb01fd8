"""Card brands (networks) as data: IIN prefixes, lengths, gaps, security code, Luhn.

`BRANDS` holds one `BrandRow` per network, each citing its public sources
(`SOURCES`). Prefixes are exact (`"4571"`) or inclusive ranges of equal width
(`"2221-2720"`), up to 8 digits (ISO/IEC 7812-1 8-digit IINs). A number
belongs to the row with the **most specific** (longest) matching prefix, never
to the first row in table order; `co_badged` marks prefixes whose cards carry
a second network as well (Dankort/Visa 4571), and those list every network.

The table is compiled on first use (`lookup`) into a dict of every 1- to
4-digit prefix, refined digit by digit below that only where an 8-digit range
starts or ends, so a look-up costs the same however many rows there are.
While a partial number could still become more than one brand, `lookup`
answers with every candidate and no `brand`.

>>> lookup("4111111111111111").brand
<Brand.VISA: 'visa'>
>>> [b.value for b in lookup("4571 0000 0000 0001".replace(" ", "")).brands]
['dankort', 'visa']
>>> m = lookup("6")
>>> m.brand is None, Brand.DISCOVER in m.brands, Brand.UNIONPAY in m.brands
(True, True, True)
>>> spec_for(Brand.AMEX).security_code
SecurityCode(name='CID', size=4)
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from cardvalid.model import Brand, BrandSpec, SecurityCode

__all__ = [
    "BRANDS",
    "HOT_LEAVES",
    "PREFIXES",
    "SOURCES",
    "BrandMatch",
    "BrandRow",
    "HotLeaf",
    "compile_table",
    "hot_leaf",
    "lookup",
    "lookup_in",
    "row_for",
    "spec_for",
]

PREFIX_DIGITS = 8  # the longest IIN (ISO/IEC 7812-1:2017)
DEFAULT_GAPS = (4, 8, 12)

SOURCES: Mapping[str, str] = MappingProxyType(
    {
        "wikipedia": (
            "Wikipedia, 'Payment card number', IIN table "
            "(https://en.wikipedia.org/wiki/Payment_card_number, revision of 2024-08-17)"
        ),
        "braintree": (
            "braintree/credit-card-type, src/lib/card-types.ts "
            "(https://github.com/braintree/credit-card-type/blob/main/src/lib/card-types.ts)"
        ),
        "braintree-unionpay-luhn": (
            "braintree/card-validator issue #112, 'not all UnionPay cards pass luhn' "
            "(https://github.com/braintree/card-validator/issues/112)"
        ),
        "stripe-test-cards": (
            "Stripe, Testing: co-branded test cards "
            "(https://docs.stripe.com/testing#co-branded-cards)"
        ),
        "adyen-test-cards": (
            "Adyen, Test card numbers: Cartes Bancaires "
            "(https://docs.adyen.com/development-resources/test-cards-and-credentials/"
            "test-card-numbers)"
        ),
        "stripe-test-cards-brand": (
            "Stripe, Testing: cards by brand (https://docs.stripe.com/testing#cards)"
        ),
        "adyen-test-cards-brand": (
            "Adyen, Test card numbers "
            "(https://docs.adyen.com/development-resources/test-cards-and-credentials/"
            "test-card-numbers)"
        ),
        "authorize-net-test-cards": (
            "Authorize.net testing guide: 13-digit Visa 4007000000027 "
            "(https://developer.authorize.net/hello_world/testing_guide.html)"
        ),
        "stripe-cartes-bancaires": (
            "Stripe, Cartes Bancaires: over 95% of CB cards are co-branded with Visa or "
            "Mastercard (https://docs.stripe.com/payments/cartes-bancaires)"
        ),
        "stripe-terminal-test-cards": (
            "Stripe Terminal, Testing: simulated test cards (Interac, eftpos Australia) "
            "(https://docs.stripe.com/terminal/references/testing#simulated-test-cards)"
        ),
        "adyen-test-cards-bancontact": (
            "Adyen, Test card numbers: Bancontact (BCMC/Maestro 6703 4444 4444 4449, "
            "BCMC/Mastercard 5127 8809 9999 9990, BCMC/Visa 4871 0499 9999 9910) "
            "(https://docs.adyen.com/development-resources/test-cards-and-credentials/"
            "test-card-numbers#bancontact)"
        ),
        "cybersource-test-cards": (
            "Cybersource, Unified Checkout test payment details: BIN and card number for "
            "Carnet, Jaywan, PayPak, mada, eftpos and Meeza "
            "(https://developer.cybersource.com/docs/cybs/en-us/click-to-pay/developer/all/"
            "rest/click-to-pay/uc-reference-test-cards.html)"
        ),
        "myfatoorah-test-cards": (
            "MyFatoorah, Test cards: mada 4464040000000007 and 5297412542005689 "
            "(https://docs.myfatoorah.com/docs/test-cards)"
        ),
        "moyasar-test-cards": (
            "Moyasar, Testing cards: mada 4201320111111010 "
            "(https://docs.moyasar.com/testing-cards)"
        ),
        "discover-iin-range-summary": (
            "Discover Global Network, 'IIN Range Summary', 3Q2021 IPP North America "
            "compliance update: Network Alliance cards (UnionPay, JCB, Elo, BC Card) are "
            "routed to Discover Global Network (https://docslib.org/doc/3993221/iin-range-summary)"
        ),
        "adyen-pos-test-card": (
            "Adyen, Point of sale: Adyen test card V2, application 'ms nl nld eur' "
            "(Maestro, PAN 6000 0707 3616 9237 003) "
            "(https://docs.adyen.com/point-of-sale/testing-pos-payments/test-card-v2)"
        ),
        "payu-latam-test-cards": (
            "PayU Latam, Test your solution: Argentina test cards, Naranja "
            "5895620000000002, Cabal 5896570000000008 "
            "(https://developers.payulatam.com/latam/en/docs/getting-started/"
            "test-your-solution.html)"
        ),
    }
)


@dataclass(frozen=True, slots=True)
class BrandRow:
    """One network's published rules, with the sources they come from."""

    brand: Brand
    display_name: str
    prefixes: tuple[str, ...]  # exact ("4571") or ranges of equal width ("51-55"), <= 8 digits
    lengths: tuple[int, ...]
    security_code: SecurityCode
    luhn: bool  # numbers must pass the Luhn check
    sources: tuple[str, ...]  # keys of SOURCES
    gaps: tuple[int, ...] = DEFAULT_GAPS  # where printed numbers have a space
    # prefix (one of `prefixes`) -> the other networks its cards also carry
    co_badged: tuple[tuple[str, tuple[Brand, ...]], ...] = ()
    # processors' published test card numbers (never real cards)
    examples: tuple[str, ...] = ()

    @property
    def spec(self) -> BrandSpec:
        """The public `BrandSpec` of this row (built once)."""
        return _spec(self)


_CVV, _CVC = SecurityCode("CVV", 3), SecurityCode("CVC", 3)
_16_TO_19 = (16, 17, 18, 19)
_WIKI_BT = ("wikipedia", "braintree")

BRANDS: tuple[BrandRow, ...] = (
    # Lengths 13, 16 and 19: the IIN table lists exactly these; 13-digit
    # account ranges are still allocated and EMV terminal certification
    # requires a 19-digit Visa (both cited there). braintree also allows 18,
    # which we found in no public Visa source.
    BrandRow(
        Brand.VISA, "Visa", prefixes=("4",), lengths=(13, 16, 19), security_code=_CVV,
        luhn=True, sources=(*_WIKI_BT, "stripe-test-cards-brand", "authorize-net-test-cards"),
        examples=("4242424242424242", "4000056655665556", "4007000000027"),
    ),
    BrandRow(
        Brand.MASTERCARD, "Mastercard", prefixes=("51-55", "2221-2720"), lengths=(16,),
        security_code=_CVC, luhn=True, sources=(*_WIKI_BT, "stripe-test-cards-brand"),
        examples=("5555555555554444", "2223003122003222", "5105105105105100"),
    ),
    BrandRow(
        Brand.AMEX, "American Express", prefixes=("34", "37"), lengths=(15,),
        security_code=SecurityCode("CID", 4), luhn=True, gaps=(4, 10),
        sources=(*_WIKI_BT, "stripe-test-cards-brand"),
        examples=("378282246310005", "371449635398431"),
    ),
    BrandRow(
        Brand.DISCOVER, "Discover", prefixes=("6011", "644-649", "65", "622126-622925"),
        lengths=_16_TO_19, security_code=SecurityCode("CID", 3), luhn=True,
        co_badged=(("622126-622925", (Brand.UNIONPAY,)),),
        sources=(*_WIKI_BT, "stripe-test-cards-brand"),
        examples=("6011111111111117", "6011000990139424"),
    ),
    # JCB: 3088 is one of JCB's older ranges (3088-3094 and others, outside
    # 3528-3589); only 3088 is taken, from Authorize.net's JCB test card. The
    # retired 15-digit 1800 and 2131 ranges braintree still lists are left out
    # (docs/brands.md, "Where we differ from peers").
    BrandRow(
        Brand.JCB, "JCB", prefixes=("3528-3589", "3088"), lengths=_16_TO_19,
        security_code=_CVV, luhn=True,
        sources=(*_WIKI_BT, "stripe-test-cards-brand", "authorize-net-test-cards"),
        examples=("3566002020360505", "3088000000000017"),
    ),
    BrandRow(
        Brand.DINERS_CLUB, "Diners Club", prefixes=("300-305", "3095", "36", "38-39"),
        lengths=(14, 15, 16, 17, 18, 19), security_code=_CVV, luhn=True, gaps=(4, 10),
        sources=(*_WIKI_BT, "stripe-test-cards-brand"),
        examples=("3056930009020004", "36227206271667"),
    ),
    # UnionPay: the Luhn digit is not enforced. Numbers are issued with one
    # (ISO/IEC 7812), but braintree's maintainers report UnionPay cards that
    # UnionPay accepts yet fail Luhn, so card-validator skips the check by
    # default; refusing a genuine card at checkout costs more than letting a
    # typo reach the issuer, which declines it anyway.
    BrandRow(
        Brand.UNIONPAY, "UnionPay", prefixes=("62", "810", "8110-8171"), lengths=_16_TO_19,
        security_code=SecurityCode("CVN", 3), luhn=False,
        sources=(*_WIKI_BT, "braintree-unionpay-luhn", "stripe-test-cards-brand"),
        examples=("6200000000000005", "6205500000000000004"),
    ),
    # Maestro: braintree's table also claims every other 6-prefix as Maestro;
    # we leave those unknown rather than name a brand no source assigns.
    # 60000707 is the test BIN of Adyen's 19-digit Maestro test card, inside
    # RuPay's 60 (16 digits only), which would refuse it.
    BrandRow(
        Brand.MAESTRO, "Maestro", prefixes=("493698", "50", "56-59", "63", "67", "60000707"),
        lengths=(12, 13, 14, 15, 16, 17, 18, 19), security_code=_CVC, luhn=True,
        sources=(*_WIKI_BT, "adyen-test-cards-brand", "adyen-pos-test-card"),
        examples=("6771798021000008", "6000070736169237003"),
    ),
    BrandRow(
        Brand.MIR, "Mir", prefixes=("2200-2204",), lengths=_16_TO_19,
        security_code=SecurityCode("CVP2", 3), luhn=True, sources=_WIKI_BT,
    ),
    BrandRow(
        Brand.ELO, "Elo",
        prefixes=(
            "401178", "401179", "431274", "438935", "451416", "457393", "457631", "457632",
            "504175", "506699-506778", "509000-509999", "627780", "636297", "636368",
            "650031-650033", "650035-650051", "650405-650439", "650485-650538",
            "650541-650598", "650700-650718", "650720-650727", "650901-650978",
            "651652-651679", "655000-655019", "655021-655058",
        ),
        lengths=(16,), security_code=SecurityCode("CVE", 3), luhn=True,
        sources=("braintree", "adyen-test-cards-brand"), examples=("5066991111111118",),
    ),
    BrandRow(
        Brand.HIPER, "Hiper",
        prefixes=("637095", "63737423", "63743358", "637568", "637599", "637609", "637612"),
        lengths=(16,), security_code=_CVC, luhn=True, sources=("braintree",),
    ),
    BrandRow(
        Brand.HIPERCARD, "Hipercard", prefixes=("606282",), lengths=(16,), security_code=_CVC,
        luhn=True, sources=(*_WIKI_BT, "adyen-test-cards-brand"),
        examples=("6062828888666688",),
    ),
    BrandRow(
        Brand.VERVE, "Verve", prefixes=("506099-506198", "507865-507964", "650002-650027"),
        lengths=(16, 18, 19), security_code=_CVV, luhn=True, sources=_WIKI_BT,
    ),
    # RuPay: the IIN table's 65 (RuPay cards on the Discover network) is
    # kept to the 6521-6522 co-badged block; its 353/356 (RuPay-JCB cards)
    # cannot be told from plain JCB numbers and stay JCB.
    BrandRow(
        Brand.RUPAY, "RuPay", prefixes=("60", "508", "6521-6522", "81", "82"), lengths=(16,),
        security_code=_CVV, luhn=True, co_badged=(("6521-6522", (Brand.DISCOVER,)),),
        sources=("wikipedia",),
    ),
    # Troy: only 9792; its share of 65 is not published apart from Discover's.
    BrandRow(
        Brand.TROY, "Troy", prefixes=("9792",), lengths=(16,), security_code=_CVV, luhn=True,
        sources=("wikipedia",),
    ),
    BrandRow(
        Brand.DANKORT, "Dankort", prefixes=("5019", "4571"), lengths=(16,),
        security_code=_CVV, luhn=True, co_badged=(("4571", (Brand.VISA,)),),
        sources=("wikipedia", "adyen-test-cards-brand"), examples=("5019555544445555",),
    ),
    BrandRow(
        Brand.UATP, "UATP", prefixes=("1",), lengths=(15,), security_code=_CVV, luhn=True,
        sources=("wikipedia", "adyen-test-cards-brand"), examples=("135410014004955",),
    ),
    # Cartes Bancaires has no range of its own: CB is co-badged on French Visa
    # and Mastercard cards and only the CB BIN file (not public) tells which.
    # These are the processors' published CB test BINs, so test cards show
    # both networks; for live cards ask your processor's BIN service.
    BrandRow(
        Brand.CARTES_BANCAIRES, "Cartes Bancaires",
        prefixes=("40000025", "40355014", "43600000", "55555525"), lengths=(16,),
        security_code=_CVV, luhn=True,
        co_badged=(
            ("40000025", (Brand.VISA,)),
            ("40355014", (Brand.VISA,)),
            ("43600000", (Brand.VISA,)),
            ("55555525", (Brand.MASTERCARD,)),
        ),
        sources=("stripe-test-cards", "adyen-test-cards", "stripe-cartes-bancaires"),
        examples=(
            "4000002500001001", "5555552500001001", "4035501428146300", "4360000001000005",
        ),
    ),
    BrandRow(
        Brand.NAPAS, "Napas", prefixes=("9704",), lengths=(16, 19), security_code=_CVV,
        luhn=True, sources=("wikipedia",),
    ),
    BrandRow(
        Brand.UZCARD, "Uzcard", prefixes=("8600", "5614"), lengths=(16,), security_code=_CVV,
        luhn=True, sources=("wikipedia",),
    ),
    BrandRow(
        Brand.HUMO, "Humo", prefixes=("9860",), lengths=(16,), security_code=_CVV, luhn=True,
        sources=("wikipedia",),
    ),
    BrandRow(
        Brand.BELKART, "Belkart", prefixes=("9112",), lengths=(16,), security_code=_CVV,
        luhn=True, sources=("wikipedia",),
    ),
    # LankaPay's IIN sits inside JCB's range: LankaPay-JCB co-badged cards.
    BrandRow(
        Brand.LANKAPAY, "LankaPay", prefixes=("357111",), lengths=(16,), security_code=_CVV,
        luhn=True, co_badged=(("357111", (Brand.JCB,)),), sources=("wikipedia",),
    ),
    # Domestic networks below publish no IIN ranges of their own; as for Cartes
    # Bancaires, their prefixes are the processors' published test BINs (8 digits
    # where a processor gives only one card, its 6-digit BIN where the processor
    # names one), so test cards identify and live cards keep their global brand.
    # Co-badged test cards name both networks, as their processor does.
    BrandRow(
        Brand.BANCONTACT, "Bancontact", prefixes=("67034444", "51278809", "48710499"),
        lengths=(16,), security_code=_CVC, luhn=True,
        co_badged=(
            ("67034444", (Brand.MAESTRO,)),
            ("51278809", (Brand.MASTERCARD,)),
            ("48710499", (Brand.VISA,)),
        ),
        sources=("adyen-test-cards-bancontact",),
        examples=("6703444444444449", "5127880999999990", "4871049999999910"),
    ),
    BrandRow(
        Brand.MADA, "mada", prefixes=("446404", "420132", "529741"), lengths=(16,),
        security_code=_CVV, luhn=True,
        co_badged=(
            ("446404", (Brand.VISA,)),
            ("420132", (Brand.VISA,)),
            ("529741", (Brand.MASTERCARD,)),
        ),
        sources=("cybersource-test-cards", "myfatoorah-test-cards", "moyasar-test-cards"),
        examples=("4464040000000007", "4201320111111010", "5297412542005689"),
    ),
    BrandRow(
        Brand.EFTPOS, "eftpos", prefixes=("401795", "40000503", "55550503", "62800003"),
        lengths=_16_TO_19, security_code=_CVV, luhn=True,
        co_badged=(
            ("401795", (Brand.VISA,)),
            ("40000503", (Brand.VISA,)),
            ("55550503", (Brand.MASTERCARD,)),
        ),
        sources=("cybersource-test-cards", "stripe-test-cards", "stripe-terminal-test-cards"),
        examples=(
            "401795000000000009", "4000050360000001", "5555050360000080", "6280000360000978",
        ),
    ),
    BrandRow(
        Brand.INTERAC, "Interac", prefixes=("45064450",), lengths=(16,), security_code=_CVV,
        luhn=True, sources=("stripe-terminal-test-cards",), examples=("4506445006931933",),
    ),
    # DinaCard's own IIN is 9891 (IIN table); Stripe's one test card for
    # "BCcard and DinaCard" (6555 9000 0060 4105) carries both networks, and
    # it lies in Discover's 65, and BC Card is a Discover Global Network alliance
    # whose ranges are routed to Discover, so Discover is named as well.
    BrandRow(
        Brand.DINACARD, "DinaCard", prefixes=("9891",), lengths=(16,), security_code=_CVV,
        luhn=True, sources=("wikipedia",),
    ),
    BrandRow(
        Brand.BC_CARD, "BC Card", prefixes=("655590",), lengths=(16,), security_code=_CVC,
        luhn=True, co_badged=(("655590", (Brand.DINACARD, Brand.DISCOVER)),),
        sources=("stripe-test-cards-brand", "discover-iin-range-summary"),
        examples=("6555900000604105",),
    ),
    BrandRow(
        Brand.MEEZA, "Meeza", prefixes=("507808",), lengths=(16,), security_code=_CVV,
        luhn=True, sources=("cybersource-test-cards",), examples=("5078083000000002",),
    ),
    BrandRow(
        Brand.PAYPAK, "PayPak", prefixes=("220543",), lengths=(16,), security_code=_CVV,
        luhn=True, sources=("cybersource-test-cards",), examples=("2205430000003002",),
    ),
    BrandRow(
        Brand.CARNET, "Carnet", prefixes=("506221",), lengths=(16,), security_code=_CVV,
        luhn=True, sources=("cybersource-test-cards",), examples=("5062210000000009",),
    ),
    # Jaywan: the one published test number (Cybersource's 6790 0900 0000 2009)
    # fails the Luhn check and no Jaywan rule on a check digit is published, so,
    # as for UnionPay, it is not enforced.
    BrandRow(
        Brand.JAYWAN, "Jaywan", prefixes=("679009",), lengths=(16,), security_code=_CVV,
        luhn=False, sources=("cybersource-test-cards",), examples=("6790090000002009",),
    ),
    BrandRow(
        Brand.NARANJA, "Naranja", prefixes=("589562",), lengths=(16,), security_code=_CVV,
        luhn=True, sources=("payu-latam-test-cards",), examples=("5895620000000002",),
    ),
    BrandRow(
        Brand.CABAL, "Cabal", prefixes=("589657",), lengths=(16,), security_code=_CVV,
        luhn=True, sources=("payu-latam-test-cards",), examples=("5896570000000008",),
    ),
)


@functools.cache
def _spec(row: BrandRow) -> BrandSpec:
    return BrandSpec(
        brand=row.brand,
        display_name=row.display_name,
        lengths=row.lengths,
        gaps=row.gaps,
        security_code=row.security_code,
        luhn=row.luhn,
    )


@functools.cache
def _rows_by_brand() -> Mapping[Brand, BrandRow]:
    return MappingProxyType({row.brand: row for row in BRANDS})


def row_for(brand: Brand) -> BrandRow | None:
    """The table row of `brand` (None for networks the table does not describe)."""
    return _rows_by_brand().get(brand)


def spec_for(brand: Brand) -> BrandSpec | None:
    """The `BrandSpec` of `brand`, or None when the table has no row for it."""
    row = row_for(brand)
    return None if row is None else row.spec


# The compiled look-up structure is made of named tuples: cheaper to define at
# import than dataclasses, and a hot path can unpack a match in one step.


class BrandMatch(NamedTuple):
    """What a number's leading digits say about its brand (interned, immutable).

    `brand` is None while the prefix is unknown or could still become more
    than one network; `brands` lists the networks (the most specific first,
    then co-badged ones, then other candidates); `lengths` are the lengths
    any candidate allows, for telling "incomplete" from "cannot be valid".
    """

    brand: Brand | None
    brands: tuple[Brand, ...]
    spec: BrandSpec | None
    lengths: tuple[int, ...]
    luhn: bool = False  # the brand's numbers end in a Luhn check digit


class _Branch(NamedTuple):
    """A prefix whose numbers are not all the same brand: refine on the next digit.

    4-digit branches also keep their ranges flat (`starts` of the 5th to 8th
    digits, and their `labels`), so a full number takes one bisection.
    """

    partial: BrandMatch
    children: tuple[BrandMatch | _Branch, ...]
    starts: tuple[int, ...] = ()
    labels: tuple[BrandMatch, ...] = ()


class _Entry(NamedTuple):
    row: BrandRow
    start: int  # inclusive, on the 8-digit scale
    stop: int  # exclusive
    width: int  # digits in the prefix: the higher, the more specific
    also: tuple[Brand, ...]


def parse_prefix(prefix: str) -> tuple[int, int, int]:
    """`"2221-2720"` -> (start, stop, width) on the 8-digit scale; ValueError if malformed.

    >>> parse_prefix("51-55")
    (51000000, 56000000, 2)
    """
    low, dash, high = prefix.partition("-")
    high = high if dash else low
    width = len(low)
    ok = (
        low.isascii() and low.isdecimal() and high.isascii() and high.isdecimal()
    ) and 0 < width == len(high) <= PREFIX_DIGITS and int(low) <= int(high)
    if not ok:
        raise ValueError(f"bad IIN prefix {prefix!r}")
    scale = 10 ** (PREFIX_DIGITS - width)
    return int(low) * scale, (int(high) + 1) * scale, width


def entries(rows: Iterable[BrandRow] = BRANDS) -> list[_Entry]:
    """Every prefix of every row, parsed."""
    found = []
    for row in rows:
        also = dict(row.co_badged)
        for prefix in row.prefixes:
            start, stop, width = parse_prefix(prefix)
            found.append(_Entry(row, start, stop, width, also.get(prefix, ())))
    return found


class _Compiler:
    """Builds the look-up structure from the rows (once, lazily)."""

    def __init__(self, rows: Iterable[BrandRow]) -> None:
        self.entries = entries(rows)
        self.matches: dict[tuple[tuple[Brand, ...], bool], BrandMatch] = {}
        self.unknown = BrandMatch(None, (), None, ())
        bounds = sorted(
            {0, 10**PREFIX_DIGITS}
            | {e.start for e in self.entries}
            | {e.stop for e in self.entries}
        )
        self.starts: list[int] = []
        self.labels: list[BrandMatch] = []
        for start in bounds[:-1]:
            label = self.resolve(e for e in self.entries if e.start <= start < e.stop)
            if not self.labels or self.labels[-1] is not label:
                self.starts.append(start)
                self.labels.append(label)

    def resolve(self, covering: Iterable[_Entry]) -> BrandMatch:
        """The match of a point covered by `covering`: the most specific entry wins."""
        found = list(covering)
        if not found:
            return self.unknown
        width = max(e.width for e in found)
        best = sorted((e for e in found if e.width == width), key=lambda e: _ORDER[e.row.brand])
        brands: list[Brand] = []
        for entry in best:
            brands.extend(b for b in (entry.row.brand, *entry.also) if b not in brands)
        return self.intern(tuple(brands), best[0].row.spec)

    def intern(self, brands: tuple[Brand, ...], spec: BrandSpec | None) -> BrandMatch:
        key = (brands, spec is None)
        match = self.matches.get(key)
        if match is None:
            lengths = spec.lengths if spec is not None else self.union_lengths(brands)
            brand = None if spec is None else spec.brand
            luhn = spec is not None and spec.luhn
            match = self.matches[key] = BrandMatch(brand, brands, spec, lengths, luhn)
        return match

    @staticmethod
    def union_lengths(brands: Iterable[Brand]) -> tuple[int, ...]:
        lengths: set[int] = set()
        for brand in brands:
            spec = spec_for(brand)
            if spec is not None:
                lengths.update(spec.lengths)
        return tuple(sorted(lengths))

    def node(self, prefix: int, width: int) -> BrandMatch | _Branch:
        """The match of every number starting with `prefix`, or a branch to refine."""
        scale = 10 ** (PREFIX_DIGITS - width)
        start, stop = prefix * scale, (prefix + 1) * scale
        first = bisect_right(self.starts, start) - 1
        last = bisect_left(self.starts, stop)
        if last - first == 1:
            return self.labels[first]
        partial = self.candidates(start, width, self.labels[first:last])
        if width < 4:  # shorter prefixes are only ever looked up as they are
            return _Branch(partial, ())
        children = tuple(self.node(prefix * 10 + d, width + 1) for d in range(10))
        flat_starts = tuple(max(s - start, 0) for s in self.starts[first:last])
        return _Branch(partial, children, flat_starts, tuple(self.labels[first:last]))

    def candidates(self, start: int, width: int, labels: list[BrandMatch]) -> BrandMatch:
        """Every brand a prefix could become: the brand it already matches first."""
        head = self.resolve(
            e for e in self.entries if e.width <= width and e.start <= start < e.stop
        ).brands
        others = {b for label in labels for b in label.brands} - set(head)
        rest = sorted(others, key=_ORDER.__getitem__)
        return self.intern((*head, *rest), None)


_ORDER = {brand: i for i, brand in enumerate(Brand)}


# Every prefix of 0 to 4 digits -> its match, or a branch refining on the
# next digit; filled once, on first use, and read-only through `PREFIXES`.
_PREFIX_TABLE: dict[str, BrandMatch | _Branch] = {}
PREFIXES: Mapping[str, BrandMatch | _Branch] = MappingProxyType(_PREFIX_TABLE)
# The same table's 4-digit prefixes whose numbers all have one match, as plain
# tuples (brand, brands, spec, lengths, luhn): one dict look-up and one
# unpacking answer most full numbers (cardvalid.number's fast path, which asks
# `lookup` for the rest). Plain, because CPython unpacks an exact tuple about
# three times faster than a named one; `hot_leaf` is its `get` (None before
# the first look-up builds the table, or for a prefix refined further).
HotLeaf = tuple[Brand | None, tuple[Brand, ...], BrandSpec | None, tuple[int, ...], bool]
_HOT_LEAVES: dict[str, HotLeaf] = {}
HOT_LEAVES: Mapping[str, HotLeaf] = MappingProxyType(_HOT_LEAVES)
hot_leaf = _HOT_LEAVES.get


def compile_table(rows: Iterable[BrandRow]) -> Mapping[str, BrandMatch | _Branch]:
    """The look-up structure for `rows`: every prefix of 0 to 4 digits -> match or branch.

    `lookup` uses the one compiled from `BRANDS`; `lookup_in` takes any other.
    """
    compiler = _Compiler(rows)
    table: dict[str, BrandMatch | _Branch] = {"": compiler.unknown}
    for width in range(1, 5):
        for prefix in range(10**width):
            table[str(prefix).zfill(width)] = compiler.node(prefix, width)
    return MappingProxyType(table)


def _compile() -> None:
    table = compile_table(BRANDS)
    _HOT_LEAVES.update(
        (key, tuple(node))  # type: ignore[misc]
        for key, node in table.items()
        if len(key) == 4 and type(node) is BrandMatch
    )
    _PREFIX_TABLE.update(table)  # last, in one step: `lookup` builds until it is filled


def lookup(digits: str) -> BrandMatch:
    """The brand match of an ASCII digit string (full number or any prefix of one).

    >>> lookup("37").brand, lookup("37").spec.gaps
    (<Brand.AMEX: 'amex'>, (4, 10))
    >>> [b.value for b in lookup("9").brands]
    ['troy', 'napas', 'humo', 'belkart', 'dinacard']
    """
    try:
        node = _PREFIX_TABLE[digits[:4]]
    except KeyError:
        if _PREFIX_TABLE:
            raise ValueError("digits must be ASCII digits") from None
        _compile()  # the first look-up ever
        return lookup(digits)
    if type(node) is BrandMatch:
        return node
    if len(digits) >= PREFIX_DIGITS and node.starts:  # type: ignore[union-attr]
        return node.labels[bisect_right(node.starts, int(digits[4:PREFIX_DIGITS])) - 1]  # type: ignore[union-attr]
    return _descend(node, digits)


def lookup_in(table: Mapping[str, BrandMatch | _Branch], digits: str) -> BrandMatch:
    """`lookup` in a table from `compile_table` (KeyError for non-digits)."""
    node = table[digits[:4]]
    return node if type(node) is BrandMatch else _descend(node, digits)


def _descend(node: BrandMatch | _Branch, digits: str) -> BrandMatch:
    """Refine a branch: one bisection for 8 digits or more, else digit by digit."""
    if len(digits) >= PREFIX_DIGITS and type(node) is _Branch and node.starts:
        return node.labels[bisect_right(node.starts, int(digits[4:PREFIX_DIGITS])) - 1]
    depth = 4
    while type(node) is _Branch:
        if depth >= len(digits):
            return node.partial
        node = node.children[ord(digits[depth]) - 48]
        depth += 1
    return node  # type: ignore[return-value]
