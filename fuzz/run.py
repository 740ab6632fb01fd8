"""Run every fuzz target for a bounded time, each in its own process; exit 1 on any crash.

    python fuzz/run.py                       # CI: 12 s per target
    python fuzz/run.py --seconds 600 --update-corpus   # the long run (see README.md)
    python fuzz/run.py --seconds 30 validate compare   # some targets

Each target starts from its corpus in `fuzz/corpus/<target>/` (new inputs go
to a scratch copy; `--update-corpus` merges the ones that add coverage back,
minimised). A crash does not stop the target: the first input of each crash
class is saved under `--artifacts` and reported by its file path, the crash
kind and the cardvalid line. libFuzzer's own output (which shows inputs) is
kept in `<artifacts>/<target>.log`, never printed: nothing this prints holds
a card number.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
TARGETS = (
    "validate", "check_number", "check_expiry", "check_name", "check_cvc", "check_address",
    "identify", "format_number", "mask", "compare", "explain_decline", "avs", "validate_many",
    "cli_check", "cli_args", "pydantic", "django", "wtforms",
)
_CRASH = re.compile(r"^cardvalid-fuzz: CRASH target=(\S+) kind=(.+?) where=(.*?)(?: input=(\S+))?$")
_RUNS = re.compile(r"^#(\d+)\s+DONE\b|^Done (\d+) runs in")
_FATAL = re.compile(r"^==\d+== ERROR: libFuzzer: (.*)$|^SUMMARY: libFuzzer: (.*)$")
_WRITTEN = re.compile(r"Test unit written to (\S+)")


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("targets", nargs="*", default=list(TARGETS), metavar="TARGET",
                        help=f"some of: {' '.join(TARGETS)} (default all)")
    parser.add_argument("--seconds", type=int, default=12, help="fuzzing time per target")
    parser.add_argument("--runs", type=int, default=-1,
                        help="inputs per target (with --seed: the same inputs every run; "
                        "--seconds still bounds the time)")
    parser.add_argument("--seed", type=int, default=0, help="libFuzzer's seed (0: random)")
    parser.add_argument("--artifacts", default=str(HERE / "artifacts"),
                        help="where crash inputs and logs go (default fuzz/artifacts)")
    parser.add_argument("--update-corpus", action="store_true",
                        help="merge new coverage into fuzz/corpus (minimised)")
    parser.add_argument("--max-len", type=int, default=2048)
    parser.add_argument("--rss-limit-mb", type=int, default=1536)
    parser.add_argument("--timeout", type=int, default=30,
                        help="libFuzzer's wall-clock bound per input, for hangs (s)")
    args = parser.parse_args()
    unknown = set(args.targets) - set(TARGETS)
    if unknown:
        parser.error(f"unknown targets: {' '.join(sorted(unknown))}")
    return args


def _libfuzzer(target: str, args: argparse.Namespace, *extra: str) -> list[str]:
    return [sys.executable, str(HERE / "target.py"), target, f"-max_len={args.max_len}",
            f"-rss_limit_mb={args.rss_limit_mb}", f"-timeout={args.timeout}", *extra]


def _run_one(target: str, args: argparse.Namespace, artifacts: Path) -> tuple[int, list[str]]:
    """Fuzz one target; its number of runs and its crash reports (lines safe to print)."""
    seeds = CORPUS / target
    seeds.mkdir(parents=True, exist_ok=True)
    # libFuzzer runs target.py again (to merge): by its #! line, with this Python first on PATH.
    path = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    env = dict(os.environ, CARDVALID_FUZZ_KEEP_GOING=str(artifacts), PATH=path)
    log_path = artifacts / f"{target}.log"
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as scratch:
        command = _libfuzzer(
            target, args, f"-max_total_time={args.seconds}", f"-runs={args.runs}",
            f"-seed={args.seed}", "-print_final_stats=1",
            f"-artifact_prefix={artifacts}/{target}-", scratch, str(seeds),
        )
        with open(log_path, "w", encoding="utf-8", errors="replace") as log:
            subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, env=env,  # noqa: S603
                           cwd=HERE, check=False, timeout=args.seconds * 3 + 300)
        if args.update_corpus and any(Path(scratch).iterdir()):
            merge = _libfuzzer(target, args, "-merge=1", str(seeds), scratch)
            with open(artifacts / f"{target}.merge.log", "w", encoding="utf-8") as log:
                subprocess.run(merge, stdout=log, stderr=subprocess.STDOUT, cwd=HERE,  # noqa: S603
                               env=dict(env, CARDVALID_FUZZ_TARGET=target), check=False,
                               timeout=args.seconds + 600)
    return _read_log(log_path)


def _lettered(path: Path) -> Path:
    """libFuzzer names a crash by its SHA-1: rename it to letters (no digit run to print)."""
    lettered = path.with_name(path.name.translate(str.maketrans("0123456789", "ghijklmnop")))
    if path.exists():
        path.rename(lettered)
    return lettered


def _read_log(log_path: Path) -> tuple[int, list[str]]:
    runs, reports, fatal = 0, [], ""
    for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines():
        found = _CRASH.match(line)
        if found:
            target, kind, where, path = found.groups()
            reports.append(f"CRASH {target}: {kind} at {where}; input: {path or '(see below)'}")
            continue
        counted = _RUNS.match(line)
        if counted:
            runs = max(runs, int(counted.group(1) or counted.group(2)))
        stopped = _FATAL.match(line)
        if stopped and not fatal:
            fatal = stopped.group(1) or stopped.group(2)
        written = _WRITTEN.search(line)
        if written and fatal:
            path = _lettered(Path(written.group(1)))
            reports.append(f"CRASH libFuzzer: {fatal.split(' ')[0]}; input: {path}")
            fatal = ""
    return runs, reports


def main() -> int:
    args = _options()
    artifacts = Path(args.artifacts).resolve()
    if artifacts.exists():
        shutil.rmtree(artifacts)
    artifacts.mkdir(parents=True)
    crashed = []
    start = time.monotonic()
    for target in args.targets:
        began = time.monotonic()
        runs, reports = _run_one(target, args, artifacts)
        files = list((CORPUS / target).iterdir())
        print(f"{target:16s} {runs:9d} runs  {time.monotonic() - began:6.1f} s  "  # noqa: T201
              f"corpus {len(files)} files, {sum(f.stat().st_size for f in files)} bytes",
              flush=True)
        for report in reports:
            print(f"  {report}", flush=True)  # noqa: T201
        crashed += reports
    print(f"fuzz: {len(args.targets)} targets in {time.monotonic() - start:.0f} s, "  # noqa: T201
          f"{len(crashed)} crash classes; logs and inputs in {artifacts}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
