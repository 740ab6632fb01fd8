"""Edges of the number and security-code checks that mutation testing found untested (issue 9)."""

from __future__ import annotations

import pytest

from cardvalid.model import Brand
from cardvalid.number import check_cvc, check_number


def test_one_cvc_digit_typed_is_incomplete() -> None:
    assert check_cvc("1", partial=True).codes == ("cvc.incomplete",)
    assert check_cvc("1").codes == ("cvc.length_for_brand",)


def test_a_blank_cvc_field_being_typed_is_incomplete() -> None:
    assert check_cvc("", partial=True).codes == ("cvc.incomplete",)
    assert check_cvc("").codes == ("cvc.missing",)


def test_a_direction_control_in_a_cvc_is_named_as_such() -> None:
    [problem] = check_cvc("12\u202e3").problems
    assert problem.code == "cvc.invalid_characters"
    assert dict(problem.params) == {"position": 3, "kind": "direction_control"}


def test_the_cvc_input_cap_is_inclusive() -> None:
    assert check_cvc(" " * 29 + "123").ok  # 32 characters: read, blanks dropped
    assert check_cvc(" " * 30 + "123").codes == ("cvc.too_long",)


def test_accepted_brands_keep_partial_and_the_accepted_set() -> None:
    assert check_number("4111 11", partial=True, accepted_brands=["visa"]).codes == (
        "number.incomplete",
    )
    refused = check_number("4111 1111 1111 1111", accepted_brands=["mastercard"])
    assert refused.codes == ("number.brand_not_accepted",)
    assert dict(refused.problems[0].params) == {"brands": ("Visa",), "accepted": ("Mastercard",)}


def test_a_prefix_of_a_refused_brand_is_refused_while_typing() -> None:
    assert check_number("4", partial=True, accepted_brands=["mastercard"]).codes == (
        "number.brand_not_accepted",
    )


def test_a_single_string_of_accepted_brands_is_a_type_error_naming_the_option() -> None:
    for value in ("visa", Brand.VISA, 4):
        with pytest.raises(TypeError, match="accepted_brands"):
            check_number("4111 1111 1111 1111", accepted_brands=value)  # type: ignore[arg-type]
