"""A griffe extension for the API reference: the docstrings' doctests shown as code.

The docstrings carry runnable doctests (`>>>` lines and their output) in
plain text, as pytest reads them; Markdown would read `>>>` as a quote and
`[...]` as a link. Loaded by mkdocs.yml (`extensions:` of the Python
handler), this wraps each run of doctest lines in a fenced `pycon` block
before the docstring is rendered. Development time only.

>>> fence("Text.\\n\\n>>> 1 + 1\\n2\\n\\nMore text.").splitlines()
['Text.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'More text.']
"""

from __future__ import annotations

from typing import Any

import griffe

_PROMPT = ">>>"


def fence(text: str) -> str:
    """`text` with every doctest (from a `>>>` line to the next blank line) fenced as pycon."""
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        if not inside and line.lstrip().startswith(_PROMPT):
            out.append("```pycon")
            inside = True
        elif inside and not line.strip():
            out.append("```")
            inside = False
        out.append(line)
    if inside:
        out.append("```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fence the doctests of every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite the object's docstring text (the source file is not touched)."""
        if obj.docstring is not None and _PROMPT in obj.docstring.value:
            obj.docstring.value = fence(obj.docstring.value)
