"""Postal codes: one compiled format per country, canonical forms, stricter national checks.

Google's patterns are written for codes as printed (`\\d{3} ?\\d{2}`). We
compile each into a *loose* pattern that matches the code with its spaces and
hyphens removed, with an empty named group where a separator may stand; the
canonical form puts back the separator the country's examples use there. So
`sw1a1aa`, `SW1A 1AA` and `sw1a  1aa` all give `SW1A 1AA`; `111 51`, `11151`
and `SE-111 51` give `111 51`. Matching is `fullmatch` on at most
`CAPS["postal_code"]` characters, with ASCII classes only.

>>> fmt = compile_postal("\\\\d{3} ?\\\\d{2}", ("114 55",), ("SE",))
>>> fmt.normalize("11151"), fmt.normalize("se-111 51"), fmt.normalize("111 51\\n")
('111 51', '111 51', '111 51')
>>> fmt.normalize("1115"), fmt.normalize("111 51!!")
(None, None)
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from cardvalid.address._text import ascii_code
from cardvalid.prefix_pattern import class_end

_SEPARATORS = " -"
_SEPARATOR_CLASSES = frozenset({"[ \\-]", "[ -]", "[- ]", "[\\- ]"})


@dataclass(frozen=True, slots=True)
class PostalFormat:
    """A country's postal-code format, compiled once.

    `pattern` is the pattern as the data has it; `examples` are canonical;
    `prefixes` are printed prefixes (compact, upper case) accepted and stripped;
    `implied` is a prefix that is part of every code (Latvia's `LV-`), added
    when it was left out.
    """

    pattern: str
    loose: re.Pattern[str]
    separators: tuple[tuple[str, str], ...]
    prefixes: tuple[str, ...]
    examples: tuple[str, ...]
    implied: str = ""

    def parse(self, value: str) -> tuple[str, str] | None:
        """`(canonical, compact)` for a well-formed code, else None."""
        text = value if value.isascii() else ascii_code(value)
        compact = text.upper().replace(" ", "").replace("-", "")
        if not compact.isalnum():
            compact = "".join(compact.split())
        match = self.loose.fullmatch(compact)
        if match is None:
            match, compact = self._without_prefix(compact)
            if match is None:
                return None
        if not self.separators:
            return compact, compact
        return _canonical(match, compact, self.separators), compact

    def _without_prefix(self, compact: str) -> tuple[re.Match[str] | None, str]:
        for prefix in self.prefixes:
            if compact.startswith(prefix):
                rest = compact[len(prefix) :]
                match = self.loose.fullmatch(rest)
                if match is not None:
                    return match, rest
        if self.implied and not compact.startswith(self.implied):
            whole = self.implied + compact
            return self.loose.fullmatch(whole), whole
        return None, compact

    def completable(self, value: str, exists: Callable[[str], bool] | None = None) -> bool:
        """True when typing more can still make `value` a well-formed code (as you type).

        Read as `parse` reads: separators dropped, case folded, a printed
        prefix (`SE-`) or the implied one (`LV-`) allowed. `exists` (a
        country's `may_exist`), when given, must also hold for the code's
        beginning: then True when typing can still make a code that exists.
        """
        text = value if value.isascii() else ascii_code(value)
        compact = "".join(text.upper().replace("-", "").split())
        if not compact.isascii() or not (compact.isalnum() or not compact):
            return False
        if any(prefix.startswith(compact) for prefix in self.prefixes):
            return True  # a printed prefix, still being typed
        heads = [compact, *(compact[len(p) :] for p in self.prefixes if compact.startswith(p))]
        if self.implied:
            heads.append(self.implied + compact)
        pattern = self.loose.pattern
        return any(can_begin(pattern, head) and (exists is None or exists(head)) for head in heads)

    def normalize(self, value: str) -> str | None:
        """The canonical code, or None when `value` is not a well-formed code."""
        parsed = self.parse(value)
        return None if parsed is None else parsed[0]


def _canonical(match: re.Match[str], compact: str, separators: tuple[tuple[str, str], ...]) -> str:
    parts: list[str] = []
    last = 0
    for group, separator in separators:
        position = match.start(group)
        if 0 < position < len(compact) and position >= last:
            parts.append(compact[last:position])
            parts.append(separator)
            last = position
    parts.append(compact[last:])
    return "".join(parts)


def loosen(pattern: str) -> tuple[str, tuple[str, ...]]:
    """`pattern` with every separator (` `, `-`, `[ \\-]`, optional or not) made an empty group.

    Returns the new pattern and each group's default separator.

    >>> loosen("(\\\\d{5})(?:[ \\\\-](\\\\d{4}))?")
    ('(\\\\d{5})(?:(?P<s0>)(\\\\d{4}))?', ('-',))
    """
    out: list[str] = []
    defaults: list[str] = []
    i = 0
    while i < len(pattern):
        token, i, separator = _next_token(pattern, i)
        if separator is None:
            out.append(token)
            continue
        if pattern[i : i + 1] == "?":
            i += 1
        out.append(f"(?P<s{len(defaults)}>)")
        defaults.append(separator)
    return "".join(out), tuple(defaults)


def _next_token(pattern: str, i: int) -> tuple[str, int, str | None]:
    """The token at `i`, the index after it, and its separator if it is one."""
    ch = pattern[i]
    if ch == "\\":
        escaped = pattern[i : i + 2]
        return escaped, i + 2, ("-" if escaped == "\\-" else None)
    if ch == "[":
        end = class_end(pattern, i)
        token = pattern[i : end + 1]
        return token, end + 1, ("-" if token in _SEPARATOR_CLASSES else None)
    if ch in _SEPARATORS:
        return ch, i + 1, ch
    return ch, i + 1, None


def compact_pattern(pattern: str) -> str:
    """`pattern` with its separators removed, for matching compact codes (prefix patterns).

    >>> compact_pattern("CP 21"), compact_pattern("K|L|M|N|P")
    ('CP21', 'K|L|M|N|P')
    """
    loose, _ = loosen(pattern)
    return re.sub(r"\(\?P<s\d+>\)", "", loose)


def compile_postal(
    pattern: str, examples: tuple[str, ...], prefixes: tuple[str, ...], implied: str = ""
) -> PostalFormat:
    """Compile a country's pattern; separators default to what its examples show."""
    loose_text, defaults = loosen(pattern)
    loose = re.compile(loose_text, re.ASCII)
    names = tuple(f"s{k}" for k in range(len(defaults)))
    chosen = _preferred(loose, names, defaults, examples)
    separators = tuple((name, sep) for name, sep in zip(names, chosen, strict=True) if sep)
    draft = PostalFormat(pattern, loose, separators, prefixes, (), implied)
    canonical = tuple(dict.fromkeys(c for e in examples if (c := draft.normalize(e))))
    return PostalFormat(pattern, loose, separators, prefixes, canonical, implied)


def _preferred(
    loose: re.Pattern[str], names: tuple[str, ...], defaults: tuple[str, ...],
    examples: tuple[str, ...],
) -> tuple[str, ...]:
    seen: list[Counter[str]] = [Counter() for _ in names]
    for example in examples:
        before = _separators_before(example.upper())
        match = loose.fullmatch("".join(c for c in example.upper() if c not in _SEPARATORS))
        if match is None:
            continue
        for counter, name in zip(seen, names, strict=True):
            position = match.start(name)
            if position >= 0:
                counter[before[position][:1]] += 1
    return tuple(
        counter.most_common(1)[0][0] if counter else default
        for counter, default in zip(seen, defaults, strict=True)
    )


def _separators_before(text: str) -> list[str]:
    """For each position of the compact text, the separators typed before it."""
    before: list[str] = []
    pending = ""
    for ch in text:
        if ch in _SEPARATORS:
            pending += ch
        else:
            before.append(pending)
            pending = ""
    before.append(pending)
    return before


# python-stdnum's postal-code validators that know more than the pattern:
# Austria's list of existing codes, Spain's province prefixes 01-52, the
# Netherlands' banned letter pairs, Sweden's ranges (no code starts with 0).
STDNUM_MODULES = {
    "AT": "stdnum.at.postleitzahl",
    "ES": "stdnum.es.postal_code",
    "NL": "stdnum.nl.postcode",
    "SE": "stdnum.se.postnummer",
}


@functools.lru_cache(maxsize=16384)
def exists(country: str, compact: str) -> bool:
    """The national validator's answer for a well-formed code (True where there is none).

    Cached: Austria's check walks python-stdnum's code database (about 0.1 ms).

    >>> exists("AT", "1010"), exists("AT", "4231"), exists("ES", "53000"), exists("DE", "99999")
    (True, False, False, True)
    """
    module = STDNUM_MODULES.get(country)
    if module is None:
        return True
    from importlib import import_module  # noqa: PLC0415  (lazy: stdnum's country modules)

    is_valid: Callable[[str], bool] = import_module(module).is_valid
    return is_valid(compact)


def may_exist(country: str, head: str) -> bool:
    """Whether some code the national validator accepts begins with `head` (compact digits).

    As you type: python-stdnum's lists and ranges (`STDNUM_MODULES`) are read
    as the set of their codes' beginnings, so a code no typing can make real
    is said at once, as a complete one would be. Countries whose validator
    the format already says everything of (the Netherlands) or that have none:
    True.

    >>> may_exist("SE", "0"), may_exist("SE", "1"), may_exist("ES", "53"), may_exist("ES", "5")
    (False, True, False, True)
    >>> may_exist("AT", "10"), may_exist("AT", "0"), may_exist("DE", "0")
    (True, False, True)
    """
    known = _EXISTING.get(country)
    if known is None:
        return True
    width, codes = known
    return head[:width] in _beginnings(codes)


@functools.cache
def _beginnings(codes: Callable[[], frozenset[str]]) -> frozenset[str]:
    """Every beginning (the empty one too) of the codes `codes()` gives."""
    return frozenset(code[:size] for code in codes() for size in range(len(code) + 1))


def _austrian_codes() -> frozenset[str]:
    """`stdnum.at.postleitzahl`'s codes: the 4-digit entries of its database with a place."""
    from stdnum import numdb  # noqa: PLC0415  (lazy: read on the first Austrian code typed)

    codes: set[str] = set()
    for length, low, high, props, children in numdb.get("at/postleitzahl").prefixes:
        if length != 4 or children:  # a layout this reading does not know: all may exist
            return frozenset(f"{n:04d}" for n in range(10_000))
        if props:
            codes.update(f"{n:04d}" for n in range(int(low), int(high) + 1))
    return frozenset(codes)


def _spanish_provinces() -> frozenset[str]:
    """`stdnum.es.postal_code`: a code begins with its province, 01 to 52."""
    return frozenset(f"{n:02d}" for n in range(1, 53))


def _swedish_firsts() -> frozenset[str]:
    """`stdnum.se.postnummer`: no code begins with 0."""
    return frozenset("123456789")


# Per country: how many characters of a code tell whether it may exist, and its
# existing codes cut to that many.
_EXISTING: dict[str, tuple[int, Callable[[], frozenset[str]]]] = {
    "AT": (4, _austrian_codes),
    "ES": (2, _spanish_provinces),
    "SE": (1, _swedish_firsts),
}
LISTED = frozenset(_EXISTING)  # the countries `may_exist` knows more of than the format


# -- as you type: can a typed code still become one of the format? ---------------
#
# Python's `re` has no partial matching, so the format's own parse tree is
# walked: the text is a prefix of some code when, reading it through the
# pattern, the text runs out before the pattern does (every pattern in the data
# can always be finished) or exactly where it ends.


# The parser `re` itself uses (no stubs: typed as Any).
_parser: Any = import_module("re._parser")
_c: Any = import_module("re._constants")


@functools.lru_cache(maxsize=512)
def _tree(pattern: str) -> Any:
    return _parser.parse(pattern)


def _in_class(items: Any, ch: int) -> bool:
    negate = False
    found = False
    for op, arg in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            found = found or ch == arg
        elif op is _c.RANGE:
            found = found or arg[0] <= ch <= arg[1]
        elif op is _c.CATEGORY:
            found = found or _category(arg, ch)
    return found != negate


def _category(category: Any, ch: int) -> bool:
    char = chr(ch)
    if category is _c.CATEGORY_DIGIT:
        return char.isascii() and char.isdigit()
    if category is _c.CATEGORY_WORD:
        return char.isascii() and (char.isalnum() or char == "_")
    if category is _c.CATEGORY_SPACE:
        return char in " \t\n\r\f\v"
    return False  # pragma: no cover - no other class appears in the postal data


class _Walk:
    """Positions reachable in `text` through a parse tree; `ran_out` once the text is used up."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ran_out = not text

    def seq(self, items: Any, starts: frozenset[int]) -> frozenset[int]:
        for op, arg in items:
            if not starts:
                break
            starts = self.item(op, arg, starts)
            if len(self.text) in starts:
                self.ran_out = True
        return starts

    def item(self, op: Any, arg: Any, starts: frozenset[int]) -> frozenset[int]:
        text = self.text
        if op is _c.LITERAL:
            return frozenset(i + 1 for i in starts if i < len(text) and ord(text[i]) == arg)
        if op is _c.IN:
            return frozenset(
                i + 1 for i in starts if i < len(text) and _in_class(arg, ord(text[i]))
            )
        if op is _c.ANY:
            return frozenset(i + 1 for i in starts if i < len(text))
        if op is _c.BRANCH:
            return frozenset().union(*(self.seq(alt, starts) for alt in arg[1]))
        if op is _c.SUBPATTERN:
            return self.seq(arg[-1], starts)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            return self.repeat(arg, starts)
        return starts  # AT (anchors, \b): the whole code is matched anyway

    def repeat(self, arg: Any, starts: frozenset[int]) -> frozenset[int]:
        low, high, body = arg
        reached = starts if low == 0 else frozenset()
        current = starts
        count = 0
        while current and (high is _c.MAXREPEAT or count < high):
            current = self.seq(body, current)
            count += 1
            if count >= low:
                if current <= reached:
                    break
                reached = reached | current
        return reached


def can_begin(pattern: str, text: str) -> bool:
    """True when `text` is the beginning of (or all of) some string `pattern` fully matches.

    >>> can_begin("\\\\d{3}(?:-\\\\d{2})?", "12"), can_begin("GIR0AA|B\\\\d", "GI")
    (True, True)
    >>> can_begin("\\\\d{5}", "1234a"), can_begin("\\\\d{5}", "123456")
    (False, False)
    """
    walk = _Walk(text)
    ends = walk.seq(_tree(pattern), frozenset({0}))
    return walk.ran_out or len(text) in ends
