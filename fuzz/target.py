#!/usr/bin/env python3
"""Run one fuzz target under atheris: `python fuzz/target.py NAME [libFuzzer options] [corpus]`.

`python fuzz/target.py NAME -runs=0 FILE...` replays inputs (a crash file) once.
A crash prints one line, ``cardvalid-fuzz: CRASH target=... kind=... where=...``,
naming the crash's kind and the cardvalid line where it happened, never the
input (see harness.py). With ``CARDVALID_FUZZ_KEEP_GOING=DIR`` a crash does
not stop the run: the first input of each (kind, where) is saved in DIR as
``crash-<target>-<hash>`` and fuzzing goes on. `fuzz/run.py` runs every target.
"""

from __future__ import annotations

import hashlib
import os
import sys

import atheris

with atheris.instrument_imports(include=["cardvalid"]):
    from targets import TARGETS

from harness import FuzzCrash, check

_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def main() -> None:
    # The name is the first argument, or (when libFuzzer runs this file again to merge)
    # in CARDVALID_FUZZ_TARGET.
    if len(sys.argv) > 1 and sys.argv[1] in TARGETS:
        os.environ["CARDVALID_FUZZ_TARGET"] = sys.argv.pop(1)
    name = os.environ.get("CARDVALID_FUZZ_TARGET", "")
    if name not in TARGETS:
        sys.exit(f"usage: target.py {{{','.join(TARGETS)}}} [libFuzzer options] [corpus dirs]")
    call = TARGETS[name]
    keep_going = os.environ.get("CARDVALID_FUZZ_KEEP_GOING")
    seen: set[str] = set()

    def one_input(data: bytes) -> None:
        try:
            check(call, data)
        except FuzzCrash as crash:
            signature = f"{crash.kind} {crash.where}"
            if keep_going and signature in seen:
                return
            seen.add(signature)
            path = ""
            if keep_going:
                # Letters only: a run of hex digits in a path must not look like a card number.
                tag = hashlib.sha256(data).hexdigest()[:16].translate(_LETTERS)
                path = os.path.join(keep_going, f"crash-{name}-{tag}")
                with open(path, "wb") as out:
                    out.write(data)
                path = f" input={path}"
            sys.stderr.write(f"\ncardvalid-fuzz: CRASH target={name} kind={crash.kind} "
                             f"where={crash.where}{path}\n")
            sys.stderr.flush()
            if not keep_going:
                raise

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
