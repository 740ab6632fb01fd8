"""Caches keyed by caller text keep only short keys that look like no card number (issue 8.4)."""

from __future__ import annotations

import cardvalid as cv
from cardvalid import findings, messages, similarity
from cardvalid.caches import KEY_CAP, BoundedCache, safe_key

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
        assert locale not in messages._LANGUAGES
    assert messages.normalize_locale("sv_SE.UTF-8") == "sv"
    assert "sv_SE.UTF-8" in messages._LANGUAGES


def test_the_problem_cache_keeps_only_safe_locales_and_params() -> None:
    findings._CACHE.clear()
    for locale in ("sv", "sv-SE", NUMBER, "sv-" + "x" * 100):
        assert cv.check_name("A", locale=locale).problems[0].message == cv.check_name(
            "A", locale="sv" if len(locale) <= 5 else "en").problems[0].message
    findings.make_problem("address.looks_like_card_number", {"field": NUMBER}, "en")
    findings.make_problem("address.looks_like_card_number", {"field": "z" * 1_000}, "en")
    held = [v for key in findings._CACHE for v in key if isinstance(v, str)]
    assert NUMBER not in held and "z" * 1_000 not in held
    assert all(len(v) <= 64 for v in held)
    assert {"sv", "sv-SE"} <= {key[1] for key in findings._CACHE}


def test_comparison_caches_keep_no_long_text() -> None:
    similarity.clear_caches()
    long_name = "Anna " * 100
    cv.compare({"name": long_name, "line1": "Main St " * 60}, {"name": "Anna Svensson"})
    assert all(len(str(key)) <= KEY_CAP + 32 for key in similarity.cached_keys())
