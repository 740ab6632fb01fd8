"""A pattern for text still being typed: it matches every *beginning* of a match.

`prefix_pattern(p)` returns a regular expression that fully matches exactly
the strings that can still be completed into a full match of `p` (the empty
string, every beginning of a match, and every match). A form uses it as you
type: "111 5" can still become a Swedish postal code, "11A" cannot.

It reads the small regex language postal-code patterns are written in
(literals, escapes such as `\\d`, character classes, `(...)`, `(?:...)`,
`(?P<name>...)`, `|`, and the quantifiers `?`, `*`, `+`, `{n}`, `{m,n}`) and
builds the new pattern by one rule per construct:

- a character or class `c`: `c?`
- a sequence `a b`: `pre(a) | a pre(b)`
- alternatives `a | b`: `pre(a) | pre(b)`
- a repeat `x{m,n}`: `x{0,n-1} pre(x)` (`x* pre(x)` when unbounded)

Zero-width assertions (`^`, `$`, `\\b`) are dropped, so a pattern that uses
them answers "can still match" a little more often, never less. Other
constructs raise ValueError. The output uses only syntax that Python and
JavaScript read alike.

>>> import re
>>> se = re.compile(prefix_pattern("\\\\d{3}(?P<s0>)\\\\d{2}"))
>>> [bool(se.fullmatch(s)) for s in ("", "111", "1115", "11151", "111511", "11A")]
[True, True, True, True, False, False]
>>> prefix_pattern("ab|c")
'(?:(?:a?|ab?)|c?)'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["class_end", "prefix_pattern"]

_ASSERTIONS = frozenset({"^", "$", "\\b", "\\B", "\\A", "\\Z"})
_CLASS_ESCAPES = frozenset("dDwWsS")


class _Atom(NamedTuple):
    """One character's matcher (`a`, `\\d`, `[A-Z]`, `.`) or a zero-width assertion."""

    source: str


class _Repeat(NamedTuple):
    item: _Node
    low: int
    high: int | None  # None: unbounded


class _Alt(NamedTuple):
    options: tuple[tuple[_Node, ...], ...]  # each option a sequence


_Node = _Atom | _Repeat | _Alt
_EMPTY = _Alt(((),))


def prefix_pattern(pattern: str) -> str:
    """A pattern whose full matches are the beginnings of `pattern`'s full matches."""
    node, end = _alternation(pattern, 0)
    if end != len(pattern):
        raise ValueError(f"unbalanced ')' in pattern {pattern!r}")
    return _pre(node)


# ---------------------------------------------------------------- reading


def _alternation(p: str, i: int) -> tuple[_Alt, int]:
    options = []
    while True:
        items: list[_Node] = []
        while i < len(p) and p[i] not in "|)":
            item, i = _atom(p, i)
            item, i = _quantified(p, i, item)
            items.append(item)
        options.append(tuple(items))
        if i >= len(p) or p[i] != "|":
            return _Alt(tuple(options)), i
        i += 1


def _atom(p: str, i: int) -> tuple[_Node, int]:
    ch = p[i]
    if ch == "(":
        if p.startswith("(?:", i):
            start = i + 3
        elif p.startswith("(?P<", i):
            start = p.index(">", i) + 1
        elif p.startswith("(?", i):
            raise ValueError(f"unsupported group at {i} in pattern {p!r}")
        else:
            start = i + 1
        inner, end = _alternation(p, start)
        if end >= len(p):
            raise ValueError(f"unclosed group in pattern {p!r}")
        return inner, end + 1
    if ch == "[":
        end = class_end(p, i)
        return _Atom(p[i : end + 1]), end + 1
    if ch == "\\":
        escaped = p[i : i + 2]
        letter = escaped[1:]
        if escaped in _ASSERTIONS or letter in _CLASS_ESCAPES or not letter.isalnum():
            return _Atom(escaped), i + 2
        raise ValueError(f"unsupported escape {escaped!r} in pattern {p!r}")
    if ch in "*+?{":
        raise ValueError(f"nothing to repeat at {i} in pattern {p!r}")
    return _Atom(ch), i + 1


def class_end(p: str, start: int) -> int:
    """The index of the `]` closing the character class that opens at `p[start]`.

    >>> class_end("[]a-z]x", 0), class_end(r"[^\\]]", 0)
    (5, 4)
    """
    i = start + 1
    if p[i : i + 1] == "^":
        i += 1
    if p[i : i + 1] == "]":
        i += 1
    while i < len(p) and p[i] != "]":
        i += 2 if p[i] == "\\" else 1
    if i >= len(p):
        raise ValueError(f"unclosed character class in pattern {p!r}")
    return i


def _quantified(p: str, i: int, item: _Node) -> tuple[_Node, int]:
    if i >= len(p) or p[i] not in "?*+{":
        return item, i
    if isinstance(item, _Atom) and item.source in _ASSERTIONS:
        raise ValueError(f"a repeated assertion in pattern {p!r}")
    ch = p[i]
    if ch == "{":
        end = p.index("}", i)
        low_text, comma, high_text = p[i + 1 : end].partition(",")
        low = int(low_text)
        high = (int(high_text) if high_text else None) if comma else low
        repeat, i = _Repeat(item, low, high), end + 1
    else:
        repeat = _Repeat(item, *{"?": (0, 1), "*": (0, None), "+": (1, None)}[ch])
        i += 1
    if i < len(p) and p[i] in "?+":
        raise ValueError(f"lazy or possessive quantifier in pattern {p!r}")
    return repeat, i


# ---------------------------------------------------------------- writing


def _source(node: _Node) -> str:
    """The node as a pattern again (groups become non-capturing)."""
    if isinstance(node, _Atom):
        return node.source
    if isinstance(node, _Repeat):
        low, high = node.low, node.high
        quantifier = (
            "*" if (low, high) == (0, None) else "+" if (low, high) == (1, None)
            else "?" if (low, high) == (0, 1) else f"{{{low}}}" if low == high
            else f"{{{low},{'' if high is None else high}}}"
        )
        return _group(node.item) + quantifier
    return "(?:" + "|".join("".join(map(_source, seq)) for seq in node.options) + ")"


def _group(node: _Node) -> str:
    if isinstance(node, _Atom):
        return node.source
    if isinstance(node, _Alt):
        return _source(node)
    return f"(?:{_source(node)})"


def _pre(node: _Node) -> str:
    """A pattern matching every beginning (the empty one included) of `node`'s matches."""
    if isinstance(node, _Atom):
        return "" if node.source in _ASSERTIONS else node.source + "?"
    if isinstance(node, _Repeat):
        if node.high == 0:
            return ""
        whole = _group(node.item)
        if node.high is None:
            return f"(?:{whole}*{_pre(node.item)})"
        if node.high == 1:
            return _pre(node.item)
        return f"(?:{whole}{{0,{node.high - 1}}}{_pre(node.item)})"
    return "(?:" + "|".join(_pre_sequence(seq) for seq in node.options) + ")"


def _pre_sequence(items: tuple[_Node, ...]) -> str:
    items = tuple(item for item in items if item != _EMPTY)  # `(?P<s0>)` marks a place only
    if not items:
        return ""
    first, rest = items[0], items[1:]
    if not rest:
        return _pre(first)
    return f"(?:{_pre(first)}|{_source(first)}{_pre_sequence(rest)})"
