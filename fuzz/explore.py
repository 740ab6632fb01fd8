"""A census of crash classes: random inputs through every target, one sample per class.

libFuzzer stops at the first crash; while known classes are still open this
keeps going and keeps one input per (target, kind, where) in OUT:

    python fuzz/explore.py --seconds 60 --out /tmp/census [TARGET...]

It prints one line per class (never an input); `fuzz/triage.py` describes a sample.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import tempfile
import time

import atheris
from harness import FuzzCrash, check
from plant import plant, spelling_class
from targets import TARGETS


def _signature(name: str, crash: FuzzCrash, data: bytes) -> str:
    where = re.sub(r":\d+ ", " ", crash.where)  # the same class whatever line it is on
    where = re.sub(r"\[\d+\]", "[]", where)
    if crash.kind != "leak":
        return f"{name} {crash.kind} {where}"
    planted = plant(atheris.FuzzedDataProvider(data))
    return f"{name} {crash.kind} {where} {spelling_class(planted)}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("targets", nargs="*", default=list(TARGETS))
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "cardvalid-census"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311  (inputs, not secrets)
    seen: dict[str, int] = {}
    runs = 0
    for name in args.targets:
        end = time.monotonic() + args.seconds / len(args.targets)
        os.makedirs(os.path.join(args.out, name), exist_ok=True)
        while time.monotonic() < end:
            data = rng.randbytes(rng.randrange(8, 700))
            runs += 1
            try:
                check(TARGETS[name], data)
            except FuzzCrash as crash:
                sig = _signature(name, crash, data)
                seen[sig] = seen.get(sig, 0) + 1
                if seen[sig] == 1:
                    tag = hashlib.sha256(sig.encode()).hexdigest()[:10]
                    with open(os.path.join(args.out, name, tag), "wb") as f:
                        f.write(data)
                    pin = plant(atheris.FuzzedDataProvider(data)).pin
                    with open(os.path.join(args.out, name, tag + ".pin"), "w") as f:
                        f.write(" ".join(map(str, pin)) + "\n")
                    print(f"{tag}  {sig}", flush=True)  # noqa: T201
    print(f"{runs} runs, {len(seen)} classes", flush=True)  # noqa: T201
    for sig, count in sorted(seen.items()):
        print(f"{count:6d}  {sig}")  # noqa: T201


if __name__ == "__main__":
    main()
