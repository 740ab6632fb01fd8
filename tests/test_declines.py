"""explain_decline(): every code of the data explained in English and Swedish, normalised,
mapped to the checklist and to an action; unknown codes are answers, not exceptions."""

from __future__ import annotations

import json
import string
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cardvalid as cv
from cardvalid.declines import SCHEMES, decline_codes, explain_decline, normalize_code
from cardvalid.messages import catalog
from cardvalid.model import Action, Checklist

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "decline_codes.json"
ALL = decline_codes()
LOCALES = ("en", "sv")


def _shipped() -> dict[str, Any]:
    source = resources.files("cardvalid").joinpath("data", "declines.json")
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return data


def _unknown(locale: str) -> tuple[str, str]:
    d = explain_decline("no-such-code", scheme="stripe", locale=locale)
    return d.message, d.hint


def test_every_row_is_listed() -> None:
    assert len(ALL) == len(_shipped()["codes"]) == 140
    assert len(set(ALL)) == len(ALL)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("table", "code"), ALL, ids=[f"{t}:{c}" for t, c in ALL])
def test_every_code_is_explained(table: str, code: str, locale: str) -> None:
    d = explain_decline(code, scheme=table, locale=locale)
    assert d.known
    assert d.code == code
    assert d.scheme == table
    assert d.message.strip() and d.hint.strip()
    assert "{" not in d.message + d.hint and "}" not in d.message + d.hint
    assert (d.message, d.hint) != _unknown(locale)
    assert isinstance(d.action, Action)
    assert all(isinstance(item, Checklist) for item in d.checklist)


@pytest.mark.parametrize(("table", "code"), ALL, ids=[f"{t}:{c}" for t, c in ALL])
def test_swedish_is_not_english(table: str, code: str) -> None:
    en = explain_decline(code, scheme=table)
    sv = explain_decline(code, scheme=table, locale="sv-SE")
    assert en.message != sv.message
    assert en.hint != sv.hint


def test_every_explanation_has_both_texts_in_both_languages() -> None:
    used = {row["explanation"] for row in _shipped()["codes"]} | {"unknown"}
    for locale in LOCALES:
        entries = catalog(locale)
        for ident in used:
            assert ("decline.message", ident) in entries, (locale, ident)
            assert ("decline.hint", ident) in entries, (locale, ident)


def test_no_orphan_decline_texts() -> None:
    used = {row["explanation"] for row in _shipped()["codes"]} | {"unknown"}
    for locale in LOCALES:
        defined = {msgid for ctx, msgid in catalog(locale) if ctx.startswith("decline.")}
        assert defined == used, locale


def test_placeholders_are_params() -> None:
    explanation = {(r["table"], r["code"]): r["explanation"] for r in _shipped()["codes"]}
    for table, code in ALL:
        params = set(explain_decline(code, scheme=table).params)
        for locale in LOCALES:
            for ctx in ("decline.message", "decline.hint"):
                template = catalog(locale)[(ctx, explanation[(table, code)])]
                names = {n for _, n, _, _ in string.Formatter().parse(template) if n}
                assert names <= params, (table, code, locale, ctx)


# -- normalisation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "scheme", "code"),
    [
        ("5", "iso8583", "05"), (5, "iso8583", "05"), ("05", "iso8583", "05"),
        (" 005 ", "iso8583", "05"), ("n7", "visa", "N7"), (" 1a", "visa", "1A"),
        ("51", "visa", "51"),  # Visa answers with ISO 8583 codes too
        ("1", "mastercard", "01"), ("Insufficient_Funds", "stripe", "insufficient_funds"),
        ("do-not-honor", "stripe", "do_not_honor"),
        ("CONFIRM_CARD_DATA", "stripe", "confirm_card_data"),
        ("4", "visa_category", "4"),
    ],
)
def test_codes_are_normalised(given: str | int, scheme: str, code: str) -> None:
    d = explain_decline(given, scheme=scheme)
    assert d.known
    assert d.code == code


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [("ISO8583", "iso8583"), ("mastercard_mac", "mastercard"), ("stripe_decline_code", "stripe"),
     ("stripe_advice_code", "stripe_advice"), ("Visa", "visa")],
)
def test_scheme_aliases(alias: str, canonical: str) -> None:
    assert explain_decline("01", scheme=alias).scheme == canonical


def test_stripe_advice_codes_take_precedence_under_their_scheme() -> None:
    decline = explain_decline("try_again_later", scheme="stripe")
    advice = explain_decline("try_again_later", scheme="stripe_advice")
    assert decline.params["table"] == "stripe"
    assert advice.params["table"] == "stripe_advice"


def test_normalize_code_examples() -> None:
    assert normalize_code(7, "iso8583") == "07"
    assert normalize_code("0", "iso8583") == "00"
    assert normalize_code(" Z5 ", "visa") == "Z5"


# -- what each code says ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "scheme", "checklist", "action"),
    [
        ("14", "iso8583", (Checklist.CARD_NUMBER,), Action.FIX_AND_RETRY),
        ("54", "iso8583", (Checklist.EXPIRY_DATE, Checklist.CARD_ACTIVATION), Action.FIX_AND_RETRY),
        ("51", "iso8583", (), Action.TRY_LATER),
        ("05", "iso8583", (), Action.TRY_LATER),
        ("01", "iso8583", (), Action.CONTACT_BANK),
        ("43", "iso8583", (), Action.USE_ANOTHER_CARD),
        ("94", "iso8583", (), Action.DO_NOT_RETRY),
        ("57", "iso8583", (Checklist.ONLINE_TRANSACTIONS, Checklist.INTERNATIONAL_TRANSACTIONS,
                           Checklist.RECURRING_TRANSACTIONS), Action.CONTACT_BANK),
        ("62", "iso8583", (Checklist.INTERNATIONAL_TRANSACTIONS,), Action.CONTACT_BANK),
        ("78", "visa", (Checklist.CARD_ACTIVATION,), Action.CONTACT_BANK),
        ("N7", "visa", (Checklist.SECURITY_CODE,), Action.FIX_AND_RETRY),
        ("R1", "visa", (Checklist.RECURRING_TRANSACTIONS,), Action.CONTACT_BANK),
        ("6P", "visa", (Checklist.CARDHOLDER_NAME, Checklist.ADDRESS), Action.FIX_AND_RETRY),
        ("1", "visa_category", (), Action.USE_ANOTHER_CARD),
        ("3", "visa_category", (Checklist.CARD_NUMBER, Checklist.EXPIRY_DATE,
                                Checklist.CARDHOLDER_NAME, Checklist.ADDRESS,
                                Checklist.POSTAL_CODE), Action.FIX_AND_RETRY),
        ("01", "mastercard", (Checklist.EXPIRY_DATE, Checklist.CARD_NUMBER,
                              Checklist.CARD_ACTIVATION), Action.FIX_AND_RETRY),
        ("21", "mastercard", (Checklist.RECURRING_TRANSACTIONS,), Action.CONTACT_BANK),
        ("incorrect_zip", "stripe", (Checklist.POSTAL_CODE,), Action.FIX_AND_RETRY),
        ("incorrect_address", "stripe", (Checklist.ADDRESS, Checklist.CITY, Checklist.STATE,
                                          Checklist.POSTAL_CODE), Action.FIX_AND_RETRY),
        ("authentication_required", "stripe", (), Action.FIX_AND_RETRY),
        ("lost_card", "stripe", (), Action.USE_ANOTHER_CARD),
    ],
)
def test_checklist_and_action(
    code: str, scheme: str, checklist: tuple[Checklist, ...], action: Action
) -> None:
    d = explain_decline(code, scheme=scheme)
    assert d.checklist == checklist
    assert d.action is action


def test_visa_retry_guidance() -> None:
    never = explain_decline("04")
    assert never.visa_category == 1
    assert never.params["max_retries"] == 0
    later = explain_decline("51")
    assert later.visa_category == 2
    assert later.retry_later is True and later.retry_with_new_data is False
    assert (later.params["max_retries"], later.params["retry_window_days"]) == (15, 30)
    maybe = explain_decline("05")
    assert maybe.retry_with_new_data is None  # the research says "maybe"


def test_mastercard_wait_times() -> None:
    assert explain_decline("24", scheme="mastercard").params["wait_hours"] == 1
    d = explain_decline("30", scheme="mastercard", locale="sv")
    assert d.params["days"] == 10
    assert "10 dagar" in d.hint
    assert d.params["max_retries"] == 10


def test_lost_and_stolen_read_as_generic_declines() -> None:
    """Stripe asks merchants not to tell a card holder a card was flagged lost, stolen or fraud."""
    for code in ("lost_card", "stolen_card", "fraudulent", "pickup_card"):
        text = explain_decline(code, scheme="stripe").message.lower()
        assert "lost" not in text and "stolen" not in text and "fraud" not in text


def test_to_dict_is_json() -> None:
    data = explain_decline("N7", scheme="visa", locale="sv").to_dict()
    assert data["checklist"] == ["security_code"]
    assert data["action"] == "fix_and_retry"
    assert json.loads(json.dumps(data, ensure_ascii=False))["code"] == "N7"


# -- unknown codes and bad input -------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("code", ["ZZ", "999", "", "   ", "😀", "\u200f", "٠٥", "no_such_code"])
def test_unknown_codes_are_answers(code: str, scheme: str) -> None:
    d = explain_decline(code, scheme=scheme, locale="sv")
    assert not d.known
    assert d.action is Action.CONTACT_BANK
    assert d.checklist == ()
    assert d.message and d.hint


@pytest.mark.parametrize("code", ["4111111111111111", 4111111111111111, "x" * 10_000_000,
                                  "N7" * 30])
def test_long_or_number_like_codes_are_not_echoed(code: str | int) -> None:
    d = explain_decline(code, scheme="visa")
    assert not d.known
    assert d.code == ""
    assert "411111" not in repr(d) + json.dumps(d.to_dict())


@pytest.mark.parametrize("bad", [None, 5.0, ["05"], b"05", True])
def test_wrong_type_raises(bad: object) -> None:
    with pytest.raises(TypeError, match="code must be str or int"):
        explain_decline(bad)  # type: ignore[arg-type]


def test_unknown_scheme_raises() -> None:
    with pytest.raises(ValueError, match="unknown scheme"):
        explain_decline("05", scheme="amex")
    with pytest.raises(TypeError, match="scheme must be str"):
        explain_decline("05", scheme=None)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=50), st.integers()), st.sampled_from(SCHEMES))
def test_never_raises_for_text_or_int(code: str | int, scheme: str) -> None:
    d = explain_decline(code, scheme=scheme)
    assert isinstance(d, cv.Decline)
    assert d.message and d.hint


def test_listing_per_scheme() -> None:
    visa = decline_codes("visa")
    assert ("visa", "N7") in visa and ("visa", "05") in visa
    assert all(scheme == "visa" for scheme, _ in visa)
    assert len(decline_codes("stripe")) == 51 + 1  # decline + error codes, and confirm_card_data


# -- the shipped data ------------------------------------------------------------------------


def test_every_row_cites_known_sources_and_valid_values() -> None:
    data = _shipped()
    for row in data["codes"]:
        assert row["sources"] and set(row["sources"]) <= set(data["sources"]), row
        assert all(item in {c.value for c in Checklist} for item in row["checklist"])
        Action(row["action"])
        if row["retry_limit"] is not None:
            assert row["retry_limit"] in data["retry_limits"]


def test_fixable_rows_name_what_to_fix() -> None:
    """A code the card holder can fix names a checklist item, except PIN and authentication."""
    for row in _shipped()["codes"]:
        if row["action"] == "fix_and_retry" and not row["checklist"]:
            assert row["explanation"] in {"pin_incorrect", "authentication"}, row


def test_actions_follow_the_retry_flags() -> None:
    for row in _shipped()["codes"]:
        if row["action"] == "try_later":
            assert row["retry_later"], row
        if row["action"] == "fix_and_retry" and row["explanation"] != "authentication":
            assert row["retry_with_new_data"] is not False, row


@pytest.mark.skipif(not SHARED.exists(), reason="shared research data not beside the repository")
def test_shipped_rows_match_the_research() -> None:
    research = json.loads(SHARED.read_text(encoding="utf-8"))
    shipped = _shipped()["codes"]
    assert [(r["code"], r["meaning"], r["sources"]) for r in research["codes"]] == [
        (r["code"], r["meaning"], r["sources"]) for r in shipped
    ]
