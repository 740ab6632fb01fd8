"""Bounded caches that never keep a card number, nor a long caller string.

A cache keyed by what a caller passed (a locale, a name, a street line) would
keep that text in memory after the call returns. Such a key is cached only
when `safe_key` accepts its text: short (`KEY_CAP` characters at most) and
nothing like a card number (`cardvalid.panguard`). Every cache is bounded in
entries too, so its size is bounded by entries x `KEY_CAP`.

>>> safe_key("sv-SE"), safe_key("4111 1111 1111 1111"), safe_key("x" * 10_000)
(True, False, False)
>>> cache = BoundedCache(2)
>>> cache.keep("a", "a", 1), cache.keep("4111111111111111", "4111111111111111", 2), list(cache)
(1, 2, ['a'])
"""

from __future__ import annotations

from typing import TypeVar

from cardvalid.panguard import MIN_DIGITS, looks_like_card_number

KEY_CAP = 256
"""Longest caller text a cache keeps (a street line or a name is shorter)."""

K = TypeVar("K")
V = TypeVar("V")


def safe_key(text: str, cap: int = KEY_CAP) -> bool:
    """True when caller text may key a cache: at most `cap` characters, no card number."""
    return len(text) <= cap and (len(text) < MIN_DIGITS or not looks_like_card_number(text))


class BoundedCache(dict[K, V]):
    """A dict that is emptied when it holds `maxsize` entries, storing only safe keys.

    Look values up with ``cache.get(key)`` (a hit was checked when it was
    stored); store them only through `keep`, which refuses any key whose text
    is not a `safe_key`. The check runs on a miss only, so a warm lookup costs
    one dict lookup.
    """

    __slots__ = ("maxsize",)

    def __init__(self, maxsize: int) -> None:
        super().__init__()
        self.maxsize = maxsize

    def keep(self, key: K, text: str, value: V) -> V:
        """Store `value` under `key` unless `text` (the key's text) is not a safe key."""
        if len(text) > KEY_CAP or (len(text) >= MIN_DIGITS and looks_like_card_number(text)):
            return value  # `safe_key`, inlined: this runs on every miss
        if len(self) >= self.maxsize:
            self.clear()  # bounded; cheaper than evicting one by one, and thread-safe
        self[key] = value
        return value
