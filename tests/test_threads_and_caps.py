"""Two properties that must hold for every input: shared use from threads, and bounded work.

- Many threads calling `validate` and `compare` on shared inputs (while caches are
  emptied under them) get exactly the answers one thread gets.
- Work does not grow past a field's input cap: answers for an input just over
  the cap and for one a thousand times longer are identical, and the number of
  function calls the library makes and the memory it allocates are the same for
  both (no time is measured: a count cannot be noisy).
"""

from __future__ import annotations

import json
import random
import sys
import threading
import tracemalloc
from collections.abc import Callable
from datetime import date
from types import FrameType
from typing import Any

import pytest

import cardvalid as cv
from cardvalid import findings, similarity

TODAY = date(2026, 11, 26)

RECORDS = [
    cv.CardDetails(number="4111 1111 1111 1111", expiry="12/29", name="Anna Svensson", cvc="123",
                   address=cv.Address(line1="Drottninggatan 1", city="Stockholm",
                                      postal_code="111 51", country="SE")),
    cv.CardDetails(number="4111 1111 1111 1112", expiry="13/29", name="A",
                   address=cv.Address(line1="1 Main St", city="Las Vegas", state="NV",
                                      postal_code="90210", country="US")),
    cv.CardDetails(number="３７８２ ８２２４６３ １０００５", expiry="２０２９－１２",
                   name="Nguye\u0302\u0303n Thị Minh Khai", cvc="12",
                   address=cv.Address(line1="4111\u31641111", line2="1111\u31641111",
                                      city="Hà Nội", country="VN", phone="+84 24 3825 3789")),
    cv.CardDetails(number="40*", expiry=("12", "2029"), name="SVENSSON/ANNA M.MRS",
                   address=cv.Address(line1="Flat 2, 10 Downing Street", city="London",
                                      postal_code="SW1A 2AA", country="GB")),
    cv.CardDetails(number=5555555555554444, expiry={"month": 1, "year": 2030},
                   name="Jean-Luc O’Connor"),
]
PAIRS = [(a, b) for a in RECORDS for b in RECORDS[:3]]


CALLS: list[Callable[[], cv.Result]] = [
    *(lambda r=r: cv.validate(r, today=TODAY, locale="sv") for r in RECORDS),
    *(lambda a=a, b=b: cv.compare(a, b) for a, b in PAIRS),
    *(lambda a=a, b=b: cv.validate(a, today=TODAY, on_file=b) for a, b in PAIRS[:5]),
]


def test_threads_sharing_inputs_get_the_same_answers() -> None:
    expected = [json.dumps(call().to_dict()) for call in CALLS]
    threads, rounds = 8, 12
    barrier = threading.Barrier(threads)
    diverged: list[int] = []
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        rng = random.Random(seed)
        order = list(range(len(CALLS)))
        try:
            barrier.wait()
            for i in range(rounds):
                if seed == 0 and i % 3 == 0:  # empty the caches under the others' feet
                    similarity.clear_caches()
                    findings._CACHE.clear()
                rng.shuffle(order)
                diverged.extend(
                    index for index in order
                    if json.dumps(CALLS[index]().to_dict()) != expected[index]
                )
        except BaseException as error:
            errors.append(error)

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often: interleave inside calls
    try:
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    assert errors == []
    assert diverged == []


# -- bounded work ----------------------------------------------------------------------


def _calls(func: Callable[[], object]) -> int:
    """How many Python and C functions `func()` calls (a count, not a time)."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        func()
    finally:
        sys.setprofile(None)
    return count


def _allocated(func: Callable[[], object]) -> int:
    """Peak bytes allocated while `func()` runs (its result included)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        func()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def _answer(value: object) -> str:
    """The answer, but for the input's own length (a `*.too_long` reason's `length` param)."""
    if hasattr(value, "to_dict"):
        data = value.to_dict()
        for problem in data.get("problems", ()):
            problem["params"].pop("length", None)
            del problem["message"], problem["hint"]  # they quote the length
        return json.dumps(data, ensure_ascii=False)
    return repr(value)


ENTRY_POINTS: dict[str, Callable[[str], object]] = {
    "check_number": cv.check_number,
    "check_number partial": lambda s: cv.check_number(s, partial=True),
    "identify": cv.identify,
    "mask": cv.mask,
    "check_cvc": cv.check_cvc,
    "check_expiry": lambda s: cv.check_expiry(s, today=TODAY),
    "check_name": cv.check_name,
    "check_phone": lambda s: cv.check_phone(s, country="SE"),
    "line1": lambda s: cv.check_address(cv.Address(line1=s, country="SE")),
    "city": lambda s: cv.check_address(cv.Address(city=s, country="US")),
    "state": lambda s: cv.check_address(cv.Address(state=s, country="US")),
    "postal_code": lambda s: cv.check_address(cv.Address(postal_code=s, country="SE")),
    "country": lambda s: cv.check_address(cv.Address(country=s)),
    "explain_decline": cv.explain_decline,
    "explain_decline stripe": lambda s: cv.explain_decline(s, scheme="stripe"),
    "compare name": lambda s: cv.compare({"name": s}, {"name": "Anna Svensson"}),
    "compare line1": lambda s: cv.compare({"line1": s}, {"line1": "1 Main St"}),
    "compare number": lambda s: cv.compare({"number": s}, {"number": "4111111111111111"}),
    "validate": lambda s: cv.validate({"number": s, "name": s, "expiry": s, "city": s},
                                      today=TODAY),
    "locale": lambda s: cv.check_name("A", locale=s),
}
FILLS = ["4", "a", "\u3164", "٤", " "]


@pytest.mark.parametrize("fill", FILLS)
@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_work_stops_at_the_cap(name: str, fill: str) -> None:
    func = ENTRY_POINTS[name]
    short, long = fill * 1_001, fill * 1_001_000  # just over every cap; a thousand times that
    func(short)
    func(long)  # warm: data loaded, caches filled
    assert _answer(func(short)) == _answer(func(long))
    # The least of three runs: a bounded cache emptied when full may miss once.
    assert min(_calls(lambda: func(long)) for _ in range(3)) == min(
        _calls(lambda: func(short)) for _ in range(3))
    # Nothing proportional to the input is built (a copy of 10 MB would show).
    assert _allocated(lambda: func(long)) < _allocated(lambda: func(short)) + 64_000
