"""The result model: immutability, ordering, serialisation, the exception path."""

from __future__ import annotations

import dataclasses
import json
import pickle
from typing import Any

import pytest

import cardvalid as cv
from cardvalid.codes import FIELD_CHECKLIST, REASONS
from cardvalid.findings import Findings
from cardvalid.model import EMPTY


def _result(*codes: str, **params: Any) -> cv.Result:
    out = Findings()
    for code in codes:
        out.add(code, **params)
    return out.result("en")


def test_checklist_is_in_the_articles_order() -> None:
    assert [c.name for c in cv.Checklist] == [
        "CARD_NUMBER", "EXPIRY_DATE", "CARDHOLDER_NAME", "ADDRESS", "CITY", "STATE",
        "POSTAL_CODE", "CARD_ACTIVATION", "ONLINE_TRANSACTIONS", "INTERNATIONAL_TRANSACTIONS",
        "RECURRING_TRANSACTIONS", "SECURITY_CODE",
    ]
    assert [c.order for c in cv.Checklist] == list(range(12))
    assert cv.Checklist.POSTAL_CODE.user_fixable
    assert not cv.Checklist.CARD_ACTIVATION.user_fixable


def test_problems_come_in_checklist_order() -> None:
    r = _result("cvc.missing", "postal_code.missing", "number.missing", "expiry.missing")
    assert r.codes == ("number.missing", "expiry.missing", "postal_code.missing", "cvc.missing")
    grouped = r.by_checklist()
    assert list(grouped) == [
        cv.Checklist.CARD_NUMBER, cv.Checklist.EXPIRY_DATE, cv.Checklist.POSTAL_CODE,
        cv.Checklist.SECURITY_CODE,
    ]
    assert all(isinstance(v, tuple) for v in grouped.values())


def test_ok_only_counts_errors() -> None:
    assert _result("expiry.expires_this_month", month=11, year=2026).ok
    assert _result("transaction.recurring").ok
    assert not _result("number.checksum").ok


def test_everything_is_frozen() -> None:
    r = _result("number.checksum")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.problems = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.problems[0].code = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        r.normalized["x"] = 1  # type: ignore[index]
    assert not hasattr(r, "__dict__")


def test_to_dict_is_fresh_json_with_stable_keys() -> None:
    r = _result("postal_code.format", example="111 51", country="SE")
    first, second = r.to_dict(), r.to_dict()
    assert first == second and first is not second
    assert list(first) == ["ok", "problems", "card", "normalized", "avs", "data_version"]
    assert list(first["problems"][0]) == [
        "code", "field", "checklist", "severity", "message", "hint", "params",
    ]
    assert first["data_version"] == dict(cv.DATA_VERSION)
    json.dumps(first)
    first["problems"].clear()
    assert r.to_dict()["problems"]


def test_raise_for_problems_lists_codes_not_values() -> None:
    r = _result("record.bad_value", field="name", row=7)
    with pytest.raises(cv.CardValidationError) as caught:
        r.raise_for_problems()
    assert isinstance(caught.value, ValueError)
    assert caught.value.result is r
    assert "record.bad_value" in str(caught.value)
    assert _result().raise_for_problems().ok


def test_results_pickle() -> None:
    r = _result("number.checksum")
    assert pickle.loads(pickle.dumps(r)) == r


def test_catalog_rows_are_consistent() -> None:
    for code, reason in REASONS.items():
        field, _, what = code.partition(".")
        assert reason.field.value == field and what
        if reason.field in FIELD_CHECKLIST and code.split(".")[0] not in {"card", "transaction"}:
            assert reason.checklist is FIELD_CHECKLIST[reason.field]


def test_findings_reject_unknown_codes() -> None:
    with pytest.raises(KeyError):
        Findings().add("number.nonsense")


def test_empty_mapping_is_shared_and_read_only() -> None:
    assert _result().normalized is EMPTY


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"name": 12}, "name"), ({"number": 4.5}, "number"), ({"number": True}, "number"),
     ({"cvc": [1, 2, 3]}, "cvc"), ({"address": {"city": "x"}}, "address")],
)
def test_card_details_type_errors_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(TypeError, match=field) as caught:
        cv.CardDetails(**kwargs)
    assert repr(next(iter(kwargs.values()))) not in str(caught.value)


def test_address_type_errors_name_the_field() -> None:
    with pytest.raises(TypeError, match=r"address\.city"):
        cv.Address(city=123)  # type: ignore[arg-type]


def test_public_names_are_sorted_and_exported() -> None:
    def kind(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert cv.__all__ == sorted(cv.__all__, key=kind)
    for name in cv.__all__:
        assert hasattr(cv, name)


def test_reprs_never_show_a_card_number_typed_into_another_field() -> None:
    pan = "4111 1111 1111 1111"
    details = cv.CardDetails(number="4242424242424242", name=pan, expiry=pan.replace(" ", ""),
                             expiry_month=4111111111111111,
                             address=cv.Address(line1=pan, city="4111_1111_1111_1111"))
    shown = repr(details)
    assert "4111" not in shown and "424242******4242" in shown
    assert repr(cv.Address(city="Malmö")) == (
        "Address(line1=None, city='Malmö', postal_code=None, country=None, state=None, "
        "line2=None, phone=None)"
    )


def test_an_empty_security_code_is_an_absent_one() -> None:
    from datetime import date

    details = cv.CardDetails(number="4242424242424242", expiry="12/29", name="Bo Ek", cvc=" ")
    assert cv.validate(details, today=date(2026, 11, 26)).ok
    required = cv.validate(details, today=date(2026, 11, 26), require_cvc=True)
    assert required.codes == ("cvc.missing",)
