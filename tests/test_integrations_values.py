"""The typed card number and security code the form adapters clean to."""

from __future__ import annotations

import copy
import pickle

import pytest

from cardvalid.integrations._values import TypedCardNumber, TypedSecurityCode


def test_they_compare_by_what_was_typed_and_never_show_it() -> None:
    number = TypedCardNumber("4242 4242 4242 4242")
    assert number == TypedCardNumber("4242 4242 4242 4242")
    assert number != TypedCardNumber("4242 4242 4242 4241")
    assert hash(number) == hash(TypedCardNumber("4242 4242 4242 4242"))
    assert number != "4242 4242 4242 4242" and number.digits == "4242424242424242"
    code = TypedSecurityCode("123")
    assert code == TypedSecurityCode("123") and code != TypedSecurityCode("124")
    assert len({code, TypedSecurityCode("123"), TypedSecurityCode("987")}) == 2
    assert TypedCardNumber("123") != TypedSecurityCode("123")
    shown = f"{number!r} {number} {code!r} {code}"
    assert "42424242" not in shown and "123" not in shown
    # A hash is a number that may hold any digits by chance; what it must not hold is the
    # secret, so typings that differ only where the mask hides have equal hashes.
    assert hash(number) == hash(TypedCardNumber("4242 4200 0000 4242"))
    assert hash(code) == hash(TypedSecurityCode("987"))


def test_a_security_code_is_never_pickled_but_a_masked_number_round_trips() -> None:
    with pytest.raises(TypeError, match="not pickled"):
        pickle.dumps({"cvc": TypedSecurityCode("123")})
    code = TypedSecurityCode("123")
    assert copy.deepcopy({"cvc": code})["cvc"] is code  # copies need no pickling
    number = TypedCardNumber("4242 4242 4242 4242")
    assert pickle.loads(pickle.dumps(number)) == number
