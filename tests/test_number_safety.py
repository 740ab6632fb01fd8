"""Card data safety of the number and CVC functions (PCI DSS).

For valid numbers of every brand in the table (and typos of them), whatever
`check_number`, `identify`, `mask`, `check_cvc` and the collectors give back
(repr, str, to_dict, messages, hints, params, exceptions, log records) never
holds the full number, a run of more than 6 of its digits (the BIN), nor the
security code.
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections.abc import Iterator

import pytest

from cardvalid.brands import BRANDS
from cardvalid.findings import Findings
from cardvalid.model import CardValidationError, Result
from cardvalid.number import (
    check_cvc,
    check_number,
    collect_cvc,
    collect_number,
    format_number,
    identify,
    mask,
)
from test_brands import valid_number

LONG_DIGIT_RUN = re.compile(r"\d{7,}")  # the BIN is 6: anything longer is card data
CVC_CANDIDATES = ("898", "979", "787", "5858", "9898", "7373")


def numbers() -> Iterator[str]:
    rng = random.Random(20261126)
    for row in BRANDS:
        for length in row.lengths:
            yield valid_number(row, rng, length)


def variants(number: str) -> list[str]:
    """The number as typed, and wrong in each way a check reports."""
    typo = number[:-1] + str((int(number[-1]) + 1) % 10)
    return [
        number,
        format_number(number),
        "-".join(number[i : i + 4] for i in range(0, len(number), 4)),
        typo,
        number[:-1],
        number + "0",
        number[:8] + "O" + number[9:],
        "٤" + number[1:],
    ]


def texts_of(result: Result) -> list[str]:
    texts = [repr(result), str(result), json.dumps(result.to_dict(), ensure_ascii=False)]
    for problem in result.problems:
        texts += [problem.message, problem.hint, repr(dict(problem.params))]
    if result.card is not None:
        texts += [repr(result.card), json.dumps(result.card.to_dict()), result.card.masked]
    try:
        result.raise_for_problems()
    except CardValidationError as error:
        texts += [str(error), repr(error)]
    return texts


def assert_no_card_data(texts: list[str], number: str, cvc: str | None = None) -> None:
    for text in texts:
        assert number not in text
        assert format_number(number) not in text
        assert not LONG_DIGIT_RUN.search(text), text
        if cvc is not None:
            assert cvc not in text, text


def pick_cvc(baseline: list[str], size: int) -> str:
    """A code that appears nowhere in the output of the same call with another code."""
    return next(c for c in CVC_CANDIDATES if len(c) == size and not any(c in t for t in baseline))


@pytest.mark.parametrize("number", list(numbers()))
def test_check_number_and_identify_never_show_the_number(
    number: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for typed in variants(number):
        for partial in (False, True):
            for locale in ("en", "sv"):
                result = check_number(typed, partial=partial, locale=locale)
                assert_no_card_data(texts_of(result), number)
        info = identify(typed)
        assert_no_card_data([repr(info), json.dumps(info.to_dict()), info.masked], number)
        assert_no_card_data([mask(typed), mask(typed, first=8)[8:]], number)
        out = Findings()
        out.card = collect_number(typed, out)
        assert_no_card_data(texts_of(out.result("en")), number)
    assert_no_card_data([record.getMessage() for record in caplog.records], number)


@pytest.mark.parametrize("number", list(numbers()))
def test_check_cvc_never_shows_the_code_or_the_number(number: str) -> None:
    for size in (3, 4):
        baseline = texts_of(check_cvc("0" * size, number=number))
        cvc = pick_cvc(baseline, size)
        for typed in (cvc, f" {cvc} ", cvc + "0", cvc[:-1], cvc + "x", int(cvc)):
            for locale in ("en", "sv"):
                result = check_cvc(typed, number=number, locale=locale)
                assert_no_card_data(texts_of(result), number, cvc)
            out = Findings()
            collect_cvc(typed, out, spec=identify(number).spec)
            assert_no_card_data(texts_of(out.result("en")), number, cvc)


def test_mask_first_8_only_for_long_numbers() -> None:
    for number in numbers():
        shown = mask(number, first=8)
        visible = shown.replace("*", "")
        assert len(visible) <= (12 if len(number) >= 16 else 10)
