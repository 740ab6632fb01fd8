"""Regenerate src/cardvalid/data/declines.json and avs.json from the researched facts.

Development time only (not shipped, no runtime dependency):

    python scripts/build_bank_data.py [path/to/shared/data]

Inputs are `decline_codes.json` and `avs_codes.json` of the shared research
folder (default: ../shared/data next to the repository). Every output row keeps
the source ids of its input row; the source table (title, url) is copied too.

What this script adds on top of the facts, as data kept here so that
regenerating never loses it (docs/declines.md explains each rule):

- `EXPLANATIONS`: which card-holder explanation (a msgid in messages/*/bank.po)
  each code gets;
- `action()`: the card holder's next step, derived from the retry flags, plus
  `ACTION_OVERRIDES` where the derivation is not what a card holder should do;
- `checklist()`: the row's checklist vocabulary mapped to `Checklist` values;
- `RETRY_LIMITS`: the published retry caps, per table;
- `AVS_PREDICT`: which letter each (street, postal) outcome implies, per scheme
  and region.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "cardvalid" / "data"

# The research's scheme names -> the tables the library looks codes up in.
TABLES = {
    "iso8583": ("iso8583", None),
    "visa": ("visa", None),
    "visa_category": ("visa_category", None),
    "mastercard_mac": ("mastercard", "advice"),
    "mastercard": ("mastercard", "response"),
    "stripe_decline_code": ("stripe", "decline"),
    "stripe_error_code": ("stripe", "error"),
    "stripe_advice_code": ("stripe_advice", "advice"),
}

# The research's checklist vocabulary -> cardvalid.Checklist values. The other
# words (contact_bank, insufficient_funds, other) name nothing the card holder
# can check: they leave the checklist empty and the action says what to do.
CHECKLIST = {
    "number": "card_number",
    "expiry": "expiry_date",
    "name": "cardholder_name",
    "address": "address",
    "city": "city",
    "state": "state",
    "postal_code": "postal_code",
    "card_not_activated": "card_activation",
    "not_approved_online": "online_transactions",
    "not_approved_international": "international_transactions",
    "not_approved_recurring": "recurring_transactions",
}
BANK_SIDE = {"card_not_activated", "not_approved_online", "not_approved_international",
             "not_approved_recurring"}

# Explanation id (msgid under msgctxt "decline.message"/"decline.hint") -> the
# codes, as "table:code", that get it. Every row of the input gets exactly one.
EXPLANATIONS: dict[str, tuple[str, ...]] = {
    "card_number": ("iso8583:14", "iso8583:15", "iso8583:56", "stripe:incorrect_number",
                    "stripe:invalid_number"),
    "expired_card": ("iso8583:33", "iso8583:54", "stripe:expired_card"),
    "expiry_date": ("stripe:invalid_expiry_month", "stripe:invalid_expiry_year"),
    "card_replaced": ("mastercard:01", "mastercard:79", "stripe:new_account_information_available"),
    "cardholder_data": ("visa:6P",),
    "billing_address": ("stripe:incorrect_address",),
    "postal_code": ("stripe:incorrect_zip",),
    "security_code": ("visa:82", "visa:N7", "stripe:incorrect_cvc", "stripe:invalid_cvc"),
    "check_card_details": ("visa_category:3", "stripe_advice:confirm_card_data"),
    "card_not_activated": ("visa:78",),
    "card_controls": ("iso8583:12", "iso8583:40", "iso8583:57", "visa:5C",
                      "stripe:card_not_supported", "stripe:not_permitted",
                      "stripe:service_not_allowed", "stripe:transaction_not_allowed"),
    "not_approved_international": ("iso8583:62",),
    "card_restricted": ("stripe:restricted_card",),
    "currency": ("stripe:currency_not_supported",),
    "blocked_by_cardholder": ("visa:9G",),
    "recurring_stopped": ("visa:R0", "visa:R1", "visa:R3", "mastercard:21",
                          "stripe:revocation_of_all_authorizations",
                          "stripe:revocation_of_authorization", "stripe:stop_payment_order"),
    "insufficient_funds": ("iso8583:51", "stripe:insufficient_funds"),
    "limit_exceeded": ("iso8583:61", "iso8583:65", "visa:N4", "stripe:card_velocity_exceeded",
                       "stripe:withdrawal_count_limit_exceeded"),
    "retry_in_an_hour": ("mastercard:24",),
    "retry_tomorrow": ("mastercard:25",),
    "retry_after_days": ("mastercard:26", "mastercard:27", "mastercard:28", "mastercard:29",
                         "mastercard:30"),
    # Issuer declines without a reason the card holder may be told (Stripe asks
    # merchants to show fraud, lost and stolen declines as generic ones), by action.
    "declined_by_bank": ("iso8583:05", "iso8583:21", "iso8583:59", "iso8583:63", "visa:83",
                         "visa_category:4", "stripe:do_not_honor", "stripe:generic_decline",
                         "stripe:no_action_taken"),
    "declined_contact_bank": ("iso8583:01", "iso8583:02", "iso8583:34", "iso8583:36",
                              "mastercard:82", "mastercard:83", "stripe:call_issuer",
                              "stripe:security_violation"),
    "declined_use_another_card": ("iso8583:04", "iso8583:07", "iso8583:41", "iso8583:43",
                                  "stripe:fraudulent", "stripe:lost_card", "stripe:pickup_card",
                                  "stripe:stolen_card"),
    "do_not_retry": ("visa_category:1", "mastercard:03", "stripe:do_not_try_again",
                     "stripe_advice:do_not_try_again"),
    "account_problem": ("iso8583:39", "iso8583:42", "iso8583:44", "iso8583:52", "iso8583:53",
                        "stripe:invalid_account"),
    "account_closed": ("visa:46",),
    "not_supported": ("visa:N3",),
    "authentication": ("visa:1A", "stripe:authentication_required",
                       "stripe:authentication_not_handled",
                       "stripe:mobile_device_authentication_required"),
    "pin_incorrect": ("iso8583:55", "stripe:incorrect_pin", "stripe:invalid_pin"),
    "pin_tries_exceeded": ("iso8583:38", "iso8583:75", "stripe:pin_try_exceeded"),
    "pin_required": ("visa:70", "stripe:offline_pin_required",
                     "stripe:online_or_offline_pin_required"),
    "try_later": ("iso8583:06", "iso8583:19", "iso8583:22", "iso8583:91", "iso8583:92",
                  "iso8583:96", "visa:86", "visa_category:2", "mastercard:02",
                  "stripe:approve_with_id", "stripe:issuer_not_available",
                  "stripe:processing_error", "stripe:reenter_transaction",
                  "stripe:try_again_later", "stripe_advice:try_again_later"),
    "merchant_side": ("iso8583:03", "iso8583:30", "iso8583:31", "iso8583:58", "mastercard:04",
                      "mastercard:05", "mastercard:22"),
    "duplicate": ("iso8583:94", "stripe:duplicate_transaction"),
    "amount": ("iso8583:13", "visa:Z5", "stripe:invalid_amount"),
    "legal": ("iso8583:93",),
    "test_card": ("stripe:testmode_decline",),
    "payment_declined": ("stripe:card_declined", "stripe:merchant_blacklist"),
    "prepaid_card": ("mastercard:40",),
    "single_use_card": ("mastercard:41",),
    "virtual_card": ("mastercard:43",),
}

# Where the derived action is not the card holder's best next step.
ACTION_OVERRIDES = {
    # Category 1: the issuer will never approve this card data (Visa rules).
    "visa_category:1": "use_another_card",
    # Informational MACs that come with a decline: the card itself is the limit.
    "mastercard:40": "use_another_card",
    "mastercard:41": "use_another_card",
    "mastercard:43": "use_another_card",
    # The umbrella error carries no reason of its own (see its decline_code).
    "stripe:card_declined": "contact_bank",
}

# Published caps on reattempts with unchanged data: (max, window in days, source ids).
# Visa: 15 in 30 days is what the processors enforce; the Visa Core Rules of
# 18 Apr 2026 are reported (secondary sources) to allow 20: we keep the lower.
RETRY_LIMITS: dict[str, dict[str, Any]] = {
    "visa_category_1": {"max_retries": 0, "window_days": 30,
                        "sources": ["cardpointe_visa", "cybersource_categories"]},
    "visa_category_2_4": {"max_retries": 15, "window_days": 30,
                          "sources": ["cardpointe_visa", "cybersource_categories", "devto_visa20"]},
    "mastercard": {"max_retries": 10, "window_days": 1, "sources": ["ianfox_mastercard"]},
    "stripe": {"max_retries": 8, "window_days": None, "sources": ["ianfox_stripe"]},
}


def action(row: dict[str, Any], key: str) -> str:
    """The card holder's next step, from the row's retry flags (docs/declines.md)."""
    if key in ACTION_OVERRIDES:
        return ACTION_OVERRIDES[key]
    retryable = row["retryable"]
    if retryable in ("after_correcting_data", "after_authentication"):
        return "fix_and_retry"
    if retryable == "later_same_data":
        return "try_later"
    if retryable == "after_cardholder_contacts_bank":
        return "contact_bank"
    assert retryable == "no", key
    items = {row["checklist_item"], *row["checklist_items_also"]}
    if items & BANK_SIDE:
        return "contact_bank"
    if row["checklist_item"] in {"contact_bank", "number", "expiry", "insufficient_funds"} or (
        row["detail"] in {"fraud", "lost_stolen", "card_blocked"}
    ):
        return "use_another_card"
    return "do_not_retry"


def checklist(row: dict[str, Any]) -> list[str]:
    """Checklist values, the primary item first; a CVC row names the security code."""
    items = ["security_code"] if row["detail"] == "cvc" else []
    for word in (row["checklist_item"], *row["checklist_items_also"]):
        value = CHECKLIST.get(word)
        if value is not None and value not in items:
            items.append(value)
    return items


def retry_limit(table: str, row: dict[str, Any]) -> str | None:
    category = row["visa_category"]
    if category is not None:
        return "visa_category_1" if category == 1 else "visa_category_2_4"
    if table in ("mastercard", "stripe", "stripe_advice"):
        return "mastercard" if table == "mastercard" else "stripe"
    return None


def _yes_no_maybe(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def build_declines(facts: dict[str, Any]) -> dict[str, Any]:
    explanation_of = {key: ident for ident, keys in EXPLANATIONS.items() for key in keys}
    rows = []
    for row in facts["codes"]:
        table, kind = TABLES[row["scheme"]]
        key = f"{table}:{row['code']}"
        if key not in explanation_of:
            raise SystemExit(f"no explanation for {key}")
        out = {
            "table": table,
            "code": row["code"],
            "kind": kind,
            "meaning": row["meaning"],
            "explanation": explanation_of.pop(key),
            "checklist": checklist(row),
            "action": action(row, key),
            "retry_with_new_data": _yes_no_maybe(row["retry_with_corrected_data_can_help"]),
            "retry_later": bool(row["retry_same_data_later_can_help"]),
            "visa_category": row["visa_category"],
            "retry_limit": retry_limit(table, row),
            "wait_hours": row.get("wait_hours"),
            "sources": row["sources"],
        }
        rows.append(out)
    if explanation_of:
        raise SystemExit(f"explanations for codes not in the facts: {sorted(explanation_of)}")
    return {
        "about": "Decline codes for cardvalid.explain_decline(); generated by "
        "scripts/build_bank_data.py from shared/data/decline_codes.json. Do not edit by hand.",
        "retry_limits": RETRY_LIMITS,
        "retry_limit_notes": facts["retry_limits"],
        "codes": rows,
        "sources": facts["sources"],
    }


# (street outcome, postal outcome) -> letter, per scheme and region. "match9"
# is a full nine-digit ZIP+4 match. Rows marked approx have no exact letter:
# the nearest is given and the decoder reports what the letter means.
AVS_PREDICT: dict[str, dict[str, list[tuple[str, str, str, bool]]]] = {
    "visa": {
        "domestic": [
            ("match", "match", "Y", False), ("match", "match9", "Y", False),
            ("match", "no_match", "A", False), ("no_match", "match", "Z", False),
            ("no_match", "match9", "W", False), ("no_match", "no_match", "N", False),
            ("match", "not_verified", "A", True), ("not_verified", "match", "Z", True),
            ("not_verified", "match9", "W", True), ("no_match", "not_verified", "N", True),
            ("not_verified", "no_match", "N", True), ("not_verified", "not_verified", "U", True),
        ],
        "international": [
            ("match", "match", "D", False), ("match", "match9", "D", False),
            ("match", "no_match", "A", False), ("no_match", "match", "Z", False),
            ("no_match", "match9", "Z", False), ("no_match", "no_match", "N", False),
            ("match", "not_verified", "B", False), ("not_verified", "match", "P", False),
            ("not_verified", "match9", "P", False), ("no_match", "not_verified", "N", True),
            ("not_verified", "no_match", "N", True), ("not_verified", "not_verified", "C", False),
        ],
    },
    "mastercard": {
        "any": [
            ("match", "match", "Y", False), ("match", "match9", "X", False),
            ("match", "no_match", "A", False), ("no_match", "match", "Z", False),
            ("no_match", "match9", "W", False), ("no_match", "no_match", "N", False),
            ("match", "not_verified", "A", True), ("not_verified", "match", "Z", True),
            ("not_verified", "match9", "W", True), ("no_match", "not_verified", "N", True),
            ("not_verified", "no_match", "N", True), ("not_verified", "not_verified", "U", True),
        ],
    },
    "amex": {
        "any": [
            ("match", "match", "Y", False), ("match", "match9", "Y", False),
            ("match", "no_match", "A", False), ("no_match", "match", "Z", False),
            ("no_match", "match9", "Z", False), ("no_match", "no_match", "N", False),
            ("match", "not_verified", "A", True), ("not_verified", "match", "Z", True),
            ("not_verified", "match9", "Z", True), ("no_match", "not_verified", "N", True),
            ("not_verified", "no_match", "N", True), ("not_verified", "not_verified", "U", True),
        ],
    },
    # Discover's native letters (Galileo's per-network table): A and Y swap.
    "discover": {
        "any": [
            ("match", "match", "A", False), ("match", "match9", "X", False),
            ("match", "no_match", "Y", False), ("no_match", "match", "Z", False),
            ("no_match", "match9", "T", False), ("no_match", "no_match", "N", False),
            ("match", "not_verified", "Y", True), ("not_verified", "match", "Z", True),
            ("not_verified", "match9", "T", True), ("no_match", "not_verified", "N", True),
            ("not_verified", "no_match", "N", True), ("not_verified", "not_verified", "S", True),
        ],
    },
}

# Galileo's Discover-native row names -> (street, postal, postal digits).
_DISCOVER_ROWS = {
    "street+5zip": ("match", "match", 5),
    "street+9zip": ("match", "match", 9),
    "street_only": ("match", "no_match", None),
    "5zip_only": ("no_match", "match", 5),
    "9zip_only": ("no_match", "match", 9),
    "neither": ("no_match", "no_match", None),
    "unsupported": ("unavailable", "unavailable", None),
}


def _letter(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "street": row["street"],
        "postal": row["postal"],
        "name": row["name"],
        "postal_digits": row["postal_digits_matched"],
        "meaning": row["meaning"],
        "schemes": row["schemes"],
        "region": row["region"],
        "category": row["category"],
        "checklist": [CHECKLIST[w] for w in row["checklist_items"] if w in CHECKLIST],
        "sources": row["sources"],
    }


def _discover_variants(facts: dict[str, Any]) -> dict[str, Any]:
    table = facts["discover_native_by_network_table"]
    variants: dict[str, Any] = {}
    for name, letters in table["rows"].items():
        street, postal, digits = _DISCOVER_ROWS[name]
        letter = letters["discover"]
        variants[letter] = {
            "street": street,
            "postal": postal,
            "name": None,
            "postal_digits": digits,
            "meaning": f"Discover native code: {name.replace('_', ' ')}.",
            "category": _category(street, postal),
            "checklist": _checklist_of(street, postal),
            "sources": [table["source"]],
        }
    return variants


def _category(street: str, postal: str) -> str:
    if street == postal == "match":
        return "full_match"
    if "match" in (street, postal):
        return "partial_match"
    return "no_match" if street == postal == "no_match" else "unavailable"


def _checklist_of(street: str, postal: str) -> list[str]:
    items = []
    if street == "no_match":
        items.append("address")
    if postal == "no_match":
        items.append("postal_code")
    return items


def _amex_name_codes(facts: dict[str, Any]) -> dict[str, Any]:
    block = facts["amex_name_codes"]
    out = {}
    for row in block["codes"]:
        street = row["street"] or "not_provided"
        postal = row["postal"] or "not_provided"
        checklist_items = ["cardholder_name"] if row["name"] == "no_match" else []
        out[row["code"]] = {
            "street": street,
            "postal": postal,
            "name": row["name"],
            "postal_digits": None,
            "meaning": f"Amex: {row['meaning']}",
            "category": "partial_match" if row["name"] == "no_match" else "full_match",
            "checklist": checklist_items,
            "sources": block["sources"],
        }
    return out


def build_avs(facts: dict[str, Any]) -> dict[str, Any]:
    letters = {row["code"]: _letter(row) for row in facts["codes"]}
    predict = {
        scheme: {
            region: [
                {"street": s, "postal": p, "letter": letter, "approx": approx}
                for s, p, letter, approx in rows
            ]
            for region, rows in regions.items()
        }
        for scheme, regions in AVS_PREDICT.items()
    }
    return {
        "about": "AVS result letters for cardvalid.avs; generated by scripts/build_bank_data.py "
        "from shared/data/avs_codes.json. Do not edit by hand.",
        "warning": facts["warning"],
        "letters": letters,
        "variants": {"discover": _discover_variants(facts), "amex": _amex_name_codes(facts)},
        "predict": predict,
        "predict_sources": ["checkout_avs", "airwallex_avs", "cybersource_sa", "galileo_avs"],
        "sources": facts["sources"],
    }


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    declines = json.loads((shared / "decline_codes.json").read_text(encoding="utf-8"))
    avs = json.loads((shared / "avs_codes.json").read_text(encoding="utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in (("declines.json", build_declines(declines)), ("avs.json", build_avs(avs))):
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        (OUT / name).write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {OUT / name} ({len(text)} bytes)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
