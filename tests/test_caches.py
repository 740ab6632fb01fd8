"""Caches keyed by caller text keep only short keys that look like no card number (issue 8.4)."""

from __future__ import annotations

import cardvalid as cv
from cardvalid import findings, messages
from cardvalid.caches import KEY_CAP, BoundedCache, cached_keys, clear_caches, safe_key

NUMBER = "4000 0566 5566 5556"


def test_safe_key() -> None:
    assert safe_key("sv-SE") and safe_key("Drottninggatan 1") and safe_key("x" * KEY_CAP)
    assert not safe_key("x" * (KEY_CAP + 1))
    assert not safe_key(NUMBER)
    assert not safe_key("\u3164".join(NUMBER.split()))
    assert not safe_key("⁴⁰⁰⁰⁰⁵⁶⁶⁵⁵⁶⁶⁵⁵⁵⁶")


def test_a_bounded_cache_keeps_no_unsafe_key_and_stays_bounded() -> None:
    cache: BoundedCache[str, int] = BoundedCache(8)
    for i in range(100):
        cache.keep(str(i), str(i), i)
    cache.keep(NUMBER, NUMBER, 1)
    cache.keep("y" * 10_000, "y" * 10_000, 1)
    assert len(cache) <= 8
    assert NUMBER not in cache and "y" * 10_000 not in cache


def test_the_locale_cache_keeps_no_card_number_and_no_long_text() -> None:
    for locale in (NUMBER, "4000056655665556", "sv-" + "x" * 100, "sv" * 10_000):
        assert messages.normalize_locale(locale) == "en"
        assert locale not in cached_keys()
    assert messages.normalize_locale("sv_SE.UTF-8") == "sv"
    assert "sv_SE.UTF-8" in cached_keys()


def test_the_problem_cache_keeps_only_safe_locales_and_params() -> None:
    clear_caches()
    for locale in ("sv", "sv-SE", NUMBER, "sv-" + "x" * 100):
        assert cv.check_name("A", locale=locale).problems[0].message == cv.check_name(
            "A", locale="sv" if len(locale) <= 5 else "en").problems[0].message
    findings.make_problem("address.looks_like_card_number", {"field": NUMBER}, "en")
    findings.make_problem("address.looks_like_card_number", {"field": "z" * 1_000}, "en")
    keys = [key for key in cached_keys() if isinstance(key, tuple)]
    held = [v for key in keys for v in key if isinstance(v, str)]
    assert NUMBER not in held and "z" * 1_000 not in held
    assert all(len(v) <= 64 for v in held)
    assert {"sv", "sv-SE"} <= {key[1] for key in keys}


def test_comparison_caches_keep_no_long_text() -> None:
    clear_caches()
    long_name = "Anna " * 100
    cv.compare({"name": long_name, "line1": "Main St " * 60}, {"name": "Anna Svensson"})
    assert all(len(str(key)) <= KEY_CAP + 32 for key in cached_keys())


def _module_caches() -> list[BoundedCache[object, object]]:
    """Every BoundedCache a loaded cardvalid module holds at module level."""
    import sys

    return [value for name, module in list(sys.modules.items())
            if name.startswith("cardvalid") for value in vars(module).values()
            if isinstance(value, BoundedCache)]


def test_clear_caches_empties_every_cache() -> None:
    address = cv.Address(line1="Drottninggatan 1", city="Stockholm", postal_code="111 51",
                         country="Sverige")
    details = cv.CardDetails(number="4111 1111 1111 1111", expiry="12/29", name="A",
                             address=address)
    cv.validate(details, locale="sv-SE")
    cv.compare(details, details)
    cv.identify("4111")
    caches = _module_caches()
    assert len(caches) >= 8 and cached_keys()  # numbers, problems, locales, address, compare
    assert "4111" in cached_keys() and "Sverige" in cached_keys()
    clear_caches()
    assert cached_keys() == ()
    assert [len(cache) for cache in caches] == [0] * len(caches)
