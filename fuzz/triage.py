"""Describe a crash file without showing the number: `python fuzz/triage.py TARGET FILE...`.

Prints where the number was planted, the characters its spelling used (by
Unicode name), and what the crash was, with every digit shown as `#`.
"""

from __future__ import annotations

import sys
import unicodedata

import atheris
from harness import FuzzCrash, _leak, _outputs, check, digits_of
from plant import plant
from targets import TARGETS


def _hashed(value: object) -> str:
    return "".join("#" if unicodedata.digit(c, None) is not None else c for c in repr(value))


def describe(name: str, path: str) -> str:
    data = open(path, "rb").read()  # noqa: SIM115
    p = plant(atheris.FuzzedDataProvider(data))
    head = f"{path}: target={name} brand={p.row.brand.value} length={len(p.digits)} "
    lines = [head + f"place={p.place}"]
    for key, value in p.form.items():
        if value is None or not digits_of(str(value)):
            continue
        odd = sorted({c for c in str(value) if not c.isascii() or not c.isprintable()})
        names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in odd[:8])
        lines.append(f"  {key} = {_hashed(value)[:160]}  [{names}]")
    try:
        check(TARGETS[name], data)
        lines.append("  no crash")
    except FuzzCrash as crash:
        lines.append(f"  crash: {crash.kind} at {crash.where}")
        if crash.kind == "leak":
            planted, texts = _outputs(TARGETS[name], data, twin=0)
            where = _leak(planted, texts)
            for label, text in texts:
                if label == where:
                    lines.append(f"  {label}: {_hashed(text)[:600]}")
    return "\n".join(lines)


if __name__ == "__main__":
    for file in sys.argv[2:]:
        print(describe(sys.argv[1], file))  # noqa: T201
