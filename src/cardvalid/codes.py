"""The reason catalog: one row per code -> field, checklist item, default severity.

Codes are the contract (`<field>.<what>`); messages are presentation and live
in the gettext catalogs under `messages/`, keyed by the code with the context
`message` or `hint`. A code, once shipped, keeps its meaning.

>>> REASONS["postal_code.format"].checklist
<Checklist.POSTAL_CODE: 'postal_code'>
>>> REASONS["expiry.expires_this_month"].severity
<Severity.WARNING: 'warning'>
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from cardvalid.model import Checklist, Field, Severity


@dataclass(frozen=True, slots=True)
class Reason:
    """One row of the catalog."""

    code: str
    field: Field
    checklist: Checklist
    severity: Severity


# Which checklist item each field's problems belong to.
FIELD_CHECKLIST: dict[Field, Checklist] = {
    Field.NUMBER: Checklist.CARD_NUMBER,
    Field.EXPIRY: Checklist.EXPIRY_DATE,
    Field.NAME: Checklist.CARDHOLDER_NAME,
    Field.CVC: Checklist.SECURITY_CODE,
    Field.ADDRESS: Checklist.ADDRESS,
    Field.COUNTRY: Checklist.ADDRESS,
    Field.LINE1: Checklist.ADDRESS,
    Field.LINE2: Checklist.ADDRESS,
    Field.PHONE: Checklist.ADDRESS,
    Field.CITY: Checklist.CITY,
    Field.STATE: Checklist.STATE,
    Field.POSTAL_CODE: Checklist.POSTAL_CODE,
    # A record that cannot be read at all: the card number is the first thing
    # that cannot be checked, so the reason opens the checklist.
    Field.RECORD: Checklist.CARD_NUMBER,
}

E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTICE

# (code, severity[, checklist]) — the field is the code's prefix; the checklist
# item is the field's unless given. Grouped by the module that raises them.
_ROWS: tuple[tuple[str, Severity] | tuple[str, Severity, Checklist], ...] = (
    # number.py
    ("number.missing", E),
    ("number.invalid_characters", E),
    ("number.unicode_digits", N),
    ("number.too_short", E),
    ("number.too_long", E),
    ("number.length_for_brand", E),
    ("number.checksum", E),
    ("number.unknown_brand", E),
    ("number.incomplete", N),
    ("number.mismatch", E),
    ("number.brand_not_accepted", E),
    ("number.not_comparable", E),  # compare(): the entered number is not a complete number
    # cvc (number.py)
    ("cvc.missing", E),
    ("cvc.invalid_characters", E),
    ("cvc.length_for_brand", E),
    ("cvc.too_long", E),
    ("cvc.unicode_digits", N),
    ("cvc.not_text", E),
    ("cvc.incomplete", N),
    # expiry.py
    ("expiry.missing", E),
    ("expiry.format", E),
    ("expiry.ambiguous", E),
    ("expiry.month_range", E),
    ("expiry.expired", E),
    ("expiry.too_far_ahead", E),
    ("expiry.expires_this_month", W),
    ("expiry.just_expired", W),
    ("expiry.incomplete", N),
    ("expiry.too_long", E),
    ("expiry.mismatch", E),
    # name.py
    ("name.missing", E),
    ("name.too_short", E),
    ("name.too_long", E),
    ("name.invalid_characters", E),
    ("name.looks_like_card_number", E),
    ("name.single_word", N),
    ("name.mismatch", E),
    ("name.differs_in_form", N),
    # address/
    ("address.missing", E),
    ("address.looks_like_card_number", E),
    ("country.missing", E),
    ("country.unknown", E),
    ("country.too_long", E),
    ("country.mismatch", E),
    ("line1.missing", E),
    ("line1.too_long", E),
    ("line1.invalid_characters", E),
    ("line1.mismatch", E),
    ("line1.differs_in_form", N),
    ("line2.too_long", E),
    ("line2.invalid_characters", E),
    ("city.missing", E),
    # A warning: Google's city lists (a few countries, 2023) miss real places,
    # and no issuer or AVS check looks at the city.
    ("city.unknown", W),
    ("city.too_long", E),
    ("city.invalid_characters", E),
    ("city.mismatch", E),
    ("city.differs_in_form", N),
    ("state.missing", E),
    ("state.unknown", E),
    ("state.inferred", N),
    ("state.too_long", E),
    ("state.invalid_characters", E),
    ("state.mismatch", E),
    ("state.differs_in_form", N),
    ("state.unexpected", N),
    ("postal_code.missing", E),
    ("postal_code.format", E),
    ("postal_code.state_mismatch", E),
    ("postal_code.unknown", E),
    ("postal_code.too_long", E),
    ("postal_code.mismatch", E),
    ("postal_code.differs_in_form", N),
    ("postal_code.reformatted", N),
    ("postal_code.incomplete", N),
    ("phone.invalid", E),
    ("phone.too_long", E),
    ("phone.not_normalized", N),
    # compare.py and the bank-side advisories in validate.py
    ("card.may_need_activation", N, Checklist.CARD_ACTIVATION),
    ("transaction.international", N, Checklist.INTERNATIONAL_TRANSACTIONS),
    ("transaction.recurring", N, Checklist.RECURRING_TRANSACTIONS),
    # validate_many / cli
    ("record.not_a_mapping", E),
    ("record.unreadable", E),
    ("record.bad_value", E),
    ("record.check_failed", E),
    ("record.blank", E),
)


def _build() -> MappingProxyType[str, Reason]:
    rows: dict[str, Reason] = {}
    for row in _ROWS:
        code, severity = row[0], row[1]
        field = Field(code.split(".", 1)[0])
        checklist = row[2] if len(row) == 3 else FIELD_CHECKLIST[field]
        if code in rows:  # pragma: no cover - guarded by tests
            raise ValueError(f"duplicate reason code {code}")
        rows[code] = Reason(code, field, checklist, severity)
    return MappingProxyType(rows)


REASONS = _build()
