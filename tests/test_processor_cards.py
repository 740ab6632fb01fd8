"""Processors' published test card numbers: each identifies as every network it is listed under.

Only numbers copied from a processor's own test-card page are here, each with
its page. A test number of a network the library knows must come out as that
network (co-badged cards as each of theirs) and pass the complete check.
"""

from __future__ import annotations

import pytest

from cardvalid import check_number, identify
from cardvalid.model import Brand

STRIPE = "https://docs.stripe.com/testing#cards"
STRIPE_COBRANDED = "https://docs.stripe.com/testing#co-branded-cards"
STRIPE_TERMINAL = "https://docs.stripe.com/terminal/references/testing#simulated-test-cards"
ADYEN = (
    "https://docs.adyen.com/development-resources/test-cards-and-credentials/test-card-numbers"
)
CYBERSOURCE = (
    "https://developer.cybersource.com/docs/cybs/en-us/click-to-pay/developer/all/rest/"
    "click-to-pay/uc-reference-test-cards.html"
)
AUTHORIZE_NET = "https://developer.authorize.net/hello_world/testing_guide.html"
MASTERCARD_GATEWAY = (
    "https://developer.mastercard.com/mastercard-gateway/documentation/testing/test-cards/"
    "test-card-numbers/test-card-numbers-brand/"
)
PAYU_LATAM = (
    "https://developers.payulatam.com/latam/en/docs/getting-started/test-your-solution.html"
)
MYFATOORAH = "https://docs.myfatoorah.com/docs/test-cards"
PAYFLOW = "https://www.paypalobjects.com/en_US/vhelp/paypalmanager_help/credit_card_numbers.htm"
MOYASAR = "https://docs.moyasar.com/testing-cards"

B = Brand
# (number, every network the processor names for it, source)
CARDS: list[tuple[str, tuple[Brand, ...], str]] = [
    # Stripe, cards by brand
    ("4242424242424242", (B.VISA,), STRIPE),
    ("4000056655665556", (B.VISA,), STRIPE),
    ("5555555555554444", (B.MASTERCARD,), STRIPE),
    ("2223003122003222", (B.MASTERCARD,), STRIPE),
    ("5200828282828210", (B.MASTERCARD,), STRIPE),
    ("5105105105105100", (B.MASTERCARD,), STRIPE),
    ("378282246310005", (B.AMEX,), STRIPE),
    ("371449635398431", (B.AMEX,), STRIPE),
    ("6011111111111117", (B.DISCOVER,), STRIPE),
    ("6011000990139424", (B.DISCOVER,), STRIPE),
    ("6011981111111113", (B.DISCOVER,), STRIPE),
    ("3056930009020004", (B.DINERS_CLUB,), STRIPE),
    ("36227206271667", (B.DINERS_CLUB,), STRIPE),
    ("6555900000604105", (B.BC_CARD, B.DINACARD), STRIPE),
    ("3566002020360505", (B.JCB,), STRIPE),
    ("6200000000000005", (B.UNIONPAY,), STRIPE),
    ("6200000000000047", (B.UNIONPAY,), STRIPE),
    ("6205500000000000004", (B.UNIONPAY,), STRIPE),
    # Stripe, co-branded cards
    ("4000002500001001", (B.CARTES_BANCAIRES, B.VISA), STRIPE_COBRANDED),
    ("5555552500001001", (B.CARTES_BANCAIRES, B.MASTERCARD), STRIPE_COBRANDED),
    ("4000050360000001", (B.EFTPOS, B.VISA), STRIPE_COBRANDED),
    ("5555050360000080", (B.EFTPOS, B.MASTERCARD), STRIPE_COBRANDED),
    # Stripe Terminal, simulated test cards
    ("4506445006931933", (B.INTERAC,), STRIPE_TERMINAL),
    ("6280000360000978", (B.EFTPOS,), STRIPE_TERMINAL),
    # Adyen
    ("6703444444444449", (B.BANCONTACT, B.MAESTRO), ADYEN),
    ("5127880999999990", (B.BANCONTACT, B.MASTERCARD), ADYEN),
    ("4871049999999910", (B.BANCONTACT, B.VISA), ADYEN),
    ("4035501428146300", (B.CARTES_BANCAIRES, B.VISA), ADYEN),
    ("4360000001000005", (B.CARTES_BANCAIRES, B.VISA), ADYEN),
    ("5019555544445555", (B.DANKORT,), ADYEN),
    ("6771798021000008", (B.MAESTRO,), ADYEN),
    ("5066991111111118", (B.ELO,), ADYEN),
    ("6062828888666688", (B.HIPERCARD,), ADYEN),
    ("135410014004955", (B.UATP,), ADYEN),
    # Cybersource Unified Checkout (BIN + card number)
    ("4111111111111111", (B.VISA,), CYBERSOURCE),
    ("5062210000000009", (B.CARNET,), CYBERSOURCE),
    ("6279886248094966", (B.UNIONPAY,), CYBERSOURCE),
    ("30569309025904", (B.DINERS_CLUB,), CYBERSOURCE),
    ("6445644564456445", (B.DISCOVER,), CYBERSOURCE),
    ("3530111333300000", (B.JCB,), CYBERSOURCE),
    ("6790090000002009", (B.JAYWAN,), CYBERSOURCE),
    ("2205430000003002", (B.PAYPAK,), CYBERSOURCE),
    ("6759649826438453", (B.MAESTRO,), CYBERSOURCE),
    ("4464040000000007", (B.MADA, B.VISA), CYBERSOURCE),
    ("4514160000000003", (B.ELO,), CYBERSOURCE),
    ("401795000000000009", (B.EFTPOS, B.VISA), CYBERSOURCE),
    ("5078083000000002", (B.MEEZA,), CYBERSOURCE),
    # Authorize.net sandbox
    ("370000000000002", (B.AMEX,), AUTHORIZE_NET),
    ("6011000000000012", (B.DISCOVER,), AUTHORIZE_NET),
    ("3088000000000017", (B.JCB,), AUTHORIZE_NET),
    ("38000000000006", (B.DINERS_CLUB,), AUTHORIZE_NET),
    ("4007000000027", (B.VISA,), AUTHORIZE_NET),
    ("4012888818888", (B.VISA,), AUTHORIZE_NET),
    ("5424000000000015", (B.MASTERCARD,), AUTHORIZE_NET),
    ("2223000010309703", (B.MASTERCARD,), AUTHORIZE_NET),
    # Mastercard Gateway, standard test cards by brand
    ("5123450000000008", (B.MASTERCARD,), MASTERCARD_GATEWAY),
    ("2223000000000007", (B.MASTERCARD,), MASTERCARD_GATEWAY),
    ("4508750015741019", (B.VISA,), MASTERCARD_GATEWAY),
    ("30123400000000", (B.DINERS_CLUB,), MASTERCARD_GATEWAY),
    ("36259600000012", (B.DINERS_CLUB,), MASTERCARD_GATEWAY),
    ("3528000000000007", (B.JCB,), MASTERCARD_GATEWAY),
    ("3528111100000001", (B.JCB,), MASTERCARD_GATEWAY),
    ("6011003179988686", (B.DISCOVER,), MASTERCARD_GATEWAY),
    ("6011963280099774", (B.DISCOVER,), MASTERCARD_GATEWAY),
    ("5000000000000000005", (B.MAESTRO,), MASTERCARD_GATEWAY),
    # PayPal Payflow test numbers. Its other Dankort (PBS) number, 76009244561, is an
    # 11-digit number of PBS's retired domestic scheme that fails the Luhn check:
    # no current card has that form, so it is not in the table (docs/brands.md).
    ("5019717010103742", (B.DANKORT,), PAYFLOW),
    ("3530111333300000", (B.JCB,), PAYFLOW),
    ("38520000023237", (B.DINERS_CLUB,), PAYFLOW),
    ("4222222222222", (B.VISA,), PAYFLOW),
    # PayU Latam, Argentina
    ("5895620000000002", (B.NARANJA,), PAYU_LATAM),
    ("5896570000000008", (B.CABAL,), PAYU_LATAM),
    # mada: MyFatoorah and Moyasar (Saudi processors)
    ("5297412542005689", (B.MADA, B.MASTERCARD), MYFATOORAH),
    ("4201320111111010", (B.MADA, B.VISA), MOYASAR),
]


@pytest.mark.parametrize(("number", "networks", "source"), CARDS)
def test_processor_test_number_identifies_as_its_networks(
    number: str, networks: tuple[Brand, ...], source: str
) -> None:
    info = identify(number)
    assert info.brand is networks[0], source
    assert set(networks) <= set(info.brands), source
    assert check_number(number).ok, source


def test_the_table_covers_every_network_a_processor_publishes_test_cards_for() -> None:
    named = {network for _, networks, _ in CARDS for network in networks}
    # Networks with no processor test number found (their rows cite the IIN table).
    without = {B.MIR, B.HIPER, B.VERVE, B.RUPAY, B.TROY, B.NAPAS, B.UZCARD, B.HUMO, B.BELKART,
               B.LANKAPAY}
    assert named | without == set(Brand)
