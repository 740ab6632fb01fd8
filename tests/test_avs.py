"""AVS letters: predicting one from street/postal outcomes, decoding one, and the shipped data."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from cardvalid import avs
from cardvalid.avs import (
    AVS_SCHEMES,
    POSTAL_OUTCOMES,
    STREET_OUTCOMES,
    AvsOutcome,
    avs_outcome,
    predict_avs,
)
from cardvalid.model import Checklist

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "avs_codes.json"


def _shipped() -> dict[str, Any]:
    text = resources.files("cardvalid").joinpath("data", "avs.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# The four combinations, domestic (US) and international, as Visa's table has them.
@pytest.mark.parametrize(
    ("street", "postal", "country", "letter"),
    [
        ("match", "match", "US", "Y"),
        ("match", "no_match", "US", "A"),
        ("no_match", "match", "US", "Z"),
        ("no_match", "no_match", "US", "N"),
        ("no_match", "match9", "US", "W"),
        ("match", "match9", "US", "Y"),
        ("not_verified", "not_verified", "US", "U"),
        ("match", "match", "PR", "Y"),  # US territories use ZIP Codes
        ("match", "match", "SE", "D"),
        ("match", "no_match", "SE", "A"),
        ("no_match", "match", "SE", "Z"),
        ("no_match", "no_match", "SE", "N"),
        ("match", "not_verified", "GB", "B"),
        ("not_verified", "match", "GB", "P"),
        ("not_verified", "not_verified", "GB", "C"),
        ("match", "match", None, "D"),  # unknown country: international letters
    ],
)
def test_predict_visa(street: str, postal: str, country: str | None, letter: str) -> None:
    assert predict_avs(street, postal, country=country) == letter


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        ("mastercard", ["Y", "X", "A", "Z", "W", "N"]),
        ("amex", ["Y", "Y", "A", "Z", "Z", "N"]),
        ("discover", ["A", "X", "Y", "Z", "T", "N"]),  # Discover-native letters (Galileo)
    ],
)
def test_predict_other_schemes(scheme: str, expected: list[str]) -> None:
    combos = [("match", "match"), ("match", "match9"), ("match", "no_match"),
              ("no_match", "match"), ("no_match", "match9"), ("no_match", "no_match")]
    assert [predict_avs(s, p, scheme=scheme) for s, p in combos] == expected


@pytest.mark.parametrize("scheme", ["visa", "mastercard", "amex", "discover"])
@pytest.mark.parametrize("country", ["US", "SE"])
def test_every_outcome_pair_has_a_letter(scheme: str, country: str) -> None:
    for street in STREET_OUTCOMES:
        for postal in POSTAL_OUTCOMES:
            assert predict_avs(street, postal, country=country, scheme=scheme)


def test_predictions_decode_back() -> None:
    """Every exact prediction decodes, with the same scheme, to the outcomes it was made from."""
    checked = 0
    for scheme, regions in _shipped()["predict"].items():
        for rows in regions.values():
            for row in rows:
                if row["approx"]:
                    continue
                decoded = avs_outcome(row["letter"], scheme=scheme)
                assert decoded.known, row
                street, postal = row["street"], row["postal"]
                expect_postal = "match" if postal == "match9" else postal
                assert decoded.street == street, (scheme, row)
                assert decoded.postal == expect_postal, (scheme, row)
                if postal == "match":  # a five-digit match never reads as a nine-digit one
                    assert decoded.postal_digits != 9, (scheme, row)
                checked += 1
    assert checked >= 30


@pytest.mark.parametrize("bad", [("matched", "match"), ("match", "ok")])
def test_predict_rejects_unknown_outcomes(bad: tuple[str, str]) -> None:
    with pytest.raises(ValueError, match="must be one of"):
        predict_avs(*bad)


def test_predict_rejects_unknown_scheme() -> None:
    with pytest.raises(ValueError, match="scheme"):
        predict_avs("match", "match", scheme="jcb")


@pytest.mark.parametrize(
    ("letter", "scheme", "street", "postal", "checklist"),
    [
        ("Y", "visa", "match", "match", ()),
        ("y ", "visa", "match", "match", ()),
        ("A", "visa", "match", "no_match", (Checklist.POSTAL_CODE,)),
        ("Z", "visa", "no_match", "match", (Checklist.ADDRESS,)),
        ("N", "visa", "no_match", "no_match", (Checklist.ADDRESS, Checklist.POSTAL_CODE)),
        ("D", "visa", "match", "match", ()),
        ("M", "visa", "match", "match", ()),
        ("B", "visa", "match", "not_verified", ()),
        ("P", "visa", "not_verified", "match", ()),
        ("U", "mastercard", "unavailable", "unavailable", ()),
        ("A", "discover", "match", "match", ()),
        ("Y", "discover", "match", "no_match", (Checklist.POSTAL_CODE,)),
        ("T", "discover", "no_match", "match", (Checklist.ADDRESS,)),
        ("1", "cybersource", "unavailable", "unavailable", ()),
    ],
)
def test_decode(
    letter: str, scheme: str, street: str, postal: str, checklist: tuple[Checklist, ...]
) -> None:
    outcome = avs_outcome(letter, scheme=scheme)
    assert outcome.known
    assert (outcome.street, outcome.postal, outcome.checklist) == (street, postal, checklist)
    assert outcome.meaning
    assert outcome.sources


def test_amex_name_codes() -> None:
    outcome = avs_outcome("AE2", scheme="amex")
    assert (outcome.name, outcome.street, outcome.postal) == ("no_match", "match", "match")
    assert outcome.checklist == (Checklist.CARDHOLDER_NAME,)
    assert not avs_outcome("AE2", scheme="visa").known


@pytest.mark.parametrize(
    ("letter", "scheme"),
    [("D", "mastercard"), ("H", "visa"), ("Q", "visa"), ("?", "visa"), ("", "visa"),
     ("ZZZZZZZZZZ", "any"), ("A" * 10_000, "visa")],
)
def test_unknown_letters(letter: str, scheme: str) -> None:
    outcome = avs_outcome(letter, scheme=scheme)
    assert isinstance(outcome, AvsOutcome)
    assert not outcome.known
    assert outcome.street is None
    assert len(outcome.letter) <= 8


def test_any_scheme_decodes_every_letter() -> None:
    for letter in _shipped()["letters"]:
        assert avs_outcome(letter, scheme="any").known


def test_decode_errors() -> None:
    with pytest.raises(TypeError, match="letter must be str"):
        avs_outcome(5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="scheme"):
        avs_outcome("Y", scheme="jcb")


def test_outcome_to_dict() -> None:
    data = avs_outcome("Z").to_dict()
    assert data["checklist"] == ["address"]
    assert data["full_match"] is False
    assert json.dumps(data)
    assert set(AVS_SCHEMES) >= {"visa", "mastercard", "amex", "discover"}


# -- the shipped data ---------------------------------------------------------------------


def test_every_letter_cites_known_sources() -> None:
    data = _shipped()
    sources = data["sources"]
    rows = list(data["letters"].values())
    rows += [row for variants in data["variants"].values() for row in variants.values()]
    for row in rows:
        assert row["sources"]
        assert set(row["sources"]) <= set(sources), row
        assert all(item in {c.value for c in Checklist} for item in row["checklist"])


@pytest.mark.skipif(not SHARED.exists(), reason="shared research data not beside the repository")
def test_shipped_letters_match_the_research() -> None:
    research = json.loads(SHARED.read_text(encoding="utf-8"))
    shipped = _shipped()["letters"]
    assert set(shipped) == {row["code"] for row in research["codes"]}
    for row in research["codes"]:
        ours = shipped[row["code"]]
        assert (ours["street"], ours["postal"], ours["name"]) == (
            row["street"], row["postal"], row["name"]
        )
        assert ours["sources"] == row["sources"]


@pytest.mark.parametrize("pan", ["4111111111111111", "4111 1111 1111 1111", " 5555555555554444 "])
def test_decoding_caches_no_card_number(pan: str) -> None:
    before = avs._decode.cache_info()
    assert not avs_outcome(pan).known
    assert not avs_outcome(pan, scheme="amex").known
    after = avs._decode.cache_info()
    # _decode never saw it: no miss (so nothing stored), no hit (so nothing was there)
    assert (after.hits, after.misses, after.currsize) == (
        before.hits, before.misses, before.currsize
    )
